"""Shared test helpers (factories of realistic records)."""
