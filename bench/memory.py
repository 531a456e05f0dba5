"""Memory of a gunicorn worker under mixed traffic: resident size after 10,000 and after 20,000 requests.

    .venv/bin/python bench/memory.py [--database sqlite|postgres]

One worker (so every request reaches the worker measured) with four threads (more than the shipped one); the mix:
every resident page in every language, concerns sent, status lookups, a page that does not exist. Goal: at most
150 MB after 10,000 requests, and not growing between 10,000 and 20,000.
"""
from __future__ import annotations

import argparse
import itertools
import subprocess
import threading
import uuid
from pathlib import Path

from load import Resident
from serve import portal_server

LANGUAGES = ("en", "es", "ar", "so", "sw", "rw", "ne", "fa-AF", "ps", "fr", "vi", "uk")
PAGES = ("/", "/concern", "/meetings", "/status", "/privacy", "/nowhere")


def worker_rss_kb(base_url: str) -> int:
    """The resident size of the one worker of the gunicorn bound to base_url's port."""
    port = base_url.rsplit(":", 1)[1]
    master = subprocess.run(["pgrep", "-o", "-f", f"127.0.0.1:{port}"], capture_output=True, text=True).stdout.split()
    children = subprocess.run(["pgrep", "-P", master[0]], capture_output=True, text=True).stdout.split()
    status = Path(f"/proc/{children[0]}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))


def mixed_requests(base_url: str, count: int, clients: int = 4) -> int:
    plan = itertools.cycle([(lang, page) for lang in LANGUAGES for page in PAGES] + [("en", "SEND")] * 10
                           + [("fr", "STATUS")] * 5)
    lock, done = threading.Lock(), [0]

    def client() -> None:
        resident = Resident(base_url)
        while True:
            with lock:
                if done[0] >= count:
                    return
                done[0] += 1
                lang, page = next(plan)
            if page == "SEND":
                if not resident.token:
                    resident.read_form()
                resident.send_concern(uuid.uuid4().hex[:6])
            elif page == "STATUS":
                resident.request("POST", "/fr/status", f"csrf_token={resident.token}&reference=AAAA-BBBB-CCCC")
            else:
                resident.request("GET", f"/{lang}{page}")

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    arguments = parser.parse_args()
    with portal_server(arguments.database, workers=1, threads=4) as served:
        start = worker_rss_kb(served.base_url)
        mixed_requests(served.base_url, 10_000)
        after_10k = worker_rss_kb(served.base_url)
        mixed_requests(served.base_url, 10_000)
        after_20k = worker_rss_kb(served.base_url)
    print(f"{arguments.database}: worker resident size at start {start / 1024:.1f} MB, after 10,000 requests "
          f"{after_10k / 1024:.1f} MB, after 20,000 {after_20k / 1024:.1f} MB "
          f"(growth {(after_20k - after_10k) / 1024:+.1f} MB)")


if __name__ == "__main__":
    main()
