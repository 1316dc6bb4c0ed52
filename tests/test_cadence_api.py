"""The cadence package's public face (playbook/cadence/__init__.py) and the size of its
modules."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import playbook.cadence as cd

PUBLIC = [
    "Agenda",
    "CADENCE_PART",
    "CadenceContent",
    "CalendarState",
    "CalendarWords",
    "Dates",
    "Due",
    "EventState",
    "PageWords",
    "Published",
    "agenda",
    "calendar_bytes",
    "gather_dates",
    "load_content",
    "next_occurrence",
    "page_of",
    "parse_state",
    "plain",
    "publish",
    "uid",
    "when",
]


def test_the_public_face_is_pinned():
    """Does the package offer exactly these names, each importable?"""
    assert sorted(cd.__all__) == sorted(PUBLIC)
    for name in PUBLIC:
        assert getattr(cd, name) is not None, name


def test_every_module_is_under_500_lines():
    """Is every module of the package under 500 lines (one concern a file)?"""
    modules = [m.name for m in pkgutil.iter_modules(cd.__path__, "playbook.cadence.")]
    assert len(modules) >= 5
    for name in modules:
        path = Path(importlib.import_module(name).__file__ or "")
        assert len(path.read_text(encoding="utf-8").splitlines()) < 500, name


def test_the_package_names_no_workbook():
    """Does the cadence read the workbooks through the registry only: no domain package
    imported, no section named in its code?"""
    from playbook.contract import sections

    for m in pkgutil.iter_modules(cd.__path__, "playbook.cadence."):
        text = Path(importlib.import_module(m.name).__file__ or "").read_text(encoding="utf-8")
        code = "\n".join(
            line for line in text.splitlines() if not line.lstrip().startswith((">>>", "..."))
        )
        for section in sections():
            assert f"playbook.{section}" not in code, (m.name, section)
            assert f'"{section}"' not in code, (m.name, section)


def test_importing_it_loads_no_calendar_library(tmp_path):
    """Does importing the package (as the record and the start page do) leave icalendar
    unloaded until a calendar file is written?"""
    probe = "import sys, playbook.cadence; print('icalendar' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.strip() == "False"
