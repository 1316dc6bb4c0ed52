"""The quarterly-audit page without a browser: the owner's audit and a colleague's form."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from playbook.session import Session
from playbook.ui.audit import SHARE_KIND, AuditView

from .widget_text import typeset_texts

NOW = datetime(2026, 11, 25, tzinfo=UTC)


@pytest.fixture
def view(session) -> AuditView:
    v = AuditView(session)
    v.held_on.value = "2026-02-10"
    v.open_button.click()
    return v


def answer_all(view: AuditView, value: int) -> None:
    for w in view.items.values():
        w.buttons.value = value


def saved(session: Session) -> dict:
    return session.store.load_section(session.workbook_id, "audit")


def colleague_view(store, token: str) -> AuditView:
    share = store.resolve_share(token)
    return AuditView(Session(store, identity="share", share=share, share_token=token))


def test_answers_are_saved_and_scores_and_pitfalls_shown(view, session):
    """Is every answer saved at once, with scores per area, the pitfalls and the next audit?"""
    assert view.current == "2026-Q1" and view.next_audit.value == "2026-05-10"
    first = next(iter(view.items.values()))
    first.buttons.value = 4
    assert saved(session)["quarters"][0]["answers"] == {first.item.id: 4}
    assert "1 of 4 answered" in view.scores.value
    answer_all(view, 2)
    assert "<td align=center>2.5</td>" in view.scores.value
    assert "Efficiency over resilience" in view.pitfalls.value
    assert "Communication breakdown" in view.pitfalls.value
    bars = [t for t in view.figures["scores"].data if t.type == "bar"]
    assert list(bars[0].y) == [2.5, 2.5, 2.5, 2.5]  # the human element too (issue 21)


def test_trend_across_two_quarters(view, session):
    """With audits in two quarters, does the trend chart have one point per quarter and area?"""
    answer_all(view, 2)
    view.held_on.value = "2026-05-12"
    view.open_button.click()
    assert view.current == "2026-Q2"
    assert all(w.buttons.value is None for w in view.items.values())
    answer_all(view, 4)
    trend = view.figures["trend"]
    assert [list(t.x) for t in trend.data if t.name == "Resilience"] == [["2026-Q1", "2026-Q2"]]
    assert len(saved(session)["quarters"]) == 2


def test_colleagues_by_share_link_are_shown_only_in_aggregate(view, store, session):
    """Do colleagues' answers stay hidden until three answered, then show as averages only,
    while a colleague's page never shows the owner's answers?"""
    answer_all(view, 4)
    for n, value in enumerate((2, 2, 3), start=1):
        view.share_button.click()  # one link per colleague
        token = view.share_link.value.split("share=", 1)[1]
        other = colleague_view(store, token)
        assert "pb-colleague-form" in other.body._dom_classes
        assert all(w.buttons.value is None for w in other.items.values())
        for w in other.items.values():
            w.buttons.value = value
        other.department.value = "Editorial" if n < 3 else "Sound"
        other.submit_button.click()
        assert other.messages.kind == "success" and other.submit_button.disabled
        view.refresh_button.click()
        if n < 3:
            assert f"{n} of at least 3" in view.colleagues.value
            assert len([t for t in view.figures["scores"].data if t.type == "bar"]) == 1
    assert "3 colleagues from 2 departments" in view.colleagues.value
    bars = [t for t in view.figures["scores"].data if t.type == "bar"]
    assert bars[1].name == "Colleagues (average of 3)"
    assert "Editorial" not in str(saved(session))  # never copied into the owner's section


def test_a_colleague_sending_twice_counts_once(view, store):
    """Does a second send through the same link replace that colleague's answers instead of
    counting them as another colleague?"""
    answer_all(view, 4)
    view.share_button.click()
    token = view.share_link.value.split("share=", 1)[1]
    for value in (1, 5, 5):
        other = colleague_view(store, token)
        for w in other.items.values():
            w.buttons.value = value
        other.submit_button.click()
    view.refresh_button.click()
    assert "1 of at least 3" in view.colleagues.value


def test_colleague_with_no_answers_is_asked_to_answer(view, store):
    """Does an empty submission give a message and send nothing?"""
    view.share_button.click()
    other = colleague_view(store, view.share_link.value.split("share=", 1)[1])
    other.submit_button.click()
    assert other.messages.kind == "error" and "at least one" in other.messages.text
    assert view.session.contributions(SHARE_KIND) == []


def test_colleague_file_import_and_a_bad_file(view, session):
    """Are a file's rows imported into the quarter, and a file with wrong columns refused?"""
    ids = list(view.items)
    rows = (
        "department,"
        + ",".join(ids)
        + "\n"
        + "".join(f"Dept{i}," + ",".join(["3"] * len(ids)) + "\n" for i in range(3))
    )
    data = rows.encode()
    view.upload.value = (
        {
            "name": "answers.csv",
            "type": "text/csv",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": NOW,
        },
    )
    assert view.messages.kind == "success" and "3 colleagues" in view.messages.text
    assert len(saved(session)["quarters"][0]["imported_responses"]) == 3
    assert "3 colleagues from 3 departments" in view.colleagues.value
    bad = b"name,score\nAna,4\n"
    view.upload.value = (
        {
            "name": "bad.csv",
            "type": "text/csv",
            "size": len(bad),
            "content": memoryview(bad),
            "last_modified": NOW,
        },
    )
    assert view.messages.kind == "error" and "department, res_absorb_delay" in view.messages.text
    assert len(saved(session)["quarters"][0]["imported_responses"]) == 3


