"""Fault: stop the machine's PostgreSQL in the middle of a load and start it again.

    .venv/bin/python bench/fault_postgres.py --clients 20 --seconds 45 --stop-at 10 --start-at 20

Shows, phase by phase, what residents got (303 = accepted, 503 = the translated "temporarily unavailable" page
that keeps their text), that the portal recovers by itself once the database is back (pool pre-ping), and that
every accepted submission was stored. Needs root on this machine (pg_ctlcluster); it stops the shared server, so
run it alone.
"""
from __future__ import annotations

import argparse
import subprocess
import time
import uuid
from collections import Counter
from pathlib import Path

from load import Tally, report, start_clients, stored_markers
from serve import portal_server


def pg_cluster(action: str) -> None:
    version = sorted(path.name for path in Path("/etc/postgresql").iterdir())[0]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action]
                   + (["-m", "fast"] if action == "stop" else []), check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=45)
    parser.add_argument("--stop-at", type=float, default=10)
    parser.add_argument("--start-at", type=float, default=20)
    arguments = parser.parse_args()
    run_id, tally = uuid.uuid4().hex[:8], Tally()
    by_phase: dict[str, Counter] = {"before": Counter(), "outage": Counter(), "after": Counter()}
    with portal_server("postgres") as (base_url, database_url, _environment):
        started = time.monotonic()
        deadline = started + arguments.seconds
        phase = {"name": "before"}

        def count_in_phase(status: int) -> None:
            with tally.lock:
                by_phase[phase["name"]][status] += 1

        threads = start_clients(base_url, arguments.clients, deadline, run_id, tally, count_in_phase)
        time.sleep(arguments.stop_at)
        phase["name"] = "outage"
        pg_cluster("stop")
        print(f"PostgreSQL stopped at {time.monotonic() - started:.1f} s")
        time.sleep(arguments.start_at - arguments.stop_at)
        pg_cluster("start")
        phase["name"] = "after"
        print(f"PostgreSQL started at {time.monotonic() - started:.1f} s")
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    for name, statuses in by_phase.items():
        print(f"  {name}: {dict(sorted(statuses.items()))}")
    accepted, stored = len(tally.accepted_markers), stored_markers(database_url, run_id)
    report("postgres with an outage", tally, elapsed, stored)
    recovered = by_phase["after"][303] > 0
    only_unavailable = all(status in (303, 503) for statuses in by_phase.values() for status in statuses)
    print(f"recovered by itself: {recovered}; failures were all the 503 page: {only_unavailable}; "
          f"lost: {accepted - stored}")
    raise SystemExit(0 if recovered and only_unavailable and accepted == stored else 1)


if __name__ == "__main__":
    main()
