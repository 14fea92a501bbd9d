"""A tiny HTTP service over calc for the runtime probe: GET /health, GET /add?a=1&b=2."""
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse

import calc

HEALTH_STATUS = 200


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urlparse(self.path)
        if url.path == "/health":
            self.reply(HEALTH_STATUS, "ok" if HEALTH_STATUS == 200 else "unhealthy")
        elif url.path == "/add":
            q = parse_qs(url.query)
            self.reply(200, str(calc.add(int(q["a"][0]), int(q["b"][0]))))
        else:
            self.reply(404, "not found")

    def reply(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        print("request:", fmt % args, flush=True)


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    print("listening on", port, flush=True)
    HTTPServer(("127.0.0.1", port), Handler).serve_forever()
