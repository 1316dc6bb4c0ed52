"""Calendars built with icalendar itself, folded anywhere, read back through the project and
compared with recurring-ical-events (issue 19).

Titles mix multi-byte characters and U+2028; the file icalendar writes (folded at 75
octets) is unfolded and folded again every ``width`` octets (1 to 75, so inside multi-byte
characters too); the owner appears as ``mailto:`` in any case or as iCloud's ``urn:uuid:``
with ``EMAIL=``, with every ``PARTSTAT``; weekly or daily series cross a DST change in
Europe/London or America/New_York, with EXDATEs and RECURRENCE-ID overrides (moved, made
longer). The project must give recurring-ical-events' occurrences and hours, less what it
says it left out: the owner's declined and delegated meetings (the workbook's defaults; the
delegated ones said in a sentence, with the tentative ones counted).
"""

from __future__ import annotations

import collections
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playbook.imports.calendar import parse_calendar

UTC = ZoneInfo("UTC")
OWNER = "Alex.Morgan@Example.org"
ZONES = {"Europe/London": date(2026, 3, 29), "America/New_York": date(2026, 3, 8)}

_title_chars = st.sampled_from(list("abcXYZ 0-9:;,é日本🎭ü€—\u2028"))
titles = st.text(_title_chars, min_size=1, max_size=30)
statuses = st.sampled_from(["ACCEPTED", "DECLINED", "TENTATIVE", "DELEGATED", "NEEDS-ACTION"])
forms = st.sampled_from(["mailto", "MAILTO", "urn", "none"])


def _attendee(form: str, status: str) -> icalendar.vCalAddress | None:
    if form == "none":
        return None
    if form == "urn":
        value = icalendar.vCalAddress("urn:uuid:6f1c-4e2a-9b0d")
        value.params["EMAIL"] = OWNER.upper() if status == "TENTATIVE" else OWNER
    else:
        value = icalendar.vCalAddress(
            f"{form}:{OWNER.lower() if form == 'mailto' else OWNER.upper()}"
        )
    value.params["PARTSTAT"] = status
    return value


series_st = st.fixed_dictionaries(
    {
        "title": titles,
        "freq": st.sampled_from(["DAILY", "WEEKLY"]),
        "count": st.integers(2, 8),
        "hour": st.integers(7, 19),
        "minutes": st.sampled_from([15, 30, 60, 90]),
        "days_before": st.integers(0, 10),
        "form": forms,
        "status": statuses,
        "exdates": st.sets(st.integers(0, 7), max_size=3),
        "overrides": st.dictionaries(
            st.integers(0, 7),
            st.tuples(st.integers(-3, 3), st.sampled_from([30, 45, 120]), titles, statuses),
            max_size=2,
        ),
    }
)


def build(zone_name: str, all_series: list[dict]) -> bytes:
    zone = ZoneInfo(zone_name)
    dst = ZONES[zone_name]
    cal = icalendar.Calendar()
    cal.add("PRODID", "-//playbook roundtrip//EN")
    cal.add("VERSION", "2.0")
    for n, s in enumerate(all_series):
        step = timedelta(days=1 if s["freq"] == "DAILY" else 7)
        first = datetime.combine(dst - timedelta(days=s["days_before"]), time(s["hour"]), zone)
        length = timedelta(minutes=s["minutes"])
        uid = f"series-{n}@roundtrip"
        event = icalendar.Event()
        event.add("UID", uid)
        event.add("SUMMARY", f"{n} {s['title']}")
        event.add("DTSTART", first)
        event.add("DTEND", first + length)
        event.add("RRULE", {"FREQ": s["freq"], "COUNT": s["count"]})
        excluded = [first + k * step for k in sorted(s["exdates"]) if k < s["count"]]
        if excluded:
            event.add("EXDATE", excluded)
        attendee = _attendee(s["form"], s["status"])
        if attendee is not None:
            event.add("ATTENDEE", attendee)
        cal.add_component(event)
        for k, (shift, minutes, title, status) in s["overrides"].items():
            if k >= s["count"] or k in s["exdates"]:
                continue
            original = first + k * step
            moved = original + timedelta(hours=shift)
            override = icalendar.Event()
            override.add("UID", uid)
            override.add("RECURRENCE-ID", original)
            override.add("SUMMARY", f"{n}.{k} {title}")
            override.add("DTSTART", moved)
            override.add("DTEND", moved + timedelta(minutes=minutes))
            attendee = _attendee(s["form"], status)
            if attendee is not None:
                override.add("ATTENDEE", attendee)
            cal.add_component(override)
    cal.add_missing_timezones()
    return cal.to_ical()


