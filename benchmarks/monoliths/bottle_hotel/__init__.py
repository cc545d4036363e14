"""Evaluation monolith: a flat Bottle app for a small hotel chain (PMS, POS, channel manager)."""
