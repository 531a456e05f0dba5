"""The staff dashboard: counts for a period as charts and tables, open to viewers (counts only)."""
