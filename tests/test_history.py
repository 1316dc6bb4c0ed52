"""Dated snapshots of a result (playbook/history.py, issue 20): when one is kept, which one
"since last time" and "since last quarter" compare with, and how a section keeps them."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from playbook import history
from playbook.contract import domain
from playbook.errors import ContentError
from playbook.history import (
    HistoryContent,
    HistoryRules,
    Snapshot,
    keep,
    kept,
    last_time,
    nearest,
    salvage,
)
from playbook.limits import MAX_SNAPSHOT_VALUES, MAX_SNAPSHOTS

RULES = HistoryRules(same_take_days=28, max_snapshots=5, quarter_days=90)
DAY = dt.date(2026, 1, 5)

values = st.dictionaries(
    st.sampled_from(["fit.a", "fit.b", "primary"]),
    st.integers(0, 3) | st.sampled_from(["architect", "integrator"]),
    min_size=1,
)
#: A participant's saves: days after the first (in order) and the result's values (None: not
#: complete).
saves = st.lists(st.tuples(st.integers(0, 40), st.none() | values), max_size=40)


def _replay(steps: list[tuple[int, dict | None]], rules: HistoryRules = RULES):
    h: tuple[Snapshot, ...] = ()
    day = DAY
    for gap, v in steps:
        day += dt.timedelta(days=gap)
        h = keep(h, v, day, rules)
    return h, day


# --------------------------------------------------------------------------------------------
# keep
# --------------------------------------------------------------------------------------------


def test_a_first_complete_result_starts_the_history_and_an_incomplete_one_keeps_nothing():
    """Is nothing kept before the result is complete, and one snapshot, dated today, after?"""
    assert keep((), None, DAY, RULES) == ()
    (first,) = keep((), {"fit": 60.0}, DAY, RULES)
    assert first == Snapshot(day=DAY, values={"fit": 60.0})


def test_changes_within_the_same_take_replace_the_snapshot_and_keep_its_first_day():
    """Do changes saved 27 days after a snapshot's first day replace its values (the same
    take), and changes 28 days after start a new snapshot?"""
    h = keep((), {"fit": 60.0}, DAY, RULES)
    h = keep(h, {"fit": 65.0}, DAY + dt.timedelta(days=27), RULES)
    assert h == (Snapshot(day=DAY, values={"fit": 65.0}),)
    later = DAY + dt.timedelta(days=28)
    h = keep(h, {"fit": 70.0}, later, RULES)
    assert [(s.day, s.values["fit"]) for s in h] == [(DAY, 65.0), (later, 70.0)]


def test_a_take_that_comes_back_to_the_one_before_is_no_new_take():
    """When answers changed a quarter later are changed back within the same take, is the
    new snapshot dropped rather than kept as a copy of the one before?"""
    h = keep((), {"fit": 60.0}, DAY, RULES)
    later = DAY + dt.timedelta(days=91)
    h = keep(h, {"fit": 70.0}, later, RULES)
    assert keep(h, {"fit": 60.0}, later + dt.timedelta(days=2), RULES) == h[:1]


def test_the_same_result_saved_again_changes_nothing_however_late():
    """Does a save whose values are the latest snapshot's (a page reloaded a year later, a
    goal ticked in the plan) leave the history as it was?"""
    h = keep((), {"fit": 60.0}, DAY, RULES)
    assert keep(h, {"fit": 60.0}, DAY + dt.timedelta(days=400), RULES) == h


def test_the_oldest_snapshots_go_first_beyond_the_cap():
    """Are at most ``max_snapshots`` kept, the newest ones?"""
    h: tuple[Snapshot, ...] = ()
    for n in range(8):
        h = keep(h, {"fit": n}, DAY + dt.timedelta(days=30 * n), RULES)
    assert [s.values["fit"] for s in h] == [3, 4, 5, 6, 7]


@settings(max_examples=300)
@given(saves)
def test_a_history_kept_save_by_save_holds_its_invariants(steps):
    """For any sequence of saves on days that move forward: at most ``max_snapshots``, in day
    order, each at least ``same_take_days`` after the one before, no two neighbours alike,
    and the latest is the last complete result saved?"""
    h, _ = _replay(steps)
    assert len(h) <= RULES.max_snapshots
    for a, b in zip(h, h[1:], strict=False):
        assert (b.day - a.day).days >= RULES.same_take_days
        assert a.values != b.values
    complete = [v for _, v in steps if v is not None]
    if complete:
        assert h[-1].values == complete[-1]
    else:
        assert h == ()


@settings(max_examples=300)
@given(saves)
def test_since_last_time_compares_with_a_different_earlier_take(steps):
    """Is the snapshot "since last time" compares with always an earlier one whose values
    differ from the result now (so there is something to say or an honest "nothing")?"""
    h, _ = _replay(steps)
    if not h:
        assert last_time(h, {"fit.a": 1}) is None
        return
    now = h[-1].values
    before = last_time(h, now)
    if len(h) == 1:
        assert before is None
    else:
        assert before == h[-2] and before.values != now and before.day < h[-1].day


def test_since_last_time_compares_with_the_latest_when_the_result_moved_since():
    """When the result now is not the latest snapshot (the content changed, or a restored
    file), is the latest the one compared with?"""
    a = Snapshot(day=DAY, values={"fit": 1})
    assert last_time((a,), {"fit": 2}) == a
    assert last_time((a,), None) is None


@settings(max_examples=300)
@given(saves, st.integers(0, 400))
def test_since_last_quarter_picks_the_earlier_snapshot_closest_to_a_quarter_ago(steps, ahead):
    """Is "since last quarter" the snapshot, other than the current take, whose day is
    closest to ``quarter_days`` before today (of two as close, the older)?"""
    h, last = _replay(steps)
    today = last + dt.timedelta(days=ahead)
    target = today - dt.timedelta(days=RULES.quarter_days)
    now = h[-1].values if h else {"fit.a": 1}
    found = nearest(h, now, target)
    earlier = list(h[:-1])
    if not earlier:
        assert found is None
        return
    best = min(abs((s.day - target).days) for s in earlier)
    assert found in earlier and abs((found.day - target).days) == best
    assert all(s.day >= found.day for s in earlier if abs((s.day - target).days) == best)


# --------------------------------------------------------------------------------------------
# Snapshots in a section: shape, bounds, salvage
# --------------------------------------------------------------------------------------------


def test_a_snapshot_holds_numbers_and_ids_within_bounds():
    """Are a snapshot's values numbers, short ids or None, never NaN, a long text or too
    many?"""
    Snapshot(day=DAY, values={"fit": 1.5, "n": 3, "primary": "architect", "gone": None})
    for bad in (
        {"fit": math.nan},
        {"fit": math.inf},
        {"note": "x" * 500},
        {"": 1},
        {f"k{n}": n for n in range(MAX_SNAPSHOT_VALUES + 1)},
        {"list": [1, 2]},
    ):
        with pytest.raises(ValidationError):
            Snapshot(day=DAY, values=bad)


def test_a_section_without_history_keeps_its_shape_and_one_with_history_is_put_in_order():
    """Does an old section (no ``history``) load and dump as before, and a restored one with
    snapshots out of order come back oldest first?"""
    career = domain("career")
    old = {"context": {"transition": "major"}, "preference": {}, "areas": [], "own_areas": []}
    assert career.dump_section(career.parse_section(old)) == old
    snaps = [
        {"day": "2026-04-06", "values": {"recommended": "community_builder"}},
        {"day": "2026-01-05", "values": {"recommended": "technical_specialist"}},
    ]
    section = career.parse_section({**old, "history": snaps})
    assert [s.day.isoformat() for s in section.history] == ["2026-01-05", "2026-04-06"]
    assert career.dump_section(section)["history"] == snaps[::-1]
    with pytest.raises(Exception, match="history"):
        career.parse_section({**old, "history": [snaps[0]] * (MAX_SNAPSHOTS + 1)})


@settings(max_examples=200)
@given(
    st.recursive(
        st.none() | st.integers() | st.text(max_size=12) | st.floats(),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.sampled_from(["day", "values", "x"]), inner, max_size=3)
        ),
        max_leaves=12,
    )
)
def test_salvage_reads_what_it_can_of_anything(data):
    """Does salvaging any stored value give readable snapshots in order and a count of the
    rest, never an error?"""
    found, lost = salvage(data)
    assert all(isinstance(s, Snapshot) for s in found) and lost >= 0
    assert [s.day for s in found] == sorted(s.day for s in found)


def test_a_page_salvages_a_history_it_cannot_read_and_says_so():
    """Does the career and the leadership page open a section whose history is partly
    damaged, keeping the readable snapshots and naming the rest?"""
    from playbook.career import salvage_section as career_salvage
    from playbook.leadership import salvage_section as leadership_salvage

    good = {"day": "2026-01-05", "values": {"primary": "architect"}}
    for salvage_section in (career_salvage, leadership_salvage):
        section, notes = salvage_section({"history": [good, {"day": "never"}], "answers": 5})
        assert [s.day.isoformat() for s in section.history] == ["2026-01-05"]
        assert any("1 saved snapshot(s)" in n for n in notes)


# --------------------------------------------------------------------------------------------
# The content: the rules' numbers and the words
# --------------------------------------------------------------------------------------------


def test_the_rules_are_this_workbooks_named_defaults():
    """Are the numbers the packaged defaults, said to be defaults in the file?"""
    c = history.load_content()
    assert (c.rules.same_take_days, c.rules.max_snapshots, c.rules.quarter_days) == (28, 20, 90)
    from playbook.content import content_path

    text = content_path("history").read_text(encoding="utf-8")
    assert "defaults of this workbook" in text
    assert "(a default of this workbook)" in c.wording.first_note
    assert "a default of this workbook" in c.wording.quarter_note


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"rules": {"same_take_days": 0}}, "same_take_days"),
        ({"rules": {"max_snapshots": MAX_SNAPSHOTS + 1}}, "max_snapshots"),
        ({"wording": {"since_last_time": "Since {when}"}}, "unknown name"),
        ({"wording": {"since_last_time": "Since {}"}}, "unknown name.*{}"),
        ({"wording": {"since_last_time": "Since {day:%Y}"}}, "since_last_time: Invalid format"),
    ],
)
def test_a_coachs_bad_history_file_is_refused_naming_the_value(content_dir, change, match):
    """Is a coach's history.yaml with a bad number or an unknown name in braces refused,
    with the file and the value named?"""
    from playbook.content import content_path

    data = HistoryContent.model_validate(
        __import__("yaml").safe_load(content_path("history").read_text(encoding="utf-8"))
    ).model_dump()
    for part, fields in change.items():
        data[part].update(fields)
    (content_dir / "history.yaml").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ContentError, match=f"history.yaml.*{match}"):
        history.load_content()


# --------------------------------------------------------------------------------------------
# Through the registry
# --------------------------------------------------------------------------------------------


def test_a_domain_without_the_hook_keeps_no_snapshot():
    """Is a section of a domain without ``snapshot`` (the time split) saved as it is?"""
    ts = domain("time_split")
    section = ts.parse_section(None)
    assert kept(ts, section, (), ts.load_content(), DAY) is section


def test_kept_keeps_the_saved_snapshots_not_the_sections_own():
    """Is the history a save keeps the one saved before (a page builds its section from its
    widgets, without any), after this save's result?"""
    career = domain("career")
    content = career.load_content()
    answers = {
        "standardization": "adhoc",
        "work_type": "creative",
        "transition": "major",
        "cross_functional": "most",
    }
    earlier = Snapshot(day=DAY, values={"recommended": "technical_specialist"})
    later = DAY + dt.timedelta(days=91)
    s = kept(career, career.parse_section({"context": answers}), (earlier,), content, later)
    assert [x.day for x in s.history] == [DAY, later]
    assert s.history[-1].values["recommended"] == "community_builder"


def test_exactly_the_retaken_instruments_keep_snapshots():
    """Do the career, leadership and plan domains (and no other) have both history hooks, and
    does each section model keep a ``history``?"""
    from playbook.contract import domains

    with_hooks = sorted(d.section for d in domains() if d.snapshot and d.changes)
    assert with_hooks == ["career", "leadership", "plan"]
    for d in domains():
        assert (d.snapshot is None) == (d.changes is None), d.section
        if d.snapshot:
            assert "history" in d.model.model_fields, d.section
