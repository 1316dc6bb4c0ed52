"""The leadership workbook in Chromium against a real `playbook serve`: self-assessment, then a
mentor rating through the share link, then the mentee's comparison."""

from __future__ import annotations

import pytest

from playbook.leadership import load_content, pages

from .conftest import open_page, private_key, wait_saved

pytestmark = pytest.mark.browser

INST = load_content()
LABELS = {p.value: p.label for p in INST.scale.points}
SELF = {"facilitator": 4, "architect": 5, "integrator": 2}
MENTOR = {"facilitator": 4, "architect": 2, "integrator": 2}


def answer_everything(page, root: str, levels: dict[str, int]) -> None:
    """Answer every page of the instrument under ``root``: Likert items at the given keyed
    level per style, every ranking block with Architect most and Integrator least."""
    scope = page.locator(root)
    all_pages = pages(INST)
    for n, ids in enumerate(all_pages):
        scope.locator(".pb-page-label").filter(has_text=f"Page {n + 1} of").wait_for()
        for entry in ids:
            if entry.startswith("fc_"):
                block = INST.block(entry)
                scope.locator(
                    f".pb-most-{entry} label", has_text=block.statements["architect"]
                ).click()
                scope.locator(
                    f".pb-least-{entry} label", has_text=block.statements["integrator"]
                ).click()
            else:
                item = INST.item(entry)
                level = levels[item.style]
                label = LABELS[6 - level if item.reverse else level]
                scope.locator(f".pb-item-{entry}").get_by_role(
                    "radio", name=label, exact=True
                ).check()
        if n < len(all_pages) - 1:
            scope.locator(".pb-next button, button.pb-next").first.click()
    total = len(INST.items) + len(INST.forced_choice)
    scope.locator(".pb-progress").filter(has_text=f"{total} / {total} answered").wait_for()


def test_self_assessment_then_mentor_rating_then_gaps(page, browser, server):
    """Does a participant who answers every item see the primary style and the radar chart, and
    after a mentor rates through the share link, the gaps between their views?"""
    open_page(page, server, "02_leadership_style.ipynb", ready=".pb-leadership")
    key = private_key(page)
    answer_everything(page, ".pb-leadership", SELF)
    page.wait_for_function(
        "() => document.querySelector('.pb-primary').textContent.includes('primary style is Architect')"
    )
    wait_saved(page)
    page.wait_for_selector(".pb-radar .js-plotly-plot")
    assert "flexibility buffers" in page.locator(".pb-advice").inner_text()

    page.locator(".pb-compare input[type=text]").first.fill("Alex")
    page.get_by_role("button", name="Create a link for my mentor").click()
    link_box = page.locator(".pb-share-link input")
    link_box.wait_for()
    link = link_box.input_value()
    assert "share=" in link and key not in link

    mentor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    try:
        mentor.set_default_timeout(90_000)
        mentor.goto(link if link.startswith("http") else server.render_url(link))
        mentor.wait_for_selector(".pb-leadership-rating")
        assert "Rate Alex" in mentor.locator(".pb-leadership-rating").inner_text()
        first = INST.item(pages(INST)[0][0])
        shown = mentor.locator(".pb-leadership-rating .pb-likert").first.inner_text()
        assert first.observer in shown and first.self_text not in shown
        assert mentor.locator(".pb-private-link input").count() == 0
        answer_everything(mentor, ".pb-leadership-rating", MENTOR)
        mentor.get_by_role("button", name="Send my rating").click()
        mentor.wait_for_selector(".pb-msg-success")
        assert "sent" in mentor.locator(".pb-msg-success").inner_text()
    finally:
        mentor.close(run_before_unload=True)

    page.get_by_role("button", name="Refresh ratings").click()
    page.wait_for_function(
        "() => document.querySelector('.pb-gaps').textContent.includes('blind spot')"
    )
    gaps = page.locator(".pb-gaps").inner_text()
    assert "1 mentor answered" in gaps and "Architect" in gaps
    page.wait_for_function(
        "() => document.querySelector('.pb-radar').textContent.includes(\"Your mentor's view\")"
    )
    page.wait_for_selector(".pb-gap-chart .js-plotly-plot")
