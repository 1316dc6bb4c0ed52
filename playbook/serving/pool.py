"""The preheated pools, made dependable: a page gets a pool kernel only once that kernel has
run its workbook up to the hand-off; a kernel that died while starting (or soon after) is
replaced at once; a page's rendering is bounded and ends with a page that says what happened;
a workbook's pool grows when it ran out and shrinks back a minute later; a workshop's stock
(``--workshop``) drains without refills. A mixin of
:class:`playbook.serving.manager.PlaybookKernelManager` over Voila's preheating manager
(``voila.voila_kernel_manager``: ``_pools``, ``fill_if_needed``, ``get_rendered_notebook``)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import time
from collections.abc import Callable
from typing import Any

from jupyter_core.utils import ensure_async
from tornado.ioloop import IOLoop

from playbook.serving.logs import stop_rendering
from playbook.serving.pages import PAGE_TIMEOUT_HTML
from playbook.serving.patches import NoKernelYet
from playbook.serving.policy import ARRIVAL_WINDOW, PageKernel, pool_target, recent_arrivals


class PreheatedPool:
    """The pool half of the kernel manager (its state is set up by the manager)."""

    # set by the kernel manager
    pages: dict[str, PageKernel]
    page_timeout: float
    max_pool_size: int
    max_kernels: int
    _kernels: dict[str, Any]
    _ready: dict[str, asyncio.Event]
    _died: set[str]
    _arrivals: dict[str, list[float]]
    _misses: dict[str, list[float]]
    _base_pool: dict[str, int]
    _stock: dict[str, int]
    log: Any

    def warmed_up(self, kernel_id: str) -> None:  # the manager's
        raise NotImplementedError

    async def stop_kernel_for(self, kernel_id: str, reason: str) -> None:  # the manager's
        raise NotImplementedError

    async def _first_ready(self, notebook: str) -> bool:
        """Wait until the kernel first in the notebook's pool has run the workbook up to the
        hand-off. Voila hands a pool kernel out as soon as it has started; resuming its
        rendering from the request before the kernel got that far left pages waiting forever
        for the kernel's output (seen about once in 30 such hand-offs on a loaded machine).

        False when the page's time is over and the pool is empty (others arriving at the same
        moment took every kernel; Voila would fail the page with "Kernel pool ... is empty!",
        a 500): the page then says so and tries again."""
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
                    return False
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
                return True
            # look again after a while: another request may have taken this kernel meanwhile,
            # or its start may have failed
            waiting = asyncio.ensure_future(ready.wait())
            await asyncio.wait(
                [waiting, rendering],
                timeout=min(1.0, deadline - loop.time()),
                return_when=asyncio.FIRST_COMPLETED,
            )
            waiting.cancel()
        # Out of time: a kernel still warming is handed out (its page is bounded by the page's
        # own time); none at all is said on the page.
        return bool(pools.get(notebook))

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
            IOLoop.current().add_callback(self.stop_kernel_for, kernel_id, "it failed")
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
                IOLoop.current().add_callback(self.stop_kernel_for, kernel_id, "its kernel died")
            return
        for notebook, pool in list(getattr(self, "_pools", {}).items()):
            for item in list(pool):
                ok = item.done() and item.exception() is None
                if ok and item.result()["kernel_id"] == kernel_id:
                    self._replace_failed(notebook, item, "its kernel died")
                    return

    # --- the pools' sizes ---------------------------------------------------------------------

    def _pool_config(self) -> dict[str, Any] | None:
        return getattr(self, "kernel_pools_config", None)

    def _configured_size(self, notebook: str) -> int:
        pools = self._pool_config() or {}
        default = pools.get("default", {}).get("pool_size", 1)
        first_seen = int(pools.get(notebook, {}).get("pool_size", default))
        return int(self._base_pool.setdefault(notebook, first_seen))

    def _base_size(self, notebook: str) -> int:
        """The size a workbook's pool goes back to: the configured one, or what is left of a
        workshop's stock (``--workshop``) while it drains."""
        return max(self._configured_size(notebook), self._stock.get(notebook, 0))

    def _size(self, notebook: str) -> int:
        pools = self._pool_config() or {}
        default = pools.get("default", {}).get("pool_size", 1)
        return int(pools.get(notebook, {}).get("pool_size", default))

    def _set_size(self, notebook: str, size: int) -> None:
        pools = self._pool_config() or {}
        self.kernel_pools_config = {
            **pools,
            notebook: {**pools.get(notebook, {}), "pool_size": size},
        }

    def _has_ready(self, notebook: str) -> bool:
        """Whether a request for the workbook now would find a kernel ready in its pool."""
        pool = getattr(self, "_pools", {}).get(notebook) or []
        if not pool or not pool[0].done() or pool[0].exception() is not None:
            return False
        kernel_id = pool[0].result()["kernel_id"]
        event = self._ready.get(kernel_id)
        return event is not None and event.is_set() and kernel_id not in self._died

    def _drain_stock(self, notebook: str) -> None:
        """A workshop's stock kernel is being handed out: the stock is one smaller and the
        pool is not refilled for it (the refill would compete with the room arriving)."""
        stock = self._stock.get(notebook, 0)
        if stock <= 0:
            return
        self._stock[notebook] = stock - 1
        size = self._size(notebook)
        if size > self._base_size(notebook):
            self._set_size(notebook, size - 1)
        if self._stock[notebook] == self._configured_size(notebook):  # once, not each time
            self.log.info("Workshop stock of %s is used up", notebook)

    def _sizing(self, notebook: str, now: float) -> tuple[int, int, int]:
        """(target, current, arrivals) of a workbook's pool (:func:`policy.pool_target`)."""
        arrivals = [t for t in self._arrivals.get(notebook, []) if now - t < ARRIVAL_WINDOW]
        misses = [t for t in self._misses.get(notebook, []) if now - t < ARRIVAL_WINDOW]
        self._arrivals[notebook], self._misses[notebook] = arrivals, misses
        current = self._size(notebook)
        target = pool_target(
            arrivals=len(arrivals),
            misses=len(misses),
            base=self._base_size(notebook),
            current=current,
            max_pool=max(self.max_pool_size, self._base_size(notebook)),
            room=self.max_kernels - len(self.pages) - len(self._kernels),
        )
        return target, current, len(arrivals)

    def note_arrival(self, notebook: str, missed: bool) -> None:
        """A page request for the workbook, which found a kernel of its pool ready or not
        (``missed``): a pool that ran out grows (:func:`policy.pool_target`)."""
        now = time.monotonic()
        self._arrivals[notebook] = recent_arrivals(self._arrivals.get(notebook, []), now)
        if missed:
            self._misses[notebook] = recent_arrivals(self._misses.get(notebook, []), now)
        fill = getattr(self, "fill_if_needed", None)
        if self._pool_config() is None or fill is None:
            return
        target, current, arrivals = self._sizing(notebook, now)
        if target > current:
            self._set_size(notebook, target)
            self.log.info(
                "Pool of %s grows to %d (it ran out %d time(s); arrivals: %d a minute)",
                notebook,
                target,
                len(self._misses[notebook]),
                arrivals,
            )
            fill(delay=0, notebook_name=notebook)

    def resize_pools(self) -> None:
        """Shrink back the pools that have not run out for a minute (the watchdog calls this):
        the kernels beyond the pool's size are stopped, newest first, never one handed out."""
        if self._pool_config() is None:
            return
        now = time.monotonic()
        for notebook in list(self._arrivals):
            target, current, _ = self._sizing(notebook, now)
            if target < current:
                self._set_size(notebook, target)
                stopped = self._trim(notebook, target)
                self.log.info(
                    "Pool of %s shrinks back to %d (it has not run out for %.0f s): "
                    "%d idle kernel(s) stopped",
                    notebook,
                    target,
                    ARRIVAL_WINDOW,
                    stopped,
                )
            if not self._arrivals[notebook] and target == self._base_size(notebook):
                del self._arrivals[notebook]

    def _trim(self, notebook: str, size: int) -> int:
        pool: list[Any] = getattr(self, "_pools", {}).get(notebook, [])
        stopped = 0
        for item in reversed(list(pool)):
            if len(pool) <= size:
                break
            if not item.done() or item.exception() is not None:
                continue  # still starting: Voila's refill counts it; it waits in the pool
            pool.remove(item)
            kernel_id = item.result()["kernel_id"]
            stop_rendering(item.result()["task"], item.result().get("renderer"))
            self.warmed_up(kernel_id)
            IOLoop.current().add_callback(
                self.stop_kernel_for, kernel_id, "its workbook's pool shrank back"
            )
            stopped += 1
        return stopped

    def _guard_rendered_notebook(self, inner: Callable[..., Any]) -> Callable[..., Any]:
        async def get_rendered_notebook(
            notebook_name: str, extra_kernel_env_variables: dict[str, str] | None = None, **kw: Any
        ) -> tuple[Any, list[str], str]:
            # The pool refill would otherwise start with this request's full URL (and its key)
            # in the next participant's kernel environment.
            extra = dict(extra_kernel_env_variables or {})
            if "VOILA_REQUEST_URL" in extra:
                extra["VOILA_REQUEST_URL"] = extra["VOILA_REQUEST_URL"].split("?", 1)[0]
            missed = not self._has_ready(notebook_name)
            if not await self._first_ready(notebook_name):
                self.note_arrival(notebook_name, True)
                self.log.warning(
                    "No kernel of %s was ready within %.0f s (arrivals took them all); the page "
                    "says so and tries again in 30 s",
                    notebook_name,
                    self.page_timeout,
                )
                raise NoKernelYet(notebook_name)
            self._drain_stock(notebook_name)  # (no await from here to Voila taking the kernel)
            render_task, rendered_cache, kernel_id = await inner(
                notebook_name=notebook_name, extra_kernel_env_variables=extra, **kw
            )
            self.note_arrival(notebook_name, missed)
            page = self.pages[kernel_id] = PageKernel(preheated=True)
            self.log.info("Page request handed to kernel %s", kernel_id)

            timed_out = False

            def give_up(why: str) -> None:
                nonlocal timed_out
                if page.rendered_at is not None or timed_out:
                    return
                timed_out = True
                self.log.warning("Page of kernel %s given up: %s", kernel_id, why)
                IOLoop.current().add_callback(
                    self.stop_kernel_for, kernel_id, "its page was given up"
                )

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


def _failed(task: asyncio.Future[Any]) -> bool:
    """A pool kernel's rendering that ended with an error (a kernel that died while starting)."""
    return task.done() and (task.cancelled() or task.exception() is not None)


async def _nothing() -> Any:
    return
    yield  # an empty async generator: nothing more to render
