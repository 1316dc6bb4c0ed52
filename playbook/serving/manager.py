"""The kernel manager every way of serving names (``playbook.serving.PlaybookKernelManager``):
see :mod:`playbook.serving` for what it gives the server. The rules it applies are in
:mod:`playbook.serving.policy`, the upstream patches in :mod:`playbook.serving.patches`, the
front door in :mod:`playbook.serving.front_door`."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import queue
import socket
import sys
import time
from typing import Any

from jupyter_core.utils import ensure_async
from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import httputil, web
from tornado.ioloop import IOLoop, PeriodicCallback
from traitlets import Bool, Float, Integer, Unicode, default

from playbook.serving import patches, policy
from playbook.serving.front_door import CLIENT_COOKIE, install_front_door, own_client
from playbook.serving.logs import install_log_filters
from playbook.serving.memory import default_max_kernels
from playbook.serving.pages import BUSY, DAMAGED_LINK, TOO_MANY
from playbook.serving.policy import (
    Door,
    Limits,
    PageKernel,
    at_capacity,
)
from playbook.serving.pool import PreheatedPool


def activity_known(kernel: Any) -> bool:
    """Whether jupyter_server has set this kernel's ``last_activity`` (it does once the
    kernel's start returned); read without validating the unset trait."""
    values = getattr(kernel, "_trait_values", None)
    if isinstance(values, dict) and hasattr(type(kernel), "last_activity"):
        return values.get("last_activity") is not None
    return getattr(kernel, "last_activity", None) is not None


def _option(kind: Any, value: float, text: str) -> Any:
    """A configurable setting of the kernel manager."""
    return kind(value, config=True, help=text)


