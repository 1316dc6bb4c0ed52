"""Kernels without a port race, against a real ``playbook serve``: on Unix sockets in the
private connection folder by default; and, with tcp forced and the race made to happen, a
page still renders with a fresh kernel within a bound."""

from __future__ import annotations

import json
import re
import stat
import time
import urllib.request
from pathlib import Path

from tests.browser.conftest import start_server, stop_server

#: Written as sitecustomize.py into a folder on the server's PYTHONPATH: makes the race happen.
PORT_TAKER = '''"""Loaded by the server of tests/browser/test_serving_transport.py (through PYTHONPATH): makes
the port race happen. For the first PLAYBOOK_TEST_TAKE_PORTS kernels, right after
jupyter_client chose the kernel's shell port, another socket takes that port (as another
process would between the choice and the kernel binding it): the kernel dies while starting."""

import os

_count = int(os.environ.pop("PLAYBOOK_TEST_TAKE_PORTS", "0") or 0)
if _count:
    import socket

    from jupyter_client import connect

    _taken: list[socket.socket] = []
    _calls = [0]
    _choose = connect.LocalPortCache.find_available_port

    def find_available_port(self, ip):  # type: ignore[no-untyped-def]
        port = _choose(self, ip)
        _calls[0] += 1
        if _calls[0] % 5 == 1 and len(_taken) < _count:  # a kernel's first (shell) port
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((ip, port))
            s.listen()
            _taken.append(s)
            print(f"port-taker: took port {port}", flush=True)
        return port

    connect.LocalPortCache.find_available_port = find_available_port
'''
#: A page on this shared 2-core machine renders in a few seconds; a kernel replaced after
#: dying while starting adds a start (a few seconds more). Well under the page timeout (90 s).
BOUND_S = 60.0


def rendered(url: str) -> tuple[bool, float]:
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=BOUND_S + 30) as response:  # noqa: S310
        body = response.read()
    return b"application/vnd.jupyter.widget-view+json" in body, time.monotonic() - started


def connection_dir(log: str) -> Path:
    match = re.search(r"Storing connection files in (\S+?)\.?$", log, re.M)
    assert match, log[-2000:]
    return Path(match.group(1))


def test_kernels_use_unix_sockets_in_a_private_folder(tmp_path):
    """Do the preheated kernels and a page's kernel talk over ipc, with their connection
    files and sockets in a folder only this user can open?"""
    server = start_server(tmp_path)
    try:
        ok, took = rendered(server.render_url("01_career_path.ipynb"))
        assert ok and took < BOUND_S
        log = server.log.read_text()
        assert "Kernels use the ipc transport" in log
        folder = connection_dir(log)
        assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0  # owner only (0o1700 here)
        files = sorted(folder.glob("kernel-*.json"))
        assert files
        for f in files:
            info = json.loads(f.read_text())
            assert info["transport"] == "ipc" and info["ip"].startswith(str(folder))
        assert any(p.is_socket() for p in folder.iterdir())
    finally:
        stop_server(server)


def test_a_kernel_whose_port_was_taken_is_replaced(tmp_path):
    """With tcp forced and the first kernels' ports taken between choice and bind (the port
    race), does a page still render with a fresh kernel within the bound?"""
    taker = tmp_path / "port-taker"
    taker.mkdir()
    (taker / "sitecustomize.py").write_text(PORT_TAKER)
    server = start_server(
        tmp_path,
        extra_env={
            "PYTHONPATH": str(taker),
            "PLAYBOOK_TEST_TAKE_PORTS": "8",
        },
        args=["--", "--PlaybookKernelManager.kernel_transport=tcp"],
    )
    try:
        ok, took = rendered(server.render_url("01_career_path.ipynb"))
        log = server.log.read_text()
        assert "port-taker: took port" in log, "the race did not happen"
        assert ok and took < BOUND_S, (took, log[-3000:])
    finally:
        stop_server(server)


#: Without preheating a page waits for its kernel's start; each kernel that died while starting
#: adds a start of a few seconds. Before the fix the page waited 60 s for the dead kernel's
#: kernel_info reply and then hung.
NO_PREHEAT_BOUND_S = 30.0


def test_a_page_kernel_whose_port_was_taken_is_replaced_at_once(tmp_path):
    """Without preheating (a kernel started for the request, as when the pool is off or
    empty), tcp forced and the first two kernels' ports taken between choice and bind: does
    the page render with a fresh kernel within the bound, the log naming each dead kernel?"""
    taker = tmp_path / "port-taker"
    taker.mkdir()
    (taker / "sitecustomize.py").write_text(PORT_TAKER)
    server = start_server(
        tmp_path,
        preheat=False,
        extra_env={"PYTHONPATH": str(taker), "PLAYBOOK_TEST_TAKE_PORTS": "2"},
        args=["--", "--PlaybookKernelManager.kernel_transport=tcp"],
    )
    try:
        started = time.monotonic()
        with urllib.request.urlopen(  # noqa: S310
            server.render_url("01_career_path.ipynb"), timeout=NO_PREHEAT_BOUND_S + 60
        ) as response:
            body = response.read().decode()
        took = time.monotonic() - started
        log = server.log.read_text()
        assert log.count("port-taker: took port") == 2, "the race did not happen"
        dead = re.findall(r"Kernel (\S+) of a page died while starting \((.*?)\)", log)
        assert len(dead) == 2, log[-4000:]
        assert "application/vnd.jupyter.widget-view+json" in body, log[-3000:]
        config = re.search(r'<script id="jupyter-config-data"[^>]*>(.*?)</script>', body, re.S)
        assert config
        kernel = json.loads(config.group(1))["kernelId"]
        assert kernel not in {k for k, _ in dead}  # the page's kernel is the fresh one
        assert took < NO_PREHEAT_BOUND_S, (took, log[-3000:])
        print(f"rendered in {took:.1f} s after {len(dead)} kernels died: {dead}")
    finally:
        stop_server(server)
