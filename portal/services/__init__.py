"""Domain logic that views and commands call; none of it knows about HTTP."""
