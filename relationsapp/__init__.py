"""RelationsApp: an offline-first account manager for international sales staff."""

__version__ = "0.1.0"
