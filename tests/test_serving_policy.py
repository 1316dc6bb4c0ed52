"""The serving rules (playbook.serving.policy, playbook.serving.memory), without a server."""

from __future__ import annotations

import pytest

from playbook.serving.memory import KERNEL_MB, default_max_kernels, machine_memory_mb
from playbook.serving.policy import (
    MAX_QUERY_LENGTH,
    SERVER_BUSY_SHARE,
    STUCK_SECONDS,
    Door,
    Limits,
    PageKernel,
    TokenBucket,
    link_is_damaged,
    page_verdict,
    pool_target,
    recent_arrivals,
    workshop_plan,
)

KEY = "A" * 43
LIMITS = Limits(connect_grace=120, closed_grace=60, busy_limit=600, page_timeout=90)


def test_a_bucket_allows_its_rate_a_minute_with_bursts():
    """Does a bucket of 30 let 30 page loads through at once, then one every 2 s?"""
    bucket = TokenBucket(30)
    assert all(bucket.take(1000.0) for _ in range(30))
    assert not bucket.take(1000.0)
    assert not bucket.take(1001.0)
    assert bucket.take(1002.0)


def test_a_damaged_link_is_refused():
    """Is a key that is not 43 URL-safe characters, or an over-long query, refused?"""
    assert not link_is_damaged(f"key={KEY}", {"key": [KEY.encode()]})
    assert link_is_damaged("key=short", {"key": [b"short"]})
    assert link_is_damaged("share=x%00", {"share": [b"x\x00"]})
    assert link_is_damaged("x" * (MAX_QUERY_LENGTH + 1), {})
    assert not link_is_damaged("other=1", {"other": [b"1"]})


def admit(door: Door, **kw):
    args = dict(
        query="",
        arguments={},
        cookie=None,
        address="10.0.0.1",
        page_rate=2,
        anonymous_page_rate=3,
        live_pages=0,
        max_kernels=5,
        now=100.0,
    )
    return door.admit(**{**args, **kw})


def test_the_door_counts_browsers_by_cookie_and_others_by_address():
    """Are browsers with our cookie counted each at their rate, clients without one per
    address at the anonymous rate, and a full server refused?"""
    door = Door()
    assert [admit(door, cookie="a") for _ in range(3)] == [None, None, "too_many"]
    assert admit(door, cookie="b") is None
    assert [admit(door) for _ in range(4)] == [None, None, None, "too_many"]
    assert admit(door, address="10.0.0.2", live_pages=5) == "busy"
    assert admit(door, query="key=bad", arguments={"key": [b"bad"]}) == "damaged"
    door.forget_idle(now=100.0 + 121)
    assert door.buckets == {}


def test_a_page_never_connected_is_stopped_after_the_grace():
    """Is a rendered page that never connected stopped once the connect grace is over?"""
    page = PageKernel(since=0.0, preheated=True, rendered_at=10.0)
    assert page_verdict(page, "idle", 0.0, 10.0 + 119, LIMITS).stop is None
    assert "never connected" in page_verdict(page, "idle", 0.0, 10.0 + 121, LIMITS).stop


def test_a_closed_page_is_stopped_after_the_closed_grace_and_a_reload_keeps_it():
    """Is a page whose last connection went stopped after the closed grace, and does a
    reconnection within it keep the kernel?"""
    page = PageKernel(since=0.0, rendered_at=1.0)
    page.connect()
    page.disconnect(now=10.0)
    assert page_verdict(page, "idle", 0.0, 69.0, LIMITS).stop is None
    page.connect()
    assert page_verdict(page, "idle", 0.0, 100.0, LIMITS).stop is None
    page.disconnect(now=100.0)
    assert "closed" in page_verdict(page, "idle", 0.0, 161.0, LIMITS).stop


def test_a_kernel_busy_too_long_is_stopped():
    """Is a page kernel busy beyond the busy limit stopped, and the count reset when idle?"""
    page = PageKernel(since=0.0, rendered_at=1.0, connected=True, connections=1)
    assert page_verdict(page, "busy", 0.0, 10.0, LIMITS).stop is None
    assert page_verdict(page, "busy", 0.0, 609.0, LIMITS).stop is None
    assert "busy" in page_verdict(page, "busy", 0.0, 611.0, LIMITS).stop
    page_verdict(page, "idle", 0.0, 612.0, LIMITS)
    assert page.busy_since is None


def test_a_stuck_rendering_page_is_given_up_only_when_idle_long_enough():
    """Is a preheated page still rendering while its kernel has been idle for
    STUCK_SECONDS given up (and not stopped), and never while the kernel is busy?"""
    page = PageKernel(since=0.0, preheated=True, give_up=lambda why: None)
    assert page_verdict(page, "idle", STUCK_SECONDS - 1, 30.0, LIMITS).give_up is None
    verdict = page_verdict(page, "idle", STUCK_SECONDS, 30.0, LIMITS)
    assert verdict.stop is None and "idle" in verdict.give_up
    assert page_verdict(page, "busy", 50.0, 30.0, LIMITS).give_up is None
    page.rendered_at = 31.0
    assert page_verdict(page, "idle", 50.0, 32.0, LIMITS).give_up is None


def test_an_idle_kernel_is_not_stuck_while_the_server_is_busy_rendering():
    """Is a page whose kernel is idle kept while the server process used half a core or more
    since the last check (it is rendering other pages: measured, 24 of 30 pages given up in
    a workshop's arrival), and given up once the server is quiet?"""
    page = PageKernel(since=0.0, preheated=True, give_up=lambda why: None)
    busy = page_verdict(page, "idle", 19.0, 30.0, LIMITS, server_share=SERVER_BUSY_SHARE)
    assert busy.give_up is None and busy.stop is None
    assert page_verdict(page, "idle", 19.0, 30.0, LIMITS, server_share=0.9).give_up is None
    quiet = page_verdict(page, "idle", 19.0, 35.0, LIMITS, server_share=0.05)
    assert quiet.give_up is not None and "idle for 19 s" in quiet.give_up


