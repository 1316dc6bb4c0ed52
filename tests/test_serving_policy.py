"""The serving rules (playbook.serving.policy, playbook.serving.memory), without a server."""

from __future__ import annotations

import pytest

from playbook.serving.memory import KERNEL_MB, default_max_kernels, machine_memory_mb
from playbook.serving.policy import (
    MAX_QUERY_LENGTH,
    STUCK_SECONDS,
    Door,
    Limits,
    PageKernel,
    TokenBucket,
    link_is_damaged,
    page_verdict,
    pool_target,
    recent_arrivals,
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


def test_a_page_without_preheating_counts_its_grace_from_its_last_activity():
    """Without preheating the end of the rendering is not seen: does the connect grace count
    from the kernel's last activity, after the page timeout?"""
    page = PageKernel(since=0.0)
    assert page_verdict(page, "idle", 500.0, 90.0 + 119, LIMITS).stop is None
    assert page_verdict(page, "idle", 121.0, 90.0 + 130, LIMITS).stop is not None


@pytest.mark.parametrize(
    ("arrivals", "base", "current", "room", "expected"),
    [(0, 1, 1, 10, 1), (4, 1, 1, 10, 1), (5, 1, 1, 10, 2), (40, 1, 1, 10, 8), (40, 2, 2, 3, 5)],
)
def test_a_pool_grows_with_its_arrivals_within_the_room(arrivals, base, current, room, expected):
    """A ready kernel for about every fourth arrival, at most max_pool, growing only by the
    room under the cap?"""
    assert pool_target(arrivals=arrivals, base=base, current=current, max_pool=8, room=room) == (
        expected
    )


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
