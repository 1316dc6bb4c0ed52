"""The layers of docs/ARCHITECTURE.md, checked: imports point downward only.

The imports are read from the source (every ``import``, at module level or inside a function,
except those under ``if TYPE_CHECKING:``), and followed through the package's own modules at
module level, so that a domain module cannot reach a widget through a helper it imports.
A second check imports the pure modules in a fresh interpreter and looks at what got loaded.
"""

from __future__ import annotations

import ast
import contextlib
import json
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

import playbook
from playbook.contract import WORKBOOKS

PACKAGE = Path(playbook.__file__).resolve().parent

#: What pure logic, charts and parsers must never load: the UI stack and the store.
FORBIDDEN = ("ipywidgets", "traitlets", "IPython", "voila", "playbook.store")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES: dict[str, Path] = {
    _module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "__pycache__" not in p.parts
}


@contextlib.contextmanager
def probe_module(folder: Path, source: str) -> Iterator[str]:
    """A throwaway module ``playbook._probe`` with ``source``, known to the checks for the
    block's duration (to show that a check would see what it looks for)."""
    name = "playbook._probe"
    MODULES[name] = folder / "probe.py"
    MODULES[name].write_text(source)
    try:
        yield name
    finally:
        del MODULES[name]


def _within(*packages: str) -> list[str]:
    """Every module of these packages (the package itself and everything under it)."""
    return sorted(m for m in MODULES if any(m == p or m.startswith(p + ".") for p in packages))


#: The registered domain packages (from the registry: no count or name typed here).
DOMAIN_PACKAGES = sorted({w.domain.partition(":")[0] for w in WORKBOOKS if w.domain})
DOMAIN = _within(*DOMAIN_PACKAGES)
#: Pure too: what reads the domains for coaches, the statistics, the shared models.
HUBS = _within(
    "playbook.cohort",
    "playbook.cadence",
    "playbook.stats",
    "playbook.models",
    "playbook.contract",
    "playbook.history",
)
CHARTS = _within("playbook.charts")
IMPORTS = _within("playbook.imports")
PURE = DOMAIN + HUBS + CHARTS + IMPORTS


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    is_package = MODULES[module].name == "__init__.py"
    base = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
    return ".".join([*base, node.module] if node.module else base)


@cache
def imports_of(module: str, *, top_level_only: bool = False) -> frozenset[str]:
    """The modules ``module`` imports (``from a import b`` counts ``a.b`` when it is a module)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(nodes: list) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and _is_type_checking(node):
                visit(node.orelse)
                continue
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(module, node)
                found.add(base)
                found.update(
                    f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES
                )
            nested = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            if nested and top_level_only:
                continue
            for field in ("body", "orelse", "finalbody", "handlers"):
                children = getattr(node, field, None)
                if isinstance(children, list):
                    visit([c for c in children if isinstance(c, ast.stmt | ast.ExceptHandler)])

    visit(tree.body)
    return frozenset(found)


def _parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def reach(module: str) -> set[str]:
    """Everything importing ``module`` loads: its own imports (functions included), then the
    module-level imports of the package modules these load, parent packages included."""
    seen: set[str] = set()
    todo = list(imports_of(module))
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        if name in MODULES:
            todo += [*imports_of(name, top_level_only=True), *_parents(name)]
    return seen


def _forbidden(names: set[str]) -> list[str]:
    return sorted(n for n in names if any(n == f or n.startswith(f + ".") for f in FORBIDDEN))


def test_the_module_lists_are_not_empty():
    """Does the check see every registered domain package, the cohort, the charts and the
    parsers?"""
    registered = [w for w in WORKBOOKS if w.domain]
    assert registered and len(DOMAIN_PACKAGES) == len(registered)
    assert all(p in DOMAIN for p in DOMAIN_PACKAGES)
    assert "playbook.cohort" in HUBS and "playbook.imports.calendar" in IMPORTS and CHARTS


@pytest.mark.parametrize("module", PURE)
def test_pure_modules_import_no_ui_and_no_store(module):
    """Does a domain, chart or import module stay clear of widgets, the kernel and the store?"""
    assert _forbidden(reach(module)) == []


def test_the_check_would_see_a_widget_behind_a_helper():
    """Would the check catch a view (and so ipywidgets) reached through another module?"""
    assert "ipywidgets" in reach("playbook.ui.common")
    # an import inside a function counts for the module itself, not for those importing it
    assert "playbook.session" in imports_of("playbook")
    assert "playbook.session" not in imports_of("playbook", top_level_only=True)
    assert _forbidden(reach("playbook.session"))  # the session holds traits and the store


def _view_of(module: str) -> str | None:
    """The view a module belongs to (``playbook.ui.time_split`` or a file in its folder)."""
    parts = module.split(".")
    if len(parts) < 3 or parts[:2] != ["playbook", "ui"] or parts[2] in ("common", "__init__"):
        return None
    return parts[2]


VIEW_MODULES = sorted(m for m in MODULES if _view_of(m))


def _views_through_the_package(module: str) -> list[str]:
    """Views a module takes from ``playbook.ui`` itself (``from playbook.ui import XView``:
    the package's lazy attribute, which imports the other view's module)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    return [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and _resolve(module, node) == "playbook.ui"
        for alias in node.names
        if alias.name.endswith("View")
    ]


