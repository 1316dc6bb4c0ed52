"""Coach-editable content: YAML files validated by pydantic models when loaded.

Each file ships inside the package (``playbook/content/<name>.yaml``). A coach can point the
``PLAYBOOK_CONTENT`` environment variable at a folder of edited copies; a file found there
replaces the packaged one of the same name (files not found there fall back to the package).

Errors name the file and, where the bad value sits under an item with an ``id``, that id::

    ContentError: career_paths.yaml, item 'standardization': options -> 0 -> weights: ...
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from playbook.errors import ContentError

M = TypeVar("M", bound=BaseModel)

CONTENT_ENV = "PLAYBOOK_CONTENT"


def content_path(name: str) -> Path:
    """Where ``<name>.yaml`` is read from: the coach's folder if it has the file, else the package."""
    filename = f"{name}.yaml"
    override = os.environ.get(CONTENT_ENV)
    if override:
        candidate = Path(override).expanduser() / filename
        if candidate.is_file():
            return candidate
    return Path(str(resources.files("playbook.content").joinpath(filename)))


def _item_id_at(data: Any, loc: tuple[Any, ...]) -> tuple[str | None, tuple[Any, ...]]:
    """The id of the innermost item with an ``id`` on the path ``loc``, and the rest of the path."""
    found: str | None = None
    rest: tuple[Any, ...] = loc
    node = data
    for i, part in enumerate(loc):
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found, rest = node["id"], loc[i + 1 :]
    return found, rest


#: Content read once per file version: (name, model, path, mtime, size) -> the model. A page,
#: a restored workbook file or a cohort of 500 files asks for the same content many times.
_LOADED: dict[tuple[str, type[BaseModel], Path, int, int], BaseModel] = {}


def load_content(name: str, model: type[M]) -> M:
    """Load ``<name>.yaml`` and validate it with ``model``; the same file, unchanged since, is
    read once (the content is shared: treat it as read-only).

    Raises
    ------
    ContentError
        When the file is missing, is not YAML, or fails validation; the message names the file
        and the id of the item at fault.
    """
    path = content_path(name)
    try:
        stat = path.stat()
    except OSError:
        stat = None
    key = (name, model, path, stat.st_mtime_ns, stat.st_size) if stat else None
    if key is not None and key in _LOADED:
        return _LOADED[key]  # type: ignore[return-value]
    loaded = _read(path, model)
    if key is not None:
        _LOADED[key] = loaded
    return loaded


def _read(path: Path, model: type[M]) -> M:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(f"{path.name}: content file not found at {path}") from None
    except UnicodeDecodeError as err:
        raise ContentError(f"{path.name}: not UTF-8 text ({err.reason})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        where = getattr(err, "problem_mark", None)
        at = f" at line {where.line + 1}, column {where.column + 1}" if where else ""
        raise ContentError(f"{path.name}: not valid YAML{at}") from None
    try:
        return model.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        item, rest = _item_id_at(data, tuple(first["loc"]))
        where = " -> ".join(str(p) for p in rest) or "(top level)"
        prefix = f"{path.name}, item '{item}'" if item else path.name
        more = f" (and {err.error_count() - 1} more problems)" if err.error_count() > 1 else ""
        raise ContentError(f"{prefix}: {where}: {first['msg']}{more}") from None
