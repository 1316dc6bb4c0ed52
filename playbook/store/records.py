"""The store itself: workbook records, snapshots, share links and the contributions that
arrive through them, and a coach's shares."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, create_engine, event, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from playbook.errors import ShareLinkError, WorkbookKeyError
from playbook.record import SCHEMA_VERSION, now
from playbook.store.keys import check_key, hash_key, new_key
from playbook.store.location import (
    StoreUnavailableError,
    default_store_url,
    describe_failure,
    store_path,
)
from playbook.store.schema import (
    HEAD_REVISION,
    contributions,
    current_revision,
    migrate,
    sections,
    shares,
    snapshots,
    workbooks,
)

__all__ = ["SHARE_ID_CHARS", "Share", "Store", "prepare_store", "share_id"]

#: How many hex digits of a share token's hash name the link (64 bits): in what it
#: contributed, and in the owner's list of links.
SHARE_ID_CHARS = 16


def share_id(token: str) -> str:
    """The id a share link is known by (a prefix of its token's hash, never the token).

    >>> len(share_id("x" * 43))
    16
    """
    return hash_key(token)[:SHARE_ID_CHARS]


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Share:
    workbook_id: str
    kind: str
    label: str


class Store:
    """Workbook records in a database. Safe for many kernels (processes) writing at once."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_store_url()
        path = store_path(self.url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not path.exists():
                # Created private before SQLite opens it: participant data is nobody else's.
                path.touch(mode=0o600)
            self.engine: Engine = create_engine(
                self.url, connect_args={"timeout": 30, "check_same_thread": False}
            )
            self._sqlite_setup(self.engine)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)
        try:
            with self.engine.connect() as conn:
                up_to_date = current_revision(conn) == HEAD_REVISION
            if not up_to_date:
                migrate(self.engine)
        except DBAPIError as err:
            self.engine.dispose()
            raise StoreUnavailableError(describe_failure(self.url, err)) from None

    @staticmethod
    def _sqlite_setup(engine: Engine) -> None:
        # Following SQLAlchemy's pysqlite notes: let SQLAlchemy emit BEGIN itself, and make it
        # BEGIN IMMEDIATE so a writer takes the lock at the start of its transaction instead of
        # failing on upgrade; WAL lets readers go on while one kernel writes.
        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()

    # --- workbooks ---------------------------------------------------------------------------

    def create_workbook(self, owner: str | None = None) -> tuple[str, str | None]:
        """Create an empty workbook. Returns ``(workbook_id, key)``; the key (None for an owned
        workbook) is shown to the participant once and only its hash is kept."""
        wid = uuid.uuid4().hex
        key = None if owner else new_key()
        with self._tx() as conn:
            conn.execute(
                workbooks.insert().values(
                    id=wid,
                    key_hash=hash_key(key) if key else None,
                    owner=owner,
                    schema_version=SCHEMA_VERSION,
                    created=now(),
                    updated=_utcnow(),
                )
            )
        return wid, key

    def find_by_key(self, key: str) -> str:
        """The workbook a private key opens; ``WorkbookKeyError`` if none."""
        key = check_key(key)
        with self.engine.connect() as conn:
            wid = conn.execute(
                select(workbooks.c.id).where(workbooks.c.key_hash == hash_key(key))
            ).scalar()
        if wid is None:
            raise WorkbookKeyError(
                "No workbook was found for this link. Check that you copied the whole link, or "
                "start a new workbook (or upload a workbook file you downloaded)."
            )
        return str(wid)

    def owned_workbook(self, owner: str) -> str:
        """The workbook of a named owner (a hub user, or the local default), created on first use.

        Several kernels of one user may ask at the same moment: the insert gives way to one that
        got there first (``ON CONFLICT DO NOTHING``) and every caller reads the one row."""
        select_owned = select(workbooks.c.id).where(workbooks.c.owner == owner)
        with self.engine.connect() as conn:
            wid = conn.execute(select_owned).scalar()
        if wid is not None:
            return str(wid)
        values = {
            "id": uuid.uuid4().hex,
            "owner": owner,
            "schema_version": SCHEMA_VERSION,
            "created": now(),
            "updated": _utcnow(),
        }
        with self._tx() as conn:
            conn.execute(self._insert(workbooks, values).on_conflict_do_nothing())
            wid = conn.execute(select_owned).scalar_one()
        return str(wid)

    def _insert(self, table: Table, values: dict[str, Any]) -> Any:
        """An INSERT with this database's ``ON CONFLICT`` clauses (PostgreSQL or SQLite)."""
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            return pg_insert(table).values(**values)
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table).values(**values)

    def load_record(self, workbook_id: str) -> dict[str, Any]:
        """The whole record of a workbook, as a JSON-able dict."""
        with self.engine.connect() as conn:
            row = conn.execute(select(workbooks).where(workbooks.c.id == workbook_id)).first()
            if row is None:
                raise WorkbookKeyError("This workbook no longer exists.")
            rows = conn.execute(
                select(sections.c.name, sections.c.data).where(
                    sections.c.workbook_id == workbook_id
                )
            ).all()
        return {
            "format": "playbook-workbook",
            "schema_version": row.schema_version,
            "created": row.created,
            "sections": {name: json.loads(data) for name, data in rows},
        }

    def load_section(self, workbook_id: str, name: str) -> dict[str, Any]:
        with self.engine.connect() as conn:
            data = conn.execute(
                select(sections.c.data).where(
                    sections.c.workbook_id == workbook_id, sections.c.name == name
                )
            ).scalar()
        return json.loads(data) if data else {}

    def save_section(self, workbook_id: str, name: str, data: dict[str, Any]) -> int:
        """Write one section, replacing what was there, in one short transaction. Returns the
        length of the JSON text written (the section's share of an exported workbook)."""
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        stamp = _utcnow()
        with self._tx() as conn:
            self._upsert_section(conn, workbook_id, name, text, stamp)
            conn.execute(
                update(workbooks).where(workbooks.c.id == workbook_id).values(updated=stamp)
            )
        return len(text)

    def _upsert_section(
        self, conn: Connection, workbook_id: str, name: str, text: str, stamp: datetime
    ) -> None:
        values = {"workbook_id": workbook_id, "name": name, "data": text, "updated": stamp}
        conn.execute(
            self._insert(sections, values).on_conflict_do_update(
                index_elements=["workbook_id", "name"], set_={"data": text, "updated": stamp}
            )
        )

    def replace_record(self, workbook_id: str, record: dict[str, Any], reason: str) -> None:
        """Replace all sections with those of ``record`` (already validated), keeping the old
        record as a snapshot, all in one transaction: it happens entirely or not at all."""
        old = self.load_record(workbook_id)
        stamp = _utcnow()
        with self._tx() as conn:
            conn.execute(
                snapshots.insert().values(
                    workbook_id=workbook_id, taken=stamp, reason=reason, record=json.dumps(old)
                )
            )
            conn.execute(sections.delete().where(sections.c.workbook_id == workbook_id))
            for name, data in record["sections"].items():
                self._upsert_section(conn, workbook_id, name, json.dumps(data), stamp)
            conn.execute(
                update(workbooks).where(workbooks.c.id == workbook_id).values(updated=stamp)
            )

    def snapshots(self, workbook_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(snapshots.c.taken, snapshots.c.reason, snapshots.c.record)
                .where(snapshots.c.workbook_id == workbook_id)
                .order_by(snapshots.c.id)
            ).all()
        return [
            {"taken": r.taken, "reason": r.reason, "record": json.loads(r.record)} for r in rows
        ]

    # --- share links and contributions --------------------------------------------------------

    def create_share(self, workbook_id: str, kind: str, label: str = "") -> str:
        """A new share token of ``kind`` (e.g. ``"leadership-rating"``) for a workbook."""
        token = new_key()
        with self._tx() as conn:
            conn.execute(
                shares.insert().values(
                    token_hash=hash_key(token),
                    workbook_id=workbook_id,
                    kind=kind,
                    label=label,
                    created=_utcnow(),
                    revoked=False,
                )
            )
        return token

    def resolve_share(self, token: str, kind: str | None = None) -> Share:
        """What a share token opens; ``ShareLinkError`` if unknown, revoked or of another kind."""
        try:
            token = check_key(token, "share code")
        except WorkbookKeyError as err:
            raise ShareLinkError(str(err)) from None
        with self.engine.connect() as conn:
            row = conn.execute(select(shares).where(shares.c.token_hash == hash_key(token))).first()
        if row is None or row.revoked:
            raise ShareLinkError(
                "This share link is not valid (it may have been withdrawn). Ask for a new one."
            )
        if kind is not None and row.kind != kind:
            raise ShareLinkError("This share link is for another part of the workbook.")
        return Share(row.workbook_id, row.kind, row.label)

    def revoke_shares(self, workbook_id: str, kind: str) -> int:
        with self._tx() as conn:
            result = conn.execute(
                update(shares)
                .where(shares.c.workbook_id == workbook_id, shares.c.kind == kind)
                .values(revoked=True)
            )
        return int(result.rowcount or 0)

    def shares(self, workbook_id: str, kind: str) -> list[dict[str, Any]]:
        """A workbook's share links of ``kind``, oldest first, withdrawn ones too: each one's
        ``share_id`` (as :meth:`contributions` names it; never the token), ``label``,
        ``created`` time and whether it is ``revoked``."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(shares.c.token_hash, shares.c.label, shares.c.created, shares.c.revoked)
                .where(shares.c.workbook_id == workbook_id, shares.c.kind == kind)
                .order_by(shares.c.created)
            ).all()
        return [
            {
                "share_id": r.token_hash[:SHARE_ID_CHARS],
                "label": r.label,
                "created": r.created.isoformat() if r.created else None,
                "revoked": bool(r.revoked),
            }
            for r in rows
        ]

    def revoke_share(self, workbook_id: str, kind: str, share_id: str) -> int:
        """Withdraw one share link of a workbook, named by its ``share_id``; how many were
        withdrawn (0: none of this workbook and kind has that id)."""
        if not re.fullmatch(f"[0-9a-f]{{{SHARE_ID_CHARS}}}", share_id):
            return 0
        with self._tx() as conn:
            result = conn.execute(
                update(shares)
                .where(
                    shares.c.workbook_id == workbook_id,
                    shares.c.kind == kind,
                    shares.c.token_hash.startswith(share_id),
                )
                .values(revoked=True)
            )
        return int(result.rowcount or 0)

    def live_shares(self, workbook_id: str, kind: str) -> list[datetime]:
        """When each of a workbook's shares of ``kind`` that is not revoked was made, oldest
        first (the tokens themselves are not kept: only their hashes)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(shares.c.created)
                .where(
                    shares.c.workbook_id == workbook_id,
                    shares.c.kind == kind,
                    shares.c.revoked.is_(False),
                )
                .order_by(shares.c.created)
            ).all()
        return [r.created for r in rows]

    def add_contribution(self, token: str, kind: str, payload: dict[str, Any]) -> int:
        """Store what someone submitted through a share link (never the owner's sections)."""
        share = self.resolve_share(token, kind)
        with self._tx() as conn:
            result = conn.execute(
                contributions.insert().values(
                    workbook_id=share.workbook_id,
                    token_hash=hash_key(token),
                    kind=kind,
                    payload=json.dumps(payload, ensure_ascii=False),
                    created=_utcnow(),
                )
            )
        pk = result.inserted_primary_key
        assert pk is not None
        return int(pk[0])

    def contributions(self, workbook_id: str, kind: str) -> list[dict[str, Any]]:
        """Everything submitted for a workbook under ``kind``, oldest first, each with its
        ``id``, ``created`` time and ``share_id`` added. ``share_id`` names the share link it
        came through (a prefix of the token's hash, not the token): unlike anything in the
        payload, the contributor cannot choose it."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(
                    contributions.c.id,
                    contributions.c.payload,
                    contributions.c.created,
                    contributions.c.token_hash,
                )
                .where(contributions.c.workbook_id == workbook_id, contributions.c.kind == kind)
                .order_by(contributions.c.id)
            ).all()
        return [
            dict(
                json.loads(r.payload),
                id=r.id,
                created=r.created.isoformat() if r.created else None,
                share_id=r.token_hash[:SHARE_ID_CHARS],
            )
            for r in rows
        ]

    # --- a coach's cohort (issue 11): workbooks shared through a share of kind "coach" --------

    def share_with_coach(self, workbook_id: str, coach: str) -> None:
        """Share a workbook with the coach whose code is ``coach`` (the owner's explicit
        consent: a share of kind ``"coach"`` labelled with the code), once."""
        if not self.shared_with_coach(workbook_id, coach):
            self.create_share(workbook_id, "coach", f"coach:{coach}")

    def shared_with_coach(self, workbook_id: str, coach: str) -> bool:
        """Whether this workbook has a live (not revoked) share with this coach."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(shares.c.token_hash).where(
                    shares.c.workbook_id == workbook_id,
                    shares.c.kind == "coach",
                    shares.c.label == f"coach:{coach}",
                    shares.c.revoked.is_(False),
                )
            ).first()
        return row is not None

    def revoke_coach_share(self, workbook_id: str, coach: str) -> int:
        """Withdraw this workbook's shares with this coach (other coaches keep theirs)."""
        with self._tx() as conn:
            result = conn.execute(
                update(shares)
                .where(
                    shares.c.workbook_id == workbook_id,
                    shares.c.kind == "coach",
                    shares.c.label == f"coach:{coach}",
                )
                .values(revoked=True)
            )
        return int(result.rowcount or 0)

    def coach_workbooks(self, coach: str) -> list[str]:
        """The workbooks shared with this coach and not revoked, oldest share first, each once."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(shares.c.workbook_id)
                .where(
                    shares.c.kind == "coach",
                    shares.c.label == f"coach:{coach}",
                    shares.c.revoked.is_(False),
                )
                .order_by(shares.c.created)
            ).all()
        return list(dict.fromkeys(str(r.workbook_id) for r in rows))


def prepare_store(url: str) -> None:
    """Reach the store and apply its migrations: what ``playbook serve`` does once at start-up,
    before any kernel opens it. Raises :class:`StoreUnavailableError` with a one-line message."""
    Store(url).close()
