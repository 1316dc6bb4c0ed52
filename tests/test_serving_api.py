"""The public face of playbook.serving: the names it offers, and what importing it loads."""

from __future__ import annotations

import json
import subprocess
import sys

import playbook.serving

API = [
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


def test_the_package_offers_these_names():
    """Is ``__all__`` this list (a change to it is a change to what others may import), and
    does every name resolve?"""
    assert sorted(playbook.serving.__all__) == sorted(API)
    for name in API:
        assert getattr(playbook.serving, name) is not None


def test_the_configured_kernel_manager_is_found_by_its_configured_name():
    """Does the name the configuration gives (``playbook.serving.PlaybookKernelManager``) load
    the kernel manager, as traitlets loads it?"""
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from traitlets.utils.importstring import import_item

    from playbook.serving.manager import PlaybookKernelManager

    km = import_item("playbook.serving.PlaybookKernelManager")
    assert km is PlaybookKernelManager and issubclass(km, AsyncMappingKernelManager)


PROBE = """
import json, sys
import playbook.serving, playbook.serving.policy, playbook.serving.memory
import playbook.serving.pages
print(json.dumps(sorted(sys.modules)))
"""


def test_the_rules_import_without_tornado_or_voila(tmp_path):
    """Do the package, its rules, its sizing and its pages load no tornado, Voila, Jupyter
    server or zmq (the kernel manager is loaded only when named)?"""
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    loaded = set(json.loads(out.stdout))
    heavy = ("tornado", "voila", "jupyter_server", "jupyter_client", "zmq", "traitlets")
    assert sorted(m for m in loaded if m.split(".")[0] in heavy) == []


def test_no_serving_module_is_over_500_lines():
    """Does every module of the package stay readable in one sitting?"""
    from pathlib import Path

    folder = Path(playbook.serving.__file__).parent
    long = {p.name: n for p in folder.glob("*.py") if (n := len(p.read_text().splitlines())) > 500}
    assert long == {}
