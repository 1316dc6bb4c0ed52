"""The calendar files of issue 19 that were silently wrong or refused: a UTF-8 character cut
by a fold, a pasted U+2028, iCloud's attendees, several addresses, tentative and delegated
invitations."""

from __future__ import annotations

from datetime import date

from playbook.imports.calendar import parse_calendar
from playbook.imports.calendar.reading import decode_calendar, logical_lines
from playbook.time_split import TimeSplitSection
from playbook.time_split.importing import ImportSettings, begin_import

MARCH = (date(2026, 3, 2), date(2026, 3, 8))
MARCH_20 = (date(2026, 3, 16), date(2026, 3, 22))


def _ics(*events: list[str]) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
    for i, props in enumerate(events):
        lines += [
            "BEGIN:VEVENT",
            f"UID:e{i}",
            f"DTSTART:202603{3 + i:02d}T090000Z",
            f"DTEND:202603{3 + i:02d}T110000Z",
            *props,
            "END:VEVENT",
        ]
    return "\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n"


def test_a_fold_inside_a_utf8_character_garbles_nothing():
    """Venue feed: is "Répétition" folded inside its "é" read as UTF-8, every accent right?"""
    octets = _ics(["SUMMARY:Répétition générale"], ["SUMMARY:Café"]).encode()
    at = octets.index("é".encode()) + 1  # between the two bytes of the first "é"
    data = octets[:at] + b"\r\n " + octets[at:]
    result = parse_calendar(data, "UTC", *MARCH)
    assert [e.description for e in result.entries] == ["Répétition générale", "Café"]
    assert result.encoding == "utf-8" and result.warnings == []


def test_decoded_text_keeps_the_physical_lines():
    """Does the decoded text keep line numbers (the fold moved after the cut character)?"""
    data = b"SUMMARY:R" + "é".encode()[:1] + b"\r\n " + "é".encode()[1:] + b"x\r\nUID:1\r\n"
    text, encoding, cp1252 = decode_calendar(data)
    assert encoding == "utf-8" and cp1252 == []
    assert logical_lines(text) == [(1, "SUMMARY:Réx"), (3, "UID:1")]


def test_a_line_in_windows_1252_is_named_the_rest_read_as_utf8():
    """Mixed file: is the Windows-1252 line read as such and named, the UTF-8 ones kept?"""
    text = _ics(["SUMMARY:Réunion"], ["SUMMARY:Café"])
    lines = text.split("\r\n")
    number = next(i for i, line in enumerate(lines, 1) if line == "SUMMARY:Café")
    data = text.encode().replace("Café".encode(), "Café".encode("cp1252"))
    result = parse_calendar(data, "UTC", *MARCH)
    assert [e.description for e in result.entries] == ["Réunion", "Café"]
    assert result.encoding == "mixed"
    assert f"Line {number} of the calendar is not UTF-8" in result.warnings[0]


def test_pasted_line_separators_are_part_of_the_text():
    """U+2028, U+2029, U+0085 and a form feed pasted into a description: still a calendar?"""
    pasted = "DESCRIPTION:agenda\u2028item\u2029next\x85more\x0cend"
    result = parse_calendar(_ics(["SUMMARY:Plan", pasted]).encode(), "UTC", *MARCH)
    assert [e.description for e in result.entries] == ["Plan"]


def test_the_prefilter_is_gone_every_property_reaches_icalendar():
    """An event with a long description, attendees, an alarm and no UID: all read?"""
    result = parse_calendar(
        _ics(
            ["SUMMARY:One", "DESCRIPTION:" + "x" * 2000, "ATTENDEE;CN=A:mailto:a@x.io"],
            ["SUMMARY:Two", "BEGIN:VALARM", "TRIGGER:-PT5M", "ACTION:DISPLAY", "END:VALARM"],
        ).encode(),
        "UTC",
        *MARCH,
    )
    assert [e.description for e in result.entries] == ["One", "Two"]


ICLOUD = "ATTENDEE;CN=Alex;PARTSTAT={};EMAIL=Alex.Morgan@Example.org:urn:uuid:0a1b-2c3d"


