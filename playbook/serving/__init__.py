"""What the Voila server process does for the playbook, whoever starts it.

``playbook serve``, plain ``voila workbooks/``, Binder and a JupyterHub single-user server all
read the same configuration, which names :class:`PlaybookKernelManager` as the kernel manager
(``playbook.serving.PlaybookKernelManager``). Through it the server gets:

* a dependable hand-off of requests to preheated kernels, and a bound on how long a page may
  take: past it the page says what happened and offers to retry, and its kernel is stopped
  (never an endless spinner);
* kernels that stay bounded: a page's kernel is stopped when the page never connects within a
  grace, soon after the page is closed (answers are saved as they are entered), or when it has
  been busy far beyond any real use; live page kernels are capped (default from the machine's
  memory) and a newcomer beyond the cap gets a "busy, try again in a minute" page; page loads
  are limited per client;
* a front door on the web application (compression, caching, our own pages, logs without
  query strings).

The modules: :mod:`~playbook.serving.policy` and :mod:`~playbook.serving.memory` (the rules,
no tornado or Voila), :mod:`~playbook.serving.manager` and :mod:`~playbook.serving.pool` (the
kernel manager), :mod:`~playbook.serving.patches` (every change to upstream Python code),
:mod:`~playbook.serving.assets` (the front-end files we change),
:mod:`~playbook.serving.front_door`, :mod:`~playbook.serving.pages`,
:mod:`~playbook.serving.logs`, and :mod:`~playbook.serving.command` (``playbook serve``).

Everything here runs in the server process only; nothing in it is imported by kernels. Names
from the kernel manager are loaded when first used, so the rules import without tornado.
"""

from __future__ import annotations

import importlib
from typing import Any

from playbook.serving.memory import KERNEL_MB, default_max_kernels, machine_memory_mb
from playbook.serving.policy import (
    STUCK_SECONDS,
    Door,
    Limits,
    PageKernel,
    TokenBucket,
    Verdict,
    page_verdict,
    pool_target,
)

__all__ = [
    "KERNEL_MB",
    "STUCK_SECONDS",
    "Door",
    "Limits",
    "PageKernel",
    "PlaybookKernelManager",
    "ServeError",
    "ServeOptions",
    "TokenBucket",
    "Verdict",
    "default_max_kernels",
    "machine_memory_mb",
    "page_verdict",
    "pool_target",
    "serve",
    "serving_config",
    "voila_argv",
]

_LAZY = {
    "PlaybookKernelManager": "playbook.serving.manager",
    "ServeError": "playbook.serving.command",
    "ServeOptions": "playbook.serving.command",
    "serve": "playbook.serving.command",
    "serving_config": "playbook.serving.command",
    "voila_argv": "playbook.serving.command",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
