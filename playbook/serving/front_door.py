"""The front door on Voila's (or the Jupyter server's) web application: compressed responses
(each static file compressed once, :mod:`playbook.serving.compression`),
long-lived caching of the content-hashed assets, a ``Referrer-Policy``, Font Awesome from this
server instead of a public CDN, the front-end's files we change (:data:`assets.ASSETS`), a
page's own "stop my kernel" on close, our pages for refused
page requests, preload hints for the scripts a page loads (:mod:`playbook.serving.preload`),
the calendar subscription address (:mod:`playbook.serving.calendar_feed`), and
request logs without query strings."""

from __future__ import annotations

import hashlib
import queue
import re
import secrets
import time
import uuid
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jupyter_core.utils import ensure_async
from tornado import httputil, web

from playbook.serving import assets, patches, preload
from playbook.serving.calendar_feed import CalendarFeedHandler
from playbook.serving.compression import use_compress_once
from playbook.serving.logs import log_request
from playbook.serving.pages import KERNEL_WATCH, RENDERERS_LATER, UPLOAD_GUARD
from playbook.subscription import FEED_PATH

if TYPE_CHECKING:
    from playbook.serving.manager import PlaybookKernelManager

CLIENT_COOKIE = "playbook_client"
FONTAWESOME_CDN = b"https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@^5/css/"
HASHED_ASSET = re.compile(r"([.-][0-9a-f]{8,}\.(js|css|woff2?|ttf|svg|map)|/fontawesome/.*)$")


class OwnPageHandler(web.RequestHandler):
    """Answers a page request with one of our pages (busy, too many, damaged link)."""

    def initialize(self, status: int, text: str) -> None:
        self.status, self.text = status, text

    def get(self, *args: Any) -> None:
        self.set_status(self.status)
        if self.status in (429, 503):
            self.set_header("Retry-After", "30" if self.status == 503 else "60")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(self.text)

    def log_exception(self, *args: Any) -> None:  # nothing of the request is worth logging
        pass


class PatchedAssetHandler(web.RequestHandler):
    """One of the front-end's files with a change of :data:`assets.ASSETS` made, in place of
    the file Voila serves (same address, so a page's preload hints and cache still apply)."""

    def initialize(self, modified: datetime, body: bytes, etag: str) -> None:
        self.modified, self.body, self.etag = modified, body, etag

    def compute_etag(self) -> str:
        return self.etag  # made once (tornado's default hashes the body on every request)

    def get(self, *args: Any) -> None:
        self.set_header("Content-Type", "application/javascript; charset=UTF-8")
        self.set_header("Last-Modified", self.modified)
        self.set_header("Content-Length", str(len(self.body)))
        self.finish(self.body)


class PageShutdownHandler(web.RequestHandler):
    """The page's own "stop my kernel" on close (Voila's is refused for a missing _xsrf,
    voila#1458). Only page kernels can be stopped this way, by their unguessable id."""

    def initialize(self, km: PlaybookKernelManager) -> None:
        self.km = km

    def check_xsrf_cookie(self) -> None:
        pass

    async def post(self, kernel_id: str) -> None:
        if kernel_id in self.km.pages:
            # an answer sent as the page was left is handled (and saved) first; stopping the
            # kernel at once lost it (seen in CI: a reason typed, the page reloaded at once)
            await settle(self.km, kernel_id)
            await self.km.stop_kernel_for(kernel_id, "its page was closed")
        self.set_status(204)
        self.finish()


def own_client(km: Any) -> Any:
    """A client of the kernel of ``km`` (a jupyter_client ``KernelManager``) with a session id,
    and so a ZeroMQ identity, of its own.

    ``km.client()`` gives every client a copy of the manager's session with its id, and
    jupyter_client uses that id as the shell socket's identity; ipykernel's shell socket hands
    an identity over to its newest connection (``router_handover``). So a second client of the
    manager takes the first one's place: the replies to the first (Voila's client running the
    notebook, say) go to the second, and what the first had still queued in the kernel is
    dropped (jupyter/jupyter_client#391; docs/SERVING.md, "Two clients, one identity").
    """
    session = km.session.clone()
    session.session = str(uuid.uuid4())
    return km.client(session=session)


async def settle(km: PlaybookKernelManager, kernel_id: str, timeout: float = 5.0) -> bool:
    """Wait until the kernel has handled what its page sent before it closed (a cell, an answer
    being saved, an answer waiting behind them), so stopping it does not cut that short: two
    ``kernel_info_request`` round trips on a shell channel of our own (:func:`own_client`).
    The first reply comes once the kernel is free; a page's message that reached the kernel
    before our first request is then taken before our second (the kernel's socket takes its
    connections' messages in turn), so the second reply comes after it. A message still on
    its way from the browser when the page's beacon came is not waited for. False when a
    reply did not come within ``timeout`` (a busy or dead kernel: stopped anyway)."""
    try:
        client = own_client(km.get_kernel(kernel_id))
    except KeyError:
        return False
    client.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
    deadline = time.monotonic() + timeout
    try:
        for _ in range(2):
            msg_id = client.kernel_info()
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                reply = await ensure_async(client.get_shell_msg(timeout=left))
                if reply.get("parent_header", {}).get("msg_id") == msg_id:
                    break
        return True
    except (queue.Empty, TimeoutError, RuntimeError):
        return False
    finally:
        client.stop_channels()


