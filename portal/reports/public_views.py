"""The residents' page of what became of the recommendations: /<lang>/outcomes.

It sits on the residents' blueprint (portal/submissions/public_views.py), like the meeting pages, so its endpoint
is `public.outcomes`; create_app imports this module before it registers that blueprint.
"""
from __future__ import annotations

from flask import g, render_template

from portal.platform import db
from portal.platform.page_cache import cached_page
from portal.reports.outcomes import public_outcomes
from portal.submissions.public_views import bp


@bp.get("/outcomes")
def outcomes():
    return cached_page(("outcomes", g.lang), lambda: render_template(
        "public/outcomes.html", outcomes=public_outcomes(db.session(), g.lang)))
