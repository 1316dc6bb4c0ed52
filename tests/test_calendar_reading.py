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
