"""DomainError: what a service raises when a rule of the portal refuses what someone asked.

A service may change objects and only then meet the rule that refuses; it raises anyway. The exception escapes
the view, the request's unit of work rolls back everything the request changed (PortalFlask in
portal/__init__.py), and the feature's blueprint shows the form's page again with what was typed and the message
(one `bp.errorhandler` per blueprint), so views call services without catching anything.
"""
from __future__ import annotations


class DomainError(Exception):
    """A refusal for the person who asked; each feature subclasses it (TriageError, ReportError, ...)."""
