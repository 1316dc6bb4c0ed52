"""The time-split page with community practices chosen on the pilots page (issue 21), without
a browser: the page reads them through the registry, keeps them in its section, and says
under the community chart how many hours came from them."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime
from pathlib import Path

from playbook.session import Session
from playbook.ui.pilots import PilotsView
from playbook.ui.time_split import TimeSplitView

DATA = Path(__file__).resolve().parent.parent / "data"
NOW = datetime(2026, 11, 25, tzinfo=UTC)


def with_calendar(session: Session) -> TimeSplitView:
    view = TimeSplitView(session)
    view.range_start.value, view.range_end.value = dt.date(2026, 3, 2), dt.date(2026, 3, 29)
    view.timezone.value = "Europe/London"
    data = (DATA / "sample_calendar.ics").read_bytes()
    view.upload.value = (
        {
            "name": "sample_calendar.ics",
            "type": "",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": NOW,
        },
    )
    assert view.import_messages.kind == "success", view.import_messages.text
    return view


def stored(session: Session) -> dict:
    return session.store.load_section(session.workbook_id, "time_split")


def test_without_a_chosen_practice_the_page_says_where_to_choose_one(session):
    """Does the page point to the pilots page's catalogue, with a link that keeps the
    workbook, while no practice is chosen?"""
    view = with_calendar(session)
    note = view.practices.box.value
    assert "No community practice chosen yet" in note
    assert f"href='04_pilot_experiments.ipynb?key={session.key}'" in note
    assert "community_practices" not in stored(session)


def test_a_practice_chosen_on_the_pilots_page_is_counted_here(session):
    """With "Relationships beyond your own team" ticked on the pilots page, does the time split
    (opened again) keep it in its section, class its two calendar entries by it, and say
    2.25 h of the community hours came from it (0.75 h coffee, 1.5 h mentoring circle)?"""
    with_calendar(session)
    pilots = PilotsView(session)
    pilots.catalogue.cards["beyond_team"].count.value = True
    view = TimeSplitView(session)
    kept = stored(session)["community_practices"]
    assert [p["id"] for p in kept] == ["beyond_team"]
    report = view.model.report()
    community = round(report.overall.community_hours, 2)
    assert view.practices.box.value == (
        f"<p class='mathjax_ignore'>Of your {community:g} h of community building, 2.25 h came "
        "from the community practices you chose on the pilots page: Relationships beyond your "
        "own team 2.25 h (2 entries).</p>"
    )
    reasons = {c.entry.description: c.reason for c in view.model.classified}
    assert reasons["Coffee with the venue manager"] == (
        "your practice 'Relationships beyond your own team' (keyword 'coffee with')"
    )
    # unticked there, no longer counted here once the page is opened again
    pilots.catalogue.cards["beyond_team"].count.value = False
    again = TimeSplitView(session)
    assert "community_practices" not in stored(session)
    assert "No community practice chosen yet" in again.practices.box.value


def test_an_unreadable_pilots_section_leaves_the_kept_practices(session):
    """When the pilots' section cannot be read, are the practices this page keeps left as
    they are (not wiped)?"""
    with_calendar(session)
    PilotsView(session).catalogue.cards["feedback_loops"].count.value = True
    TimeSplitView(session)
    # a pilots section the domain refuses, written as an older version might have
    session.store.save_section(session.workbook_id, "pilots", {"pilots": "broken"})
    fresh = Session(session.store, identity="key", workbook_id=session.workbook_id, key=session.key)
    TimeSplitView(fresh)
    assert [p["id"] for p in stored(session)["community_practices"]] == ["feedback_loops"]


def test_the_all_day_hours_are_named_as_a_default(session):
    """Does the page's list of this workbook's defaults name the hours an all-day calendar event
    counts for (0: listed, not counted), read from the content (issue 21)?"""
    about = TimeSplitView(session).children[-1].value
    assert (
        "the 0 hours an all-day calendar event counts for and the keyword rules are defaults"
        in (about)
    )


def test_opening_a_time_split_not_begun_does_not_begin_it(session):
    """With a practice chosen and no time split yet, does opening the page save nothing (the
    cohort would count the part as begun), and does the first import save the practice with
    the entries?"""
    PilotsView(session).catalogue.cards["beyond_team"].count.value = True
    view = TimeSplitView(session)
    assert stored(session) == {}
    assert [p.id for p in view.model.section.community_practices] == ["beyond_team"]
    view.range_start.value, view.range_end.value = dt.date(2026, 3, 2), dt.date(2026, 3, 29)
    assert [p["id"] for p in stored(session)["community_practices"]] == ["beyond_team"]
