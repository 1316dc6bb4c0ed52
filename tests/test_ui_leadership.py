"""The leadership page without a browser: set widget values, click, assert on the session."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from playbook.errors import PlaybookError
from playbook.leadership import STYLES, load_content, rating_subject
from playbook.session import Session, open_session
from playbook.ui.leadership import SHARE_KINDS, LeadershipRatingView, LeadershipView

NOW = datetime(2026, 11, 25, tzinfo=UTC)
INST = load_content()


def _answer_all(pager, levels: dict[str, int], most: str = "architect", least: str = "integrator"):
    """Answer every item so that each style's keyed level is ``levels[style]``."""
    for w in pager.items.values():
        level = levels[w.item.style]
        w.buttons.value = 6 - level if w.item.reverse else level
    for b in pager.blocks.values():
        b.most.value = most
        b.least.value = least


def _rater(
    owner_view: LeadershipView, store, kind: str = "mentor", name: str = "Sam", owner: str = ""
):
    """Open the page through a new share link, as the mentor (or a peer) would; ``name`` is
    the rater's, ``owner`` the name the owner gives themself."""
    owner_view.share_name.value = name
    owner_view.owner_name.value = owner
    button = owner_view.mentor_link_button if kind == "mentor" else owner_view.peer_link_button
    button.click()
    token = owner_view.share_link.value.split("share=", 1)[1]
    view = LeadershipView(open_session(share=token, store=store))
    assert isinstance(view.rating_view, LeadershipRatingView)
    return view.rating_view


def _upload(view: LeadershipView, data: bytes, name: str = "rating.json") -> None:
    view.upload.value = (
        {
            "name": name,
            "type": "application/json",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": NOW,
        },
    )


def _rating_file(session: Session, **changes) -> bytes:
    data = {
        "instrument_version": INST.instrument_version,
        "rater_kind": "mentor",
        "subject": rating_subject(session.workbook_id),
        "rater": "file-rater",
        "answers": {i.id: (3 if i.reverse else 3) for i in INST.items},
    }
    data.update(changes)
    return json.dumps(data).encode()


# ---- the owner's self-assessment ----------------------------------------------------------


def test_each_answer_is_saved_at_once_with_progress(session):
    """Is every answer in the store as soon as it is given, with answered / total shown?"""
    view = LeadershipView(session)
    total = len(INST.items) + len(INST.forced_choice)
    assert view.pager.progress_text.value == f"0 / {total} answered"
    first = view.pager.widgets_on(0)[0]
    first.buttons.value = 4
    stored = session.store.load_section(session.workbook_id, "leadership")
    assert stored["answers"] == {first.item.id: 4}
    assert view.pager.progress_text.value == f"1 / {total} answered"
    assert view.pager.progress_bar.value == 1 and view.pager.progress_bar.max == total
    assert "saved" in view.header.saved.value


def test_pages_are_short_and_the_page_is_saved(session):
    """Does the page show at most 6 statements, and is the current page saved for a resume?"""
    view = LeadershipView(session)
    assert len(view.pager.page_box.children) <= 6
    assert view.pager.prev_button.disabled
    view.pager.next_button.click()
    view.pager.next_button.click()
    assert view.pager.page_label.value == f"Page 3 of {len(view.pager.pages)}"
    assert session.section("leadership")["page"] == 2


def test_complete_answers_show_primary_style_advice_and_radar(session):
    """Does answering everything show the primary style, its advice and the radar chart?"""
    view = LeadershipView(session)
    _answer_all(view.pager, {"facilitator": 4, "architect": 5, "integrator": 2})
    assert view.pager.progress_text.value.startswith(f"{view.pager.progress_bar.max} /")
    assert "primary style is Architect" in view.summary.value
    assert "Facilitator as your secondary" in view.summary.value
    assert "flexibility buffers" in view.advice.value
    assert "/ 100" in view.adaptability.value
    you = view.figure.data[0]
    assert you.name == "You" and you.r[:3] == (75.0, 100.0, 25.0)
    assert "not a validated psychometric test" in view.children[1].value


def test_a_reload_resumes_answers_rankings_and_page(session, store):
    """Does a new view on the same workbook (a page reload) show every saved answer?"""
    view = LeadershipView(session)
    _answer_all(view.pager, {"facilitator": 3, "architect": 4, "integrator": 5})
    view.pager.next_button.click()
    again = LeadershipView(
        Session(store, identity="key", workbook_id=session.workbook_id, key=session.key)
    )
    assert again.pager.answers() == view.pager.answers()
    assert again.pager.orders() == view.pager.orders()
    assert again.pager.page == 1
    assert "primary style is Integrator" in again.summary.value


