"""Keyboard only: the career workbook and the first page of the leadership instrument completed
with Tab, the arrow keys and Space, no mouse (issue 9, item 8).

Every question is one radio group: one Tab reaches it and leaves it, an arrow key moves to the
next answer and chooses it, Space chooses the focused one.
"""

from __future__ import annotations

import pytest

from playbook import career, leadership

from .conftest import open_page, wait_saved

pytestmark = pytest.mark.browser

#: The element that has the keyboard focus: its question's class and its answer's words.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || !e.closest('.pb-radio-group')) return null;
  let cls = '';
  for (let n = e; n && !cls; n = n.parentElement) {
    cls = Array.from(n.classList).find(c => /^pb-(q|item|most|least)-/.test(c)) || '';
  }
  return [cls, e.closest('label').textContent, e.checked];
}"""


def tab_to(page, cls: str, most: int = 60) -> int:
    """Press Tab until the focus is in the question with class ``cls``; how many presses."""
    for presses in range(1, most + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused and focused[0] == cls:
            return presses
    raise AssertionError(f"Tab never reached .{cls}")


def choose(page, index: int) -> None:
    """In the focused group (nothing chosen yet, the first answer focused), choose answer
    ``index``: Space for the first, else the arrow key that many times."""
    if index == 0:
        page.keyboard.press("Space")
    for _ in range(index):
        page.keyboard.press("ArrowRight")


def test_career_and_a_leadership_page_by_keyboard_alone(page, server):
    """With Tab, arrows and Space only: are all career questions answered and the result shown,
    each question a single tab stop, and is the first leadership page answered the same way?"""
    content = career.load_content()
    questions = [*content.context_questions, *content.preference_questions]
    wanted = {q.id: len(q.options) - 1 - n % len(q.options) for n, q in enumerate(questions)}
    open_page(page, server, "01_career_path.ipynb", ready=".pb-career")
    page.locator(".pb-q-" + questions[0].id).wait_for()
    presses = []
    for q in questions:
        presses.append(tab_to(page, f"pb-q-{q.id}"))
        choose(page, wanted[q.id])
        cls, words, checked = page.evaluate(FOCUSED)
        assert (cls, words, checked) == (f"pb-q-{q.id}", q.options[wanted[q.id]].label, True)
    # one stop per question: from one question's chosen answer, one Tab reaches the next
    # (within the environment questions, nothing else sits between them)
    assert presses[1 : len(content.context_questions)] == [1] * (
        len(content.context_questions) - 1
    ), presses
    page.wait_for_function(
        "() => !document.querySelector('.pb-recommendation').textContent.includes('Answer')"
    )
    wait_saved(page)
    for q in questions:
        checked = page.locator(f".pb-q-{q.id} input:checked").locator("xpath=..")
        assert checked.inner_text() == q.options[wanted[q.id]].label

    inst = leadership.load_content()
    labels = [p.label for p in inst.scale.points]
    first_page = leadership.pages(inst)[0]
    open_page(page, server, "02_leadership_style.ipynb", ready=".pb-leadership")
    page.locator(".pb-page-label").filter(has_text="Page 1 of").wait_for()
    for n, entry in enumerate(first_page):
        if entry.startswith("fc_"):
            tab_to(page, f"pb-most-{entry}")
            choose(page, 0)
            tab_to(page, f"pb-least-{entry}", most=3)
            choose(page, 2)
        else:
            tab_to(page, f"pb-item-{entry}", most=3 if n else 60)
            choose(page, n % len(labels))
            assert page.evaluate(FOCUSED)[1:] == [labels[n % len(labels)], True]
    total = len(inst.items) + len(inst.forced_choice)
    page.locator(".pb-progress").filter(has_text=f"{len(first_page)} / {total} answered").wait_for()
    wait_saved(page)
