"""One participant's session: who they are, their workbook, and saving as they work.

``open_session`` resolves the identity from the strongest signal available (docs/DESIGN.md):

1. under JupyterHub, the hub's user name (``JUPYTERHUB_USER``);
2. in a served app, the private workbook key in the link (``?key=...``); a page opened without
   one starts a new private workbook (the start page asks first); ``?share=...`` opens a
   contributor session for someone else's workbook (a mentor, a colleague);
3. in JupyterLab on one's own machine, a local default workbook.

A page reload in Voila starts a new kernel, so everything a view shows comes from the store
through this object, never from widget state.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Mapping
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

import traitlets
from pydantic import ValidationError

from playbook.contract import workbooks
from playbook.errors import InputError, PlaybookError, ShareLinkError, WorkbookKeyError
from playbook.record import (
    SCHEMA_VERSION,
    dump_workbook_file,
    parse_workbook_file,
    section_model,
    upgrade,
)
from playbook.store import Share, Store, check_key

log = logging.getLogger(__name__)

LOCAL_OWNER = "local:default"


def pages() -> list[tuple[str, str]]:
    """A participant's pages, in order: (notebook file, title), from the workbook registry
    (:func:`playbook.contract.workbooks`; the coaches' pages left out). Views link to each
    other with it."""
    return [(w.notebook, w.title) for w in workbooks() if not w.for_coaches]


_stores: dict[str, Store] = {}


def get_store(url: str | None = None) -> Store:
    """One Store (engine) per URL per process; it holds no participant data itself. Under a
    hub with a shared store, ``PLAYBOOK_STORE`` names the hub's store service (``hub+http://``):
    every call then goes there with this server's hub token (:mod:`playbook.hub_store`)."""
    from playbook.hub_store import HubStore, is_hub_store
    from playbook.store import default_store_url

    url = url or default_store_url()
    if url not in _stores:
        _stores[url] = HubStore(url) if is_hub_store(url) else Store(url)
    return _stores[url]


def in_voila() -> bool:
    return "VOILA_KERNEL_ID" in os.environ or "VOILA_PREHEAT" in os.environ


def request_query() -> dict[str, str]:
    """The served page's query parameters (waiting for the request in a preheated kernel)."""
    if not in_voila():
        return {}
    from playbook.handoff import wait_for_request

    wait_for_request()  # never returns without the request: a key is never silently dropped
    query = parse_qs(os.environ.get("QUERY_STRING", ""), keep_blank_values=True)
    return {k: v[-1] for k, v in query.items()}


def page_url() -> str | None:
    """The address of the served page, without its query (None outside Voila)."""
    url = os.environ.get("VOILA_REQUEST_URL")
    if url:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}{parts.path}"
    script = os.environ.get("SCRIPT_NAME")
    host = os.environ.get("SERVER_NAME")
    if script and host:
        port = os.environ.get("SERVER_PORT")
        return f"http://{host}{':' + port if port else ''}{script}"
    return None


#: Set in every Binder session by BinderHub's spawner (``BinderSpawnerMixin.get_env`` in
#: jupyterhub/binderhub: ``BINDER_REPO_URL`` and the upper-cased ``binder_ref_url``,
#: ``binder_launch_host``, ``binder_persistent_request``, ``binder_request`` launch options).
#: A JupyterHub user server has ``JUPYTERHUB_USER`` too, but none of these.
BINDER_ENV = (
    "BINDER_LAUNCH_HOST",
    "BINDER_REQUEST",
    "BINDER_PERSISTENT_REQUEST",
    "BINDER_REPO_URL",
    "BINDER_REF_URL",
)

Kept = Literal["binder", "hub", "server", "local"]


def on_binder(environ: Mapping[str, str] | None = None) -> bool:
    """Whether this kernel runs in a Binder session (which keeps nothing once it ends).

    Examples
    --------
    >>> on_binder({"BINDER_LAUNCH_HOST": "https://mybinder.org/", "JUPYTERHUB_USER": "x"})
    True
    >>> on_binder({"JUPYTERHUB_USER": "ada"})
    False
    """
    env = os.environ if environ is None else environ
    return any(env.get(name, "").strip() for name in BINDER_ENV)


def where_kept(identity: str, environ: Mapping[str, str] | None = None) -> Kept:
    """Where an owner's workbook is kept, for the page to tell them.

    ``"binder"``: nowhere once the Binder session ends, whatever the identity (the store is a
    file in the session's own container), so the participant must download it; ``"hub"``: with
    their JupyterHub account; ``"server"``: on the server that serves the page, under their
    private link; ``"local"``: on this computer (JupyterLab on one's own machine).

    Examples
    --------
    >>> where_kept("hub", {"BINDER_REQUEST": "v2/gh/org/repo/HEAD"})
    'binder'
    >>> where_kept("hub", {}), where_kept("key", {}), where_kept("local", {})
    ('hub', 'server', 'local')
    """
    if on_binder(environ):
        return "binder"
    if identity == "hub":
        return "hub"
    if identity == "key":
        return "server"
    return "local"


