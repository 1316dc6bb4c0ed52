"""The wheel configures only what is ours (issue 18).

The serving configuration ships inside the package (``playbook/serving/config/``) and is read
only where it is named: the wheel puts nothing into the environment's ``etc/jupyter``, so plain
``voila any.ipynb`` in an environment holding the package keeps Voila's defaults (its kernel
manager, no denylist of ours, no gzip), while ``playbook serve`` names the package's folder.

The wheel is built from a copy of the working tree (the shared checkout gets no ``build/``),
installed with its dependencies (Voila among them) from the package index into a fresh
virtual environment: about a minute with pip's cache.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.test_binder import uv

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / "playbook" / "serving" / "config"
TOY = {
    "cells": [{"cell_type": "code", "metadata": {}, "source": "x = 1", "outputs": [],
               "execution_count": None}],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                "language": "python"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}  # fmt: skip

NAME = """
def name(value):
    return value if isinstance(value, str) else f"{value.__module__}.{value.__qualname__}"
"""

PLAIN_VOILA = (
    NAME
    + """
import json, sys
from voila.app import Voila
from voila.configuration import VoilaConfiguration
from jupyter_server.serverapp import ServerApp
app = Voila()
app.initialize([sys.argv[1], "--no-browser"])
ours = app.voila_configuration
defaults = VoilaConfiguration()
changed = sorted(n for n in defaults.trait_names() if n not in ("config", "parent", "log")
                 and getattr(ours, n) != getattr(defaults, n))
server = ServerApp()
server.load_config_file()
print(json.dumps({
    "manager": name(ours.multi_kernel_manager_class),
    "default_manager": name(defaults.multi_kernel_manager_class),
    "changed": changed,
    "sections": sorted(app.config),
    "server_sections": sorted(server.config),
    "config_file_paths": app.config_file_paths,
}))
"""
)

OUR_COMMAND = (
    NAME
    + """
import json, sys
from pathlib import Path
from playbook.serving.command import find_workbooks, voila_argv
from voila.app import Voila
argv = voila_argv(find_workbooks())
app = Voila()
app.initialize(argv)  # the configuration is read and checked; no server is started
print(json.dumps({
    "argv": argv,
    "prefix": sys.prefix,
    "manager": name(app.voila_configuration.multi_kernel_manager_class),
    "denylist": app.voila_configuration.file_denylist,
}))
"""
)


def run(*cmd: str, cwd: Path, env: dict[str, str], timeout: float = 300) -> str:
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{cmd}: {result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def test_repository_voila_json_is_the_packaged_one():
    """Does ``voila workbooks/`` started in the repository (which reads ./voila.json) get the
    same settings as the package ships?"""
    assert (REPO / "voila.json").read_text() == (CONFIG / "voila.json").read_text()
    assert not (REPO / "jupyter-config").exists()


@pytest.mark.slow
def test_wheel_leaves_plain_voila_alone_and_playbook_serve_names_its_config(tmp_path):
    """In a fresh environment with the wheel and Voila: is there no etc/jupyter file of ours,
    does plain voila on a toy notebook keep every default (its kernel manager first), and does
    ``playbook serve``'s command line name the package's configuration, giving our kernel
    manager and denylist?"""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    # the tree as it is (committed or not), without touching the shared checkout
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
    shutil.copytree(REPO / "playbook", src / "playbook", ignore=ignore)
    shutil.copytree(REPO / "workbooks", src / "workbooks", ignore=ignore)
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(src),
        cwd=tmp_path, env=env)  # fmt: skip
    (wheel,) = dist.glob("production_playbook_workbook-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "playbook/serving/config/voila.json" in names
    assert "playbook/serving/config/jupyter_server_config.json" in names
    assert not [n for n in names if "/data/etc/" in n], "the wheel installs into etc/"

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", str(venv), cwd=tmp_path, env=env)
    py = str(venv / "bin" / "python")
    env = dict(env, PATH=f"{venv / 'bin'}:{env['PATH']}", VIRTUAL_ENV=str(venv))
    # and Voila, with uv (as test_binder: the wheel's files land where pip puts them, in a
    # tenth of pip's time; .pyc files are written at first import)
    run(uv(), "pip", "install", "-q", "--python", py, str(wheel), cwd=tmp_path, env=env)

    etc = venv / "etc" / "jupyter"
    assert not (etc / "voila.json").exists()
    assert not (etc / "jupyter_server_config.json").exists()
    assert (venv / "share" / "playbook" / "workbooks" / "00_start.ipynb").is_file()

    toy_dir = tmp_path / "toy"
    toy_dir.mkdir()
    (toy_dir / "toy.ipynb").write_text(json.dumps(TOY))
    plain = json.loads(run(py, "-c", PLAIN_VOILA, "toy.ipynb", cwd=toy_dir, env=env))
    assert plain["manager"] == plain["default_manager"]
    assert "playbook" not in plain["manager"]
    assert plain["changed"] == [], plain
    assert "PlaybookKernelManager" not in plain["sections"]
    assert "PlaybookKernelManager" not in plain["server_sections"]
    assert str(venv / "etc" / "jupyter") in plain["config_file_paths"]  # it looked there

    ours = json.loads(run(py, "-c", OUR_COMMAND, cwd=toy_dir, env=env))
    installed = next((venv / "lib").glob("python*/site-packages/playbook/serving/config"))
    assert ours["argv"][0] == str(venv / "share" / "playbook" / "workbooks")
    assert ours["argv"][1] == f"--Voila.config_file_paths={installed}"
    assert ours["manager"] == "playbook.serving.manager.PlaybookKernelManager"
    assert (
        ours["denylist"]
        == json.loads((CONFIG / "voila.json").read_text())["VoilaConfiguration"]["file_denylist"]
    )
