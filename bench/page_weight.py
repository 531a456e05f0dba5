"""Page weight of every resident page: HTML and CSS (and images, if any) in bytes, uncompressed and gzipped.

    .venv/bin/python bench/page_weight.py [--languages en ar ne]

Goal: at most 30 KB uncompressed per page, no JavaScript, nothing from another host.
"""
from __future__ import annotations

import argparse
import gzip
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from portal import create_app  # noqa: E402
from portal.platform import db  # noqa: E402
from portal.platform.schema import upgrade_to_head  # noqa: E402
from portal.demo.seed import seed_demo_data  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("/", "/concern", "/meetings", "/status", "/privacy")
LINKED = re.compile(r'(?:href|src)="(/static/[^"]+)"')
OUTSIDE = re.compile(r'(?:href|src)="(?:https?:)?//')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", nargs="+", default=["en", "ar", "ne", "so", "uk"])
    arguments = parser.parse_args()
    instance = Path(tempfile.mkdtemp(prefix="portal-weight-"))
    app = create_app({"DATABASE_URL": f"sqlite:///{instance / 'weight.db'}", "SECRET_KEY": "bench",
                      "DATA_KEY": None, "ENV": "development"})
    with app.app_context():
        upgrade_to_head(db.engine())
        seed_demo_data(db.session(), reset=False)
        db.session().commit()
        feedback = db.session().execute(text("SELECT min(id) FROM meeting")).scalar_one()
    client = app.test_client()
    print(f"{'page':32} {'HTML':>7} {'+CSS etc':>9} {'total':>7} {'gzipped':>8}  scripts  other hosts")
    worst = 0
    for lang in arguments.languages:
        for path in (*PAGES, f"/meetings/{feedback}/feedback"):
            html = client.get(f"/{lang}{path}").get_data()
            assets = b"".join((ROOT / link.lstrip("/")).read_bytes()
                              for link in set(LINKED.findall(html.decode())) if "favicon" not in link)
            total = len(html) + len(assets)
            worst = max(worst, total)
            scripts = html.count(b"<script")
            outside = len(OUTSIDE.findall(html.decode()))
            print(f"/{lang}{path:29} {len(html):7,} {len(assets):9,} {total:7,} "
                  f"{len(gzip.compress(html)) + len(gzip.compress(assets)):8,}  {scripts:7}  {outside:11}")
    print(f"largest page with its stylesheet: {worst:,} bytes (goal 30,720)")


if __name__ == "__main__":
    main()
