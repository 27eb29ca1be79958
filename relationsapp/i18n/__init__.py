"""Translations (gettext catalogs) and Babel formatting in the reader's locale."""
