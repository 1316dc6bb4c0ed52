"""docs/CONTENT.md maps every section of the article to where it lives in the workbook
(issue 21): each heading of the article is a row of the map, and each row names a heading."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "production-managers-playbook.txt"
DOC = (ROOT / "docs" / "CONTENT.md").read_text(encoding="utf-8")
MAP = DOC.split("## Where each section of the article lives", 1)[1].split("\n## ", 1)[0]
ROWS = re.findall(r"^\| `([^`]+)`[^|]*\| ([^|]+) \| ([^|]+) \|$", MAP, re.MULTILINE)


def article_headings(text: str) -> list[str]:
    """The article's section headings: its short lines between the title and the share line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith("The Production Manager"))
    end = lines.index("Share this article:")
    return [line for line in lines[start + 1 : end] if len(line) < 100]


def test_the_map_has_a_place_for_every_row():
    """Does every row of the map say what the section says and where it lives?"""
    assert len(ROWS) >= 20
    assert all(what.strip() and where.strip() for _heading, what, where in ROWS)


def test_every_heading_of_the_article_is_in_the_map_in_order():
    """Is each heading of the article a row of the map, in the article's order, and each row
    a heading of the article?"""
    if not SEED.exists():
        pytest.skip("the article is not beside the repository")
    headings = article_headings(SEED.read_text(encoding="utf-8"))
    assert len(headings) == 20 and headings[0].startswith("Why Traditional")
    mapped = list(dict.fromkeys(h for h, _what, _where in ROWS))
    assert mapped == headings


def test_the_parts_built_for_issues_20_and_21_are_mapped():
    """Are the balance view, the community catalogue, the human element, the mentor sessions,
    the cadence and the history each mapped to the module that holds them (no "planned" row
    left)?"""
    assert "planned (other helper" not in MAP
    for where in (
        "playbook.time_split.balance",
        "community practice catalogue",
        "Human element",
        "playbook.mentoring",
        "playbook.cadence",
        "playbook.history",
    ):
        assert where in MAP, where
