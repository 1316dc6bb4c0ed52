"""The hub store service's rules (playbook.hub_store.authorize), on a real store: what a hub
user may reach whatever they send. The real hub is in test_hub_real.py."""

from __future__ import annotations

import pytest

from playbook.hub_store import HubStore, StoreAccessError, authorize, is_hub_store
from playbook.store import Store, StoreUnavailableError


@pytest.fixture
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    yield s
    s.close()


def test_a_user_gets_their_own_workbook_whatever_owner_they_ask_for(store):
    """Does asking for hub:grace's workbook as ada give ada's name to the store?"""
    assert authorize(store, "ada", "owned_workbook", ["hub:grace"], None) == ["hub:ada"]


def test_another_users_workbook_is_refused_without_its_key(store):
    """Is grace's workbook refused to ada by id, and an unknown id too?"""
    grace = store.owned_workbook("hub:grace")
    for method, args in [("load_record", [grace]), ("save_section", [grace, "career", {}])]:
        with pytest.raises(StoreAccessError, match="not yours"):
            authorize(store, "ada", method, args, None)
    with pytest.raises(StoreAccessError):
        authorize(store, "ada", "load_record", ["0" * 32], None)
    assert authorize(store, "grace", "load_record", [grace], None) == [grace]
    # a workbook's list of share links, and withdrawing one, are its owner's alone (#20)
    for method, args in [("shares", [grace, "mentor-session"]),
                         ("revoke_share", [grace, "mentor-session", "0" * 16])]:  # fmt: skip
        with pytest.raises(StoreAccessError, match="not yours"):
            authorize(store, "ada", method, args, None)
        assert authorize(store, "grace", method, args, None) == args


def test_a_keyed_workbook_opens_with_its_key_only(store):
    """Does a private key prove access to its own workbook and to no other?"""
    wid, key = store.create_workbook()
    other, other_key = store.create_workbook()
    assert authorize(store, "ada", "load_record", [wid], key) == [wid]
    with pytest.raises(StoreAccessError):
        authorize(store, "ada", "load_record", [wid], other_key)
    with pytest.raises(StoreAccessError):
        authorize(store, "ada", "load_record", [wid], None)


def test_calls_outside_the_policy_are_refused(store):
    """Are a named-owner create_workbook and a method the service does not offer refused?"""
    with pytest.raises(StoreAccessError):
        authorize(store, "ada", "create_workbook", ["hub:grace"], None)
    assert authorize(store, "ada", "create_workbook", [None], None) == []
    for method in ("coach_workbooks", "engine", "_tx", "close"):
        with pytest.raises(StoreAccessError, match="does not offer"):
            authorize(store, "ada", method, [], None)


def test_a_hub_store_that_is_not_there_is_one_line():
    """Does a kernel whose store service is down get one line naming the service?"""
    url = "hub+http://127.0.0.1:1"
    assert is_hub_store(url)
    with pytest.raises(StoreUnavailableError) as caught:
        HubStore(url, token="t").owned_workbook("hub:ada")
    assert "\n" not in str(caught.value) and "playbook-store service at 127.0.0.1:1" in str(
        caught.value
    )
