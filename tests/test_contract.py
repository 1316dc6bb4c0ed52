"""The domain contract and the workbook registry (playbook/contract.py)."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest

from playbook import contract
from playbook.contract import WORKBOOKS, by_id, domain, sections
from playbook.errors import InputError, UnknownIdError

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "data" / "demo_workbook.json"


def test_a_sixth_workbook_reads_the_other_five_through_the_contract_only():
    """Can every workbook's key results be read from the demo workbook with nothing but the
    contract (load_content, parse_section, assess), and does dump_section give the record back?"""
    record = json.loads(DEMO.read_bytes())["sections"]
    results = {}
    for name in sections():
        d = domain(name)
        section = d.parse_section(record[name])
        assert d.dump_section(section) == record[name]
        results[name] = d.assess(section, d.load_content())

    career = results["career"]
    assert career.recommended == ["hybrid_integrator"]
    assert career.preferred == ["technical_specialist"]
    assert career.gap["technical_specialist"] == 56.8  # preference minus fit, in points

    leadership = results["leadership"]
    assert (leadership.primary, leadership.secondary) == ("architect", "integrator")
    # the demo's mentor (a rating file made on the rating page) sees less Integrator
    gaps = {s: (g.self_score, g.other_score, g.flag) for s, g in leadership.mentor_gaps.items()}
    assert gaps == {
        "facilitator": (50.0, 75.0, None),
        "architect": (100.0, 75.0, None),
        "integrator": (75.0, 25.0, "blind_spot"),
    }

    split = results["time_split"]
    assert split.latest.start.isoformat() == "2026-03-30"
    # the run week of issue 21's balance view: 39.75 of 41.75 hours (the week before read
    # 63 of 83 quarter hours, 76%)
    assert split.latest.delivery_share == pytest.approx(39.75 / 41.75)
    assert split.latest.status == "inward" and split.target_delivery == 0.7

    pilots = results["pilots"]
    assert pilots.decisions() == {"pilot-1": "adopt"}
    assert pilots.pilots[0].verdicts == {"revision_count": "better", "team_feedback": "better"}

    audit = results["audit"]
    assert audit.quarter == "2026-Q1"
    assert audit.scores == {  # and the human element, answered by the demo since issue 21
        "resilience": 3.25,
        "balance": 2.5,
        "communication": 2.75,
        "human": 2.25,
    }
    assert [(q, a.owner, a.area) for q, a in audit.open_actions] == [
        ("2026-Q1", "Priya", "resilience"),
        ("2026-Q1", "Alex", "communication"),
    ]


def test_an_empty_section_is_a_fresh_start_in_every_domain():
    """Does parse_section accept None and {} everywhere, and assess an empty section?"""
    for name in sections():
        d = domain(name)
        assert d.parse_section(None) == d.parse_section({})
        d.assess(d.parse_section(None), d.load_content())


def test_every_domain_module_has_the_same_four_functions_in_the_same_order():
    """Do the contract's functions take the same leading arguments in every domain?"""
    expected = {
        "load_content": [],
        "parse_section": ["data"],
        "dump_section": ["section"],
        "assess": ["section"],
    }
    for name in sections():
        module = domain(name)
        for fn, leading in expected.items():
            params = list(inspect.signature(getattr(module, fn)).parameters.values())
            required = [p.name for p in params if p.default is inspect.Parameter.empty]
            assert required[: len(leading)] == leading, (name, fn, required)
        assert len(inspect.signature(module.assess).parameters) >= 2, name


def test_the_registry_matches_the_notebooks_views_and_record():
    """Is every notebook in workbooks/ registered, with a view playbook.ui exports, and does
    the record validate exactly the registered sections?"""
    from playbook import record, session, ui

    notebooks = sorted(p.name for p in (REPO / "workbooks").glob("*.ipynb"))
    # sorted: the sessions with a mentor (08) come before the coaches' cohort page (07), which
    # keeps its name (coaches have links to it)
    assert sorted(w.notebook for w in WORKBOOKS) == notebooks
    # a participant's pages link to every workbook but the coaches' ones
    assert [(w.notebook, w.title) for w in WORKBOOKS if not w.for_coaches] == session.pages()
    assert [w.notebook for w in WORKBOOKS if w.for_coaches] == ["07_cohort.ipynb"]
    for w in WORKBOOKS:
        assert w.view_class in ui.__all__
        text = (REPO / "workbooks" / w.notebook).read_text(encoding="utf-8")
        assert f"{w.view_class}(session)" in text
        if w.section:
            assert record.section_model(w.section) is contract.section_model(w.section)
            assert w.load().section == w.section  # the registry line and the domain agree


def test_a_lookup_by_id_fails_one_way():
    """Does a lookup of an unknown id raise UnknownIdError (an InputError), in every domain?"""
    from playbook import audit, career, leadership, pilots, time_split

    lookups = [
        lambda: career.load_content().question("nope"),
        lambda: career.load_content().path("nope"),
        lambda: leadership.load_content().style("nope"),
        lambda: leadership.load_content().item("nope"),
        lambda: leadership.load_content().advice_for("nope", "nope"),
        lambda: time_split.load_content().category("nope"),
        lambda: pilots.load_content().metric("nope"),
        lambda: pilots.PilotsSection().pilot("nope"),
        lambda: audit.load_content().area("nope"),
        lambda: audit.load_content().item("nope"),
        lambda: contract.workbook("nope"),
    ]
    for lookup in lookups:
        with pytest.raises(UnknownIdError):
            lookup()
    assert issubclass(UnknownIdError, InputError)


def test_by_id_names_what_it_looked_for():
    """Is the default message written for a person, and a given message kept as is?"""
    with pytest.raises(UnknownIdError, match=r"^There is no metric 'x'\.$"):
        by_id([], "x", "metric")
    with pytest.raises(UnknownIdError, match="^Not here.$"):
        by_id([], "x", "metric", message="Not here.")