def test_partial_answers_show_not_enough_answers(session):
    """Does a partly answered instrument show scores where it can, and say what is missing?"""
    view = LeadershipView(session)
    for item in INST.items_of("facilitator"):
        view.pager.items[item.id].buttons.value = 4 if not item.reverse else 2
    assert "not enough answers" in view.scores.value
    assert "Architect" in view.summary.value and "Integrator" in view.summary.value
    assert "Shown once" in view.advice.value
    assert view.figure.data[0].r[1] is None


def test_not_sure_is_kept_but_not_scored(session):
    """Is 'not sure' saved as 0 and left out of the score?"""
    view = LeadershipView(session)
    item = INST.items_of("architect")[0]
    view.pager.items[item.id].buttons.value = 0
    assert session.section("leadership")["answers"][item.id] == 0
    assert "0 of 9 rated" in view.scores.value


def test_the_same_statement_most_and_least_is_not_saved(session):
    """Is a ranking with the same statement most and least like me refused, with a note?"""
    view = LeadershipView(session)
    block = view.pager.blocks["fc_start"]
    block.most.value = "architect"
    block.least.value = "architect"
    assert view.messages.kind == "info" and "different statement" in view.messages.text
    assert "fc_start" not in session.section("leadership").get("forced_choice", {})
    block.least.value = "facilitator"
    assert session.section("leadership")["forced_choice"]["fc_start"] == [
        "architect",
        "integrator",
        "facilitator",
    ]


def test_forced_choice_is_explained_as_within_person(session):
    """Does the page say the ranking blocks compare styles within one person only?"""
    view = LeadershipView(session)
    assert "within you" in view.forced.value
    assert "cannot be compared with another person" in view.forced.value


def test_phase_guidance_and_claims_are_shown_and_attributed(session):
    """Are the style-to-phase suggestions and the playbook's claims shown as such?"""
    about = LeadershipView(session).children[-1].value
    assert "Which style tends to serve which production phase" in about
    assert "does not say which style serves which phase" in about
    assert "The playbook reports" in about


def test_a_page_with_a_bad_key_hides_the_instrument(store):
    """With an unknown key, is the problem shown and the instrument hidden until a new start?"""
    s = Session(store, identity="none")
    s.problem = "No workbook was found for this link."
    view = LeadershipView(s)
    assert view.body.layout.display == "none" and view.compare_box.layout.display == "none"
    view.header.start_button.click()
    assert view.body.layout.display is None


# ---- the mentor's and peers' ratings --------------------------------------------------------


def test_mentor_rates_through_the_link_and_the_mentee_sees_the_gaps(session, store):
    """Can a mentor rate through the share link, and does the mentee then see the gaps?"""
    view = LeadershipView(session)
    _answer_all(view.pager, {"facilitator": 3, "architect": 5, "integrator": 2})
    rater = _rater(view, store)
    _answer_all(rater.pager, {"facilitator": 3, "architect": 2, "integrator": 5})
    rater.send_button.click()
    assert rater.messages.kind == "success" and "sent" in rater.messages.text
    assert "Download my rating" in rater.download.value

    view.refresh_button.click()
    assert "1 mentor answered" in view.gaps.value
    assert "pb-gap-blind_spot" in view.gaps.value and "Architect" in view.gaps.value
    assert "pb-gap-hidden_strength" in view.gaps.value
    assert [t.name for t in view.figure.data] == ["You", "Your mentor's view"]
    assert view.gap_figure is not None
    # The mentor's answers never reach the owner's own section.
    assert session.section("leadership")["answers"] == view.pager.answers()


def test_the_rater_sees_observer_wording_and_nothing_of_the_owner(session, store):
    """Does the rating page use 'They ...' wording, start empty, and deny the owner's data?"""
    view = LeadershipView(session)
    _answer_all(view.pager, {"facilitator": 3, "architect": 5, "integrator": 2})
    rater = _rater(view, store)
    first = rater.pager.widgets_on(0)[0]
    assert first.children[0].value.startswith("<b>" + first.item.observer.split()[0])
    assert "they first" in rater.pager.blocks["fc_start"].children[0].value
    assert rater.pager.answers() == {} and rater.pager.orders() == {}
    with pytest.raises(PlaybookError):
        rater.session.section("leadership")
    with pytest.raises(PlaybookError):
        rater.session.save_section("leadership", {"answers": {}})


def test_the_mentee_name_is_shown_to_the_rater_as_text(session, store):
    """Are the names typed by the mentee escaped on the rater's page?"""
    view = LeadershipView(session)
    rater = _rater(view, store, name="<img src=x onerror=alert(1)>", owner="<b>Alex</b>")
    html = "".join(getattr(c, "value", "") for c in rater.children)
    assert "<img" not in html and "&lt;img src=x" in html
    assert "<b>Alex" not in html and "&lt;b&gt;Alex" in html


