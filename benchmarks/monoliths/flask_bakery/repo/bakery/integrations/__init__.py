"""Third-party integrations (accounting, old EPOS)."""
