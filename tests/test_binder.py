"""The Binder configuration installs into a fresh virtual environment and runs the workbooks.

This follows repo2docker's order for a ``binder/`` folder: ``requirements.txt`` with pip, then
``postBuild``; then every workbook is executed there with nbconvert, as a participant's kernel
would run it. It also checks that the README's badge opens the Voila start page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def uv() -> str:
    """The uv of the test environment (the ``test`` extra installs it beside pytest)."""
    found = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    assert found, "uv is missing: install the test extra (pip install -e '.[test]')"
    return found


def test_readme_badge_opens_the_voila_start_page():
    """Does the Binder badge link to the Voila render of the start page, not the file browser?"""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\(https://mybinder\.org/v2/gh/[^)]+\)", readme)
    assert links, "no Binder badge link in README.md"
    for link in links:
        assert "urlpath=voila%2Frender%2Fworkbooks%2F00_start.ipynb" in link


def test_binder_files_are_what_repo2docker_reads():
    """Are runtime.txt, requirements.txt and an executable postBuild in binder/?"""
    assert (REPO / "binder" / "runtime.txt").read_text().strip() == "python-3.11"
    assert os.access(REPO / "binder" / "postBuild", os.X_OK)
    reqs = (REPO / "binder" / "requirements.txt").read_text()
    for name in ("voila", "ipywidgets", "plotly"):
        assert re.search(rf"^{name}\b", reqs, re.M)


@pytest.mark.slow
def test_binder_environment_installs_and_runs_every_workbook(tmp_path):
    """In a fresh venv built from binder/, does every workbook execute without error?"""
    env_dir = tmp_path / "binder-env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    env = dict(os.environ, PATH=f"{env_dir / 'bin'}:{os.environ['PATH']}", VIRTUAL_ENV=str(env_dir))
    env.pop("PYTHONPATH", None)
    env["PLAYBOOK_STORE"] = str(tmp_path / "store.sqlite")

    def run(*cmd: str, cwd: Path = REPO) -> None:
        result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, f"{cmd}: {result.stdout[-3000:]}\n{result.stderr[-3000:]}"

    # The requirements installed with uv (from the test extra), not repo2docker's pip: the same
    # requirement file resolved against the same index, in seconds instead of two minutes of
    # CI's CPU; nor byte-compiled up front (Python writes the .pyc files it needs at first
    # import). What this checks is that binder/ makes an environment that runs the workbooks;
    # postBuild below still runs with the environment's own pip, as on Binder.
    run(uv(), "pip", "install", "-q", "--python", str(py), "-r", "binder/requirements.txt")
    run("bash", "binder/postBuild")
    out = tmp_path / "executed"
    notebooks = sorted(str(p) for p in (REPO / "workbooks").glob("*.ipynb"))
    run(
        str(env_dir / "bin" / "jupyter"),
        "nbconvert",
        "--to",
        "notebook",
        "--execute",
        "--ExecutePreprocessor.timeout=180",
        "--output-dir",
        str(out),
        *notebooks,
    )
    executed = sorted(p.name for p in out.glob("*.ipynb"))
    assert executed == sorted(Path(n).name for n in notebooks)
    # the installed package is the repository's, and the workbook wrote to the store we gave
    check = (
        f"import playbook, sys; sys.exit(0 if playbook.__file__.startswith({str(REPO)!r}) else 1)"
    )
    run(str(py), "-c", check)
    assert (tmp_path / "store.sqlite").exists()
    # the Jupyter server on Binder reads the same serving configuration as `playbook serve`
    config = (
        "from jupyter_server.serverapp import ServerApp; a = ServerApp(); a.load_config_file();"
        "import sys; km = a.config.ServerApp.kernel_manager_class;"
        "sys.exit(0 if km == 'playbook.serving.PlaybookKernelManager' else 1)"
    )
    run(str(py), "-c", config, cwd=tmp_path)
    etc = env_dir / "etc" / "jupyter"
    config = REPO / "playbook" / "serving" / "config"
    assert (etc / "voila.json").read_text() == (config / "voila.json").read_text()
