"""Sessions: identity, autosave, links, import/export, sharing."""

from __future__ import annotations

import json

import pytest

from playbook.errors import ImportFileError, PlaybookError
from playbook.session import LOCAL_OWNER, Session, on_binder, open_session, where_kept


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """Every test here runs on both back ends: an SQLite file, and a fresh PostgreSQL schema."""
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


def test_local_session_reuses_the_local_default_workbook(store):
    """Outside a served app, do two sessions open the same local default workbook?"""
    a = open_session(store=store)
    a.save_section("career", {"context": {"transition": "major"}})
    b = open_session(store=store)
    assert a.identity == b.identity == "local" and a.workbook_id == b.workbook_id
    assert b.section("career")["context"] == {"transition": "major"}
    assert store.owned_workbook(LOCAL_OWNER) == a.workbook_id


def test_hub_user_gets_their_own_workbook(store, monkeypatch):
    """Under JupyterHub, is the workbook the hub user's, and another user's another one?"""
    monkeypatch.setenv("JUPYTERHUB_USER", "ada")
    ada = open_session(store=store)
    monkeypatch.setenv("JUPYTERHUB_USER", "grace")
    grace = open_session(store=store)
    assert ada.identity == "hub" and ada.workbook_id != grace.workbook_id


def test_served_page_without_key_starts_a_private_workbook(store, monkeypatch):
    """In Voila with no key, is a new workbook created and its private link shown?"""
    monkeypatch.setenv("VOILA_KERNEL_ID", "k1")
    monkeypatch.setenv("QUERY_STRING", "")
    monkeypatch.setenv(
        "VOILA_REQUEST_URL", "http://127.0.0.1:8866/voila/render/01_career_path.ipynb?x=1"
    )
    s = open_session(store=store)
    assert s.identity == "key" and s.notice == "new"
    assert (
        s.private_link() == f"http://127.0.0.1:8866/voila/render/01_career_path.ipynb?key={s.key}"
    )
    assert s.link("02_leadership_style.ipynb") == f"02_leadership_style.ipynb?key={s.key}"
    start = open_session(store=store, create=False)
    assert start.role == "none" and start.workbook_id is None


def test_served_page_with_key_opens_that_workbook(store, monkeypatch):
    """Does ?key= open its own workbook and no other?"""
    first = Session(store, identity="none")
    first.start_new()
    first.save_section("career", {"context": {"work_type": "creative"}})
    other = Session(store, identity="none")
    other.start_new()
    monkeypatch.setenv("VOILA_KERNEL_ID", "k1")
    monkeypatch.setenv("QUERY_STRING", f"key={first.key}")
    s = open_session(store=store)
    assert s.workbook_id == first.workbook_id and s.section("career")["context"] == {
        "work_type": "creative"
    }
    monkeypatch.setenv("QUERY_STRING", f"key={other.key}")
    assert open_session(store=store).section("career") == {}


@pytest.mark.parametrize("query", ["key=abc", "key=" + "A" * 43])
def test_bad_key_becomes_a_problem_not_a_crash(store, monkeypatch, query):
    """Does a malformed or unknown key give a problem message and no workbook?"""
    monkeypatch.setenv("VOILA_KERNEL_ID", "k1")
    monkeypatch.setenv("QUERY_STRING", query)
    s = open_session(store=store)
    assert s.role == "none" and s.problem
    with pytest.raises(PlaybookError):
        s.section("career")


def test_saving_updates_the_saved_state(session):
    """Does the status go to 'saved' with a time after each save?"""
    states = []
    session.observe(lambda ch: states.append(ch["new"]), names="status")
    session.save_section("career", {"context": {"transition": "none"}})
    assert states[-2:] == ["saving", "saved"] and session.status_text.startswith(
        "All changes saved"
    )