def test_a_page_without_preheating_counts_its_grace_from_its_last_activity():
    """Without preheating the end of the rendering is not seen: does the connect grace count
    from the kernel's last activity, after the page timeout?"""
    page = PageKernel(since=0.0)
    assert page_verdict(page, "idle", 500.0, 90.0 + 119, LIMITS).stop is None
    assert page_verdict(page, "idle", 121.0, 90.0 + 130, LIMITS).stop is not None


@pytest.mark.parametrize(
    ("arrivals", "misses", "base", "current", "room", "expected"),
    [
        (40, 0, 1, 1, 10, 1),  # many arrivals, every one found a kernel ready: no growth
        (4, 1, 1, 1, 10, 1),
        (5, 1, 1, 1, 10, 2),
        (40, 30, 1, 1, 10, 8),  # at most max_pool
        (40, 30, 2, 2, 3, 5),  # only by the room under the cap
        (40, 30, 1, 1, 0, 1),  # no room: no growth
        (8, 2, 1, 5, 10, 2),  # fewer arrivals, still running out: smaller
        (8, 0, 1, 5, 10, 1),  # not run out for a minute: back to the configured size
        (8, 0, 30, 30, 0, 30),  # a workshop's stock (base) is kept
    ],
)
def test_a_pool_grows_only_when_it_ran_out(arrivals, misses, base, current, room, expected):
    """A pool grows only when requests found it empty: to a ready kernel for about every
    fourth arrival, at most max_pool, only by the room under the cap; and goes back to its
    configured size once it has not run out for a minute?"""
    got = pool_target(
        arrivals=arrivals, misses=misses, base=base, current=current, max_pool=8, room=room
    )
    assert got == expected


def old_pool_target(*, arrivals: int, base: int, current: int, max_pool: int, room: int) -> int:
    """The rule before issue 18: every workbook grew with its arrivals, whether or not its
    pool ran out, and shrank only when another request for it came."""
    target = min(max_pool, max(base, -(-arrivals // 4)))
    if target > current:
        return min(target, current + room) if room > 0 else current
    return target


def test_a_burst_grows_only_the_workbook_that_ran_out():
    """The benchmark's pattern (48 pages one after another over the eight workbooks, then 20 at
    once on one of them): the old rule grew every workbook with its arrivals; now only the
    workbook whose pool ran out grows, and within a minute all are back to one kernel."""
    workbooks = [f"0{i}.ipynb" for i in range(8)]
    arrivals = dict.fromkeys(workbooks, 6)  # one after another: each found its kernel ready
    misses = dict.fromkeys(workbooks, 0)
    arrivals["01.ipynb"] += 20
    misses["01.ipynb"] = 19  # 20 at once: the first took the ready kernel
    before = {
        w: old_pool_target(arrivals=arrivals[w], base=1, current=1, max_pool=8, room=50)
        for w in workbooks
    }
    after = {
        w: pool_target(
            arrivals=arrivals[w], misses=misses[w], base=1, current=1, max_pool=8, room=50
        )
        for w in workbooks
    }
    assert before == {**dict.fromkeys(workbooks, 2), "01.ipynb": 7}  # 21 idle kernels
    assert after == {**dict.fromkeys(workbooks, 1), "01.ipynb": 7}  # 14
    # a minute later, with no request finding it empty, the grown pool goes back to 1
    settled = pool_target(arrivals=0, misses=0, base=1, current=7, max_pool=8, room=50)
    assert settled == 1


def test_a_workshop_warms_a_kernel_for_each_participant_within_the_cap():
    """A kernel for each participant on the start and career pages; the start page first when
    the cap is short; the advice names the memory, the lead time and a shortage of cores?"""
    plan = workshop_plan(30, max_kernels=73, cores=2)
    assert plan.pools == {"00_start.ipynb": 30, "01_career_path.ipynb": 30}
    assert plan.kernels == 60 and plan.idle_mb == 60 * 100
    text = " ".join(plan.advice())
    assert "60 kernels" in text and "5.9 GB" in text
    assert "at least 2 minutes" in text
    assert "about 3 cores" in text  # one per 10 participants arriving in the same minute
    assert "fewer kernels than participants" not in text
    short = workshop_plan(60, max_kernels=73, cores=8)
    assert short.pools == {"00_start.ipynb": 60, "01_career_path.ipynb": 13}
    assert "fewer kernels than participants for 01_career_path.ipynb" in " ".join(short.advice())
    assert "cores" not in " ".join(short.advice()[2:])
    assert workshop_plan(5, max_kernels=6, cores=2).pools == {
        "00_start.ipynb": 5,
        "01_career_path.ipynb": 1,
    }


def test_arrivals_older_than_a_minute_are_forgotten():
    assert recent_arrivals([0.0, 30.0, 50.0], now=80.0) == [30.0, 50.0, 80.0]


def test_the_kernel_cap_follows_the_container_limit(tmp_path):
    """Is a cgroup limit lower than the machine's memory the one used, and 'max' ignored?"""
    v2 = tmp_path / "memory.max"
    v2.write_text(str(2 << 30))
    assert machine_memory_mb((str(v2),)) == 2048
    v2.write_text("max\n")
    assert machine_memory_mb((str(v2),)) > 0
    assert default_max_kernels(2048) == int(2048 * 0.75) // KERNEL_MB
    assert default_max_kernels(100) == 2
