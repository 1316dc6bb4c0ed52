"""Each static file compressed once (playbook.serving.compression), on a real tornado server."""

from __future__ import annotations

import asyncio
import gzip
import os
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from tornado import web
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port

from playbook.serving import compression
from playbook.serving.compression import CompressOnce, use_compress_once

SCRIPT = b"".join(b"var x%d = Plotly.newPlot(%d);\n" % (i, i * 7) for i in range(40_000))


class Page(web.RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "text/html")
        self.finish(b"<p>" + self.get_argument("who", "").encode() * 2000 + b"</p>")


@dataclass
class Response:
    code: int
    headers: Any
    body: bytes


@dataclass
class Served:
    url: str
    script: Path
    app: web.Application

    def get(self, path: str, method: str = "GET", **headers: str) -> Response:
        request = urllib.request.Request(self.url + path, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=30) as r:  # noqa: S310
                return Response(r.status, r.headers, r.read())
        except urllib.error.HTTPError as err:  # 304 comes as one
            return Response(err.code, err.headers, err.read())


@pytest.fixture
def served(tmp_path):
    """A real tornado server (its own thread and event loop) serving a static folder and a page,
    with tornado's gzip replaced by CompressOnce."""
    CompressOnce.kept.clear()
    CompressOnce.kept_bytes = CompressOnce.compressed = 0
    script = tmp_path / "bundle.js"
    script.write_bytes(SCRIPT)
    started: dict[str, Any] = {}
    ready = threading.Event()

    def run() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        app = web.Application(
            [(r"/page", Page), (r"/static/(.*)", web.StaticFileHandler, {"path": str(tmp_path)})],
            compress_response=True,
        )
        use_compress_once(app)
        sock, port = bind_unused_port()
        server = HTTPServer(app)
        server.add_sockets([sock])
        started.update(loop=loop, app=app, port=port, server=server)
        ready.set()
        loop.run_forever()
        server.stop()
        loop.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(10)
    yield Served(f"http://127.0.0.1:{started['port']}", script, started["app"])
    started["loop"].call_soon_threadsafe(started["loop"].stop)
    thread.join(10)


GZIP = {"Accept-Encoding": "gzip"}


def test_tornado_gzip_is_replaced_not_doubled(served):
    app = served.app
    assert web.GZipContentEncoding not in app.transforms
    assert app.transforms.count(CompressOnce) == 1
    use_compress_once(app)
    assert app.transforms.count(CompressOnce) == 1


def test_a_static_file_is_compressed_once_and_sent_whole_each_time(served):
    first = served.get("/static/bundle.js", **GZIP)
    second = served.get("/static/bundle.js?v=1", **{"Accept-Encoding": "gzip, br"})
    for r in (first, second):
        assert r.code == 200
        assert r.headers["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in r.headers["Vary"]
        assert gzip.decompress(r.body) == SCRIPT
    # the first is compressed as it is read (chunked), the kept one sent with its length
    assert r.headers["Content-Length"] == str(len(second.body))
    assert "Content-Length" not in first.headers
    assert second.body == first.body
    assert CompressOnce.compressed == 1
    assert CompressOnce.kept_bytes == len(first.body) < len(SCRIPT) // 3


def test_a_changed_file_is_compressed_again(served):
    first = served.get("/static/bundle.js", **GZIP)
    changed = SCRIPT + b"// changed\n"
    served.script.write_bytes(changed)
    later = time.time() + 5
    os.utime(served.script, (later, later))
    second = served.get("/static/bundle.js", **GZIP)
    assert gzip.decompress(first.body) == SCRIPT
    assert gzip.decompress(second.body) == changed
    assert CompressOnce.compressed == 2


def test_no_gzip_asked_a_range_a_head_and_a_page_are_as_tornado_sends_them(served):
    served.get("/static/bundle.js", **GZIP)  # kept
    plain = served.get("/static/bundle.js")
    assert plain.code == 200 and "Content-Encoding" not in plain.headers
    assert plain.body == SCRIPT
    part = served.get("/static/bundle.js", **GZIP, Range="bytes=0-99")
    assert part.code == 206 and gzip.decompress(part.body) == SCRIPT[:100]  # as tornado
    head = served.get("/static/bundle.js", method="HEAD", **GZIP)
    assert head.code == 200 and head.body == b""
    # a page is compressed each time (its text differs), never kept
    pages = [served.get(f"/page?who={w}", **GZIP) for w in "ab"]
    assert [gzip.decompress(p.body)[3:4] for p in pages] == [b"a", b"b"]
    assert CompressOnce.compressed == 1 and len(CompressOnce.kept) == 1


def test_304_when_unchanged(served):
    first = served.get("/static/bundle.js", **GZIP)
    again = served.get(
        "/static/bundle.js", **GZIP, **{"If-Modified-Since": first.headers["Last-Modified"]}
    )
    assert again.code == 304 and again.body == b""


@pytest.mark.parametrize("limit", [1, 2])
def test_the_least_recently_sent_are_dropped_beyond_the_limit(monkeypatch, limit):
    """Kept bytes stay under the limit, the oldest dropped first."""
    CompressOnce.kept.clear()
    CompressOnce.kept_bytes = 0
    monkeypatch.setattr(compression, "LIMIT", 100 * limit)

    class Request:
        method = "GET"

        def __init__(self, path: str) -> None:
            self.path = path
            self.headers = {"Accept-Encoding": "gzip"}

    for name in "abc":
        t = CompressOnce(Request(f"/{name}"))  # type: ignore[arg-type]
        t.mode, t.key, t.parts = "keeping", (f"/{name}", "m", "1"), [b"x" * 100]
        t.keep()
    assert [k[0] for k in CompressOnce.kept] == ["/a", "/b", "/c"][-limit:]
    assert CompressOnce.kept_bytes == 100 * limit
    CompressOnce.kept.clear()
    CompressOnce.kept_bytes = 0
