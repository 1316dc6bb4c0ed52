"""gzip for every response, and each static file compressed once, not once per request.

Tornado's :class:`~tornado.web.GZipContentEncoding` compresses a response as it is written. For
the front-end's scripts that means compressing the same bytes again for every visitor: plotly's
bundle alone is 4.8 MB, 0.18 s of the event loop's time at gzip level 6, during which no other
page, websocket or kernel message is served (a third of the event loop's samples in a room's
arrivals were static files, most of it this compression: docs/SERVING.md). :class:`CompressOnce`
keeps the compressed bytes of a static file's whole response and sends them again while the file
is unchanged; anything else is compressed as tornado does.

A response is a static file's when it answers a ``GET`` with a whole ``200``, a
``Last-Modified`` and a ``Content-Length`` (what :class:`~tornado.web.StaticFileHandler` and its
subclasses in Voila and the Jupyter server send; a page, an API answer or a range request has
not all of them). The kept bytes are found by the request's path, the file's modification time
and its size, so a file replaced on disk is compressed anew. At most :data:`LIMIT` bytes are
kept, the least recently sent dropped first.
"""

from __future__ import annotations

from collections import OrderedDict

from tornado import httputil, web

LIMIT = 64 * 2**20
"""The most compressed bytes kept (the front-end's scripts are about 3 MB compressed)."""

Key = tuple[str, str, str]


class CompressOnce(web.GZipContentEncoding):
    """tornado's gzip transform, with each static file's compressed response kept and reused."""

    kept: OrderedDict[Key, bytes] = OrderedDict()
    kept_bytes = 0
    compressed = 0
    """How many static responses were compressed (a kept one sent again is not counted)."""

    def __init__(self, request: httputil.HTTPServerRequest) -> None:
        super().__init__(request)
        self.request = request
        self.mode = ""  # "sent": the kept bytes went out; "keeping": compressing, keeping them
        self.key: Key | None = None
        self.parts: list[bytes] = []

    def static_key(self, status_code: int, headers: httputil.HTTPHeaders) -> Key | None:
        """The kept bytes' key of a static file's whole response, or None for anything else."""
        modified, length = headers.get("Last-Modified"), headers.get("Content-Length")
        if (
            status_code != 200
            or self.request.method != "GET"
            or not modified
            or not length
            or "Content-Encoding" in headers
            or "Content-Range" in headers
        ):
            return None
        return (self.request.path, modified, length)

    def transform_first_chunk(
        self, status_code: int, headers: httputil.HTTPHeaders, chunk: bytes, finishing: bool
    ) -> tuple[int, httputil.HTTPHeaders, bytes]:
        key = self.static_key(status_code, headers) if self._gzipping else None
        kept = self.kept.get(key) if key is not None else None
        if key is not None and kept is not None:
            self.kept.move_to_end(key)
            headers["Vary"] = (
                f"{headers['Vary']}, Accept-Encoding" if "Vary" in headers else ("Accept-Encoding")
            )
            headers["Content-Encoding"] = "gzip"
            headers["Content-Length"] = str(len(kept))
            self.mode = "sent"
            return status_code, headers, kept
        status_code, headers, chunk = super().transform_first_chunk(
            status_code, headers, chunk, finishing
        )
        if key is not None and self._gzipping:
            self.mode, self.key, self.parts = "keeping", key, [chunk]
            if finishing:
                self.keep()
        return status_code, headers, chunk

    def transform_chunk(self, chunk: bytes, finishing: bool) -> bytes:
        if self.mode == "sent":  # the file's bytes as read: already sent, compressed
            return b""
        chunk = super().transform_chunk(chunk, finishing)
        if self.mode == "keeping":
            self.parts.append(chunk)
            if finishing:
                self.keep()
        return chunk

    def keep(self) -> None:
        """Keep the whole compressed response just sent (a response cut off never gets here)."""
        cls = type(self)
        body = b"".join(self.parts)
        self.mode, self.parts = "", []
        cls.compressed += 1
        if self.key is None or len(body) > LIMIT:
            return
        old = cls.kept.pop(self.key, None)
        cls.kept_bytes -= len(old or b"")
        cls.kept[self.key] = body
        cls.kept_bytes += len(body)
        while cls.kept_bytes > LIMIT:
            _, dropped = cls.kept.popitem(last=False)
            cls.kept_bytes -= len(dropped)


def use_compress_once(app: web.Application) -> None:
    """gzip on ``app`` through :class:`CompressOnce` (in place of tornado's transform, where
    the application's ``compress_response`` setting put that one)."""
    transforms = [t for t in app.transforms if t is not web.GZipContentEncoding]
    if CompressOnce not in transforms:
        transforms.append(CompressOnce)
    app.transforms[:] = transforms
