"""The serving rules, as plain functions and small state objects (no tornado, no Voila, no
jupyter_server): who may open a page (link checks, page loads per client, the kernel cap),
when a page's kernel stops or its page is given up, and how big a workbook's pool grows.

:class:`playbook.serving.manager.PlaybookKernelManager` feeds these with what it sees (times,
kernel states, the request's query) and acts on their answers.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

#: A rendering page whose kernel has been idle this long is stuck (see :func:`page_verdict`):
#: a safety net only, since the lost wake-up (issue 18, :mod:`playbook.serving.patches`) is
#: fixed; every firing is logged with the kernel's state.
STUCK_SECONDS = 10.0
#: A server process that used at least this share of a core since the watchdog's last check is
#: rendering pages: a page's idle kernel is then waiting for the server, not stuck. Measured
#: (issue 18, benchmarks/bench_arrivals.py --server-args="--workshop 30"): 30 arrivals on
#: 2 cores left 24 kernels idle 12-19 s between cells while the one server process rendered
#: the others, with no lost wake-up restored; the give-up ended all 24 pages.
SERVER_BUSY_SHARE = 0.5
#: A page query longer than this is refused (a key is 43 characters).
MAX_QUERY_LENGTH = 512
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")
#: Query arguments that must be a workbook key when present.
KEY_ARGUMENTS = ("key", "share")
#: A client's page-load counter is forgotten after this long without a page load.
BUCKET_IDLE_SECONDS = 120.0
#: Arrivals counted when sizing a pool (seconds), and arrivals per ready kernel.
ARRIVAL_WINDOW = 60.0
ARRIVALS_PER_KERNEL = 4

Refusal = Literal["damaged", "too_many", "busy"]


@dataclass
class PageKernel:
    """A kernel that a page request has been given, and what the watchdog knows of its page."""

    since: float = field(default_factory=time.monotonic)
    preheated: bool = False  # rendered by a preheated kernel: we see when the page is whole
    connected: bool = False
    connections: int = 0
    rendered_at: float | None = None  # when the kernel had rendered the page (if known)
    left_at: float | None = None  # when the last connection closed
    busy_since: float | None = None
    give_up: Callable[[str], None] | None = None  # ends a preheated page that cannot finish

    def connect(self) -> None:
        self.connected, self.left_at = True, None
        self.connections += 1

    def disconnect(self, now: float) -> None:
        self.connections = max(0, self.connections - 1)
        if self.connections == 0:
            self.left_at = now


@dataclass
class TokenBucket:
    """``rate`` page loads a minute per client, with bursts up to ``rate``.

    >>> b = TokenBucket(2)
    >>> [b.take(100.0), b.take(100.0), b.take(100.0), b.take(130.0)]
    [True, True, False, True]
    """

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


def link_is_damaged(query: str, arguments: dict[str, list[bytes]]) -> bool:
    """A page link whose query is too long, or whose ``key``/``share`` is not a key."""
    return len(query) > MAX_QUERY_LENGTH or any(
        not KEY_PATTERN.match(values[-1].decode("utf-8", "replace").strip())
        for name, values in arguments.items()
        if name in KEY_ARGUMENTS and values
    )


class Door:
    """Who may open a page: a sound link, page loads per client, room for another kernel."""

    def __init__(self) -> None:
        self.buckets: dict[str, TokenBucket] = {}

    def admit(
        self,
        *,
        query: str,
        arguments: dict[str, list[bytes]],
        cookie: str | None,
        address: str,
        page_rate: float,
        anonymous_page_rate: float,
        live_pages: int,
        max_kernels: int,
        now: float,
    ) -> Refusal | None:
        """None to let a page request in, else why not. A browser is counted by its cookie of
        this server; a client without one by its address, at the (higher) anonymous rate (a
        workshop behind one address arrives without cookies)."""
        if link_is_damaged(query, arguments):
            return "damaged"
        client = ("c:" + cookie) if cookie else ("a:" + address)
        rate = page_rate if cookie else anonymous_page_rate
        if not self.buckets.setdefault(client, TokenBucket(rate)).take(now):
            return "too_many"
        if at_capacity(live_pages, max_kernels):
            return "busy"
        return None

    def forget_idle(self, now: float) -> None:
        for client, bucket in list(self.buckets.items()):
            if now - bucket.at > BUCKET_IDLE_SECONDS:
                del self.buckets[client]


def at_capacity(live_pages: int, max_kernels: int) -> bool:
    """No room for another page kernel."""
    return live_pages >= max_kernels


@dataclass(frozen=True)
class Limits:
    """The watchdog's limits (the kernel manager's settings, in seconds)."""

    connect_grace: float
    closed_grace: float
    busy_limit: float
    page_timeout: float
    stuck_seconds: float = STUCK_SECONDS
    server_busy_share: float = SERVER_BUSY_SHARE


@dataclass(frozen=True)
class Verdict:
    """What to do with a page's kernel now: stop it (and why), or give its page up (and why)."""

    stop: str | None = None
    give_up: str | None = None


