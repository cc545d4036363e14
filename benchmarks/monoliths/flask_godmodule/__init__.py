"""Evaluation monolith: a flat Flask app for a chain of veterinary clinics."""