def test_actions_need_owners_and_are_saved(view, session):
    """Is an action without an owner refused, and one with an owner saved and tickable?"""
    view.action_text.value = "Train a second contact for rigging"
    view.add_action_button.click()
    assert view.messages.kind == "error" and "owner" in view.messages.text
    view.action_owner.value = "Sam"
    view.action_area.value = "resilience"
    view.action_due.value = "2026-03-31"
    view.add_action_button.click()
    assert saved(session)["quarters"][0]["actions"][0]["owner"] == "Sam"
    view.actions_box.children[0].value = True
    assert saved(session)["quarters"][0]["actions"][0]["done"] is True


def test_bad_dates_give_messages(view, session):
    """Are an unreadable audit date and next-audit date refused in place?"""
    view.next_audit.value = "soon"
    assert view.messages.kind == "error" and "YYYY-MM-DD" in view.messages.text
    assert saved(session)["quarters"][0]["next_audit"] == "2026-05-10"
    view.held_on.value = "10/02/2026"
    view.open_button.click()
    assert view.messages.kind == "error" and "YYYY-MM-DD" in view.messages.text


def test_a_reload_shows_the_saved_audit(view, session, store):
    """Does a new page on the same workbook show the answers, notes and actions?"""
    answer_all(view, 5)
    view.notes.value = "Supplier delay in week 6 <b>absorbed</b>"
    view.action_text.value, view.action_owner.value = "Weekly informal check-in", "Ana"
    view.add_action_button.click()
    again = AuditView(
        Session(store, identity="key", workbook_id=session.workbook_id, key=session.key)
    )
    assert again.current == "2026-Q1"
    assert all(w.buttons.value == 5 for w in again.items.values())
    assert again.notes.value == "Supplier delay in week 6 <b>absorbed</b>"
    assert "Weekly informal check-in" in again.actions_box.children[0].text


def test_a_broken_content_file_is_shown_in_place(session, content_dir):
    """Does a coach's invalid audit.yaml give a message on the page, naming the file?"""
    (content_dir / "audit.yaml").write_text("title: [unclosed")
    page = AuditView(session)
    assert page.messages.kind == "error" and "audit.yaml" in page.messages.text
    assert page.children == (page.header, page.messages)


def test_participant_text_is_shown_as_text(view, session):
    """Is an action with HTML in it shown escaped when it is listed as still open later?"""
    view.action_text.value = "<img src=x onerror=alert(1)>"
    view.action_owner.value = "<b>Sam</b>"
    view.action_area.value = "resilience"
    view.action_due.value = "2026-03-31"
    view.add_action_button.click()
    view.held_on.value = "2026-05-12"
    view.open_button.click()
    assert "<img" not in view.open_actions.value and "<b>Sam" not in view.open_actions.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in view.open_actions.value


