"""Each static file compressed once (playbook.serving.compression), on a real tornado server."""

from __future__ import annotations

import gzip
import os
import time

import pytest
from tornado import web
from tornado.testing import AsyncHTTPTestCase

from playbook.serving import compression
from playbook.serving.compression import CompressOnce, use_compress_once

SCRIPT = b"".join(b"var x%d = Plotly.newPlot(%d);\n" % (i, i * 7) for i in range(40_000))


class Page(web.RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "text/html")
        self.finish(b"<p>" + self.get_argument("who", "").encode() * 2000 + b"</p>")


class Handler(AsyncHTTPTestCase):
    def setUp(self) -> None:
        CompressOnce.kept.clear()
        CompressOnce.kept_bytes = CompressOnce.compressed = 0
        super().setUp()

    def get_app(self) -> web.Application:
        import tempfile

        self.folder = tempfile.mkdtemp()
        self.script = os.path.join(self.folder, "bundle.js")
        with open(self.script, "wb") as f:
            f.write(SCRIPT)
        app = web.Application(
            [(r"/page", Page), (r"/static/(.*)", web.StaticFileHandler, {"path": self.folder})],
            compress_response=True,
        )
        use_compress_once(app)
        return app

    def get(self, path: str, **headers: str):  # type: ignore[no-untyped-def]
        return self.fetch(path, headers=headers, decompress_response=False)

    def test_tornado_gzip_is_replaced_not_doubled(self) -> None:
        app = self._app
        assert web.GZipContentEncoding not in app.transforms
        assert app.transforms.count(CompressOnce) == 1
        use_compress_once(app)
        assert app.transforms.count(CompressOnce) == 1

    def test_a_static_file_is_compressed_once_and_sent_whole_each_time(self) -> None:
        first = self.get("/static/bundle.js", **{"Accept-Encoding": "gzip"})
        second = self.get("/static/bundle.js?v=1", **{"Accept-Encoding": "gzip, br"})
        for r in (first, second):
            assert r.code == 200
            assert r.headers["Content-Encoding"] == "gzip"
            assert "Accept-Encoding" in r.headers["Vary"]
            assert gzip.decompress(r.body) == SCRIPT
        # the first is compressed as it is read (chunked), the kept one sent with its length
        assert "Content-Length" not in first.headers
        assert int(second.headers["Content-Length"]) == len(second.body)
        assert second.body == first.body
        assert CompressOnce.compressed == 1
        assert CompressOnce.kept_bytes == len(first.body) < len(SCRIPT) // 3

    def test_a_changed_file_is_compressed_again(self) -> None:
        first = self.get("/static/bundle.js", **{"Accept-Encoding": "gzip"})
        changed = SCRIPT + b"// changed\n"
        with open(self.script, "wb") as f:
            f.write(changed)
        later = time.time() + 5
        os.utime(self.script, (later, later))
        second = self.get("/static/bundle.js", **{"Accept-Encoding": "gzip"})
        assert gzip.decompress(first.body) == SCRIPT
        assert gzip.decompress(second.body) == changed
        assert CompressOnce.compressed == 2

    def test_no_gzip_asked_a_range_a_head_and_a_page_are_as_tornado_sends_them(self) -> None:
        self.get("/static/bundle.js", **{"Accept-Encoding": "gzip"})  # kept
        plain = self.get("/static/bundle.js")
        assert plain.code == 200 and "Content-Encoding" not in plain.headers
        assert plain.body == SCRIPT
        part = self.get("/static/bundle.js", **{"Accept-Encoding": "gzip", "Range": "bytes=0-99"})
        assert part.code == 206 and gzip.decompress(part.body) == SCRIPT[:100]  # as tornado
        head = self.fetch("/static/bundle.js", method="HEAD", headers={"Accept-Encoding": "gzip"})
        assert head.code == 200 and head.body == b""
        # a page is compressed each time (its text differs), never kept
        pages = [self.get(f"/page?who={w}", **{"Accept-Encoding": "gzip"}) for w in "ab"]
        assert [gzip.decompress(p.body)[3:4] for p in pages] == [b"a", b"b"]
        assert CompressOnce.compressed == 1 and len(CompressOnce.kept) == 1

    def test_304_when_unchanged(self) -> None:
        first = self.get("/static/bundle.js", **{"Accept-Encoding": "gzip"})
        again = self.get(
            "/static/bundle.js",
            **{"Accept-Encoding": "gzip", "If-Modified-Since": first.headers["Last-Modified"]},
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
