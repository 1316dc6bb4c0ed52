"""The ``playbook serve`` command: Voila started with the shared serving configuration, plus
what is about this server (the address, the pool, the kernel cap).

The serving settings live in one file, ``voila.json``, shipped inside the package
(:mod:`playbook.serving.config`) and named on Voila's command line here; Binder and a JupyterHub
single-user server are pointed at the same folder, and the repository's ``voila.json`` (the same
file) serves ``voila workbooks/`` started in the repository. Nothing is installed into the
environment's ``etc/jupyter``, so plain ``voila`` elsewhere keeps Voila's defaults
(docs/SERVING.md). The settings:

* only static assets (by file extension, anchored at the end) are served from the notebook
  folder: no notebook, ``.py``, ``.json`` or database file (DESIGN.md: allowlists are matched
  before ``..`` is resolved, so only extension-anchored patterns are used);
* sources stripped and tracebacks hidden from pages;
* a preheated kernel per workbook, page kernels bounded by :class:`PlaybookKernelManager`,
  idle kernels culled;
* a websocket message limit above the import limit, so an over-large upload reaches the kernel
  and is refused with a message rather than dropping the connection.

``playbook serve`` adds only what is about this server: the address (loopback unless another
host is asked for), the pool size, the kernel cap, and a check that the store is outside the
served folder.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from playbook.errors import PlaybookError

CONFIG_NAME = "voila.json"


class ServeError(PlaybookError):
    """Raised when the server cannot be started with the options given."""


@dataclass(frozen=True)
class ServeOptions:
    """What is about this server: its address, the pool of preheated kernels, the kernel cap,
    a workshop's size (participants), whether to open a browser, and Voila options passed on."""

    port: int = 8866
    host: str = "127.0.0.1"
    pool_size: int | None = None
    preheat: bool = True
    max_kernels: int | None = None
    workshop: int | None = None
    open_browser: bool = False
    extra: tuple[str, ...] = ()


def find_workbooks() -> Path:
    """The notebook folder: ``./workbooks``, the repository's, or the installed copy."""
    candidates = [
        Path.cwd() / "workbooks",
        Path(__file__).resolve().parents[2] / "workbooks",
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


def find_config() -> Path:
    """The folder holding the serving configuration: the package's own
    (:func:`playbook.serving.config.config_dir`), never the environment's ``etc/jupyter``."""
    from playbook.serving.config import config_dir

    try:
        return config_dir()
    except PlaybookError as error:
        raise ServeError(str(error)) from error


def serving_config() -> dict[str, Any]:
    """The shared serving settings, as every way of serving reads them."""
    data: dict[str, Any] = json.loads((find_config() / CONFIG_NAME).read_text())
    return data


def free_port(host: str, port: int, tries: int = 20) -> int:
    """``port`` if it can be bound on ``host``, else the next one that can (Voila would move
    on by itself, and the link printed must name the port it really uses)."""
    for candidate in range(port, port + tries):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
            try:
                s.bind((host, candidate))
            except OSError:
                continue
            return candidate
    raise ServeError(f"Ports {port}-{port + tries - 1} on {host} are all in use; pass --port.")


def voila_argv(workbooks: Path, options: ServeOptions = ServeOptions()) -> list[str]:
    """The Voila command line for serving ``workbooks``: the package's configuration folder
    first (it replaces Voila's search of the environment's config folders, so nothing another
    package put there applies), the current folder after it, then what is about this server
    (``options``)."""
    o = options
    port, host, preheat, pool_size = o.port, o.host, o.preheat, o.pool_size
    config_paths = [str(find_config()), os.getcwd()]
    argv = [
        str(workbooks),
        *(f"--Voila.config_file_paths={p}" for p in config_paths),
        f"--port={port}",
        "--Voila.port_retries=0",
        f"--Voila.ip={host}",
        f"--VoilaConfiguration.preheat_kernel={preheat}",
    ]
    if pool_size is not None or not preheat:
        argv.append(f"--VoilaConfiguration.default_pool_size={pool_size if preheat else 0}")
    if o.max_kernels is not None:
        argv.append(f"--PlaybookKernelManager.max_kernels={o.max_kernels}")
    if o.workshop:
        argv.append(f"--PlaybookKernelManager.workshop={o.workshop}")
    if not o.open_browser:
        argv.append("--no-browser")
    return argv + list(o.extra)


def serve(
    options: ServeOptions = ServeOptions(), store: str | None = None, workbooks: str | None = None
) -> None:
    """Run Voila over the workbooks (``workbooks``: the folder, else the package's) until
    interrupted, with its store at ``store`` (else the default)."""
    from playbook.store import STORE_ENV, default_store_url, prepare_store, store_path

    workshop, max_kernels, host = options.workshop, options.max_kernels, options.host
    folder = Path(workbooks).resolve() if workbooks else find_workbooks()
    if workshop is not None and workshop < 1:
        raise ServeError("--workshop takes the number of participants (1 or more).")
    if workshop and not options.preheat:
        raise ServeError("--workshop warms kernels before the room arrives: drop --no-preheat.")
    if store:
        os.environ[STORE_ENV] = store
    url = default_store_url()
    check_store_outside(url, folder)
    prepare_store(url)  # reached and migrated once here, before any kernel opens it
    path = store_path(url)
    os.environ[STORE_ENV] = str(path) if path else url  # kernels inherit it
    # Kernels must not print participant data into the server log; Voila forwards nothing of
    # theirs unless asked, and the store logs no values (see playbook.session).
    port = free_port(host, options.port)
    shown = "localhost" if host in ("127.0.0.1", "::1", "localhost") else host
    print(f"The playbook is at: http://{shown}:{port}/voila/render/00_start.ipynb", flush=True)
    print(f"Workbooks are stored in: {path or url.split('@')[-1]}", flush=True)
    if workshop:
        for line in workshop_advice(workshop, max_kernels):
            print(line, flush=True)
    from voila.app import Voila

    Voila.launch_instance(argv=voila_argv(folder, replace(options, port=port)))


def workshop_advice(participants: int, max_kernels: int | None = None) -> list[str]:
    """What ``playbook serve --workshop N`` prints: the stock it warms, its memory and warm-up,
    when to start, and whether the machine is short of cores (policy.workshop_plan)."""
    from playbook.serving.memory import default_max_kernels
    from playbook.serving.policy import workshop_plan

    plan = workshop_plan(
        participants,
        max_kernels=max_kernels or default_max_kernels(),
        cores=os.cpu_count() or 1,
    )
    return plan.advice()
