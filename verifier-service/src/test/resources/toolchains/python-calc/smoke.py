"""Smoke check of the running service: 2 + 3 must be 5."""
import sys
import urllib.request

port = sys.argv[1] if len(sys.argv) > 1 else "8080"
answer = urllib.request.urlopen("http://127.0.0.1:" + port + "/add?a=2&b=3", timeout=5).read().decode()
if answer != "5":
    print("GET /add?a=2&b=3 answered", answer, "instead of 5")
    sys.exit(1)
print("GET /add?a=2&b=3 answered 5")