def test_icloud_declined_meeting_is_left_out_by_its_email_parameter():
    """iCloud writes urn:uuid:... with EMAIL=: is the declined meeting left out?"""
    data = _ics(["SUMMARY:Declined", ICLOUD.format("DECLINED")], ["SUMMARY:Kept"]).encode()
    result = parse_calendar(data, "UTC", *MARCH, owner_email="alex.morgan@example.org")
    assert [e.description for e in result.entries] == ["Kept"]
    assert result.skipped == {"declined": 1}


def test_every_address_the_person_gives_is_theirs():
    """Work, personal and an alias, comma or space separated, any case: all matched?"""
    data = _ics(
        ["SUMMARY:Work", "ATTENDEE;PARTSTAT=DECLINED:MAILTO:ALEX@WORK.EXAMPLE"],
        ["SUMMARY:Home", "ATTENDEE;PARTSTAT=DECLINED:mailto:alex@home.example"],
        ["SUMMARY:Alias", ICLOUD.format("DECLINED").replace("Alex.Morgan@Example.org", "a@x.io")],
        ["SUMMARY:Other", "ATTENDEE;PARTSTAT=DECLINED:mailto:sam@work.example"],
    ).encode()
    owners = "alex@work.example, Alex@Home.example a@x.io"
    result = parse_calendar(data, "UTC", *MARCH, owner_email=owners)
    assert [e.description for e in result.entries] == ["Other"]
    assert result.skipped == {"declined": 3}
    one = parse_calendar(data, "UTC", *MARCH, owner_email="alex@work.example")
    assert [e.description for e in one.entries] == ["Home", "Alias", "Other"]


def test_tentative_and_delegated_follow_the_choice_and_are_said():
    """Defaults: tentative counted, delegated left out, said; and the other way round?"""
    me = "me@example.org"
    data = _ics(
        ["SUMMARY:Maybe 1", f"ATTENDEE;PARTSTAT=TENTATIVE:mailto:{me}"],
        ["SUMMARY:Maybe 2", ICLOUD.format("TENTATIVE").replace("Alex.Morgan@Example.org", me)],
        [
            "SUMMARY:Sent Sam",
            f'ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="mailto:s@x.io":mailto:{me}',
        ],
        ["SUMMARY:Yes", f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{me}"],
    ).encode()
    default = parse_calendar(data, "UTC", *MARCH, owner_email=me)
    assert [e.description for e in default.entries] == ["Maybe 1", "Maybe 2", "Yes"]
    assert "2 tentative meetings counted; 1 delegated left out." in default.warnings
    assert default.skipped == {"delegated": 1}
    other = parse_calendar(
        data, "UTC", *MARCH, owner_email=me, count_tentative=False, count_delegated=True
    )
    assert [e.description for e in other.entries] == ["Sent Sam", "Yes"]
    assert "2 tentative meetings left out; 1 delegated counted." in other.warnings


def test_the_page_passes_the_saved_addresses_and_choices():
    """Does the import workflow read the section's addresses and choices (an old record's
    single address still works), and put the sentence in the page's message?"""
    me = "me@example.org"
    data = _ics(
        ["SUMMARY:Maybe", f"ATTENDEE;PARTSTAT=TENTATIVE:mailto:{me}"],
        ["SUMMARY:No", ICLOUD.format("DECLINED").replace("Alex.Morgan@Example.org", me)],
    ).encode()
    old = TimeSplitSection.model_validate({"timezone": "UTC", "owner_email": me})
    assert old.count_tentative is True and old.count_delegated is False
    got = begin_import("cal.ics", data, ImportSettings(old, MARCH))
    assert [e.description for e in got.result.entries] == ["Maybe"]
    assert "1 tentative meeting counted." in got.result.warnings
    chosen = old.model_copy(update={"owner_email": f"x@y.io, {me}", "count_tentative": False})
    got = begin_import("cal.ics", data, ImportSettings(chosen, MARCH))
    assert got.result.entries == [] and got.result.skipped == {"declined": 1, "tentative": 1}


def test_an_all_day_event_ending_where_it_starts_marks_the_first_day_too():
    """Apple iCal 2 writes one-day events with DTEND equal to DTSTART (ical.net's
    ProdID1.ics). Such an event marked its day on every day of the range but the first, where
    it was left out as "outside the date range". Is it a marker on the first day as well?"""
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Computer, Inc//iCal 2.0//EN\r\n"
        + "".join(
            f"BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2026030{d}\r\nDTEND;VALUE=DATE:2026030{d}\r\n"
            f"SUMMARY:Gig {d}\r\nEND:VEVENT\r\n"
            for d in (2, 3)
        )
        + "END:VCALENDAR\r\n"
    )
    result = parse_calendar(ics.encode(), "Europe/Berlin", *MARCH)
    assert [(e.description, e.day.day, e.all_day) for e in result.entries] == [
        ("Gig 2", 2, True),
        ("Gig 3", 3, True),
    ]
    assert result.skipped == {}


