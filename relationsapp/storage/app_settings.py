"""Per-user settings (UI language, which database file) in a small JSON file.

Kept outside the database on purpose: the language must be known before a file is
opened (to translate "this file is from a newer version"), and the database path
cannot live inside the database it names.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

APP_NAME = "RelationsApp"
DATABASE_FILE_NAME = "relationsapp.sqlite"


def config_dir() -> Path:
    override = os.environ.get("RELATIONSAPP_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, APP_NAME))


def cache_dir() -> Path:
    """Where derived files that can be rebuilt live (e.g. static font instances)."""
    override = os.environ.get("RELATIONSAPP_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, APP_NAME))


def default_database_path() -> Path:
    """``<user data dir>/relationsapp.sqlite`` (e.g. ``~/.local/share/RelationsApp``)."""
    override = os.environ.get("RELATIONSAPP_DATA_DIR")
    if override:
        return Path(override) / DATABASE_FILE_NAME
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, APP_NAME)) / DATABASE_FILE_NAME


@dataclass
class AppSettings:
    #: "" = follow the system language.
    language: str = ""
    #: "" = the default location.
    database_path: str = ""
    #: My home IANA zone for the planner; "" = this computer's zone.
    home_zone: str = ""
    #: My name as it goes on culture notes I write; "" = the login name.
    author_name: str = ""

    @classmethod
    def load(cls) -> AppSettings:
        path = config_dir() / "settings.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {key: str(value) for key, value in data.items() if key in cls.__dataclass_fields__}
        return cls(**known)

    def save(self) -> None:
        path = config_dir() / "settings.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
        temporary.replace(path)  # atomic: a crash never leaves half a settings file

    def resolved_database_path(self, override: str | None = None) -> Path:
        """``--db`` beats the settings entry, which beats the default location."""
        chosen = override or self.database_path
        return Path(chosen).expanduser() if chosen else default_database_path()
