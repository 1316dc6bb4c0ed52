"""The community practice catalogue (pilots.yaml ``practices``, issue 21) and the pilots page's
drafts, without widgets: the article's words checked against the article, each practice's
metric a metric of the content, a practice chosen and started as a pilot in one step, and the
unsent choices kept in the section."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

import playbook.pilots as pl
from playbook.errors import ContentError, UnknownIdError
from playbook.pilots.content import load_content

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "production-managers-playbook.txt"
CONTENT = load_content()


def flat(text: str) -> str:
    """Whitespace folded and the article's dashes read as spaces, as
    tests/test_numbers_attributed.py compares the article's words."""
    return " ".join(text.replace("—", " ").split())


@pytest.fixture(scope="module")
def article() -> str:
    if not SEED.exists():
        pytest.skip("the article is not beside the repository")
    return SEED.read_text(encoding="utf-8")


def test_the_catalogue_has_the_practices_the_article_names():
    """Are joint planning sessions, shared digital workspaces, feedback loops, pre-production
    socials, cross-role shadowing and relationships beyond one's team each a practice?"""
    ids = [p.id for p in CONTENT.practices]
    assert {
        "joint_planning",
        "shared_workspaces",
        "feedback_loops",
        "pre_production_socials",
        "cross_role_shadowing",
        "beyond_team",
    } <= set(ids)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("practice", CONTENT.practices, ids=lambda p: p.id)
def test_each_practice_suggests_a_metric_of_the_pilots_content(practice):
    """Is the suggested metric one of pilots.yaml's metrics (so "Pilot this practice" can add
    it), and are there keywords for the time split?"""
    assert practice.metric in {m.id for m in CONTENT.metrics}
    assert practice.keywords and all(k == k.lower().strip() for k in practice.keywords)


@pytest.mark.parametrize("practice", CONTENT.practices, ids=lambda p: p.id)
def test_each_quote_is_the_articles_own_words_in_its_section(practice, article):
    """Is every quoted wording in the article, word for word, and its section one of the
    article's headings, with the quote standing after that heading?"""
    text = flat(article)
    assert flat(practice.quote) in text, practice.quote
    headings = [flat(line) for line in article.splitlines() if line.strip()]
    assert flat(practice.section) in headings, practice.section
    assert text.index(flat(practice.section)) < text.index(flat(practice.quote))


def test_the_catalogue_names_its_own_parts_as_this_workbooks():
    """Does the intro say the ideas, metrics and keywords are this workbook's, and does the
    YAML comment say the quotes are checked against the article?"""
    assert "this workbook's" in CONTENT.practices_intro
    raw = (ROOT / "playbook" / "content" / "pilots.yaml").read_text(encoding="utf-8")
    assert "test_pilots_practices.py" in raw


def test_a_practice_naming_an_unknown_metric_is_refused(content_dir):
    """Does a coach's catalogue entry with a metric that pilots.yaml lacks fail on load, naming
    the practice?"""
    data = yaml.safe_load((ROOT / "playbook" / "content" / "pilots.yaml").read_text())
    data["practices"][0]["metric"] = "budget_variance"
    (content_dir / "pilots.yaml").write_text(yaml.safe_dump(data))
    with pytest.raises(ContentError, match="joint_planning.*budget_variance"):
        load_content()


def test_pilot_this_practice_makes_a_pilot_with_its_metric_and_chooses_it():
    """Does one step make a pilot named after the practice, with its question and metric,
    remember the practice, and choose it (its hours count in the time split)?"""
    section = pl.PilotsSection(pilots=[pl.Pilot(id="pilot-1")])
    section, pilot = pl.pilot_practice(section, "feedback_loops", CONTENT)
    practice = CONTENT.practice("feedback_loops")
    assert pilot.id == "pilot-2" and section.pilots[-1] == pilot
    assert (pilot.practice, pilot.question) == (practice.name, practice.question)
    assert [(m.id, m.better) for m in pilot.metrics] == [("team_feedback", "higher")]
    assert pilot.practice_id == "feedback_loops" and section.practices == ["feedback_loops"]
    assert {k: [p.id for p in v] for k, v in pl.practice_pilots(section).items()} == {
        "feedback_loops": ["pilot-2"]
    }
    # a second pilot of the same practice: a new pilot, the practice chosen once
    section, again = pl.pilot_practice(section, "feedback_loops", CONTENT)
    assert again.id == "pilot-3" and section.practices == ["feedback_loops"]


def test_choosing_and_unchoosing_a_practice():
    """Is a practice chosen once, in the catalogue's order when read back, and no longer
    chosen when unticked; is an unknown practice refused?"""
    s = pl.choose_practice(pl.PilotsSection(), "beyond_team", True, CONTENT)
    s = pl.choose_practice(s, "joint_planning", True, CONTENT)
    assert pl.choose_practice(s, "joint_planning", True, CONTENT) is s
    assert [p.id for p in pl.chosen_practices(s, CONTENT)] == ["joint_planning", "beyond_team"]
    assert pl.choose_practice(s, "beyond_team", False, CONTENT).practices == ["joint_planning"]
    with pytest.raises(UnknownIdError, match="no community practice 'yoga'"):
        pl.choose_practice(s, "yoga", True, CONTENT)


