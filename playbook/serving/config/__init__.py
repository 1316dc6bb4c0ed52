"""The serving configuration, shipped inside the package and read only where it is named.

``voila.json`` (standalone Voila, and Voila as a server extension) and
``jupyter_server_config.json`` (a Jupyter server: Binder, a hub's single-user server). The
package installs nothing into the environment's ``etc/jupyter``: plain ``voila any.ipynb`` in
an environment with the package keeps Voila's defaults. Each way of serving names this folder
(docs/SERVING.md, "Where each way of serving finds the configuration"):

* ``playbook serve``: ``--Voila.config_file_paths=<this folder>``;
* Binder: ``binder/postBuild`` copies both files into the Binder environment's ``etc/jupyter``
  (that environment serves nothing else);
* a hub: ``deploy/jupyterhub_config.py`` puts this folder on the single-user servers'
  ``JUPYTER_CONFIG_PATH``;
* ``voila workbooks/`` started in the repository reads the repository's ``voila.json`` (the
  same file; ``tests/test_serving_wheel.py`` checks they are equal).

``python -m playbook.serving.config`` prints the folder (for a hub whose single-user image
differs from the hub's).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

VOILA_CONFIG = "voila.json"
SERVER_CONFIG = "jupyter_server_config.json"


def config_dir() -> Path:
    """The folder holding the serving configuration files (inside the installed package)."""
    folder = Path(str(files(__name__)))
    if not (folder / VOILA_CONFIG).is_file():
        from playbook.errors import PlaybookError

        raise PlaybookError(f"The serving configuration {folder / VOILA_CONFIG} is missing.")
    return folder
