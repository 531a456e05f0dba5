"""Demo and synthetic data, as data, and the commands that load them: for development and benchmarks only."""
