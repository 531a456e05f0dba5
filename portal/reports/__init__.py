"""Recommendation reports for the mayor: drafts, evidence, the frozen final report, its PDF; the CSV export."""
