"""The sessions with a mentor (playbook/mentoring): which actions a session shows (carry-over),
what a mentor may see (the privacy filter), how the mentor's contributions join the manager's
section without either side overwriting the other, and the manager's edits."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import playbook.mentoring as ms
from playbook.errors import InputError, UnknownIdError

CONTENT = ms.load_content()
SAM = "5a" * 8  # a mentor link's id, as the store names it
KIM = "6b" * 8


def sessions(*days: str) -> ms.MentoringSection:
    section = ms.MentoringSection()
    for day in days:
        section, _ = ms.add_session(section, day, CONTENT)
    return section


def row(payload: dict[str, Any], n: int, by: str = SAM, created: str = "") -> dict[str, Any]:
    """A contribution as the store returns it: the payload, its number, the link's id."""
    return dict(payload, id=n, share_id=by, created=created or f"2026-04-07T10:00:{n:02d}+00:00")


def visible(section: ms.MentoringSection, session_id: str) -> list[tuple[str, bool, bool]]:
    return [(x.action.text, x.carried, x.done_here) for x in ms.actions_in(section, session_id)]


# --- carry-over ---------------------------------------------------------------------------------


def test_an_open_action_carries_to_every_later_session_until_done():
    """Does an action show in its session, in each later one while open, as done in the one it
    was done in, and in none after?"""
    s = sessions("2026-04-07", "2026-05-05", "2026-06-02", "2026-06-30")
    s = ms.add_action(s, "session-1", "Draft the rota", "manager", "2026-04-21", at="t1")
    assert visible(s, "session-1") == [("Draft the rota", False, False)]
    assert visible(s, "session-2") == visible(s, "session-4") == [("Draft the rota", True, False)]
    s = ms.set_done(s, "action-1", "session-3", True, at="t2")
    assert visible(s, "session-2") == [("Draft the rota", True, False)]  # still open then
    assert visible(s, "session-3") == [("Draft the rota", True, True)]
    assert visible(s, "session-4") == []
    reopened = ms.set_done(s, "action-1", "session-3", False, at="t3")
    assert visible(reopened, "session-4") == [("Draft the rota", True, False)]


def test_an_action_never_shows_before_the_session_it_was_added_in():
    """Does an action added in the second session stay out of the first, and can it not be
    marked done there?"""
    s = sessions("2026-04-07", "2026-05-05")
    s = ms.add_action(s, "session-2", "Book the room", "mentor", None, at="t1")
    assert visible(s, "session-1") == []
    with pytest.raises(InputError, match="not on that session's list"):
        ms.set_done(s, "action-1", "session-1", True, at="t2")


def test_sessions_are_ordered_by_date_whatever_order_they_were_added_in():
    """Is a session recorded late (an earlier date) earlier in the carry-over, and does it leave
    the next session's planned date alone?"""
    s = sessions("2026-05-05")
    assert s.next_day == dt.date(2026, 6, 2)  # 28 days on: this workbook's default
    s = ms.add_action(s, "session-1", "Call the venue", "manager", None, at="t1")
    s, late = ms.add_session(s, "2026-04-07", CONTENT)
    assert [m.id for m in s.ordered()] == ["session-2", "session-1"]
    assert s.next_day == dt.date(2026, 6, 2)
    assert visible(s, late.id) == []  # the action came later
    moved = ms.set_session_day(s, "session-2", "2026-05-20")
    assert visible(moved, "session-2") == [("Call the venue", True, False)]


def test_an_action_marked_done_in_a_session_dated_earlier_since_counts_in_its_own():
    """If a session's date moves before the one an action was added in, does the action still
    show, done, where it was added (never nowhere)?"""
    s = sessions("2026-04-07", "2026-05-05")
    s = ms.add_action(s, "session-1", "Rota", "manager", None, at="t1")
    s = ms.set_done(s, "action-1", "session-2", True, at="t2")
    s = ms.set_session_day(s, "session-2", "2026-03-01")
    assert visible(s, "session-1") == [("Rota", False, True)]


def test_a_session_needs_a_free_date_and_only_an_empty_one_is_removed():
    s = sessions("2026-04-07")
    with pytest.raises(InputError, match="already a session on 2026-04-07"):
        ms.add_session(s, "2026-04-07", CONTENT)
    with pytest.raises(InputError, match="not a date"):
        ms.add_session(s, "7 April", CONTENT)
    with pytest.raises(InputError, match="date first"):
        ms.add_session(s, "", CONTENT)
    s2, _ = ms.add_session(s, "2026-05-05", CONTENT)
    assert [m.id for m in ms.remove_session(s2, "session-2").sessions] == ["session-1"]
    used = ms.set_notes(s2, "session-2", private_notes="x")
    with pytest.raises(InputError, match="stays in the list"):
        ms.remove_session(used, "session-2")
    with pytest.raises(UnknownIdError):
        ms.remove_session(s2, "session-9")


