"""SQLAlchemy engine and session, ORM models, migrations, backups and the search index."""
