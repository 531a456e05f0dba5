"""Staff accounts: sign-in, two-factor, users and roles, and the permission decorator."""