def test_chosen_practices_and_drafts_survive_the_record_and_the_edits():
    """Do the chosen practices, a pilot's practice and its drafts come back from the record;
    do replacing a pilot keep them and removing it drop its drafts; is a section without
    any the same record as before they existed?"""
    plain = pl.dump_section(pl.PilotsSection(pilots=[pl.Pilot(id="p1")]))
    assert set(plain) == {"pilots"} and "practice_id" not in plain["pilots"][0]
    section, pilot = pl.pilot_practice(pl.PilotsSection(), "joint_planning", CONTENT)
    section = pl.keep_draft(section, pilot.id, "decision", pl.DecisionDraft(choice="adopt"))
    again = pl.parse_section(pl.dump_section(section))
    assert again == section and again.pilots[0].practice_id == "joint_planning"
    kept = pl.replace_pilot(again, pilot.model_copy(update={"project": "Season 2"}))
    assert kept.practices == ["joint_planning"] and kept.drafts == section.drafts
    gone = pl.remove_pilot(kept, pilot.id)
    assert gone.drafts == {} and gone.practices == ["joint_planning"]


def test_salvage_keeps_the_chosen_practices_and_the_readable_pilots_drafts():
    """When one saved pilot cannot be read, are the chosen practices and the other pilot's
    drafts still shown?"""
    data = {
        "pilots": [{"id": "p1"}, {"id": "p2", "practice": 5}],
        "practices": ["beyond_team"],
        "drafts": {"p1": {"paste": "date,value"}, "p2": {"paste": "x"}},
    }
    section, notes = pl.salvage_section(data)
    assert [p.id for p in section.pilots] == ["p1"] and len(notes) == 1
    assert section.practices == ["beyond_team"] and list(section.drafts) == ["p1"]


# --------------------------------------------------------------------------------------------
# Drafts: what is unsent, part by part
# --------------------------------------------------------------------------------------------

PILOT = pl.Pilot(
    id="p1",
    metrics=[pl.Metric(id="revision_count", name="Revision count", better="lower")],
)
TODAY = dt.date(2026, 3, 30)


def test_a_metric_draft_is_kept_only_while_not_added():
    """Is a suggestion not added, or one's own metric with a name and direction, a draft, and
    a metric the pilot has (or an own metric without a name) none?"""
    assert pl.metric_draft(PILOT, "revision_count", "_own", "", "", "higher") is None
    assert pl.metric_draft(PILOT, "team_feedback", "_own", "", "", "higher") == pl.MetricDraft(
        choice="team_feedback"
    )
    own = pl.metric_draft(PILOT, "_own", "_own", "Budget variance", "%", "lower")
    assert own == pl.MetricDraft(choice="_own", name="Budget variance", unit="%", better="lower")
    assert pl.metric_draft(PILOT, "_own", "_own", "  ", "%", "lower") is None


def test_a_decision_draft_is_kept_only_while_it_differs_from_the_recorded_one():
    """Is a choice, a reason or a date other than the recorded decision (or, before one,
    other than today's date the page shows) a draft, and the recorded decision none?"""
    assert pl.decision_draft(PILOT, None, "", "2026-03-30", TODAY) is None
    assert pl.decision_draft(PILOT, "adapt", "", "2026-03-30", TODAY) == pl.DecisionDraft(
        choice="adapt", decided_on="2026-03-30"
    )
    decided = pl.set_decision(PILOT, "adopt", "Fewer revisions", "2026-03-16")
    assert pl.decision_draft(decided, "adopt", "Fewer revisions ", "2026-03-16", TODAY) is None
    assert pl.decision_draft(decided, "adopt", "Fewer revisions", "2026-03-17", TODAY)
    assert pl.decision_draft(decided, "adapt", "Fewer revisions", "2026-03-16", TODAY)


def test_typed_entries_and_pasted_rows_are_drafts_until_added():
    """Is a measurement with a value or a note, an adoption entry with its teams using, and
    pasted rows a draft; the page's suggested date alone, and a paste too long to keep, not?"""
    assert pl.measurement_draft("revision_count", "2026-04-06", "", "") is None
    assert pl.measurement_draft("revision_count", "2026-04-06", "4", "").value == "4"
    assert pl.adoption_draft("2026-05-04", "", "8") is None
    assert pl.adoption_draft("2026-05-04", "3", "8") == pl.AdoptionDraft(
        date="2026-05-04", using="3", total="8"
    )
    assert pl.paste_draft("date,value\n2026-01-05,4") == "date,value\n2026-01-05,4"
    assert pl.paste_draft("  \n") is None
    assert pl.paste_draft("x" * 10_001) is None


def test_keep_draft_sets_and_drops_one_part():
    """Does setting one part keep the others, clearing the last one drop the pilot's draft,
    and a change to nothing return the same section (nothing to save)?"""
    s = pl.PilotsSection(pilots=[PILOT])
    s = pl.keep_draft(s, "p1", "metric", pl.MetricDraft(choice="team_feedback"))
    s = pl.keep_draft(s, "p1", "paste", "date,value")
    assert pl.keep_draft(s, "p1", "paste", "date,value") is s
    assert pl.pilot_draft(s, "p1").metric.choice == "team_feedback"
    s = pl.keep_draft(s, "p1", "metric", None)
    assert pl.pilot_draft(s, "p1").paste == "date,value" and pl.pilot_draft(s, "p1").metric is None
    s = pl.keep_draft(s, "p1", "paste", "")
    assert s.drafts == {} and pl.pilot_draft(s, "p1").empty