def test_a_store_failure_keeps_the_answer_pending_and_says_so(session, monkeypatch):
    """If the store cannot be written, is the answer kept, the state 'error', and saved later?"""
    real = session.store.save_section

    def broken(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(session.store, "save_section", broken)
    session.save_section("career", {"context": {"transition": "none"}})
    assert session.status == "error" and "Not saved" in session.status_text
    monkeypatch.setattr(session.store, "save_section", real)
    session.save_section("career", {"context": {"transition": "major"}})
    assert session.status == "saved"
    assert session.store.load_section(session.workbook_id, "career")["context"] == {
        "transition": "major"
    }


def test_invalid_section_data_is_refused(session):
    """Is data that does not fit a section's model refused before it is stored?"""
    with pytest.raises(PlaybookError):
        session.save_section("career", {"context": "nonsense"})
    assert session.store.load_section(session.workbook_id, "career") == {}


def test_export_import_round_trip_and_failed_import_changes_nothing(session, store):
    """Does an exported file restore elsewhere, and does a bad file leave the workbook as it was?"""
    session.save_section("career", {"context": {"work_type": "creative"}, "areas": ["budgeting"]})
    data = session.export_bytes()
    other = Session(store, identity="none")
    other.start_from_file(data)
    assert other.workbook_id != session.workbook_id
    assert other.section("career")["areas"] == ["budgeting"]
    before = session.section("career")
    with pytest.raises(ImportFileError):
        session.import_bytes(b'{"format": "playbook-workbook", "schema_version": 99}')
    assert session.section("career") == before
    assert session.store.load_section(session.workbook_id, "career") == before


def test_import_bumps_revision_so_views_reload(session):
    """Does importing a file bump the revision that views observe?"""
    rev = session.revision
    rec = json.loads(session.export_bytes())
    rec["sections"]["career"] = {"context": {"transition": "minor"}}
    session.import_bytes(json.dumps(rec).encode())
    assert session.revision == rev + 1 and session.section("career")["context"] == {
        "transition": "minor"
    }


def test_share_session_can_contribute_but_not_read(session, store, monkeypatch):
    """Does a share link open a contributor session that cannot read the owner's sections?"""
    session.save_section("career", {"context": {"work_type": "creative"}})
    link = session.create_share_link("02_leadership_style.ipynb", "leadership-rating")
    token = link.split("share=")[1]
    monkeypatch.setenv("VOILA_KERNEL_ID", "k1")
    monkeypatch.setenv("QUERY_STRING", f"share={token}")
    mentor = open_session(store=store)
    assert mentor.role == "contributor"
    with pytest.raises(PlaybookError):
        mentor.section("career")
    with pytest.raises(PlaybookError):
        mentor.save_section("career", {})
    mentor.contribute({"rater_kind": "mentor", "answers": {}})
    assert len(session.contributions("leadership-rating")) == 1


@pytest.mark.parametrize(
    "variable, value",
    [
        ("BINDER_LAUNCH_HOST", "https://mybinder.org/"),
        ("BINDER_REQUEST", "v2/gh/production-playbook/playbook-workbook/HEAD"),
        ("BINDER_PERSISTENT_REQUEST", "v2/gh/production-playbook/playbook-workbook/0123abc"),
        ("BINDER_REPO_URL", "https://github.com/production-playbook/playbook-workbook"),
        ("BINDER_REF_URL", "https://github.com/production-playbook/playbook-workbook/tree/0123abc"),
    ],
)
def test_a_binder_session_keeps_nothing_whatever_the_identity(variable, value):
    """Does any variable BinderHub's spawner sets mark the session as Binder, hub user or not?"""
    env = {"JUPYTERHUB_USER": "jovyan-abc123", variable: value}
    assert on_binder(env)
    assert {where_kept(i, env) for i in ("hub", "key", "local")} == {"binder"}


def test_where_a_workbook_is_kept_off_binder():
    """Off Binder, is the workbook kept with the hub account, on the server, or locally?"""
    env = {"JUPYTERHUB_USER": "ada", "BINDER_REQUEST": ""}  # an empty variable is no Binder
    assert not on_binder(env)
    assert where_kept("hub", env) == "hub"
    assert where_kept("key", env) == "server"
    assert where_kept("local", env) == "local"


def test_where_kept_reads_the_environment(monkeypatch):
    """Without an explicit environment, is the process's own read?"""
    monkeypatch.delenv("BINDER_LAUNCH_HOST", raising=False)
    assert where_kept("hub") == "hub"
    monkeypatch.setenv("BINDER_LAUNCH_HOST", "https://mybinder.org/")
    assert where_kept("hub") == "binder"