def test_held_sessions():
    """Is a session held once it has notes or actions, or a later session exists, and one
    prepared with an agenda only not yet?"""
    s = sessions("2026-04-07", "2026-05-05")
    s = ms.add_point(s, "session-2", "Prepared point", private=False, at="")
    assert ms.held(s) == {"session-1"}
    assert ms.held(ms.set_notes(s, "session-2", notes="Done")) == {"session-1", "session-2"}


# --- the privacy filter ----------------------------------------------------------------------

SECRETS = st.text(
    alphabet=st.characters(min_codepoint=0x41, max_codepoint=0x5A), min_size=12, max_size=20
)


@settings(max_examples=60, deadline=None)
@given(
    # shared points in lower case, secrets in capitals: no shared point can contain a secret
    shared=st.lists(
        st.text(alphabet="abcdefghij <>&$'\"é", min_size=1, max_size=30).filter(str.strip),
        max_size=4,
    ),
    secret=SECRETS,
    private_notes=SECRETS,
    draft=SECRETS,
)
def test_nothing_private_is_in_what_a_mentor_may_see(shared, secret, private_notes, draft):
    """Whatever the section holds, does the mentor's view keep every shared point and none of
    the manager's private points, private notes or drafts, anywhere in its data?"""
    s = sessions("2026-04-07")
    for text in shared:
        s = ms.add_point(s, "session-1", text, private=False, at="")
    s = ms.add_point(s, "session-1", secret, private=True, at="")
    s = ms.set_notes(s, "session-1", notes="Shared notes", private_notes=private_notes)
    s = ms.set_drafts(s, point=draft, action=draft)
    seen = ms.for_mentor(s)
    dumped = json.dumps(ms.dump_section(seen))
    assert secret not in dumped and private_notes not in dumped and draft not in dumped
    assert [p.text for p in seen.points] == [t.strip() for t in shared]
    assert seen.sessions[0].notes == "Shared notes"
    # what the plan (and so "Where I stand", which a mentor may read) gets holds none either
    result = ms.assess(s, CONTENT)
    assert secret not in repr(result) and private_notes not in repr(result)
    assert secret not in repr(ms.standing(result, CONTENT)) + repr(ms.dates(result, CONTENT))


def test_only_the_managers_points_can_be_private():
    with pytest.raises(ValueError, match="only the manager's points can be private"):
        ms.Point(id="m-1", session="session-1", side="mentor", text="x", private=True)


# --- the mentor's contributions -------------------------------------------------------------


def test_what_a_mentor_sends_joins_the_section_with_who_wrote_it():
    """Do a mentor's point, action and notes join the session, named after the link they came
    through, while the draft stays out?"""
    s = sessions("2026-04-07")
    view = ms.for_mentor(s)
    rows = [
        row(ms.mentor_draft("session-1", "half a thou", at=""), 1),
        row(ms.mentor_point(view, "session-1", " Facilitation ", at=""), 2),
        row(ms.mentor_action(view, "session-1", "Send articles", "mentor", "2026-04-14", at=""), 3),
        row(ms.mentor_note(view, "session-1", "Good data", at=""), 4),
    ]
    m = ms.merge(s, rows, {SAM: "Sam"})
    (point,) = m.section.points
    (action,) = m.section.actions
    assert (point.id, point.side, point.by, point.name, point.text) == (
        f"m-{SAM[:10]}-2",
        "mentor",
        SAM,
        "Sam",
        "Facilitation",
    )
    assert (action.owner, action.due, action.name) == ("mentor", dt.date(2026, 4, 14), "Sam")
    assert [(n.by, n.text) for n in m.section.mentor_notes] == [(SAM, "Good data")]
    assert m.drafts == {SAM: ("session-1", "half a thou")} and m.skipped == 0
    assert "half a thou" not in json.dumps(ms.dump_section(m.section))


def test_merging_again_changes_nothing_and_later_rows_join():
    """Is merging idempotent (the manager's page merges at every load and saves the result),
    and do rows that arrived since join a section merged before?"""
    s = sessions("2026-04-07")
    first = [row(ms.mentor_point(s, "session-1", "One", at=""), 1)]
    merged = ms.merge(s, first).section
    assert ms.merge(merged, first).section == merged
    later = [*first, row(ms.mentor_point(s, "session-1", "Two", at=""), 2)]
    assert [p.text for p in ms.merge(merged, later).section.points] == ["One", "Two"]