def page_verdict(
    page: PageKernel,
    state: str | None,
    quiet: float,
    now: float,
    limits: Limits,
    server_share: float = 0.0,
) -> Verdict:
    """The watchdog's rules for one page kernel, given its execution ``state``, the seconds
    since its last activity (``quiet``) and the share of a core the server process used since
    the last check (``server_share``); updates ``page.busy_since``.

    A rendering page whose kernel is idle is given up only while the server is not busy: a
    busy server is still rendering, and the page's own bound (``page_timeout``) still holds.

    The grace counts from when the page was sent whole, not from the request: a loaded machine
    renders slowly. Without preheating we do not see the end of the rendering; then it counts
    from the kernel's last activity, once it is no longer busy.
    """
    if page.rendered_at is not None:
        waited = now - page.rendered_at
    elif page.preheated or state == "busy":
        waited = 0.0  # still rendering (a preheated page's render is bounded by page_timeout)
    else:
        waited = min(now - page.since - limits.page_timeout, quiet)
    if not page.connected and waited > limits.connect_grace:
        return Verdict(stop=f"its page never connected within {limits.connect_grace:.0f} s")
    if page.connected and page.left_at is not None and now - page.left_at > limits.closed_grace:
        return Verdict(stop=f"its page was closed {limits.closed_grace:.0f} s ago")
    give_up = None
    if (
        page.rendered_at is None
        and page.give_up is not None
        and state == "idle"
        and quiet >= limits.stuck_seconds
        and server_share < limits.server_busy_share
    ):
        # A page still rendering while its kernel has long been idle is stuck: Voila waits
        # for a reply that never comes although the kernel finished the cell.
        give_up = f"its kernel was idle for {quiet:.0f} s while the page was rendering"
    if state == "busy":
        page.busy_since = page.busy_since or now
        if now - page.busy_since > limits.busy_limit:
            return Verdict(stop=f"it was busy for over {limits.busy_limit:.0f} s")
    else:
        page.busy_since = None
    return Verdict(give_up=give_up)


def recent_arrivals(times: Iterable[float], now: float) -> list[float]:
    """The arrivals of the last :data:`ARRIVAL_WINDOW` seconds, and this one."""
    return [t for t in times if now - t < ARRIVAL_WINDOW] + [now]