@pytest.mark.parametrize("module", VIEW_MODULES)
def test_a_view_imports_no_other_view(module):
    """Does each view use ui/common and the domain, never another view's module, directly or
    through ``playbook.ui``'s lazy names?"""
    others = {
        name for name in imports_of(module) if _view_of(name) and _view_of(name) != _view_of(module)
    }
    assert others == set()
    assert _views_through_the_package(module) == []


#: Calls and modules that read or write files or the network: never in pure logic (parsers
#: take bytes, content comes through playbook.content, the one reader of packaged files).
IO_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "urlopen", "mkdir"}
IO_MODULES = ("socket", "urllib.request", "http.client", "requests", "httpx", "shutil")


def _io_uses(module: str) -> list[str]:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found = [
        n for n in imports_of(module) if any(n == m or n.startswith(m + ".") for m in IO_MODULES)
    ]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = (
                f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            )
            if name in IO_CALLS:
                found.append(f"{name}() (line {node.lineno})")
    return found


@pytest.mark.parametrize("module", sorted(set(DOMAIN + HUBS + CHARTS + IMPORTS)))
def test_pure_modules_do_no_file_or_network_io(module):
    """Does pure logic stay clear of files and the network (bytes in, values out)?"""
    assert _io_uses(module) == []


def test_the_io_check_would_see_a_file_read(tmp_path):
    """Would the check catch ``Path(...).read_text()`` and ``open()`` in a module?"""
    source = "from pathlib import Path\nimport socket\nx = Path('a').read_text()\nopen('b')\n"
    with probe_module(tmp_path, source) as probe:
        assert _io_uses(probe) == [
            "socket",
            "read_text() (line 3)",
            "open() (line 4)",
        ]
        imports_of.cache_clear()


PROBE = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps(sorted(sys.modules)))
"""


def test_importing_the_pure_modules_loads_no_ui(tmp_path):
    """In a fresh interpreter, do the pure modules load none of the UI stack, directly or
    through a library?"""
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *PURE],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert _forbidden(set(json.loads(out.stdout))) == []


def _private_uses(module: str) -> list[str]:
    """Private names (``_name``) of other playbook modules that ``module`` imports or reads."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    modules: dict[str, str] = {}  # local name -> the playbook module it is bound to
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("playbook"):
                    modules[alias.asname or alias.name.partition(".")[0]] = (
                        alias.name if alias.asname else "playbook"
                    )
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, node)
            if not base.startswith("playbook"):
                continue
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"from {base} import {alias.name}")
                if f"{base}.{alias.name}" in MODULES:
                    modules[alias.asname or alias.name] = f"{base}.{alias.name}"
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or not _is_private(node.attr):
            continue
        dotted = _dotted(node.value)
        if dotted is None:
            continue
        head, _, rest = dotted.partition(".")
        target = modules.get(head, head if head == "playbook" else None)
        if target is not None:
            path = ".".join(p for p in (target, rest) if p)
            if path in MODULES or path.startswith("playbook"):
                found.append(f"{path}.{node.attr} (line {node.lineno})")
    return found


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _dotted(node: ast.expr) -> str | None:
    """``a.b.c`` as a string when ``node`` is a chain of names, else ``None``."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_uses_another_modules_private_names(module):
    """Does every module keep to the others' public names (what two modules share is public)?"""
    assert _private_uses(module) == []


def test_the_private_check_would_see_a_dotted_access(tmp_path):
    """Would the check catch ``playbook.time_split._span`` reached through the package path,
    and a private name of a module imported by name?"""
    source = (
        "import playbook.time_split\nfrom playbook import career\n"
        "a = playbook.time_split._span\nb = career._strict\n"
    )
    with probe_module(tmp_path, source) as probe:
        found = _private_uses(probe)
        assert found == ["playbook.time_split._span (line 3)", "playbook.career._strict (line 4)"]


#: What reads every workbook through the registry: it names none of them.
READERS = _within(
    "playbook.plan", "playbook.cohort", "playbook.cadence", "playbook.ui.plan", "playbook.ui.cohort"
)
#: Each registered domain's section name and package (from the registry).
DOMAIN_NAMES = {w.section for w in WORKBOOKS if w.domain} | {
    p.rpartition(".")[2] for p in DOMAIN_PACKAGES
}


def _names_of_domains(module: str) -> list[str]:
    """The other domain packages ``module`` imports and the other domains' names it spells in
    its code (a docstring's examples aside; the plan is a domain too, and names itself)."""
    own = module.replace("playbook.ui.", "playbook.").split(".")[1]
    packages = [p for p in DOMAIN_PACKAGES if p != f"playbook.{own}"]
    names = DOMAIN_NAMES - {own}
    found = [
        n for n in imports_of(module) if any(n == p or n.startswith(p + ".") for p in packages)
    ]
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found += [
        f"{node.value!r} (line {node.lineno})"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in names and id(node) not in docstrings
    ]
    return found


@pytest.mark.parametrize("module", READERS)
def test_the_readers_of_every_workbook_name_none(module):
    """Do the plan, the cohort view and the cadence reach the workbooks only through the
    registry (no domain imported, no domain's name spelled in their code)?"""
    assert _names_of_domains(module) == []


def test_the_name_check_would_see_a_list_of_domains(tmp_path):
    """Would the check catch a hard-coded tuple of section names and a domain import?"""
    source = '"""career"""\nfrom playbook.career import assess\nSOURCES = ("career", "pilots")\n'
    with probe_module(tmp_path, source) as probe:
        found = _names_of_domains(probe)
        assert found[0].startswith("playbook.career")
        assert found[1:] == ["'career' (line 3)", "'pilots' (line 3)"]