def test_two_people_editing_at_once_lose_nothing():
    """The manager saves their section from a page opened before the mentor sent anything,
    while the mentor adds: is everything of both there at the next merge, in either order?"""
    s = sessions("2026-04-07")
    rows: list[dict[str, Any]] = []
    manager = ms.add_point(s, "session-1", "Manager's point", private=False, at="t1")  # page A
    rows.append(row(ms.mentor_point(s, "session-1", "Mentor's point", at=""), 1))
    manager = ms.add_action(manager, "session-1", "Manager's action", "manager", None, at="t2")
    rows.append(row(ms.mentor_note(s, "session-1", "Mentor's notes", at=""), 2))
    manager = ms.set_notes(manager, "session-1", notes="Manager's notes")
    got = ms.merge(manager, rows).section
    assert [p.text for p in got.points] == ["Manager's point", "Mentor's point"]
    assert [a.text for a in got.actions] == ["Manager's action"]
    assert got.sessions[0].notes == "Manager's notes"
    assert [n.text for n in got.mentor_notes] == ["Mentor's notes"]


def test_the_latest_notes_of_a_link_are_kept_per_link():
    """Does each mentor link keep its own notes, the latest of each?"""
    s = sessions("2026-04-07")
    rows = [
        row(ms.mentor_note(s, "session-1", "first", at=""), 1),
        row(ms.mentor_note(s, "session-1", "Kim's", at=""), 2, by=KIM),
        row(ms.mentor_note(s, "session-1", "second", at=""), 3),
    ]
    got = ms.merge(s, rows).section
    assert sorted((n.by, n.text) for n in got.mentor_notes) == [(SAM, "second"), (KIM, "Kim's")]


def test_of_two_marks_of_an_action_the_later_wins():
    """A mentor ticks off their own action, then the manager reopens it later: is it open, and
    does the mentor's old mark not close it again at the next merge? And the other way round?"""
    s = sessions("2026-04-07", "2026-05-05")
    view = ms.for_mentor(s)
    rows = [row(ms.mentor_action(view, "session-1", "Send articles", "mentor", None, at=""), 1)]
    s = ms.merge(s, rows).section
    aid = s.actions[0].id
    rows.append(
        row(ms.mentor_done(s, aid, "session-2", True, at=""), 2, created="2026-05-05T10:00:00Z")
    )
    done = ms.merge(s, rows).section
    assert done.actions[0].done_in == "session-2"
    reopened = ms.set_done(done, aid, "session-2", False, at=ms.moment("2026-05-05T11:00:00Z"))
    assert ms.merge(reopened, rows).section.actions[0].done_in == ""
    # a mark the mentor makes after the manager's wins in turn
    rows.append(
        row(ms.mentor_done(s, aid, "session-2", True, at=""), 3, created="2026-05-05T12:00:00Z")
    )
    assert ms.merge(reopened, rows).section.actions[0].done_in == "session-2"


def test_a_mentor_marks_and_takes_back_only_their_own():
    """Is a mentor refused marking the manager's action or taking back the manager's point,
    and is a forged row that tries it counted as skipped, changing nothing?"""
    s = sessions("2026-04-07")
    s = ms.add_point(s, "session-1", "Manager's point", private=False, at="")
    s = ms.add_action(s, "session-1", "Manager's action", "manager", None, at="")
    view = ms.for_mentor(s)
    with pytest.raises(InputError, match="the manager's"):
        ms.mentor_done(view, "action-1", "session-1", True, at="")
    with pytest.raises(InputError, match="Only what you added yourself"):
        ms.mentor_remove(view, "point-1", SAM, at="")
    forged = [
        row({"type": "done", "session": "session-1", "action": "action-1", "done": True}, 1),
        row({"type": "remove", "session": "session-1", "item": "point-1"}, 2),
        row({"type": "point", "session": "session-9", "text": "nowhere"}, 3),
        row({"type": "point", "session": "session-1"}, 4),  # no text
        row({"type": "shout", "session": "session-1", "text": "x"}, 5),
    ]
    m = ms.merge(s, forged)
    assert m.section == s and m.skipped == 5


