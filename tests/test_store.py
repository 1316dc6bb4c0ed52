"""The store: keys, sections, snapshots, shares, and many writers at once."""

from __future__ import annotations

import json
import multiprocessing as mp

import pytest
from sqlalchemy import text

from playbook.errors import ShareLinkError, WorkbookKeyError
from playbook.store import Store, hash_key


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """Every test here runs on both back ends: an SQLite file, and a fresh PostgreSQL schema."""
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


def test_keys_open_their_workbook_and_only_the_hash_is_kept(store, store_url):
    """Does a key open its workbook while the database holds only its SHA-256?"""
    wid, key = store.create_workbook()
    assert key and len(key) == 43 and store.find_by_key(key) == wid
    with store.engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(text("select key_hash from workbooks"))]
    assert rows == [(hash_key(key),)]
    if store_url.startswith("sqlite:///"):
        with open(store_url.removeprefix("sqlite:///"), "rb") as fh:
            assert key.encode() not in fh.read()


@pytest.mark.parametrize(
    ("key", "match"),
    [("short", "malformed"), ("x" * 43, "No workbook"), ("<script>" * 6, "malformed")],
)
def test_bad_keys_raise_a_clear_error(store, key, match):
    """Are malformed and unknown keys told apart?"""
    with pytest.raises(WorkbookKeyError, match=match):
        store.find_by_key(key)


def test_sections_are_saved_independently(store):
    """Does saving one section leave the others as they were?"""
    wid, _ = store.create_workbook()
    store.save_section(wid, "career", {"a": 1})
    store.save_section(wid, "leadership", {"b": 2})
    store.save_section(wid, "career", {"a": 3})
    assert store.load_record(wid)["sections"] == {"career": {"a": 3}, "leadership": {"b": 2}}


def test_replace_keeps_a_snapshot(store):
    """Does replacing a record keep the old one as a snapshot?"""
    wid, _ = store.create_workbook()
    store.save_section(wid, "career", {"old": True})
    store.replace_record(wid, {"sections": {"career": {"new": True}}}, "import")
    assert store.load_record(wid)["sections"] == {"career": {"new": True}}
    snaps = store.snapshots(wid)
    assert (
        snaps[-1]["record"]["sections"] == {"career": {"old": True}}
        and snaps[-1]["reason"] == "import"
    )


def test_shares_give_contributions_not_access(store):
    """Does a share token accept contributions of its kind only, and stop when revoked?"""
    wid, _ = store.create_workbook()
    token = store.create_share(wid, "leadership-rating", "mentor")
    assert store.resolve_share(token).workbook_id == wid
    store.add_contribution(token, "leadership-rating", {"x": 1})
    with pytest.raises(ShareLinkError, match="another part"):
        store.add_contribution(token, "audit-answers", {"x": 2})
    assert [c["x"] for c in store.contributions(wid, "leadership-rating")] == [1]
    store.revoke_shares(wid, "leadership-rating")
    with pytest.raises(ShareLinkError, match="not valid"):
        store.resolve_share(token)


def test_store_file_is_private(tmp_path):
    """Is a new SQLite store file readable by its owner only?"""
    import os
    import stat

    Store(f"sqlite:///{tmp_path / 'store.sqlite'}").close()
    mode = stat.S_IMODE(os.stat(tmp_path / "store.sqlite").st_mode)
    assert mode & 0o077 == 0


def _writer(url: str, wid: str, n: int, out: mp.Queue) -> None:
    store = Store(url)
    for i in range(25):
        store.save_section(wid, f"w{n}", {"writer": n, "i": i})
    wid2, key = store.create_workbook()
    store.save_section(wid2, "career", {"writer": n})
    out.put((wid2, key))
    store.close()


def test_twenty_processes_writing_at_once_lose_nothing(store, store_url):
    """With 20 processes saving to one store at once, is every last write there?"""
    wid, _ = store.create_workbook()
    ctx = mp.get_context("spawn")
    out: mp.Queue = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(store_url, wid, n, out)) for n in range(20)]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    sections = store.load_record(wid)["sections"]
    assert sections == {f"w{n}": {"writer": n, "i": 24} for n in range(20)}
    for n_wid, key in results:
        assert store.find_by_key(key) == n_wid
    assert len({k for _, k in results}) == 20
    assert json.dumps(sections)  # still valid JSON


def test_contributions_name_their_link_not_the_token(store):
    """Does each contribution carry the id of the link it came through, whatever its payload
    claims, and never the token itself?"""
    wid, _ = store.create_workbook()
    a = store.create_share(wid, "leadership-peer")
    b = store.create_share(wid, "leadership-peer")
    store.add_contribution(a, "leadership-peer", {"rater": "forged"})
    store.add_contribution(b, "leadership-peer", {"rater": "forged"})
    got = store.contributions(wid, "leadership-peer")
    assert got[0]["share_id"] != got[1]["share_id"]
    assert got[0]["share_id"] == hash_key(a)[:16] and a not in str(got)


def test_a_workbooks_links_are_listed_and_withdrawn_one_at_a_time(store):
    """Does the owner's list name each link of a kind by its id (never the token), and does
    withdrawing one leave the others (and other workbooks' links) working?"""
    from playbook.store import share_id

    wid, _ = store.create_workbook()
    other, _ = store.create_workbook()
    sam = store.create_share(wid, "mentor-session", "Sam")
    kim = store.create_share(wid, "mentor-session", "Kim")
    theirs = store.create_share(other, "mentor-session", "Sam")
    store.create_share(wid, "plan-report", "mentor")
    listed = store.shares(wid, "mentor-session")
    assert [(x["label"], x["share_id"], x["revoked"]) for x in listed] == [
        ("Sam", share_id(sam), False),
        ("Kim", share_id(kim), False),
    ]
    assert sam not in str(listed) and hash_key(sam) not in str(listed)
    assert store.revoke_share(other, "mentor-session", share_id(sam)) == 0  # not its link
    assert store.revoke_share(wid, "plan-report", share_id(sam)) == 0  # not of that kind
    assert store.revoke_share(wid, "mentor-session", "%") == 0  # not an id
    assert store.revoke_share(wid, "mentor-session", share_id(sam)) == 1
    with pytest.raises(ShareLinkError, match="not valid"):
        store.resolve_share(sam)
    assert store.resolve_share(kim).workbook_id == wid
    assert store.resolve_share(theirs).workbook_id == other
    assert [x["revoked"] for x in store.shares(wid, "mentor-session")] == [True, False]
