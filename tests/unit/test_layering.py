"""Imports flow one way (DESIGN: Layers): Qt stays in ui/, storage depends on nothing above it."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "relationsapp"
STORAGE = PACKAGE / "storage"
LAYERS_ABOVE_STORAGE = (
    "relationsapp.core",
    "relationsapp.ui",
    "relationsapp.reports",
    "relationsapp.interop",
)

# Runs in a fresh interpreter so that modules other tests imported (pytest-qt imports
# PySide6) cannot hide or fake the result. relationsapp.__main__ is left out: importing
# it starts the app.
IMPORT_ALL = """
import json, pkgutil, sys
import relationsapp

imported, failed = [], {}
for info in pkgutil.walk_packages(relationsapp.__path__, "relationsapp."):
    name = info.name
    if name.split(".")[:2] == ["relationsapp", "ui"] or name.endswith("__main__"):
        continue
    try:
        __import__(name)
    except Exception as error:
        failed[name] = f"{type(error).__name__}: {error}"
    else:
        imported.append(name)
qt = sorted(module for module in sys.modules if module.split(".")[0] in ("PySide6", "shiboken6"))
print(json.dumps({"imported": imported, "failed": failed, "qt": qt}))
"""


@pytest.fixture(scope="module")
def import_report() -> dict[str, object]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def test_every_module_outside_ui_imports_cleanly(import_report: dict[str, object]) -> None:
    assert import_report["failed"] == {}
    imported = import_report["imported"]
    assert isinstance(imported, list)
    for expected in (
        "relationsapp.cli",
        "relationsapp.storage.database",
        "relationsapp.core.contact_search",
        "relationsapp.i18n.formatting",
    ):
        assert expected in imported


def test_importing_everything_outside_ui_leaves_qt_unloaded(
    import_report: dict[str, object],
) -> None:
    assert import_report["qt"] == []


def imported_modules(path: Path, root: Path = ROOT) -> list[tuple[int, str]]:
    """(line, module) of every import in the file, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{anchor}.{base}" if base else anchor
            found.append((node.lineno, base))
            found.extend((node.lineno, f"{base}.{alias.name}") for alias in node.names)
    return found


def test_storage_imports_nothing_from_the_layers_above_it() -> None:
    files = sorted(STORAGE.rglob("*.py"))
    assert len(files) > 10
    offending = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in files
        for line, module in imported_modules(path)
        if any(module == layer or module.startswith(layer + ".") for layer in LAYERS_ABOVE_STORAGE)
    ]
    assert offending == []


def test_layer_check_sees_relative_and_absolute_imports(tmp_path: Path) -> None:
    # Guards the checker itself: a storage module importing core or ui in any form is seen.
    probe = tmp_path / "relationsapp" / "storage" / "probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text(
        "from ..core import names\nimport relationsapp.ui.app\n"
        "def later():\n    from relationsapp.interop import vcard\n",
        encoding="utf-8",
    )
    modules = {module for _line, module in imported_modules(probe, tmp_path)}
    assert {"relationsapp.core", "relationsapp.ui.app", "relationsapp.interop"} <= modules