def test_the_link_names_who_rates_and_who_is_rated(session, store):
    """Does the owner's form name the rater as the rater, and does the rater read 'You are
    rating Alex', not their own name; and, with no name given, 'this workbook's owner'?"""
    view = LeadershipView(session)
    assert "rate you" in view.share_name.description
    assert "Sam" not in view.share_name.placeholder
    rater = _rater(view, store, name="Jordan", owner="Alex")
    assert "Send this link to Jordan only" in view.compare_messages.text
    assert "“You are rating Alex”" in view.compare_messages.text
    text = " ".join(getattr(c, "value", "") for c in rater.children)
    assert "Rate Alex" in text and "You are rating Alex as their mentor" in text
    assert "made for Jordan" in text and "rating Jordan" not in text
    unnamed = " ".join(getattr(c, "value", "") for c in _rater(view, store, name="Jordan").children)
    assert "You are rating this workbook&#x27;s owner as their mentor" in unnamed


def test_a_rating_too_partial_to_score_is_refused_before_sending(session, store):
    """Is a rating with too few answers refused on the rater's page, and nothing stored?"""
    view = LeadershipView(session)
    rater = _rater(view, store)
    rater.pager.widgets_on(0)[0].buttons.value = 4
    rater.send_button.click()
    assert rater.messages.kind == "error" and "too few answers" in rater.messages.text
    assert session.contributions(SHARE_KINDS["mentor"]) == []


def test_a_mentor_who_sends_twice_counts_once(session, store):
    """Does a second rating through the same link replace the first?"""
    view = LeadershipView(session)
    _answer_all(view.pager, dict.fromkeys(STYLES, 3))
    rater = _rater(view, store)
    _answer_all(rater.pager, {"facilitator": 1, "architect": 1, "integrator": 1})
    rater.send_button.click()
    _answer_all(rater.pager, {"facilitator": 5, "architect": 5, "integrator": 5})
    rater.send_button.click()
    view.refresh_button.click()
    assert "1 mentor answered" in view.gaps.value
    assert view.comparison.groups["mentor"].scores["architect"] == 100.0


def test_peers_are_shown_only_from_the_minimum_on(session, store):
    """Are two peers withheld and three peers averaged?"""
    view = LeadershipView(session)
    _answer_all(view.pager, dict.fromkeys(STYLES, 3))
    for n in range(3):
        rater = _rater(view, store, kind="peer", name=f"Peer {n}")
        _answer_all(rater.pager, dict.fromkeys(STYLES, 4))
        rater.send_button.click()
        view.refresh_button.click()
        shown = view.comparison.groups["peer"].shown("architect")
        assert shown == (n + 1 >= INST.thresholds.min_raters["peer"])
    assert "3 peers answered" in view.gaps.value
    assert "Your peers' view (average)" in [t.name for t in view.figure.data]


# ---- rating files and bad input -------------------------------------------------------------


def test_a_rating_file_is_added(session):
    """Is a valid rating file added and compared?"""
    view = LeadershipView(session)
    _answer_all(view.pager, dict.fromkeys(STYLES, 5))
    _upload(view, _rating_file(session))
    assert view.compare_messages.kind == "success"
    assert len(session.section("leadership")["file_ratings"]) == 1
    assert "1 mentor answered" in view.gaps.value
    assert view.upload.value == ()


@pytest.mark.parametrize(
    "changes, fragment",
    [
        ({"instrument_version": "leadership-0.1"}, "version"),
        ({"subject": "someone-else"}, "someone else"),
        ({"answers": {"fac_mediate": 9}}, "not on the scale"),
        ({"answers": {"fac_mediate": 4}}, "too few answers"),
    ],
)
def test_a_bad_rating_file_gives_a_message_and_changes_nothing(session, changes, fragment):
    """Does a rating file for another version or person, or with bad answers, change nothing?"""
    view = LeadershipView(session)
    _answer_all(view.pager, dict.fromkeys(STYLES, 4))
    before = session.section("leadership")
    _upload(view, _rating_file(session, **changes))
    assert view.compare_messages.kind == "error"
    assert (
        fragment in view.compare_messages.text
        and "Nothing was changed" in view.compare_messages.text
    )
    assert session.section("leadership") == before


def test_a_file_that_is_not_a_rating_is_refused(session):
    """Is a non-JSON file refused with a message?"""
    view = LeadershipView(session)
    _upload(view, b"\x89PNG not json", "photo.json")
    assert (
        view.compare_messages.kind == "error" and "not a rating file" in view.compare_messages.text
    )
    assert session.section("leadership").get("file_ratings", []) == []


def test_an_invalid_content_file_is_shown_in_place(session, content_dir):
    """Does a broken coach copy of leadership.yaml give a message on the page, not a crash?"""
    (content_dir / "leadership.yaml").write_text("items: [\n  - id: x\n  bad", encoding="utf-8")
    view = LeadershipView(session)
    assert view.messages.kind == "error"
    assert "leadership.yaml" in view.messages.text and "not valid YAML" in view.messages.text