def test_a_quoted_printable_soft_line_break_continues_the_value():
    """Drupal's iCal feeds (ical.net's Parse1.ics, a library's events) write descriptions in
    quoted-printable with soft line breaks: a line ending in ``=`` continued on the next line
    with no leading space. The continuation ("rosoftInternetExplorer4</p>...") is no
    ``NAME:value`` line, and the whole feed was refused for it. Is the value joined, every
    event read, nothing left out or said, and the later events' lines still right?"""
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//strange bird labs//Drupal iCal API//EN\r\n"
        "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE-TIME:20260303T153000Z\r\n"
        "DTEND;VALUE=DATE-TIME:20260303T163000Z\r\n"
        "SUMMARY;ENCODING=QUOTED-PRINTABLE:Story Time\r\n"
        "DESCRIPTION;ENCODING=QUOTED-PRINTABLE:<p>Normal   0   false   Mic=\r\n"
        'rosoftInternetExplorer4</p>=0D=0A<br class=3D"clear" />\r\n'
        "UID:http://www.example.org/node/506\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nDTSTART:20260304T153000Z\r\nDTEND:20260304T163000Z\r\n"
        "SUMMARY:Library Tea\r\nDESCRIPTION;ENCODING=QUOTED-PRINTABLE:=\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    result = parse_calendar(ics.encode(), "UTC", *MARCH)
    assert [(e.description, e.hours) for e in result.entries] == [
        ("Story Time", 1.0),
        ("Library Tea", 1.0),
    ]
    assert result.warnings == [] and result.skipped == {}
    lines = logical_lines(ics)
    assert lines[7] == (
        8,
        "DESCRIPTION;ENCODING=QUOTED-PRINTABLE:<p>Normal   0   false   "
        'MicrosoftInternetExplorer4</p>=0D=0A<br class=3D"clear" />',
    )
    assert lines[10] == (12, "BEGIN:VEVENT")
    assert lines[-3:-1] == [(16, "DESCRIPTION;ENCODING=QUOTED-PRINTABLE:="), (17, "END:VEVENT")]


def _outlook_eastern(daylight_from: str, rule: str) -> bytes:
    """An Outlook export in "Eastern Standard Time" with its own VTIMEZONE (``rule``: the
    month and day DST starts), one meeting at 09:00 on Friday 20 March 2026."""
    return (
        "BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 11.0 MIMEDIR//EN\r\n"
        "VERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:Eastern Standard Time\r\n"
        "BEGIN:STANDARD\r\nDTSTART:16011104T020000\r\n"
        "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\n"
        f"END:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:{daylight_from}\r\nRRULE:{rule}\r\n"
        "TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\nUID:budget\r\nSUMMARY:Budget review\r\n"
        'DTSTART;TZID="Eastern Standard Time":20260320T090000\r\n'
        'DTEND;TZID="Eastern Standard Time":20260320T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'
    ).encode()


def test_each_calendar_is_read_with_its_own_time_zones_not_an_earlier_files():
    """icalendar keeps a file's VTIMEZONE for the whole process under its TZID and, once it
    has one, uses it for every later file naming that TZID, whatever that file defines (and
    for files naming it without defining it: ical.net's Bug2938007.ics gave other times after
    its Bug2916581.ics was read). Outlook 2003 wrote "Eastern Standard Time" with DST from
    April; Outlook 2010 from the second Sunday in March. Is a new export read with its own
    rules after an old one (13:00 UTC, not 14:00), and the old one with its own after that?"""
    old = _outlook_eastern("16010401T020000", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=4")
    new = _outlook_eastern("16010311T020000", "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3")

    def utc_hour(data: bytes) -> int:
        (entry,) = parse_calendar(data, "UTC", *MARCH_20).entries
        return entry.start.hour

    assert [utc_hour(old), utc_hour(new), utc_hour(old)] == [14, 13, 14]
