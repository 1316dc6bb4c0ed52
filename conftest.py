"""Test isolation for everything pytest collects (tests/ and the nbval run over workbooks/).

Set at import time, before any kernel starts, so that nbval's kernels and the served app's
kernels inherit it: no test touches ~/.jupyter, ~/.local/share/jupyter, ~/.ipython or the real
user data directory, and every run starts from an empty default store.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_ROOT = Path(tempfile.mkdtemp(prefix="playbook-tests-"))
for _var, _sub in (
    ("JUPYTER_CONFIG_DIR", "jupyter-config"),
    ("JUPYTER_DATA_DIR", "jupyter-data"),
    ("IPYTHONDIR", "ipython"),
    ("XDG_DATA_HOME", "xdg-data"),
):
    (_ROOT / _sub).mkdir(parents=True, exist_ok=True)
    os.environ[_var] = str(_ROOT / _sub)
os.environ["PLAYBOOK_STORE"] = str(_ROOT / "default-store" / "workbooks.sqlite")
os.environ.pop("JUPYTERHUB_USER", None)
for _var in [v for v in os.environ if v.startswith("BINDER_")]:  # run inside a Binder session
    os.environ.pop(_var)
os.environ.pop("PLAYBOOK_CONTENT", None)


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    """Longest first: the files holding a ``slow`` test, then those driving a browser, then the
    rest, each group in its collected order. With two workers and ``--dist loadfile
    --no-loadscope-reorder`` (scripts/test) the quick unit files fill the end of the run instead
    of a two-minute environment build starting last on one worker."""

    def group(path: str) -> int:
        marks = marks_by_file[path]
        return 0 if "slow" in marks else 1 if "browser" in marks else 2

    marks_by_file: dict[str, set[str]] = {}
    for item in items:
        marks_by_file.setdefault(item.nodeid.split("::")[0], set()).update(
            m.name for m in item.iter_markers()
        )
    items.sort(key=lambda item: group(item.nodeid.split("::")[0]))