def pool_target(
    *, arrivals: int, misses: int, base: int, current: int, max_pool: int, room: int
) -> int:
    """A workbook's pool size, from the last minute's page requests for it (``arrivals``) and
    how many of them found no kernel of its pool ready (``misses``).

    A pool grows only when it ran out: a workbook whose requests all found a kernel ready keeps
    its size, however many arrive (before issue 18 every workbook grew with its arrivals, and
    eight workbooks each kept up to eight idle kernels after a burst). Then it holds a ready
    kernel for about every fourth arrival of the last minute, at most ``max_pool``, growing
    only by the ``room`` left under the kernel cap. A pool that has not run out for a minute
    goes back to its configured size (``base``): the kernels beyond it are stopped.

    >>> pool_target(arrivals=20, misses=0, base=1, current=1, max_pool=8, room=10)
    1
    >>> pool_target(arrivals=20, misses=3, base=1, current=1, max_pool=8, room=10)
    5
    >>> pool_target(arrivals=20, misses=3, base=1, current=1, max_pool=8, room=2)
    3
    >>> pool_target(arrivals=20, misses=3, base=1, current=1, max_pool=8, room=0)
    1
    >>> pool_target(arrivals=9, misses=0, base=1, current=5, max_pool=8, room=0)
    1
    """
    if misses <= 0:
        return base
    target = min(max_pool, max(base, -(-arrivals // ARRIVALS_PER_KERNEL)))
    if target > current:
        return min(target, current + room) if room > 0 else current
    return target


#: The workbooks a workshop's participants open first: the start page (their private
#: workbook and link), then the career page (README "The two commands", "How big a server").
WORKSHOP_FIRST = ("00_start.ipynb", "01_career_path.ipynb")
#: Measured (README "How big a server"): an idle preheated kernel is 75-190 MB, median 99 MB;
#: planned at 100 MB. Its warm-up (start, imports, the workbook up to the request) takes about
#: 1-1.5 s of processor time; planned at 1.5 s.
IDLE_KERNEL_MB = 100
WARMUP_CPU_SECONDS = 1.5
#: Participants one core serves when they open the link in the same minute (README).
PARTICIPANTS_PER_CORE = 10


@dataclass(frozen=True)
class WorkshopPlan:
    """The preheated stock for a room arriving at once, and what it costs."""

    participants: int
    pools: dict[str, int]  # workbook -> kernels warmed before the room arrives
    cores: int

    @property
    def kernels(self) -> int:
        return sum(self.pools.values())

    @property
    def idle_mb(self) -> int:
        return self.kernels * IDLE_KERNEL_MB

    @property
    def warmup_minutes(self) -> float:
        """Processor time of the warm-up spread over the cores, in minutes."""
        return self.kernels * WARMUP_CPU_SECONDS / max(1, self.cores) / 60

    @property
    def cores_wanted(self) -> int:
        return -(-self.participants // PARTICIPANTS_PER_CORE)

    def advice(self) -> list[str]:
        """What ``playbook serve --workshop N`` prints."""
        pools = ", ".join(f"{n} for {name}" for name, n in self.pools.items())
        lead = max(2, -(-self.warmup_minutes // 1) + 1)
        lines = [
            f"Workshop of {self.participants}: {self.kernels} kernels are warmed before the "
            f"room arrives ({pools}), about {self.idle_mb / 1024:.1f} GB while they wait and "
            f"{self.warmup_minutes:.1f} min of warm-up on {self.cores} core(s).",
            f"Start the server at least {lead:.0f} minutes before the room opens the link; "
            "the log says 'Workshop stock is warm' when every kernel is ready.",
        ]
        short = [n for n, k in self.pools.items() if k < self.participants]
        if short:
            lines.append(
                "The kernel cap (--max-kernels, from the memory) holds fewer kernels than "
                f"participants for {', '.join(short)}: later arrivals wait for a kernel to "
                "start."
            )
        if self.cores < self.cores_wanted:
            lines.append(
                f"{self.participants} participants opening the link in the same minute want "
                f"about {self.cores_wanted} cores (one per {PARTICIPANTS_PER_CORE}); this "
                f"machine has {self.cores}: ask them to open it a few at a time."
            )
        return lines


def workshop_plan(
    participants: int,
    *,
    max_kernels: int,
    cores: int,
    first: tuple[str, ...] = WORKSHOP_FIRST,
) -> WorkshopPlan:
    """A kernel warmed for every participant on each workbook they open first, within the
    kernel cap (the stock's kernels become the participants' page kernels, which the cap
    bounds); the first workbook is served first when the cap is short. The stock is not
    refilled as it drains (a refill would compete with the room for the processors).

    >>> workshop_plan(30, max_kernels=73, cores=2).pools
    {'00_start.ipynb': 30, '01_career_path.ipynb': 30}
    >>> workshop_plan(60, max_kernels=73, cores=2).pools
    {'00_start.ipynb': 60, '01_career_path.ipynb': 13}
    """
    pools: dict[str, int] = {}
    left = max(0, max_kernels)
    for name in first:
        pools[name] = min(participants, left)
        left -= pools[name]
    return WorkshopPlan(participants=participants, pools=pools, cores=cores)


#: The longest path of a Unix socket everywhere we serve (Linux allows 107 bytes, macOS 103).
UNIX_SOCKET_PATH_MAX = 100
#: What jupyter_client appends to the connection folder for a kernel's ipc socket:
#: ``/kernel-<uuid>-ipc-<n>``.
IPC_SUFFIX_LENGTH = len("/kernel-") + 36 + len("-ipc-") + 2


def choose_transport(
    requested: str, *, has_unix_sockets: bool, connection_dir: str, writable: bool
) -> tuple[str, str]:
    """The kernels' ZeroMQ transport, and why: ``ipc`` (Unix sockets in the private connection
    folder: no port to choose, so none another process can take between the server choosing it
    and the kernel binding it) wherever the platform has them, the folder is writable and the
    socket paths fit; ``tcp`` otherwise, or when asked for.

    >>> choose_transport("auto", has_unix_sockets=True, connection_dir="/tmp/voila_x",
    ...                  writable=True)[0]
    'ipc'
    >>> choose_transport("auto", has_unix_sockets=False, connection_dir="C:/x", writable=True)
    ('tcp', 'this platform has no Unix sockets')
    """
    if requested == "tcp":
        return "tcp", "asked for"
    if not has_unix_sockets:
        return "tcp", "this platform has no Unix sockets"
    if not writable:
        return "tcp", f"the connection folder {connection_dir} is not writable"
    if len(connection_dir) + IPC_SUFFIX_LENGTH > UNIX_SOCKET_PATH_MAX:
        return "tcp", f"socket paths under {connection_dir} would be too long"
    return "ipc", f"Unix sockets in {connection_dir}"