class PlaybookKernelManager(PreheatedPool, AsyncMappingKernelManager):
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
    workshop = _option(
        Integer,
        0,
        "Participants of a workshop arriving at once (playbook serve --workshop N): a kernel "
        "is warmed for each on the workbooks they open first, before they arrive; the stock "
        "is not refilled as it drains.",
    )
    page_start_attempts = _option(
        Integer,
        3,
        "Kernels started for one page (without a preheated one) when they die while starting.",
    )
    page_start_timeout = _option(
        Float,
        60.0,
        "Seconds a page's kernel (without preheating) may take to answer kernel_info before "
        "it is handed to Voila anyway (Voila then waits for it as it would have).",
    )
    kernel_transport = Unicode(
        "auto",
        config=True,
        help="ZeroMQ transport of the kernels: 'auto' (ipc where the platform has Unix sockets "
        "and the connection folder allows them, else tcp), 'ipc' or 'tcp'.",
    )
    fix_lost_wakeup = Bool(
        True,
        config=True,
        help="Apply the fix of the lost wake-up (issue 18, playbook.serving.patches); off only "
        "to measure the stall it causes (benchmarks/bench_hang_loop.py --without-fix).",
    )
    patch_front_end = Bool(
        True,
        config=True,
        help="Serve the front-end files we change (playbook.serving.assets.ASSETS: a page "
        "left blank by ipywidgets#4026); off only to measure it "
        "(benchmarks/bench_blank_pages.py --without-fix).",
    )

    @default("max_kernels")
    def _default_max_kernels(self) -> int:
        return default_max_kernels()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        patches.apply_all()
        if not self.fix_lost_wakeup:
            patches.undo_lost_wakeup_fix()
        self.pages: dict[str, PageKernel] = {}
        self.door = Door()
        self._watchdog: PeriodicCallback | None = None
        self._warmup_slots = asyncio.Semaphore(self.warmup_parallel or 1_000_000)
        self._warming: dict[str, object] = {}
        self._ready: dict[str, asyncio.Event] = {}
        self._arrivals: dict[str, list[float]] = {}
        self._misses: dict[str, list[float]] = {}
        self._base_pool: dict[str, int] = {}
        self._stock: dict[str, int] = {}
        self._stock_started: float | None = None
        if self.workshop > 0:
            self._plan_workshop()
        self._died: set[str] = set()
        self._server_share = 0.0  # of a core, since the watchdog's last check
        self._last_watch: tuple[float, float] | None = None
        patches.on_waiting.append(self.warmed_up)
        # Voila's preheating subclass defines get_rendered_notebook; guard it on this instance.
        patches.guard_rendered_notebook(self, self._guard_rendered_notebook)
        IOLoop.current().add_callback(self._start)

    # --- start-up -------------------------------------------------------------------------------

    def _plan_workshop(self) -> None:
        """Size the stock of the workbooks a room opens first (:func:`policy.workshop_plan`):
        set before Voila's preheating manager fills its pools (it does so right after this
        ``__init__``)."""
        pools = getattr(self, "kernel_pools_config", None)
        if pools is None:
            self.log.warning("--workshop needs preheated kernels (preheat_kernel): ignored")
            return
        plan = policy.workshop_plan(
            self.workshop, max_kernels=self.max_kernels, cores=os.cpu_count() or 1
        )
        default = pools.get("default", {}).get("pool_size", 1)
        pools = dict(pools)
        for name, size in plan.pools.items():
            self._base_pool[name] = pools.get(name, {}).get("pool_size", default)
            self._stock[name] = size
            pools[name] = {**pools.get(name, {}), "pool_size": max(size, self._base_pool[name])}
        self.kernel_pools_config = pools
        self._stock_started = time.monotonic()
        self.log.info("%s", plan.advice()[0])

    def _stock_is_warm(self) -> None:
        """Log once when every kernel of a workshop's stock has reached the hand-off."""
        if self._stock_started is None:
            return
        pools: dict[str, list[Any]] = getattr(self, "_pools", {})
        for name, size in self._stock.items():
            ready = 0
            for item in pools.get(name, []):
                if item.done() and item.exception() is None:
                    event = self._ready.get(item.result()["kernel_id"])
                    ready += bool(event and event.is_set())
            if ready < size:
                return
        self.log.info(
            "Workshop stock is warm: %s (%.0f s after start-up)",
            ", ".join(f"{n} kernels for {name}" for name, n in self._stock.items()),
            time.monotonic() - self._stock_started,
        )
        self._stock_started = None

    def _start(self) -> None:
        app = getattr(self.parent, "app", None) or getattr(self.parent, "web_app", None)
        if isinstance(app, web.Application):
            install_front_door(app, self)
        install_log_filters(self.log)
        transport, why = self.transport()
        self.log.info("Kernels use the %s transport (%s)", transport, why)
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

    def transport(self) -> tuple[str, str]:
        """The kernels' transport and why (:func:`policy.choose_transport`)."""
        folder = str(self.connection_dir or os.getcwd())
        return policy.choose_transport(
            self.kernel_transport,
            has_unix_sockets=hasattr(socket, "AF_UNIX") and sys.platform != "win32",
            connection_dir=folder,
            writable=os.access(folder, os.W_OK),
        )

    def pre_start_kernel(self, kernel_name: str | None, kwargs: Any) -> tuple[Any, str, str]:
        km, name, kernel_id = super().pre_start_kernel(kernel_name, kwargs)
        km.transport = self.transport()[0]
        return km, name, kernel_id

    # --- which kernels serve pages -----------------------------------------------------------

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:  # type: ignore[override]
        env = kwargs.get("env") or {}
        pooled = env.get("VOILA_PREHEAT") == "True"
        for_page = "VOILA_REQUEST_URL" in env and not pooled
        if for_page and self.at_capacity():
            raise web.HTTPError(503, reason="Busy")
        if not pooled and not for_page:
            kernel_id = str(await super().start_kernel(*args, **kwargs))
            self._watch_death(kernel_id)
            return kernel_id
        if for_page:
            kernel_id = await self._start_page_kernel(*args, **kwargs)
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
        # past the timeout the kernel gives its turn up, but is not ready until it reached the
        # hand-off (a room's stock warming at once on 2 cores takes longer than 30 s)
        self._warming[kernel_id] = IOLoop.current().call_later(
            self.warmup_timeout, self._free_turn, kernel_id
        )
        return kernel_id

    async def _start_page_kernel(self, *args: Any, **kwargs: Any) -> str:
        """A kernel for one page request (no preheated one: preheating off, or the pool was
        empty), handed over only once it answered ``kernel_info``. A kernel that dies while
        starting (e.g. its port was taken between the server choosing it and the kernel
        binding it, with the tcp transport) is stopped and another started for the page at
        once: Voila would otherwise wait a minute for the dead kernel's ``kernel_info`` reply
        (jupyter_client's restarter brings the process back with the same ports, so Voila's own
        check that the kernel is alive never fails) and the page then hung."""
        for attempt in range(1, self.page_start_attempts + 1):
            kernel_id = str(await super().start_kernel(*args, **dict(kwargs)))
            self._watch_death(kernel_id)
            why = await self._died_while_starting(kernel_id, self.page_start_timeout)
            if why is None or attempt == self.page_start_attempts:
                return kernel_id
            self.log.warning(
                "Kernel %s of a page died while starting (%s); starting another for the page "
                "(attempt %d of %d)",
                kernel_id,
                why,
                attempt + 1,
                self.page_start_attempts,
            )
            IOLoop.current().add_callback(self.stop_kernel_for, kernel_id, "it died while starting")
        raise AssertionError("unreachable")  # (the loop returns on its last attempt)

    async def _died_while_starting(self, kernel_id: str, timeout: float) -> str | None:
        """Why the kernel died before answering ``kernel_info``, or None once it answered (or
        when it did not within ``timeout``: Voila's own wait then takes over, as before)."""
        km = self.get_kernel(kernel_id)
        client = own_client(km)
        client.start_channels()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        asked = 0.0
        try:
            while loop.time() < deadline:
                if kernel_id in self._died:
                    return "jupyter_client saw it die"
                if not await ensure_async(km.is_alive()):
                    return "its process ended"
                if loop.time() - asked > 2.0:
                    client.kernel_info()
                    asked = loop.time()
                try:
                    reply = await ensure_async(client.shell_channel.get_msg(timeout=0.25))
                except queue.Empty:
                    continue
                if reply["msg_type"] == "kernel_info_reply":
                    return None
            return None
        finally:
            client.stop_channels()

    def _watch_death(self, kernel_id: str) -> None:
        def died() -> None:
            self._kernel_died(kernel_id)

        with contextlib.suppress(KeyError):  # (gone already)
            self.add_restart_callback(kernel_id, died, "restart")
            self.add_restart_callback(kernel_id, died, "dead")

    def warmed_up(self, kernel_id: str) -> None:
        """A warming kernel reached the request (or gave up, or is gone): free its turn."""
        self._free_turn(kernel_id)
        self._ready.setdefault(kernel_id, asyncio.Event()).set()
        self._stock_is_warm()

    def _free_turn(self, kernel_id: str) -> None:
        handle = self._warming.pop(kernel_id, None)
        if handle is not None:
            IOLoop.current().remove_timeout(handle)
            self._warmup_slots.release()

    def at_capacity(self) -> bool:
        return at_capacity(len(self.pages), self.max_kernels)

    def notify_connect(self, kernel_id: str) -> None:
        super().notify_connect(kernel_id)
        page = self.pages.get(kernel_id)
        if page is not None:
            page.connect()

    def notify_disconnect(self, kernel_id: str) -> None:
        super().notify_disconnect(kernel_id)
        page = self.pages.get(kernel_id)
        if page is not None:
            page.disconnect(time.monotonic())

    async def shutdown_kernel(self, kernel_id: str, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        self._died.discard(kernel_id)
        self.warmed_up(kernel_id)
        self._ready.pop(kernel_id, None)
        self.pages.pop(kernel_id, None)
        patches.forget_kernel(kernel_id)
        await super().shutdown_kernel(kernel_id, *args, **kwargs)

    def remove_kernel(self, kernel_id: str) -> Any:
        self._died.discard(kernel_id)
        self.warmed_up(kernel_id)
        self._ready.pop(kernel_id, None)
        self.pages.pop(kernel_id, None)
        patches.forget_kernel(kernel_id)
        return super().remove_kernel(kernel_id)

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        """jupyter_server's idle culler, skipping a kernel still starting: its
        ``last_activity`` is set only once the start returns, and the culler's
        ``hasattr(kernel, "last_activity")`` guard raises a ``TraitError`` (not an
        ``AttributeError``) on the unset trait, logged as an error with a traceback each time
        a cull pass meets a kernel starting (docs/SERVING.md, upstream reports)."""
        kernel = self._kernels.get(kernel_id)
        if kernel is None or not activity_known(kernel):
            return
        await super().cull_kernel_if_idle(kernel_id)

    # --- the watchdog ---------------------------------------------------------------------------

    def page_verdict(self, kernel_id: str, page: PageKernel, now: float) -> str | None:
        """Why a page's kernel should stop now, or None (the rules: :func:`policy.page_verdict`);
        a page stuck rendering is given up here."""
        kernel = self._kernels.get(kernel_id)
        state = getattr(kernel, "execution_state", None)
        last = getattr(kernel, "last_activity", None)
        quiet = (utcnow() - last).total_seconds() if last is not None else 0.0
        share = self._server_share
        verdict = policy.page_verdict(page, state, quiet, now, self.limits(), share)
        if verdict.give_up and page.give_up is not None:
            # The safety net of issue 18 (the lost wake-up is fixed in patches): every firing
            # is logged with what the kernel's state was, to find any other cause.
            self.log.warning(
                "Stuck page of kernel %s: execution state %s, idle %.1f s, page %.1f s old, "
                "%d connection(s), server at %.0f%% of a core; wake-ups restored so far: %d",
                kernel_id,
                state,
                quiet,
                now - page.since,
                page.connections,
                100 * share,
                patches.restored_wakeups,
            )
            page.give_up(verdict.give_up)
        return verdict.stop

    def limits(self) -> Limits:
        return Limits(
            connect_grace=self.connect_grace,
            closed_grace=self.closed_grace,
            busy_limit=self.busy_limit,
            page_timeout=self.page_timeout,
        )

    def _measure_server_share(self, now: float) -> None:
        """The share of a core this server process used since the last check
        (:data:`policy.SERVER_BUSY_SHARE`)."""
        cpu = time.process_time()
        last = self._last_watch
        if last is not None and now > last[0]:
            self._server_share = (cpu - last[1]) / (now - last[0])
        self._last_watch = (now, cpu)

    async def watch_pages(self) -> None:
        now = time.monotonic()
        self._measure_server_share(now)
        for kernel_id, page in list(self.pages.items()):
            reason = self.page_verdict(kernel_id, page, now)
            if reason:
                await self.stop_kernel_for(kernel_id, reason)
        self.resize_pools()
        self.door.forget_idle(now)

    async def stop_kernel_for(self, kernel_id: str, reason: str) -> None:
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
        """None to let a page request in, else (status, page) for a page of our own."""
        cookie = request.cookies.get(CLIENT_COOKIE)
        refusal = self.door.admit(
            query=request.query,
            arguments=request.query_arguments,
            cookie=cookie.value if cookie else None,
            address=request.remote_ip or "",
            page_rate=self.page_rate,
            anonymous_page_rate=self.anonymous_page_rate,
            live_pages=len(self.pages),
            max_kernels=self.max_kernels,
            now=time.monotonic(),
        )
        if refusal == "damaged":
            return 400, DAMAGED_LINK
        if refusal == "too_many":
            return 429, TOO_MANY
        if refusal == "busy":
            return 503, BUSY.format(n=len(self.pages))
        return None