def test_an_action_with_math_or_a_link_is_shown_as_typed(view, session):
    """Is an action typed as ``$x^2$`` or as a link kept out of every Label and description
    (where it would be typeset), and shown escaped beside a checkbox that still ticks it?"""
    link = '<a href="https://example.org/p">p</a>'
    view.action_text.value, view.action_owner.value = "$x^2$", link
    view.add_action_button.click()
    row = view.actions_box.children[0]
    assert row.text == f"$x^2$ (owner: {link})"
    assert not [t for t in typeset_texts(view) if "$x^2$" in t or "example.org" in t]
    assert "$x^2$ (owner: &lt;a href=&quot;https://example.org/p&quot;&gt;" in row.label.value
    assert "mathjax_ignore" in row.label.value and row.checkbox.tooltip == row.text
    row.value = True
    assert saved(session)["quarters"][0]["actions"][0]["done"] is True


def test_answers_are_one_radio_group_each_announcing_the_scales_words(view):
    """Is each statement's answer one radio group named by the statement, its answers the
    number with the scale's words ("4 - Agree", not "4"), and does a browser's choice (an
    index) become the saved value?"""
    from playbook.audit import load_content
    from playbook.ui.common.choice import RadioGroup

    content = load_content()
    item = content.areas[0].items[0]
    group = view.items[item.id].buttons
    assert isinstance(group, RadioGroup) and group.label == item.text
    assert group.labels[3] == f"4 - {content.scale.labels[4]}"
    group.index = 3  # what the page sends when the fourth radio is chosen
    assert group.value == 4 and view.model.quarter.answers[item.id] == 4
    group.value = None
    assert group.index is None
    with pytest.raises(Exception, match="not one of the answers"):
        group.value = 9


def _contrast(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio (relative luminance of sRGB, (L1 + 0.05) / (L2 + 0.05))."""

    def luminance(color: str) -> float:
        channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_coloured_buttons_and_the_chosen_answer_have_enough_contrast():
    """Do the green, orange and red buttons (white text) and the chosen answer reach WCAG AA's
    4.5:1, where JupyterLab's green (#388e3c, 4.1:1) did not? The formula is checked against
    the reference value WebAIM's contrast checker gives: #767676 on white is 4.54:1, the
    lightest grey that passes AA."""
    from playbook.ui.common import button

    assert round(_contrast("#767676", "#ffffff"), 2) == 4.54
    assert _contrast("#388e3c", "#ffffff") < 4.5
    for style in ("success", "warning", "danger"):
        color = button("x", "pb-x", style=style).style.button_color
        assert _contrast("#ffffff", color) >= 4.5, (style, color)
    assert _contrast("#ffffff", "#1f4e8c") >= 7  # the chosen answer (choice.py)
    assert _contrast("#0b1a2e", "#9cc3ff") >= 7  # the same in the dark theme


def test_dates_are_chosen_in_a_date_picker_and_saved_as_iso_dates(view, session):
    """Is the next audit a date picker, whose chosen date is saved as the same YYYY-MM-DD
    string as before, and is an action's due date too?"""
    import datetime as dt

    view.next_audit.picker.value = dt.date(2026, 6, 30)
    assert saved(session)["quarters"][0]["next_audit"] == "2026-06-30"
    view.action_text.value, view.action_owner.value = "Cross-train a second contact", "Sam"
    view.action_due.picker.value = dt.date(2026, 4, 15)
    view.add_action_button.click()
    assert saved(session)["quarters"][0]["actions"][-1]["due"] == "2026-04-15"
    assert view.action_due.value == "" and view.action_due.picker.value is None


def _notes(widget) -> list[str]:
    value = getattr(widget, "value", None)
    found = [value] if isinstance(value, str) and "pb-area-note" in value else []
    for child in getattr(widget, "children", ()):
        found += _notes(child)
    return found


def test_the_human_element_is_named_as_this_workbooks_on_both_pages(view, store, session):
    """Do the owner's page and a colleague's form say, under the human element's heading,
    that its statements are this workbook's reflection items, and is its score shown and
    saved like the others' (issue 21)?"""
    for page in (view, None):
        if page is None:
            view.share_button.click()
            page = colleague_view(store, view.share_link.value.split("share=", 1)[1])
        notes = _notes(page)
        assert len(notes) == 1 and "This workbook&#x27;s reflection items" in notes[0]
    for w in view.items.values():
        human = w.item.id.startswith("hum_")
        w.buttons.value = (2 if w.item.reverse else 4) if human else 3
    # 4, 4, 2 (reverse: 4), 4 -> 4.0
    assert "<tr><td>Human element</td><td align=center>4.0</td>" in view.scores.value
    assert saved(session)["quarters"][0]["answers"]["hum_left_out"] == 2  # as answered
