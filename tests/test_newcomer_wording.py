"""What a newcomer reads (#9 item 11): every threshold of the career, leadership and audit
pages named as a default of this workbook, and no limitation the article does not name."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from playbook.contract import domain
from playbook.ui import AuditView, CareerPathView, LeadershipView

ARTICLE = Path("/work/shared/seed/production-managers-playbook.txt")


def all_text(widget: widgets.Widget) -> str:
    """Every HTML value under ``widget``, unescaped (what the page shows, tags and all)."""
    own = getattr(widget, "value", "") if isinstance(widget, widgets.HTML) else ""
    return " ".join([html.unescape(own), *(all_text(c) for c in getattr(widget, "children", ()))])


def test_no_path_is_given_a_limitation_the_article_does_not_name(session):
    """Is 'takes the longest to build' gone from the Hybrid Integrator, which the article
    gives no limitation (CONTENT.md, section 2), and said so on the page?"""
    content = domain("career").load_content()
    hybrid = next(p for p in content.paths if p.id == "hybrid_integrator")
    assert hybrid.limitation == "The playbook names no limitation for this path."
    text = all_text(CareerPathView(session))
    assert "longest" not in text
    if ARTICLE.exists():  # the article itself says nothing of the kind
        assert "longest to build" not in ARTICLE.read_text(encoding="utf-8")


def test_the_career_page_names_its_thresholds_as_defaults(session):
    """Does the career page say its weights, the four answers needed and the near-tie gap are
    the workbook's defaults, and the three adjacent areas the playbook's?"""
    text = all_text(CareerPathView(session))
    assert "near tie are defaults of this workbook that a coach can change" in text
    assert "the three adjacent areas are the playbook's" in text


def test_the_leadership_page_names_its_thresholds_as_defaults(session):
    """Does the leadership page call the five statements a score needs a default?"""
    view = LeadershipView(session)
    for w in view.pager.items.values():
        w.buttons.value = 4
    assert "a default of this workbook that a coach can change" in view.scores.value


def test_the_audit_page_names_its_thresholds_as_defaults(session):
    """Does the audit page give its pitfall threshold, colleague gap and minimum number of
    colleagues as the workbook's defaults, and quarterly as the playbook's?"""
    text = all_text(AuditView(session))
    assert "An area scoring below 3 (on the 1-5 scale) points to its pitfall" in text
    assert "defaults of this workbook that a coach can change; the playbook gives none" in text
    assert "every quarter is the playbook's advice" in text
