"""Every number a participant reads is the article's (attributed) or this workbook's default
(issue 21; docs/CONTENT.md, "Numbers a participant reads").

The convention, checked here:

* **Content YAML** (``playbook/content/*.yaml``): a string that shows a percentage, a range,
  a ratio or a number with a unit either attributes it (it names "the playbook", "the
  article" or "the author", and the number is one of the article's numbers listed in
  docs/CONTENT.md's table with the article's words) or names it as a default (the string
  says "default", e.g. "(a default of this workbook)").
* **Code** (string literals of ``playbook/ui/**`` but the imports panel, ``playbook/*/text.py``,
  ``playbook/*/standing.py``, ``playbook/charts/*.py``; docstrings skipped): no article number
  is typed in: it is read from the content and interpolated. A literal with a number passes
  only when it says "default" itself, or is in ``ALLOWED`` with its reason.
* **Notebooks**: markdown cells carry no such number at all (the page shows them from content).

The article's numbers come from docs/CONTENT.md; when the article is beside the repository
(../shared/seed/), each listed wording is checked to be the article's own.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "production-managers-playbook.txt"

#: A percentage, a range, a ratio, or a number with a unit a participant would read as a claim.
NUMBER = re.compile(
    r"(?<![\w.:/#-])(\d+(?:\.\d+)?)"
    r"(?:\s*%|/\d+\b|\s?(?:-|–|to)\s?\d+(?:\.\d+)?(?:\s*%)?(?!-\d)|"
    r"\s(?:hours?|h|days?|weeks?|months?|points?|workbooks?|statements?|systems?)\b)"
)
ATTRIBUTED = re.compile(r"\b(playbook|article|author)", re.IGNORECASE)
DEFAULT = re.compile(r"\bdefaults?\b", re.IGNORECASE)

#: Numbers that are neither the article's nor a default, each with its reason.
ALLOWED: dict[str, str] = {
    "1-5": "the answer scale's range (audit, elements), shown so the participant can answer",
    "0-100": "the score scale of the career and leadership charts",
    "0 to 100": "the axis range of a share chart",
    "24 hours": "the length of a day (a check on typed hours)",
    "5 to 3": "a placeholder example of a measured change, not a claim",
    "1-1": "a time-log keyword ('1-1 with Sam'), not a number",
}

CODE = sorted(
    [
        p
        for p in (ROOT / "playbook" / "ui").rglob("*.py")
        if p.parts[-2:] != ("time_split", "imports.py")
    ]
    + list((ROOT / "playbook").glob("*/text.py"))
    + list((ROOT / "playbook").glob("*/standing.py"))
    + list((ROOT / "playbook" / "charts").glob("*.py"))
)


def article_numbers(text: str) -> list[tuple[str, str]]:
    """docs/CONTENT.md's table of the article's numbers: (number, the article's words)."""
    return re.findall(r"^\| `([^`]+)` \| \"([^\"]+)\" \|", text, re.MULTILINE)


ROWS = article_numbers((ROOT / "docs" / "CONTENT.md").read_text(encoding="utf-8"))
ARTICLE = {number for number, _words in ROWS}


def numbers(text: str) -> Iterator[str]:
    for m in NUMBER.finditer(text):
        if 1900 <= float(m.group(1)) <= 2100:  # a year of the article's examples, or a date
            continue
        yield " ".join(m.group(0).split())


def key(number: str) -> str:
    """The article's number a match stands for: '70%' and '70/30' and '15-20 h' -> table keys."""
    n = number.replace("–", "-").replace(" to ", "-")
    n = re.sub(
        r"\s+(hours?|h|days?|weeks?|months?|points?|workbooks?|statements?|systems?)$", "", n
    )
    return n.replace(" ", "")


#: A layout value rather than text: a bare CSS length ("95%", "min(100%, 60em)") or a style sheet.
LAYOUT = re.compile(r"^\s*(min\()?[\d.]+%|[{;]\s*[\w-]+\s*:")


def content_problems(where: str, text: str) -> list[str]:
    out = []
    for number in numbers(text):
        if number in ALLOWED or DEFAULT.search(text):
            continue
        if ATTRIBUTED.search(text) and key(number) in ARTICLE:
            continue
        out.append(f"{where}: {number!r} in {text[:100]!r}")
    return out


def code_problems(where: str, text: str) -> list[str]:
    if LAYOUT.search(text):
        return []
    return [
        f"{where}: {number!r} in {text[:100]!r}"
        for number in numbers(text)
        if number not in ALLOWED and not DEFAULT.search(text)
    ]


def yaml_strings(data: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(data, dict):
        for k, v in data.items():
            yield from yaml_strings(v, f"{path}.{k}")
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from yaml_strings(v, f"{path}[{i}]")
    elif isinstance(data, str):
        yield path, data


def code_strings(path: Path) -> Iterator[tuple[str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = []
            for v in node.values:
                inside.add(id(v))
                parts.append(v.value if isinstance(v, ast.Constant) else "{}")
            yield f"{path.relative_to(ROOT)}:{node.lineno}", "".join(map(str, parts))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings | inside
        ):
            yield f"{path.relative_to(ROOT)}:{node.lineno}", node.value


def test_the_article_numbers_are_listed_with_the_articles_words():
    assert {"70/30", "15-20", "10%", "20-30%", "60%"} <= set(ARTICLE)
    if not SEED.exists():
        pytest.skip("the article is not beside the repository")
    flat = " ".join(SEED.read_text(encoding="utf-8").split()).replace("—", " ")
    for number, words in ROWS:
        assert number in words, (number, words)
        assert " ".join(words.replace("—", " ").split()) in flat, (number, words)


def test_content_numbers_are_attributed_or_defaults():
    problems = []
    for f in sorted((ROOT / "playbook" / "content").glob("*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        for where, text in yaml_strings(data, f.name):
            problems += content_problems(where, text)
    assert not problems, "\n".join(problems)


def test_code_types_no_article_number():
    problems = []
    for f in CODE:
        for where, text in code_strings(f):
            problems += code_problems(where, text)
    assert not problems, "\n".join(problems)


def test_notebook_markdown_carries_no_threshold():
    problems = []
    for nb in sorted((ROOT / "workbooks").glob("*.ipynb")):
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                text = "".join(cell["source"])
                problems += [f"{nb.name}: {n!r}" for n in numbers(text) if n not in ALLOWED]
                for words in ("groups smaller than", "twenty workbooks", "interval"):
                    if words in text.lower() and re.search(r"\d|three|twenty", text.lower()):
                        problems.append(f"{nb.name}: {words!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("check", "text", "bad"),
    [
        (content_problems, "Aim for 25% more visibility time.", True),  # unattributed
        (content_problems, "The playbook says 35 hours a week.", True),  # not the article's
        (content_problems, "The playbook recommends 70/30.", False),
        (content_problems, "Within 5 points (a default of this workbook).", False),
        (code_problems, "Community building (playbook: 15-20 h)", True),  # typed in code
        (code_problems, "groups of 3 workbooks (a default of this workbook)", False),
    ],
)
def test_a_planted_bad_string_fails(check, text, bad):
    assert bool(check("planted", text)) is bad
