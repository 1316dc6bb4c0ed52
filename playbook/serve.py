"""How ``playbook serve`` starts Voila: safe defaults, in one place and testable.

* only static assets (by file extension, anchored at the end) are served from the notebook
  folder: no notebook, ``.py``, ``.json`` or database file (DESIGN.md: allowlists are matched
  before ``..`` is resolved, so only extension-anchored patterns are used);
* sources stripped and tracebacks hidden from pages;
* a preheated kernel per workbook, so a page is interactive at once, and idle kernels culled
  (closing a tab does not stop its kernel, voila#1458);
* a websocket message limit above the import limit, so an over-large upload reaches the kernel
  and is refused with a message rather than dropping the connection;
* loopback unless another host is asked for; the store outside the served folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from playbook.errors import PlaybookError
from playbook.record import WORKBOOK_FILE_LIMIT

STATIC_ALLOWLIST = [r".*\.(png|jpg|jpeg|gif|svg|ico|css|woff|woff2)$"]
#: Belt and braces: never these, even if an allowlist is widened by a config file.
STATIC_DENYLIST = [
    r".*\.(ipynb|py|pyc|json|sqlite|sqlite3|db|wal|shm|csv|ics|yaml|yml|md|txt|env|cfg|toml|ini)$",
    r"(^|.*/)\..*",
]

#: Uploads arrive over the kernel websocket. Files up to this size reach the kernel, which
#: refuses anything over its import limit with a message; a larger one drops the connection
#: (tornado's default is 10 MiB, exactly the import limit, which would drop borderline files).
WEBSOCKET_LIMIT = 4 * WORKBOOK_FILE_LIMIT

CULL_IDLE_SECONDS = 900
CULL_INTERVAL_SECONDS = 60


class ServeError(PlaybookError):
    """Raised when the server cannot be started with the options given."""


def find_workbooks() -> Path:
    """The notebook folder: ``./workbooks``, the repository's, or the installed copy."""
    candidates = [
        Path.cwd() / "workbooks",
        Path(__file__).resolve().parent.parent / "workbooks",
        Path(sys.prefix) / "share" / "playbook" / "workbooks",
    ]
    for c in candidates:
        if (c / "00_start.ipynb").is_file():
            return c.resolve()
    raise ServeError("Could not find the workbooks folder; pass --workbooks.")


def check_store_outside(store_url: str, served: Path) -> None:
    from playbook.store import store_path

    path = store_path(store_url)
    if path is None:
        return
    resolved = path.expanduser().resolve()
    if resolved == served or served in resolved.parents:
        raise ServeError(
            f"The workbook store {resolved} is inside the served folder {served}; "
            "participant data must live outside it (set PLAYBOOK_STORE elsewhere)."
        )


def voila_argv(
    workbooks: Path,
    *,
    port: int = 8866,
    host: str = "127.0.0.1",
    pool_size: int = 1,
    preheat: bool = True,
    cull_idle: int = CULL_IDLE_SECONDS,
    open_browser: bool = False,
) -> list[str]:
    """The Voila command line for serving ``workbooks``."""
    argv = [
        str(workbooks),
        f"--port={port}",
        f"--Voila.ip={host}",
        f"--Voila.tornado_settings={{'websocket_max_message_size': {WEBSOCKET_LIMIT}}}",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        *(f"--VoilaConfiguration.file_allowlist={p}" for p in STATIC_ALLOWLIST),
        *(f"--VoilaConfiguration.file_denylist={p}" for p in STATIC_DENYLIST),
        f"--VoilaConfiguration.preheat_kernel={preheat}",
        f"--VoilaConfiguration.default_pool_size={pool_size if preheat else 0}",
        f"--MappingKernelManager.cull_idle_timeout={cull_idle}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}",
        "--MappingKernelManager.cull_connected=False",
    ]
    if not open_browser:
        argv.append("--no-browser")
    return argv


def serve(
    *,
    port: int = 8866,
    host: str = "127.0.0.1",
    store: str | None = None,
    workbooks: str | None = None,
    pool_size: int = 1,
    preheat: bool = True,
    open_browser: bool = False,
) -> None:
    """Run Voila over the workbooks until interrupted."""
    from playbook.store import STORE_ENV, default_store_url, store_path

    folder = Path(workbooks).resolve() if workbooks else find_workbooks()
    if store:
        os.environ[STORE_ENV] = store
    url = default_store_url()
    check_store_outside(url, folder)
    path = store_path(url)
    os.environ[STORE_ENV] = str(path) if path else url  # kernels inherit it
    # Kernels must not print participant data into the server log; Voila forwards nothing of
    # theirs unless asked, and the store logs no values (see playbook.session).
    shown = "localhost" if host in ("127.0.0.1", "::1", "localhost") else host
    print(f"The playbook is at: http://{shown}:{port}/voila/render/00_start.ipynb", flush=True)
    print(f"Workbooks are stored in: {path or url.split('@')[-1]}", flush=True)
    from voila.app import Voila

    Voila.launch_instance(
        argv=voila_argv(
            folder,
            port=port,
            host=host,
            pool_size=pool_size,
            preheat=preheat,
            open_browser=open_browser,
        )
    )
