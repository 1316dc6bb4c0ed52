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
