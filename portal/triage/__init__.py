"""The back office: inbox, submissions, triage."""
