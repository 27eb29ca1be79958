"""PySide6 widgets, item models, dialogs and undo commands (the only layer that imports Qt)."""
