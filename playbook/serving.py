"""What the Voila server process does for the playbook, whoever starts it.

``playbook serve``, plain ``voila workbooks/``, Binder and a JupyterHub single-user server all
read the same configuration (``playbook/jupyter-config/``, installed into ``etc/jupyter``), which
names :class:`PlaybookKernelManager` as the kernel manager. Through it the server gets:

* a dependable hand-off of requests to preheated kernels (:mod:`playbook.handoff`), and a bound
  on how long a page may take: past it the page says what happened and offers to retry, and its
  kernel is stopped (never an endless spinner);
* kernels that stay bounded: a page's kernel is stopped when the page never connects within a
  grace, soon after the page is closed (answers are saved as they are entered), or when it has
  been busy far beyond any real use; live page kernels are capped (default from the machine's
  memory) and a newcomer beyond the cap gets a "busy, try again in a minute" page; page loads
  are limited per client;
* a front door on the web application: compressed responses, long-lived caching of the
  content-hashed static assets, a ``Referrer-Policy``, Font Awesome served from this server
  rather than a public CDN, malformed or oversized workbook links refused before any kernel
  starts, and request logs without query strings (a private key never reaches the log).

Everything here runs in the server process only; nothing in it is imported by kernels.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import html
import logging
import os
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from jupyter_core.utils import ensure_async
from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import httputil, web
from tornado.ioloop import IOLoop, PeriodicCallback
from traitlets import Float, Integer, default

from playbook import handoff
from playbook.upload_guard import UPLOAD_GUARD_JS

#: A kernel of ours, after a page has used it, is about 150-220 MB (benchmarks/bench_serve.py).
KERNEL_MB = 250
#: A rendering page whose kernel has been idle this long is stuck (see ``_unstick``).
STUCK_SECONDS = 10.0
#: A page query longer than this is refused (a key is 43 characters).
MAX_QUERY_LENGTH = 512
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")
CLIENT_COOKIE = "playbook_client"
FONTAWESOME_CDN = b"https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@^5/css/"
HASHED_ASSET = re.compile(r"([.-][0-9a-f]{8,}\.(js|css|woff2?|ttf|svg|map)|/fontawesome/.*)$")


def machine_memory_mb() -> int:
    """Memory this server may use: the container's limit (cgroup v2 or v1) or the machine's."""
    limits = []
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            text = Path(path).read_text().strip()
        except OSError:
            continue
        if text.isdigit():
            limits.append(int(text))
    try:
        limits.append(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):
        limits.append(4 << 30)
    return min(limits) // (1 << 20)


def default_max_kernels(memory_mb: int | None = None) -> int:
    """Page kernels that fit in three quarters of the memory, at :data:`KERNEL_MB` each.

    >>> default_max_kernels(24 * 1024)
    73
    >>> default_max_kernels(2048)
    6
    """
    memory_mb = machine_memory_mb() if memory_mb is None else memory_mb
    return max(2, int(memory_mb * 0.75) // KERNEL_MB)


@dataclass
class PageKernel:
    """A kernel that a page request has been given."""

    since: float = field(default_factory=time.monotonic)
    preheated: bool = False  # rendered by a preheated kernel: we see when the page is whole
    connected: bool = False
    connections: int = 0
    rendered_at: float | None = None  # when the kernel had rendered the page (if known)
    left_at: float | None = None  # when the last connection closed
    busy_since: float | None = None
    give_up: Callable[[str], None] | None = None  # ends a preheated page that cannot finish


@dataclass
class TokenBucket:
    """``rate`` page loads a minute per client, with bursts up to ``rate``."""

    rate: float
    tokens: float = 0.0
    at: float = 0.0

    def take(self, now: float) -> bool:
        if self.at == 0.0:
            self.tokens, self.at = self.rate, now
        self.tokens = min(self.rate, self.tokens + (now - self.at) * self.rate / 60.0)
        self.at = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False


def _option(kind: Any, value: float, text: str) -> Any:
    """A configurable setting of the kernel manager."""
    return kind(value, config=True, help=text)


class PlaybookKernelManager(AsyncMappingKernelManager):
    """Kernel manager for served workbooks: see the module docstring."""

    # Every setting is a ``PlaybookKernelManager.<name>`` option (voila.json, or after ``--``).
    max_kernels = _option(
        Integer, 0, "Most page kernels alive at once (0: three quarters of the memory at 250 MB)."
    )
    connect_grace = _option(
        Float,
        120.0,
        "Seconds a page's kernel waits, after the page was sent, for it to connect (a browser "
        "on a slow link or a busy machine can take a minute to load the page's scripts).",
    )
    closed_grace = _option(
        Float,
        60.0,
        "Seconds a page's kernel lives on after its page closed (a reload or a short network "
        "drop reconnects within it).",
    )
    busy_limit = _option(Float, 600.0, "Seconds a page's kernel may stay busy before it stops.")
    page_timeout = _option(
        Float,
        90.0,
        "Seconds a page may take after its kernel got the request; past it the page offers to "
        "retry and the kernel is stopped.",
    )
    page_rate = _option(Float, 30.0, "Page loads a minute per browser (a cookie of this server).")
    anonymous_page_rate = _option(
        Float, 120.0, "Page loads a minute per address from clients without that cookie."
    )
    watch_interval = _option(Float, 5.0, "Seconds between checks of page kernels.")
    warmup_parallel = _option(
        Integer,
        0,
        "Preheated kernels warming up at once, first come first served (0: no limit). Measured "
        "on 2 cores, a limit of 2 or 4 made 20-30 arrivals slower, not faster.",
    )
    warmup_timeout = _option(Float, 30.0, "Seconds a warming kernel may hold its turn.")
    max_pool_size = _option(Integer, 8, "Most preheated kernels per workbook when many arrive.")

    @default("max_kernels")
    def _default_max_kernels(self) -> int:
        return default_max_kernels()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        handoff.fix_server_handoff()
        _guard_page_generator()
        self.pages: dict[str, PageKernel] = {}
        self._buckets: dict[str, TokenBucket] = {}
        self._watchdog: PeriodicCallback | None = None
        self._warmup_slots = asyncio.Semaphore(self.warmup_parallel or 1_000_000)
        self._warming: dict[str, object] = {}
        self._ready: dict[str, asyncio.Event] = {}
        self._arrivals: dict[str, list[float]] = {}
        self._base_pool: dict[str, int] = {}
        self._died: set[str] = set()
        handoff.on_waiting.append(self.warmed_up)
        # Voila's preheating subclass defines get_rendered_notebook; guard it on this instance.
        inner = getattr(self, "get_rendered_notebook", None)
        if inner is not None:
            self.get_rendered_notebook = self._guard_rendered_notebook(inner)
        IOLoop.current().add_callback(self._start)

    # --- start-up -------------------------------------------------------------------------------

    def _start(self) -> None:
        app = getattr(self.parent, "app", None) or getattr(self.parent, "web_app", None)
        if isinstance(app, web.Application):
            install_front_door(app, self)
        if not any(isinstance(f, RedactCells) for f in self.log.filters):
            self.log.addFilter(RedactCells())
        for name in ("tornado.general", "tornado.access", "tornado.application", "ServerApp"):
            logger = logging.getLogger(name)
            if not any(isinstance(f, RedactSecrets) for f in logger.filters):
                logger.addFilter(RedactSecrets())
        if not any(isinstance(f, RedactSecrets) for f in self.log.filters):
            self.log.addFilter(RedactSecrets())
        self._watchdog = PeriodicCallback(self.watch_pages, 1000 * self.watch_interval)
        self._watchdog.start()
        self.log.info(
            "Serving limits: at most %d page kernels; a page connects within %.0f s; a closed "
            "page's kernel stops after %.0f s; a kernel busy over %.0f s is stopped",
            self.max_kernels,
            self.connect_grace,
            self.closed_grace,
            self.busy_limit,
        )

    # --- which kernels serve pages -----------------------------------------------------------

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:  # type: ignore[override]
        env = kwargs.get("env") or {}
        pooled = env.get("VOILA_PREHEAT") == "True"
        for_page = "VOILA_REQUEST_URL" in env and not pooled
        if for_page and self.at_capacity():
            raise web.HTTPError(503, reason="Busy")
        if not pooled:
            kernel_id = str(await super().start_kernel(*args, **kwargs))
            self._watch_death(kernel_id)
            if for_page:
                self.pages[kernel_id] = PageKernel()
                self.log.info("Page request handed to kernel %s (started for it)", kernel_id)
            return kernel_id
        # A preheated kernel warms up (starts, imports, runs the workbook up to the request)
        # in turn: a room arriving at once is served first come, first served, instead of
        # every kernel sharing the processors and all finishing together at the end.
        await self._warmup_slots.acquire()
        try:
            kernel_id = str(await super().start_kernel(*args, **kwargs))
        except BaseException:
            self._warmup_slots.release()
            raise
        self._watch_death(kernel_id)
        self._warming[kernel_id] = IOLoop.current().call_later(
            self.warmup_timeout, self.warmed_up, kernel_id
        )
        return kernel_id

    def _watch_death(self, kernel_id: str) -> None:
        def died() -> None:
            self._kernel_died(kernel_id)

        with contextlib.suppress(KeyError):  # (gone already)
            self.add_restart_callback(kernel_id, died, "restart")
            self.add_restart_callback(kernel_id, died, "dead")

    def warmed_up(self, kernel_id: str) -> None:
        """A warming kernel reached the request (or gave up, or is gone): free its turn."""
        handle = self._warming.pop(kernel_id, None)
        if handle is not None:
            IOLoop.current().remove_timeout(handle)
            self._warmup_slots.release()
        self._ready.setdefault(kernel_id, asyncio.Event()).set()

    async def _first_ready(self, notebook: str) -> None:
        """Wait until the kernel first in the notebook's pool has run the workbook up to the
        hand-off. Voila hands a pool kernel out as soon as it has started; resuming its
        rendering from the request before the kernel got that far left pages waiting forever
        for the kernel's output (seen about once in 30 such hand-offs on a loaded machine)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.page_timeout
        pools: dict[str, list[Any]] = getattr(self, "_pools", {})
        while loop.time() < deadline:
            pool = pools.get(notebook) or []
            if not pool:
                # The handler saw a kernel here, but the requests that came at the same time
                # took them all: start more and wait for one, rather than fail the page.
                fill = getattr(self, "fill_if_needed", None)
                if fill is not None:
                    fill(delay=0, notebook_name=notebook)
                pool = pools.get(notebook) or []
                if not pool:
                    return
            first = pool[0]
            if not first.done():
                await asyncio.wait([first], timeout=deadline - loop.time())
                continue
            if (
                first.exception() is not None
                or _failed(first.result()["task"])
                or first.result()["kernel_id"] in self._died
            ):
                # The kernel died while starting (e.g. a port taken between the server
                # choosing it and the kernel binding it): its rendering failed, and handing it
                # out would send the page half a notebook and then nothing. Replace it.
                self._replace_failed(notebook, first)
                continue
            kernel_id = first.result()["kernel_id"]
            if not await self._alive(kernel_id):
                # died, and jupyter_client's restarter has not noticed yet (it looks every 3 s)
                self._replace_failed(notebook, first, "its kernel died")
                continue
            if not pool or pool[0] is not first:
                continue  # another request took it while we looked
            ready = self._ready.setdefault(kernel_id, asyncio.Event())
            rendering = first.result()["task"]
            if ready.is_set() or rendering.done():
                # no await from here to Voila taking pool[0]: this request gets this kernel
                return
            # look again after a while: another request may have taken this kernel meanwhile,
            # or its start may have failed
            waiting = asyncio.ensure_future(ready.wait())
            await asyncio.wait(
                [waiting, rendering],
                timeout=min(1.0, deadline - loop.time()),
                return_when=asyncio.FIRST_COMPLETED,
            )
            waiting.cancel()

    async def _alive(self, kernel_id: str) -> bool:
        kernel = self._kernels.get(kernel_id)
        if kernel is None:
            return False
        ready = getattr(kernel, "ready", None)
        if isinstance(ready, (asyncio.Future, concurrent.futures.Future)) and not ready.done():
            return True  # still starting (or being restarted: the restart callback tells)
        try:
            return bool(await ensure_async(kernel.is_alive()))
        except Exception:
            return False

    def _replace_failed(self, notebook: str, item: Any, why: object = None) -> None:
        """Take a pool kernel that failed (it died while starting, or died and was restarted
        empty by jupyter_client) out of the pool, stop it, and start another in its place."""
        pool: list[Any] = getattr(self, "_pools", {}).get(notebook, [])
        if item not in pool:
            return  # already replaced, or handed out
        pool.remove(item)
        kernel_id = None
        if item.exception() is not None:
            why = why or item.exception()
        else:
            kernel_id = item.result()["kernel_id"]
            task = item.result()["task"]
            if why is None:
                why = "its rendering was cancelled" if task.cancelled() else task.exception()
            task.cancel()  # a dead kernel's rendering would go on into the restarted kernel
        self.log.warning(
            "Preheated kernel %s of %s failed (%s); starting another", kernel_id, notebook, why
        )
        if kernel_id is not None:
            self._died.discard(kernel_id)
            self.warmed_up(kernel_id)
            IOLoop.current().add_callback(self._stop, kernel_id, "it failed")
        fill = getattr(self, "fill_if_needed", None)
        if fill is not None:
            fill(delay=0, notebook_name=notebook)

    def _kernel_died(self, kernel_id: str) -> None:
        """jupyter_client restarts a kernel that died, empty: none of its workbook's state is
        left. A pool kernel is replaced; a page still being rendered is given up (it reloads
        itself with a new kernel); a page in use gets its kernel stopped, so that it says so and
        offers a reload instead of silently ignoring clicks."""
        if kernel_id not in self._kernels:
            return
        self._died.add(kernel_id)
        page = self.pages.get(kernel_id)
        if page is not None:
            if page.rendered_at is None and page.give_up is not None:
                page.give_up("its kernel died")
            else:
                IOLoop.current().add_callback(self._stop, kernel_id, "its kernel died")
            return
        for notebook, pool in list(getattr(self, "_pools", {}).items()):
            for item in list(pool):
                ok = item.done() and item.exception() is None
                if ok and item.result()["kernel_id"] == kernel_id:
                    self._replace_failed(notebook, item, "its kernel died")
                    return

    def note_arrival(self, notebook: str) -> None:
        """Size a workbook's pool by its arrivals: a kernel ready for about every fourth
        arrival of the last minute (between the configured size and ``max_pool_size``), while
        the memory allows."""
        now = time.monotonic()
        times = [t for t in self._arrivals.get(notebook, []) if now - t < 60] + [now]
        self._arrivals[notebook] = times
        pools = getattr(self, "kernel_pools_config", None)
        fill = getattr(self, "fill_if_needed", None)
        if pools is None or fill is None:
            return
        default = pools.get("default", {}).get("pool_size", 1)
        base = self._base_pool.setdefault(
            notebook, pools.get(notebook, {}).get("pool_size", default)
        )
        target = min(self.max_pool_size, max(base, -(-len(times) // 4)))
        current = pools.get(notebook, {}).get("pool_size", default)
        room = self.max_kernels - len(self.pages) - len(self._kernels)
        if target > current and room > 0:
            target = min(target, current + room)
        elif target > current:
            return
        if target != current:
            self.kernel_pools_config = {
                **pools,
                notebook: {**pools.get(notebook, {}), "pool_size": target},
            }
            if target > current:
                self.log.info(
                    "Pool of %s grows to %d (arrivals: %d a minute)", notebook, target, len(times)
                )
                fill(delay=0, notebook_name=notebook)

    def _guard_rendered_notebook(self, inner: Callable[..., Any]) -> Callable[..., Any]:
        async def get_rendered_notebook(
            notebook_name: str, extra_kernel_env_variables: dict[str, str] | None = None, **kw: Any
        ) -> tuple[Any, list[str], str]:
            # The pool refill would otherwise start with this request's full URL (and its key)
            # in the next participant's kernel environment.
            extra = dict(extra_kernel_env_variables or {})
            if "VOILA_REQUEST_URL" in extra:
                extra["VOILA_REQUEST_URL"] = extra["VOILA_REQUEST_URL"].split("?", 1)[0]
            await self._first_ready(notebook_name)
            render_task, rendered_cache, kernel_id = await inner(
                notebook_name=notebook_name, extra_kernel_env_variables=extra, **kw
            )
            self.note_arrival(notebook_name)
            page = self.pages[kernel_id] = PageKernel(preheated=True)
            self.log.info("Page request handed to kernel %s", kernel_id)

            timed_out = False

            def give_up(why: str) -> None:
                nonlocal timed_out
                if page.rendered_at is not None or timed_out:
                    return
                timed_out = True
                self.log.warning("Page of kernel %s given up: %s", kernel_id, why)
                IOLoop.current().add_callback(self._stop, kernel_id, "its page was given up")

            # Stopping the kernel ends the rendering (its cells fail); the page then says so.
            page.give_up = give_up
            timer = IOLoop.current().call_later(
                self.page_timeout, give_up, f"not ready after {self.page_timeout:.0f} s"
            )

            async def rest(rendering: Any) -> Any:
                # Voila renders the notebook's remaining cells from this generator after the
                # hand-off, in the request's own task; the page is whole when it ends.
                try:
                    try:
                        async for item in rendering:
                            yield item
                    except Exception as error:  # the kernel died mid-page
                        give_up(f"its rendering failed ({error})")
                    if timed_out:
                        yield PAGE_TIMEOUT_HTML, None
                finally:  # whole, timed out, or the browser went away mid-page
                    page.rendered_at = time.monotonic()
                    IOLoop.current().remove_timeout(timer)

            async def bounded() -> tuple[list[str], Any]:
                try:
                    rendered, rendering = await render_task
                except Exception as error:  # the kernel died: a page that says so, not half a page
                    give_up(f"its rendering failed ({error})")
                    return [PAGE_TIMEOUT_HTML], _nothing()
                if timed_out:
                    return [*rendered, PAGE_TIMEOUT_HTML], _nothing()
                self.log.info(
                    "Kernel %s has the request (%.1f s)", kernel_id, time.monotonic() - page.since
                )
                return rendered, rest(rendering)

            return asyncio.ensure_future(bounded()), rendered_cache, kernel_id

        return get_rendered_notebook

    def at_capacity(self) -> bool:
        return len(self.pages) >= self.max_kernels

    def notify_connect(self, kernel_id: str) -> None:
        super().notify_connect(kernel_id)
        page = self.pages.get(kernel_id)
        if page is not None:
            page.connected, page.left_at = True, None
            page.connections += 1

    def notify_disconnect(self, kernel_id: str) -> None:
        super().notify_disconnect(kernel_id)
        page = self.pages.get(kernel_id)
        if page is not None:
            page.connections = max(0, page.connections - 1)
            if page.connections == 0:
                page.left_at = time.monotonic()

    async def shutdown_kernel(self, kernel_id: str, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        self._died.discard(kernel_id)
        self.warmed_up(kernel_id)
        self._ready.pop(kernel_id, None)
        self.pages.pop(kernel_id, None)
        handoff.forget_kernel(kernel_id)
        await super().shutdown_kernel(kernel_id, *args, **kwargs)

    def remove_kernel(self, kernel_id: str) -> Any:
        self._died.discard(kernel_id)
        self.warmed_up(kernel_id)
        self._ready.pop(kernel_id, None)
        self.pages.pop(kernel_id, None)
        handoff.forget_kernel(kernel_id)
        return super().remove_kernel(kernel_id)

    # --- the watchdog ---------------------------------------------------------------------------

    def page_verdict(self, kernel_id: str, page: PageKernel, now: float) -> str | None:
        """Why a page's kernel should stop now, or None."""
        kernel = self._kernels.get(kernel_id)
        state = getattr(kernel, "execution_state", None)
        # The grace counts from when the page was sent whole, not from the request: a loaded
        # machine renders slowly. Without preheating we do not see the end of the rendering;
        # then it counts from the kernel's last activity, once it is no longer busy.
        if page.rendered_at is not None:
            waited = now - page.rendered_at
        elif page.preheated or state == "busy":
            waited = 0.0  # still rendering (a preheated page's render is bounded by page_timeout)
        else:
            last = getattr(kernel, "last_activity", None)
            quiet = (utcnow() - last).total_seconds() if last is not None else 0.0
            waited = min(now - page.since - self.page_timeout, quiet)
        if not page.connected and waited > self.connect_grace:
            return f"its page never connected within {self.connect_grace:.0f} s"
        if page.connected and page.left_at is not None and now - page.left_at > self.closed_grace:
            return f"its page was closed {self.closed_grace:.0f} s ago"
        if page.rendered_at is None and page.give_up is not None and state == "idle":
            self._unstick(kernel_id, page, now)
        if state == "busy":
            page.busy_since = page.busy_since or now
            if now - page.busy_since > self.busy_limit:
                return f"it was busy for over {self.busy_limit:.0f} s"
        else:
            page.busy_since = None
        return None

    def _unstick(self, kernel_id: str, page: PageKernel, now: float) -> None:
        """A page still rendering while its kernel has long been idle is stuck: Voila waits for
        a cell's reply that never comes, although the kernel finished the cell (seen about once
        in 50 preheated pages on a loaded machine, with ipykernel 6 and 7; the cause is not
        found yet, see issue 13's note). Give the page up at once: it reloads itself and gets a
        fresh kernel, instead of waiting out the page timeout."""
        kernel = self._kernels.get(kernel_id)
        last = getattr(kernel, "last_activity", None)
        quiet = (utcnow() - last).total_seconds() if last is not None else 0.0
        if quiet >= STUCK_SECONDS and page.give_up is not None:
            page.give_up(f"its kernel was idle for {quiet:.0f} s while the page was rendering")

    async def watch_pages(self) -> None:
        now = time.monotonic()
        for kernel_id, page in list(self.pages.items()):
            reason = self.page_verdict(kernel_id, page, now)
            if reason:
                await self._stop(kernel_id, reason)
        for client, bucket in list(self._buckets.items()):
            if now - bucket.at > 120:
                del self._buckets[client]

    async def _stop(self, kernel_id: str, reason: str) -> None:
        if kernel_id not in self._kernels:
            self.pages.pop(kernel_id, None)
            return
        self.log.info("Stopping kernel %s: %s", kernel_id, reason)
        # A kernel being restarted by jupyter_client (it died) cannot be shut down until the
        # restart is through: its ``ready`` future is pending and the shutdown fails
        # (InvalidStateError); the restart may also begin just after we looked.
        for _ in range(5):
            ready = getattr(self._kernels.get(kernel_id), "ready", None)
            if isinstance(ready, concurrent.futures.Future):
                ready = asyncio.wrap_future(ready)
            if isinstance(ready, asyncio.Future) and not ready.done():
                await asyncio.wait([ready], timeout=60)
            try:
                await self.shutdown_kernel(kernel_id, now=True)
                return
            except asyncio.InvalidStateError:
                await asyncio.sleep(1)
            except Exception:  # already gone, or its process died on its own
                self.log.warning("Stopping kernel %s failed", kernel_id, exc_info=True)
                break
            if kernel_id not in self._kernels:
                return
        self.pages.pop(kernel_id, None)

    # --- the door ---------------------------------------------------------------------------------

    def admit(self, request: httputil.HTTPServerRequest) -> tuple[int, str] | None:
        """None to let a page request in, else (status, message) for a page of our own."""
        if len(request.query) > MAX_QUERY_LENGTH or any(
            not KEY_PATTERN.match(v[-1].decode("utf-8", "replace").strip())
            for k, v in request.query_arguments.items()
            if k in ("key", "share")
        ):
            return 400, DAMAGED_LINK
        cookie = request.cookies.get(CLIENT_COOKIE)
        client = ("c:" + cookie.value) if cookie else ("a:" + (request.remote_ip or ""))
        rate = self.page_rate if cookie else self.anonymous_page_rate
        bucket = self._buckets.setdefault(client, TokenBucket(rate))
        if not bucket.take(time.monotonic()):
            return 429, TOO_MANY
        if self.at_capacity():
            return 503, BUSY.format(n=len(self.pages))
        return None


def _guard_page_generator() -> None:
    """A page whose rendering fails after its first part was sent would end there, half a page
    with no scripts and no message (tornado cannot send an error page once the headers are out):
    it ends with the "did not start" notice instead, which reloads it once."""
    from voila.handler import VoilaHandler

    inner = VoilaHandler.get_generator
    if getattr(inner, "playbook_guard", False):
        return

    async def get_generator(self: Any, path: str | None = None) -> Any:
        sent = False
        try:
            async for chunk in inner(self, path=path):
                sent = True
                yield chunk
        except Exception:
            if not sent:
                raise
            self.log.exception("A page failed after it began; it says so")
            yield PAGE_TIMEOUT_HTML

    get_generator.playbook_guard = True  # type: ignore[attr-defined]
    VoilaHandler.get_generator = get_generator


def _failed(task: asyncio.Future[Any]) -> bool:
    """A pool kernel's rendering that ended with an error (a kernel that died while starting)."""
    return task.done() and (task.cancelled() or task.exception() is not None)


async def _nothing() -> Any:
    return
    yield  # an empty async generator: nothing more to render


# --- pages of our own ---------------------------------------------------------------------------

_STYLE = (
    "font-family:system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;"
    "line-height:1.5;color:#1a1a1a"
)


def _page(title: str, body: str, *, refresh: int | None = None) -> str:
    meta = f'<meta http-equiv="refresh" content="{refresh}">' if refresh else ""
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{meta}'
        f"<title>{html.escape(title)}</title></head>"
        f'<body><main style="{_STYLE}"><h1>{html.escape(title)}</h1>{body}</main></body></html>'
    )


BUSY = _page(
    "The workbook server is busy",
    "<p>{n} people are working in the playbook on this server right now, which is all it can "
    "hold. Please try again in a minute: this page reloads by itself every 30 seconds.</p>"
    "<p>Your answers are saved as you enter them; nothing is lost.</p>",
    refresh=30,
)
TOO_MANY = _page(
    "Too many page loads",
    "<p>This browser opened many workbook pages within a minute. Wait a minute, then reload "
    "the page.</p><p>Your answers are saved as you enter them; nothing is lost.</p>",
)
DAMAGED_LINK = _page(
    "This link is damaged",
    "<p>The link is incomplete or was changed: a private workbook link ends in "
    "<code>?key=</code> followed by 43 letters, digits, '-' or '_'. Copy the whole link you "
    "bookmarked and open it again.</p>"
    '<p><a href="00_start.ipynb">Go to the start page</a> to resume from a file or start a '
    "new workbook.</p>",
)
#: Sent into a page whose kernel did not finish in time; the page's own scripts never ran.
PAGE_TIMEOUT_HTML = (
    '<div role="alert" style="position:fixed;inset:0;z-index:100000;background:#fff;'
    f'overflow:auto"><div style="{_STYLE}"><h1>This page did not start</h1>'
    "<p>The server took too long to prepare this workbook page, so it stopped trying. "
    "Your answers are saved as you enter them; nothing is lost.</p>"
    '<p><button type="button" onclick="location.reload()" style="font-size:1.1em;'
    'padding:.4em 1em">Try again</button></p></div></div>'
    "<script>(function(){var k='playbook-retried:'+location.href,t=+sessionStorage.getItem(k)"
    "||0;if(Date.now()-t>120000){sessionStorage.setItem(k,String(Date.now()));"
    "setTimeout(function(){location.reload()},2000)}})()</script>"
)


#: Put into every workbook page's head: a file over the largest import is refused in the page
#: with a message, instead of a websocket message tornado would drop (playbook.upload_guard).
UPLOAD_GUARD = UPLOAD_GUARD_JS.encode()

#: Put into every workbook page: when the page's kernel is gone (stopped after the page took
#: too long to connect on an overloaded machine, or after the page was left closed or asleep),
#: a page that never showed its workbook reloads itself once (a new kernel), and a page in use
#: says what happened instead of silently ignoring clicks.
KERNEL_WATCH = b"""<script>(function(){
var c=document.getElementById('jupyter-config-data');if(!c||!window.fetch)return;
var cfg=JSON.parse(c.textContent),id=cfg.kernelId,base=cfg.baseUrl||'/';if(!id)return;
var t=setInterval(function(){fetch(base+'api/kernels/'+id,{credentials:'same-origin'})
.then(function(r){if(r.status!==404)return;clearInterval(t);
var k='playbook-reloaded:'+location.href,last=+sessionStorage.getItem(k)||0;
if(!document.querySelector('.jupyter-widgets')&&Date.now()-last>60000){
sessionStorage.setItem(k,String(Date.now()));location.reload();return;}
var d=document.createElement('div');d.setAttribute('role','alert');d.className='pb-kernel-gone';
d.style.cssText='position:fixed;top:0;left:0;right:0;z-index:100000;background:#fff3cd;'+
'color:#1a1a1a;padding:12px 16px;border-bottom:1px solid #d6b656;font:16px system-ui,sans-serif';
d.textContent='This page was left unused for a while and has been closed on the server. '+
'Your answers are saved. ';var b=document.createElement('button');b.type='button';
b.textContent='Reload the page';b.onclick=function(){location.reload()};d.appendChild(b);
document.body.appendChild(d);}).catch(function(){});},15000);})();</script>
"""


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


class PageShutdownHandler(web.RequestHandler):
    """The page's own "stop my kernel" on close (Voila's is refused for a missing _xsrf,
    voila#1458). Only page kernels can be stopped this way, by their unguessable id."""

    def initialize(self, km: PlaybookKernelManager) -> None:
        self.km = km

    def check_xsrf_cookie(self) -> None:
        pass

    async def post(self, kernel_id: str) -> None:
        if kernel_id in self.km.pages:
            await self.km._stop(kernel_id, "its page was closed")
        self.set_status(204)
        self.finish()


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
            # before any widget renders: the upload guard wraps file inputs as they are made
            if b"<head>" in chunk:
                chunk = chunk.replace(b"<head>", b"<head>" + UPLOAD_GUARD, 1)
            if b"</body>" in chunk:
                chunk = chunk.replace(b"</body>", KERNEL_WATCH + b"</body>", 1)
        return chunk


SECRET_IN_URL = re.compile(r"((?:key|share)=)[^&\s'\"]+")


class RedactSecrets(logging.Filter):
    """Tornado logs a failed request with its full address (``404 GET /x.ipynb?key=...``):
    private keys and share tokens are replaced before any handler writes the record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "key=" in message or "share=" in message:
            record.msg, record.args = SECRET_IN_URL.sub(r"\1…", message), None
        return True


class RedactCells(logging.Filter):
    """Voila logs a whole notebook cell, outputs and all, when its execution fails (for
    instance when a page's kernel is stopped mid-render): outputs can hold a participant's
    answers. Keep the cell's id only."""

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith("Error at server while executing cell") and record.args:
            cell = record.args[0] if isinstance(record.args, tuple) else record.args
            cell_id = cell.get("id", "?") if isinstance(cell, dict) else "?"
            record.args = (f"<cell {cell_id}>",)
        return True


def log_request(handler: web.RequestHandler) -> None:
    """Tornado's access log without query strings (a private key must never be logged)."""
    status = handler.get_status()
    if status < 400:
        level = logging.INFO
    elif status < 500:
        level = logging.WARNING
    else:
        level = logging.ERROR
    request = handler.request
    logging.getLogger("tornado.access").log(
        level,
        "%d %s %s %.1fms",
        status,
        request.method,
        request.path,
        1000.0 * request.request_time(),
    )


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
    app.add_transform(FrontDoorTransform)
    if web.GZipContentEncoding not in app.transforms:
        app.add_transform(web.GZipContentEncoding)
    own: list[tuple[str, type[web.RequestHandler], dict[str, Any]]] = [
        (
            base + r"voila/api/shutdown/([-\w]+)",
            PageShutdownHandler,
            {"km": km},
        )
    ]
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
    app.add_handlers(".*$", own)
    app.default_router.rules.insert(0, app.default_router.rules.pop(-2))

    find = app.find_handler
    render = base + "voila/render/"

    def find_handler(request: httputil.HTTPServerRequest, **kwargs: Any) -> Any:
        if request.method == "GET" and request.path.startswith(render):
            refused = km.admit(request)
            if refused is not None:
                status, text = refused
                return app.get_handler_delegate(
                    request, OwnPageHandler, {"status": status, "text": text}
                )
        return find(request, **kwargs)

    app.find_handler = find_handler  # type: ignore[method-assign]
