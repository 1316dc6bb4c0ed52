"""The `playbook` command and the package as installed."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

from playbook.cli import main
from playbook.record import WORKBOOK_FILE_LIMIT
from playbook.serving.command import ServeError, check_store_outside, serving_config, voila_argv

REPO = Path(__file__).resolve().parent.parent


def test_export_then_import_into_a_new_workbook(store, store_url, tmp_path, capsys):
    """Does `playbook export` write a file that `playbook import` restores under a new key?"""
    wid, key = store.create_workbook()
    store.save_section(
        wid,
        "career",
        {"context": {"transition": "major"}, "preference": {}, "areas": [], "own_areas": []},
    )
    out = tmp_path / "mine.json"
    assert main(["--store", store_url, "export", "--key", key, "-o", str(out)]) == 0
    assert json.loads(out.read_text())["sections"]["career"]["context"] == {"transition": "major"}
    assert main(["--store", store_url, "import", str(out)]) == 0
    new_key = capsys.readouterr().out.strip().rsplit(" ", 1)[-1]
    assert new_key != key and store.load_record(store.find_by_key(new_key))["sections"]["career"][
        "context"
    ] == {"transition": "major"}


def test_cli_reports_bad_input_without_a_traceback(store_url, tmp_path, capsys):
    """Does a bad key or a foreign file end with a message and exit status 2?"""
    assert main(["--store", store_url, "export", "--key", "nope"]) == 2
    assert "malformed" in capsys.readouterr().err
    foreign = tmp_path / "x.json"
    foreign.write_text('{"hello": 1}')
    assert main(["--store", store_url, "import", str(foreign)]) == 2
    assert "not a playbook workbook" in capsys.readouterr().err


def test_serve_defaults_are_safe():
    """Does the shared serving configuration keep stripped sources, no tracebacks, preheating,
    culling, our kernel manager, extension-anchored static files and an upload limit above the
    import limit; and does the command line keep loopback and read that configuration?"""
    argv = voila_argv(REPO / "workbooks")
    assert "--Voila.ip=127.0.0.1" in argv
    assert argv[1] == f"--Voila.config_file_paths={REPO / 'playbook' / 'serving' / 'config'}"
    config = serving_config()
    voila = config["VoilaConfiguration"]
    assert voila["strip_sources"] is True
    assert voila["show_tracebacks"] is False
    assert voila["preheat_kernel"] is True
    assert voila["multi_kernel_manager_class"] == "playbook.serving.PlaybookKernelManager"
    assert config["MappingKernelManager"]["cull_idle_timeout"] > 0
    allow = voila["file_allowlist"]
    assert allow and all(p.endswith("$") and not p.startswith("public") for p in allow)
    assert config["Voila"]["tornado_settings"]["websocket_max_message_size"] > WORKBOOK_FILE_LIMIT


def test_server_extension_config_matches_the_voila_config():
    """Do Binder and a hub (Voila as a Jupyter server extension) get the same kernel manager,
    upload limit and culling as ``playbook serve``?"""
    import json

    folder = REPO / "playbook" / "serving" / "config"
    server = json.loads((folder / "jupyter_server_config.json").read_text())
    voila = serving_config()
    assert (
        server["ServerApp"]["kernel_manager_class"]
        == (voila["VoilaConfiguration"]["multi_kernel_manager_class"])
    )
    assert server["ServerApp"]["tornado_settings"] == voila["Voila"]["tornado_settings"]
    assert server["MappingKernelManager"] == voila["MappingKernelManager"]


def test_serve_refuses_a_store_inside_the_served_folder(tmp_path):
    """Is a store file inside the workbooks folder refused before serving?"""
    import pytest

    with pytest.raises(ServeError, match="inside the served folder"):
        check_store_outside(f"sqlite:///{tmp_path / 'w' / 'data' / 's.sqlite'}", tmp_path / "w")
    check_store_outside(f"sqlite:///{tmp_path / 'elsewhere.sqlite'}", tmp_path / "w")


def test_wheel_ships_content_and_notebooks(tmp_path):
    """Does a (non-editable) wheel carry the content YAML and the workbooks?"""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("production_playbook_workbook-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "playbook/content/career_paths.yaml" in names
    assert any(n.endswith("share/playbook/workbooks/01_career_path.ipynb") for n in names)
    assert any(n.endswith("entry_points.txt") for n in names)