class Session(traitlets.HasTraits):
    """The current participant's workbook, saved section by section as they work.

    Traits views observe: ``status`` ("new", "saving", "saved", "error", "none"),
    ``status_text`` (for people), ``revision`` (bumped when the whole workbook is replaced, e.g.
    by an import, so views reload), ``problem`` (a message to show instead of a workbook).
    """

    status = traitlets.Unicode("new")
    status_text = traitlets.Unicode("")
    revision = traitlets.Int(0)
    problem = traitlets.Unicode("")
    notice = traitlets.Unicode("")
    key = traitlets.Unicode(None, allow_none=True)
    workbook_id = traitlets.Unicode(None, allow_none=True)

    def __init__(
        self,
        store: Store,
        *,
        identity: str,
        workbook_id: str | None = None,
        key: str | None = None,
        share: Share | None = None,
        share_token: str | None = None,
        base_url: str | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.identity = identity  # "hub", "key", "local", "share", "none"
        self.share = share
        self.share_token = share_token
        self.base_url = base_url
        self._record: dict[str, Any] = {"sections": {}}
        self._pending: dict[str, dict[str, Any]] = {}
        self._sizes: dict[str, int] | None = None
        self.saved_at: float | None = None
        self.key = key
        self.workbook_id = workbook_id
        if workbook_id:
            self._load()

    # --- roles ---------------------------------------------------------------------------------

    @property
    def role(self) -> str:
        """``"owner"`` of a workbook, ``"contributor"`` through a share link, or ``"none"``."""
        if self.share is not None:
            return "contributor"
        return "owner" if self.workbook_id else "none"

    def _require_owner(self) -> str:
        if self.role != "owner" or self.workbook_id is None:
            raise PlaybookError("This page is not open on your own workbook.")
        return self.workbook_id

    # --- loading and saving --------------------------------------------------------------------

    def _load(self) -> None:
        assert self.workbook_id
        record = self.store.load_record(self.workbook_id)
        if record["schema_version"] < SCHEMA_VERSION:
            record = upgrade(record)
            self.store.replace_record(self.workbook_id, record, "schema upgrade")
        self._record = record
        self._sizes = None
        self.status = "saved"
        self.status_text = "All changes saved"

    def approximate_size(self) -> int:
        """Roughly how many bytes the exported workbook takes (JSON of every section, cached
        until the next save), so pages can decide cheaply whether to rebuild a download link."""
        if self._sizes is None:
            self._sizes = {
                n: len(json.dumps(d, separators=(",", ":")))
                for n, d in self._record["sections"].items()
            }
        return sum(self._sizes.values())

    def section(self, name: str) -> dict[str, Any]:
        """A copy of one section of the workbook (``{}`` if never saved)."""
        self._require_owner()
        import copy

        return copy.deepcopy(self._record["sections"].get(name, {}))

    def save_section(self, name: str, data: dict[str, Any]) -> None:
        """Validate and save one section now. On a store failure the data stays pending here,
        the status says so, and the next save tries again: nothing shown as saved is lost."""
        wid = self._require_owner()
        model = section_model(name)
        if model is not None:
            try:
                data = model.model_validate(data).model_dump(mode="json")
            except ValidationError as err:
                first = err.errors()[0]
                raise InputError(
                    f"{first['msg']} ({' -> '.join(map(str, first['loc']))})"
                ) from None
        self._record["sections"][name] = data
        self._pending[name] = data
        self._flush(wid)

    def _flush(self, wid: str) -> None:
        self.status = "saving"
        self.status_text = "Saving…"
        try:
            for name in list(self._pending):
                size = self.store.save_section(wid, name, self._pending[name])
                if self._sizes is not None:
                    self._sizes[name] = size
                del self._pending[name]
        except Exception as err:  # the store is outside our control (disk full, locked, down)
            log.warning("saving a workbook section failed: %s", type(err).__name__)
            self.status = "error"
            self.status_text = (
                "Not saved: the workbook store could not be written. Your answers stay on this "
                "page and are saved with your next change; download your workbook to be safe."
            )
            return
        self.saved_at = time.time()
        self.status = "saved"
        self.status_text = "All changes saved · " + time.strftime("%H:%M:%S")

    # --- identity actions -----------------------------------------------------------------------

    def start_new(self) -> str:
        """Create a new private workbook for this page; returns its key."""
        wid, key = self.store.create_workbook()
        assert key is not None
        self.identity, self.share, self.share_token = "key", None, None
        self.key, self.workbook_id, self.problem = key, wid, ""
        self.notice = "new"
        self._load()
        self.revision += 1
        return key

    def resume(self, link_or_key: str) -> None:
        """Switch this page to the workbook a pasted private link (or bare key) opens."""
        text = link_or_key.strip()
        key = parse_qs(urlsplit(text).query).get("key", [text])[-1] if "key=" in text else text
        wid = self.store.find_by_key(key)
        self.identity, self.share, self.share_token = "key", None, None
        self.key, self.workbook_id, self.problem, self.notice = check_key(key), wid, "", "resumed"
        self._load()
        self.revision += 1

    # --- links ----------------------------------------------------------------------------------

    def link(self, notebook: str, **params: str) -> str:
        """A relative link to another workbook page of the app that keeps this workbook."""
        query = dict(params)
        if self.key and self.identity == "key":
            query = {"key": self.key, **query}
        from urllib.parse import urlencode

        return notebook + (("?" + urlencode(query)) if query else "")

    def private_link(self) -> str | None:
        """The full private link to bookmark (None when identity is not by key)."""
        if not self.key or self.identity != "key":
            return None
        base = self.base_url or "01_career_path.ipynb"
        return f"{base}?key={self.key}"

    # --- files ----------------------------------------------------------------------------------

    def export_bytes(self) -> bytes:
        """The whole workbook as a downloadable file."""
        self._require_owner()
        return dump_workbook_file(self._record)

    def import_bytes(self, data: bytes) -> None:
        """Replace this workbook with an uploaded file's. The file is checked completely first;
        on any problem the current workbook is untouched. The replaced one is kept as a snapshot."""
        wid = self._require_owner()
        record = parse_workbook_file(data)
        self.store.replace_record(wid, record, "import from file")
        self._load()
        self.notice = "imported"
        self.revision += 1

    def start_from_file(self, data: bytes) -> str:
        """A new private workbook holding an uploaded file's contents; returns the new key."""
        record = parse_workbook_file(data)  # check before creating anything
        key = self.start_new()
        assert self.workbook_id
        self.store.replace_record(self.workbook_id, record, "import from file")
        self._load()
        self.notice = "imported"
        self.revision += 1
        return key

    # --- sharing --------------------------------------------------------------------------------

    def create_share_link(self, notebook: str, kind: str, label: str = "") -> str:
        """A link that lets someone else contribute ``kind`` to this workbook (never read or
        change its sections). Returned relative to the app, like :meth:`link`."""
        wid = self._require_owner()
        token = self.store.create_share(wid, kind, label)
        from urllib.parse import urlencode

        return f"{notebook}?{urlencode({'share': token})}"

    def share_links(self, kind: str) -> list[dict[str, Any]]:
        """This workbook's share links of ``kind`` (withdrawn ones too), oldest first: each
        one's ``share_id``, ``label``, ``created`` and ``revoked`` (never the token)."""
        return self.store.shares(self._require_owner(), kind)

    def withdraw_share_link(self, kind: str, share_id: str) -> int:
        """Withdraw one of this workbook's share links of ``kind``; how many were withdrawn."""
        return self.store.revoke_share(self._require_owner(), kind, share_id)

    @property
    def share_id(self) -> str | None:
        """The id of the share link this page was opened through (as its contributions are
        named), or None."""
        from playbook.store import share_id

        return share_id(self.share_token) if self.share_token and self.share else None

    def contributions(self, kind: str) -> list[dict[str, Any]]:
        """What others submitted to this workbook under ``kind``."""
        return self.store.contributions(self._require_owner(), kind)

    def contribute(self, payload: dict[str, Any]) -> int:
        """Submit a contribution through this page's share link."""
        if self.share is None or self.share_token is None:
            raise ShareLinkError("This page was not opened through a share link.")
        return self.store.add_contribution(self.share_token, self.share.kind, payload)


def open_session(
    workbook_key: str | None = None,
    *,
    share: str | None = None,
    create: bool = True,
    store: Store | str | None = None,
) -> Session:
    """Open the current participant's workbook session.

    Parameters
    ----------
    workbook_key
        A private key (the ``parameters`` cell of a notebook, or a test). In a served app the
        key comes from the page's link instead.
    share
        A share token (``?share=`` in a served app) to open a contributor session.
    create
        Whether a served page without a key starts a new private workbook at once (the start
        page passes False and lets the participant choose).
    store
        A :class:`~playbook.store.Store` or URL; default ``PLAYBOOK_STORE`` or the user data dir.

    Problems with a key or a share link never raise here: the session carries them in
    ``problem`` for the page to show in place, with a way forward.
    """
    st = store if isinstance(store, Store) else get_store(store)
    query = request_query()
    base = page_url()
    key = workbook_key or query.get("key") or None
    share = share or query.get("share") or None

    if share:
        try:
            sh = st.resolve_share(share)
            return Session(st, identity="share", share=sh, share_token=share, base_url=base)
        except ShareLinkError as err:
            session = Session(st, identity="none", base_url=base)
            session.problem = str(err)
            return session

    hub_user = os.environ.get("JUPYTERHUB_USER")
    if hub_user and not key:
        wid = st.owned_workbook(f"hub:{hub_user}")
        return Session(st, identity="hub", workbook_id=wid, base_url=base)

    if key:
        try:
            wid = st.find_by_key(key)
            return Session(st, identity="key", workbook_id=wid, key=check_key(key), base_url=base)
        except WorkbookKeyError as err:
            session = Session(st, identity="none", base_url=base)
            session.problem = str(err)
            return session

    if in_voila():
        session = Session(st, identity="none", base_url=base)
        if create:
            session.start_new()
        return session

    wid = st.owned_workbook(LOCAL_OWNER)
    return Session(st, identity="local", workbook_id=wid, base_url=base)
