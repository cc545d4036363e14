"""The typed, weighted dependency graph of code and data."""
