"""Submissions: the residents' forms and status page; intake, the inbox, search, triage, redaction, retention."""
