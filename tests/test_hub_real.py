"""A real JupyterHub with deploy/jupyterhub_config.py: dummy authenticator, local spawner, the
shared PostgreSQL store behind the hub-authenticated ``playbook-store`` service (#12).

Two users each get their own workbook through their own server's kernels; a user who sets
``JUPYTERHUB_USER`` to another's name in their kernel still opens only their own, cannot read
the other's workbook by its id through the service, and holds no database password."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DEPLOY = REPO / "deploy" / "jupyterhub_config.py"
ADMIN_TOKEN = uuid.uuid4().hex
PASSWORD = "playbook_test"  # the test database's password (tests/conftest.py): never in a kernel


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def api(url: str, token: str, method: str = "GET", body: dict | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Authorization": f"token {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            text = response.read()
            return response.status, json.loads(text) if text else {}
    except urllib.error.HTTPError as err:
        return err.code, {"message": err.read().decode(errors="replace")[:500]}
    except urllib.error.URLError:
        return 0, {}  # not listening yet


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def hub_config(tmp: Path, port: int) -> Path:
    """deploy/jupyterhub_config.py plus what a test needs: ports, a dummy authenticator, a
    local spawner running this venv, and an admin service to drive the hub's API."""
    cfg = tmp / "jupyterhub_test_config.py"
    cfg.write_text(
        f"""
c = get_config()
load_subconfig({str(DEPLOY)!r})
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.pid_file = {str(tmp / "proxy.pid")!r}
c.JupyterHub.db_url = "sqlite:///{tmp / "hub.sqlite"}"
c.JupyterHub.cookie_secret_file = {str(tmp / "cookie_secret")!r}
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allowed_users = {{"ada", "grace"}}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(tmp / "home" / "{username}")!r}
c.Spawner.cmd = [{str(Path(sys.executable).parent / "jupyterhub-singleuser")!r}]
c.Spawner.args = ["--allow-root"] if {os.getuid() == 0} else []
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment.update({{
    "JUPYTER_CONFIG_DIR": {str(tmp / "jupyter-config")!r},
    "JUPYTER_DATA_DIR": {str(tmp / "jupyter-data")!r},
    "IPYTHONDIR": {str(tmp / "ipython")!r},
}})
c.JupyterHub.services.append({{"name": "test-admin", "api_token": {ADMIN_TOKEN!r}}})
c.JupyterHub.load_roles.append({{
    "name": "test-admin",
    "scopes": ["admin:users", "admin:servers", "tokens", "access:servers"],
    "services": ["test-admin"],
}})
"""
    )
    return cfg


@pytest.fixture
def hub(pg_url, tmp_path):
    if not shutil.which("configurable-http-proxy"):
        pytest.fail("configurable-http-proxy is not installed: run scripts/test")
    port = free_port()
    cfg = hub_config(tmp_path, port)
    env = dict(
        os.environ,
        PLAYBOOK_HUB_DATABASE=pg_url,
        PLAYBOOK_STORE_SERVICE=f"http://127.0.0.1:{free_port()}",
        PLAYBOOK_NOTEBOOK_DIR=str(REPO),
    )
    env.pop("PLAYBOOK_STORE", None)
    log = tmp_path / "hub.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterhub", "-f", str(cfg)],
        cwd=tmp_path,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while api(f"{url}/hub/api/", ADMIN_TOKEN)[0] != 200:
            assert proc.poll() is None, log.read_text()[-3000:]
            assert time.time() < deadline, "the hub did not start in 90 s"
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()  # the hub stops the user servers and the service it started
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()


def start_server(hub: str, user: str) -> str:
    """Create the user, start their server, and return a token of theirs for its API."""
    api(f"{hub}/hub/api/users/{user}", ADMIN_TOKEN, "POST", {})
    status, _ = api(f"{hub}/hub/api/users/{user}/server", ADMIN_TOKEN, "POST", {})
    assert status in (201, 202), status
    deadline = time.time() + 150
    while True:
        _, model = api(f"{hub}/hub/api/users/{user}", ADMIN_TOKEN)
        if model.get("servers", {}).get("", {}).get("ready"):
            break
        assert time.time() < deadline, f"{user}'s server did not start: {model}"
        time.sleep(1)
    status, token = api(
        f"{hub}/hub/api/users/{user}/tokens",
        ADMIN_TOKEN,
        "POST",
        {"scopes": [f"access:servers!user={user}"], "note": "test"},
    )
    assert status == 201, token
    return str(token["token"])


