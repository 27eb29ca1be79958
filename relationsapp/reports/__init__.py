"""reportlab PDF documents (briefing sheet, trip pack, metrics report)."""