def refold(data: bytes, width: int) -> bytes:
    """Unfold icalendar's output and fold every line again every ``width`` octets, wherever
    that falls (inside a multi-byte character too)."""
    unfolded = re.sub(rb"\r\n[ \t]", b"", data)
    out = []
    for line in unfolded.split(b"\r\n"):
        pieces = [line[:width]] + [line[i : i + width] for i in range(width, len(line), width)]
        out.append(b"\r\n ".join(pieces))
    return b"\r\n".join(out)


def _owner_status(event) -> str | None:
    attendees = event.get("ATTENDEE") or []
    for a in attendees if isinstance(attendees, list) else [attendees]:
        names = {str(a).lower().removeprefix("mailto:"), str(a.params.get("EMAIL", "")).lower()}
        if OWNER.lower() in names:
            return str(a.params.get("PARTSTAT", "")).upper()
    return None


def reference(data: bytes, tz: str, first: date, last: date):
    zone = ZoneInfo(tz)
    cal = icalendar.Calendar.from_ical(data)
    lo = datetime.combine(first, time(0), zone)
    hi = datetime.combine(last + timedelta(days=1), time(0), zone)
    kept: collections.Counter = collections.Counter()
    answered = collections.Counter()
    for occ in recurring_ical_events.of(cal).between(lo, hi):
        if not first <= occ.start.astimezone(zone).date() <= last:
            continue
        status = _owner_status(occ)
        if status in ("TENTATIVE", "DELEGATED"):
            answered[status] += 1
        if status in ("DECLINED", "DELEGATED"):
            continue
        summary = " ".join(str(occ["SUMMARY"]).split())
        hours = round((occ.end - occ.start).total_seconds() / 3600, 4)
        kept[(summary, occ.start.astimezone(UTC).isoformat(), hours)] += 1
    return kept, answered


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    zone_name=st.sampled_from(sorted(ZONES)),
    all_series=st.lists(series_st, min_size=1, max_size=3),
    width=st.one_of(st.integers(1, 75), st.just(75)),
    owner_form=st.sampled_from(["plain", "list", "upper"]),
)
def test_built_calendars_read_back_as_recurring_ical_events_expands_them(
    zone_name, all_series, width, owner_form
):
    """Same occurrences and hours as recurring-ical-events, less the declined and delegated
    meetings, which the import says it left out?"""
    original = build(zone_name, all_series)
    data = refold(original, width)
    dst = ZONES[zone_name]
    first, last = dst - timedelta(days=14), dst + timedelta(days=60)
    owner = {
        "plain": OWNER,
        "list": f"other@example.net, {OWNER.lower()} alias@example.org",
        "upper": OWNER.upper(),
    }[owner_form]
    result = parse_calendar(data, zone_name, first, last, owner_email=owner)
    expected, answered = reference(original, zone_name, first, last)
    got = collections.Counter(
        (e.description, e.start.astimezone(UTC).isoformat(), round(e.hours, 4))
        for e in result.entries
    )
    assert got == expected
    assert result.encoding == "utf-8" and not any("not UTF-8" in w for w in result.warnings)
    assert result.skipped.get("delegated", 0) == answered["DELEGATED"]
    sentence = [w for w in result.warnings if "tentative" in w or "delegated" in w]
    if answered:
        assert len(sentence) == 1
        if answered["TENTATIVE"]:
            assert f"{answered['TENTATIVE']} tentative" in sentence[0]
        if answered["DELEGATED"]:
            assert re.search(
                f"{answered['DELEGATED']} delegated( meetings?)? left out", sentence[0]
            )
    else:
        assert sentence == []
