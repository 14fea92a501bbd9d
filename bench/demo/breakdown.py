#!/usr/bin/env python3
"""Where a demo job's time went, from the planner's event log of the job (GET /jobs/{id}/events).

    breakdown.py <planner-url> <job-id>

The planner's API needs a token: PAVU_TOKEN, else the local stack's admin token ($PAVU_STACK_DIR/admin-token, by
default .pavu/stack/admin-token), as the CLI does.

Prints one line: submitted→baseline candidate (planner and actuator), baseline (verifier, the diff's event to its
verdict), verdict→first repair candidate (planner and actuator), first candidate (verifier: its diff's event to its
verdict; the first PASS when there is one), the rest to the conclusion, and the whole; seconds.
"""
import json
import os
import sys
import urllib.request
from datetime import datetime


def at(e):
    return datetime.fromisoformat(e["occurredAt"].replace("Z", "+00:00")).timestamp()


def token():
    if os.environ.get("PAVU_TOKEN"):
        return os.environ["PAVU_TOKEN"]
    path = os.path.join(os.environ.get("PAVU_STACK_DIR", ".pavu/stack"), "admin-token")
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return None


def main():
    url, job = sys.argv[1].rstrip("/"), sys.argv[2]
    request = urllib.request.Request(f"{url}/jobs/{job}/events")
    if token():
        request.add_header("Authorization", f"Bearer {token()}")
    with urllib.request.urlopen(request) as r:
        events = json.load(r)
    events.sort(key=at)
    first = lambda pred: next((e for e in events if pred(e)), None)
    submitted = first(lambda e: e["type"] == "pavu.job.submitted.v1")
    base_diff = first(lambda e: e["type"] == "pavu.diff.proposed.v1" and e["iteration"] == 0)
    base_verdict = first(lambda e: e["type"] == "pavu.verdict.issued.v1" and base_diff and e["causationId"] == base_diff["eventId"])
    diffs = {e["eventId"]: e for e in events if e["type"] == "pavu.diff.proposed.v1" and e["iteration"] > 0}
    verdicts = [e for e in events if e["type"] == "pavu.verdict.issued.v1" and e["causationId"] in diffs]
    judged = [v for v in verdicts if v["payload"].get("verdict") != "SKIPPED"]
    passed = next((v for v in judged if v["payload"].get("verdict") == "PASS"), judged[0] if judged else None)
    concluded = first(lambda e: e["type"] == "pavu.job.concluded.v1")
    if not (submitted and base_diff and base_verdict and passed and concluded):
        print("incomplete job: " + ", ".join(sorted({e["type"] for e in events})))
        return
    cand_diff = diffs[passed["causationId"]]
    first_repair = min((d for d in diffs.values()), key=at)
    parts = [
        ("to baseline", at(base_diff) - at(submitted)),
        ("baseline", at(base_verdict) - at(base_diff)),
        ("to candidate", at(first_repair) - at(base_verdict)),
        ("candidate", at(passed) - at(cand_diff)),
        ("to conclusion", at(concluded) - at(passed)),
        ("total", at(concluded) - at(submitted)),
    ]
    print(", ".join(f"{n} {s:.2f} s" for n, s in parts))


if __name__ == "__main__":
    main()