def test_a_mentor_takes_back_their_own_point_but_not_another_links():
    s = sessions("2026-04-07")
    rows = [row(ms.mentor_point(s, "session-1", "Sam's", at=""), 1)]
    merged = ms.merge(s, rows).section
    pid = merged.points[0].id
    with pytest.raises(InputError):
        ms.mentor_remove(merged, pid, KIM, at="")
    rows.append(row(ms.mentor_remove(merged, pid, SAM, at=""), 2))
    rows.append(row({"type": "remove", "session": "session-1", "item": pid}, 3, by=KIM))
    assert ms.merge(merged, rows).section.points == ()


def test_a_workbook_restored_elsewhere_keeps_the_mentors_items_apart_from_new_ones():
    """Does a mentor's item merged under one store's row number stay apart from a new row of
    the same number in another store (another link)?"""
    s = sessions("2026-04-07")
    old = ms.merge(s, [row(ms.mentor_point(s, "session-1", "Old", at=""), 7)]).section
    new = ms.merge(old, [row(ms.mentor_point(s, "session-1", "New", at=""), 7, by=KIM)]).section
    assert [p.text for p in new.points] == ["Old", "New"]


# --- links, drafts and edits -----------------------------------------------------------------


def test_an_action_keeps_its_link_and_the_words_it_had():
    s = sessions("2026-04-07")
    s = ms.add_action(
        s, "session-1", "Book the room", "manager", "", at="", link="pilots:pilot-1",
        link_label="Pilot: Joint planning",
    )  # fmt: skip
    assert (s.actions[0].link, s.actions[0].link_label) == (
        "pilots:pilot-1",
        "Pilot: Joint planning",
    )
    s = ms.set_link(s, "action-1", "plan:goal:goal-2", "Goal: Lead the retro")
    assert s.actions[0].link_label == "Goal: Lead the retro"
    s = ms.set_link(s, "action-1", "", "ignored")
    assert (s.actions[0].link, s.actions[0].link_label) == ("", "")


def test_drafts_are_kept_and_cleared_once_sent():
    """Is what the manager is still writing kept (a half-typed due date left out), and cleared
    once the point or the action is added?"""
    s = sessions("2026-04-07")
    s = ms.set_drafts(s, point="Half a", private=True, action="Call", owner="mentor", due="2026-0")
    assert (s.drafts.point, s.drafts.private, s.drafts.action, s.drafts.owner, s.drafts.due) == (
        "Half a",
        True,
        "Call",
        "mentor",
        None,
    )
    s = ms.add_point(s, "session-1", "Half a thought", private=True, at="")
    assert (s.drafts.point, s.drafts.private, s.drafts.action) == ("", False, "Call")
    s = ms.add_action(s, "session-1", "Call Sam", "mentor", None, at="")
    assert s.drafts.action == ""


def test_the_managers_edits_refuse_what_is_not_theirs():
    s = sessions("2026-04-07")
    merged = ms.merge(s, [row(ms.mentor_point(s, "session-1", "Sam's", at=""), 1)]).section
    with pytest.raises(InputError, match="your mentor's"):
        ms.remove_point(merged, merged.points[0].id)
    s = ms.add_action(s, "session-1", "Mine", "manager", None, at="")
    s = ms.set_done(s, "action-1", "session-1", True, at="t")
    with pytest.raises(InputError, match="stays on record"):
        ms.remove_action(s, "action-1")
    with pytest.raises(InputError, match="Write the point first"):
        ms.add_point(s, "session-1", "   ", private=False, at="")
    with pytest.raises(InputError, match="too long"):
        ms.add_point(s, "session-1", "x" * 1001, private=False, at="")


def test_a_saved_section_that_cannot_be_read_is_named():
    with pytest.raises(InputError, match="sessions with your mentor could not be read"):
        ms.parse_section({"points": [{"id": "p", "session": "nowhere", "text": "x"}]})
    bad = ms.dump_section(sessions("2026-04-07"))
    bad["sessions"].append(dict(bad["sessions"][0], id="session-2"))
    with pytest.raises(InputError, match="two sessions on 2026-04-07"):
        ms.parse_section(bad)


def test_the_content_refuses_an_unknown_name_in_braces(content_dir):
    """Does a coach's copy naming an unknown field in braces fail with the file and the text?"""
    from playbook.content import content_path
    from playbook.errors import ContentError

    text = content_path("mentoring").read_text(encoding="utf-8")
    (content_dir / "mentoring.yaml").write_text(
        text.replace("{manager} shares", "{mentee} shares"), encoding="utf-8"
    )
    with pytest.raises(ContentError, match="mentoring.yaml.*mentee"):
        ms.load_content()
