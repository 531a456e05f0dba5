"""What RQ runs for each queued job (portal/platform/jobs.py): the named function, in this worker's application.

`flask --app portal worker` has the application already; a worker started by `rq worker` makes its own, once.
"""
from __future__ import annotations

from functools import cache
from typing import Any

from flask import Flask, current_app, has_app_context

from portal import create_app
from portal.platform import jobs


@cache
def _own_app() -> Flask:
    return create_app()


def perform(name: str, *args) -> Any:
    app = current_app._get_current_object() if has_app_context() else _own_app()  # type: ignore[attr-defined]
    return jobs.run_queued(app, name, *args)