class FrontDoorTransform(web.OutputTransform):
    """Headers on every response: caching of content-hashed assets, a referrer policy, and a
    cookie that lets page loads be counted per browser."""

    base_url = "/"

    def __init__(self, request: httputil.HTTPServerRequest) -> None:
        super().__init__(request)
        self.request = request
        self.rewrite = False
        self.fontawesome = f"{self.base_url}playbook/static/fontawesome/css/".encode()

    def transform_first_chunk(
        self, status_code: int, headers: httputil.HTTPHeaders, chunk: bytes, finishing: bool
    ) -> tuple[int, httputil.HTTPHeaders, bytes]:
        path = self.request.path
        headers["Referrer-Policy"] = "no-referrer"
        headers["X-Content-Type-Options"] = "nosniff"
        if status_code == 200 and HASHED_ASSET.search(path):
            headers["Cache-Control"] = "public, max-age=31536000, immutable"
        if "/voila/render/" in path and CLIENT_COOKIE not in self.request.cookies:
            headers.add(
                "Set-Cookie",
                f"{CLIENT_COOKIE}={secrets.token_urlsafe(16)}; Path=/; HttpOnly; SameSite=Lax",
            )
        self.rewrite = headers.get("Content-Type", "").startswith("text/html")
        if self.rewrite:
            chunk = self.transform_chunk(chunk, finishing)
            if "Content-Length" in headers:
                headers["Content-Length"] = str(len(chunk))
        return status_code, headers, chunk

    def transform_chunk(self, chunk: bytes, finishing: bool) -> bytes:
        # Voila's page template asks a public CDN for Font Awesome (a floating version, no
        # integrity check): every visit seen by a third party, no icons offline. Ours instead.
        if self.rewrite and FONTAWESOME_CDN in chunk:
            chunk = chunk.replace(FONTAWESOME_CDN, self.fontawesome)
        if self.rewrite and "/voila/render/" in self.request.path:
            # before any widget renders: the upload guard wraps file inputs as they are made;
            # and the scripts the page will ask for at its end, fetched while it is being sent
            if b"<head>" in chunk:
                head = b"<head>" + UPLOAD_GUARD + preload.links(self.base_url)
                chunk = chunk.replace(b"<head>", head, 1)
            if b"</body>" in chunk:
                chunk = chunk.replace(b"</body>", KERNEL_WATCH + RENDERERS_LATER + b"</body>", 1)
        return chunk


def fontawesome_dir() -> Path | None:
    """Font Awesome's files from the ``fontawesome-free`` package, served as our own."""
    try:
        path = Path(str(metadata.distribution("fontawesome-free").locate_file("fontawesome-free")))
    except metadata.PackageNotFoundError:
        return None
    path = path / "static" / "fontawesome_free"
    return path if path.is_dir() else None


def install_front_door(app: web.Application, km: PlaybookKernelManager) -> None:
    """Put the front door on Voila's (or the Jupyter server's) web application."""
    if getattr(app, "_playbook_front_door", False):
        return
    app._playbook_front_door = True  # type: ignore[attr-defined]
    base = app.settings.get("base_url", "/")
    app.settings["log_function"] = log_request
    FrontDoorTransform.base_url = base
    preload.page_scripts()  # read once now, its log line at start-up
    app.add_transform(FrontDoorTransform)
    use_compress_once(app)
    own: list[tuple[str, type[web.RequestHandler], dict[str, Any]]] = [
        (
            base + r"voila/api/shutdown/([-\w]+)",
            PageShutdownHandler,
            {"km": km},
        ),
        (base + re.escape(FEED_PATH), CalendarFeedHandler, {}),
    ]
    for asset in assets.ASSETS if km.patch_front_end else ():
        patched = assets.patched_asset(asset)
        if patched is not None:
            path, body = patched
            route = base + "voila/labextensions/" + re.escape(asset.path)
            modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)  # read once, not per GET
            etag = f'"{hashlib.sha1(body, usedforsecurity=False).hexdigest()}"'
            own.append(
                (route, PatchedAssetHandler, {"modified": modified, "body": body, "etag": etag})
            )
    fonts = fontawesome_dir()
    if fonts is not None:
        own.append(
            (
                base + r"playbook/static/fontawesome/(.*)",
                web.StaticFileHandler,
                {"path": str(fonts)},
            )
        )

    # Ours first: our shutdown route replaces Voila's, which refuses the page's request.
    def refuse(request: httputil.HTTPServerRequest) -> Any:
        refused = km.admit(request)
        if refused is None:
            return None
        status, text = refused
        return OwnPageHandler, {"status": status, "text": text}

    patches.route_requests(app, own, base + "voila/render/", refuse)