def run_in_kernel(hub: str, user: str, token: str, code: str) -> str:
    """Run ``code`` in a new kernel of the user's own server; its printed output."""
    from websockets.sync.client import connect

    status, kernel = api(f"{hub}/user/{user}/api/kernels", token, "POST", {})
    assert status == 201, kernel
    ws_url = f"ws{hub[4:]}/user/{user}/api/kernels/{kernel['id']}/channels"
    msg_id = uuid.uuid4().hex
    header = {"msg_id": msg_id, "msg_type": "execute_request", "username": user, "version": "5.3"}
    request = {
        "header": {**header, "session": uuid.uuid4().hex, "date": ""},
        "parent_header": {},
        "metadata": {},
        "channel": "shell",
        "content": {
            "code": code,
            "silent": False,
            "store_history": False,
            "user_expressions": {},
            "allow_stdin": False,
            "stop_on_error": True,
        },
    }
    out: list[str] = []
    with connect(ws_url, additional_headers={"Authorization": f"token {token}"}) as ws:
        ws.send(json.dumps(request))
        deadline = time.time() + 120
        while time.time() < deadline:
            msg = json.loads(ws.recv(timeout=120))
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "stream":
                out.append(msg["content"]["text"])
            elif kind == "error":
                out.append(f"ERROR {msg['content']['ename']}: {msg['content']['evalue']}")
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                break
    api(f"{hub}/user/{user}/api/kernels/{kernel['id']}", token, "DELETE")
    return "".join(out)


SAVE = """
import json, os
from playbook import open_session
s = open_session()
s.save_section("career", {"context": {"transition": %r}})
print(json.dumps({"wid": s.workbook_id, "identity": s.identity, "status": s.status,
                  "store": os.environ["PLAYBOOK_STORE"]}))
"""

FORGE = """
import json, os
os.environ["JUPYTERHUB_USER"] = "grace"
from playbook import open_session
from playbook.session import get_store
s = open_session()
try:
    get_store().load_record(%r)
    theirs = "read"
except Exception as err:
    theirs = type(err).__name__ + ": " + str(err)
print(json.dumps({"wid": s.workbook_id, "career": s.section("career"), "theirs": theirs,
                  "password_seen": any(%r in v for v in os.environ.values())}))
"""


def test_two_hub_users_are_isolated_whatever_they_set(hub, tmp_path):
    """Do ada and grace get their own workbooks, and does ada, having set JUPYTERHUB_USER to
    grace, still open only her own and get refused grace's by id, with no password in sight?
    Do their servers run the playbook's kernel manager, found through the package's serving
    configuration that deploy/jupyterhub_config.py names (nothing in etc/jupyter)?"""
    ada_token = start_server(hub, "ada")
    grace_token = start_server(hub, "grace")

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(
        f"{hub}/user/ada/", headers={"Authorization": f"token {ada_token}"}
    )
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request, timeout=60)
    location = redirect.value.headers["Location"].split("?")[0]
    assert location == "/user/ada/voila/render/workbooks/00_start.ipynb"
    page = urllib.request.Request(f"{hub}{location}", headers=request.headers)
    with urllib.request.urlopen(page, timeout=120) as response:  # noqa: S310
        html = response.read().decode()
    assert response.status == 200 and "widget-view+json" in html  # the start page's view
    assert "There was an error when executing cell" not in html  # opened through the service

    ada = json.loads(run_in_kernel(hub, "ada", ada_token, SAVE % "major").strip().splitlines()[-1])
    grace = json.loads(
        run_in_kernel(hub, "grace", grace_token, SAVE % "none").strip().splitlines()[-1]
    )
    assert ada["identity"] == grace["identity"] == "hub"
    assert ada["status"] == grace["status"] == "saved"
    assert ada["wid"] != grace["wid"]
    assert ada["store"].startswith("hub+http://") and PASSWORD not in ada["store"]

    output = run_in_kernel(hub, "ada", ada_token, FORGE % (grace["wid"], PASSWORD))
    forged = json.loads(output.strip().splitlines()[-1])
    assert forged["wid"] == ada["wid"]
    assert forged["career"]["context"] == {"transition": "major"}  # ada's, not grace's
    assert forged["theirs"].startswith("StoreAccessError")
    assert forged["password_seen"] is False
    # each user server logs this once its PlaybookKernelManager is up
    assert (tmp_path / "hub.log").read_text().count("Serving limits: at most") >= 2
