"""One shared workbook store for a JupyterHub, behind a service the hub authenticates.

Under a hub, every user's server (and every kernel in it) runs code the user controls: a
database password handed to their environment would open every workbook, and
``JUPYTERHUB_USER`` is a variable the user can change. So the shared store is a JupyterHub
service, ``playbook-store`` (``python -m playbook.hub_store``, started by the hub, the only
process that knows the database URL), and a user's kernels reach it with ``PLAYBOOK_STORE`` set
to ``hub+http://<service address>``: :class:`HubStore` sends each store call with the server's
own hub token (``JUPYTERHUB_API_TOKEN``), and the service asks the hub whose token it is. What
the service answers depends on that name only (:data:`POLICY`):

- ``owned_workbook``: the caller's own workbook, ``hub:<name from the hub>``, whatever owner
  the caller asked for (a forged ``JUPYTERHUB_USER`` still opens one's own workbook);
- a call on a workbook: only a workbook the caller owns, or one whose private key the call
  proves (the key is the capability, as in ``playbook serve``);
- share links: the token is the capability (what was shared with the caller);
- any other call (a Store method without an entry here): refused.

``deploy/jupyterhub_config.py`` sets this up; docs/HUB.md explains it.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from dataclasses import asdict
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from playbook.errors import PlaybookError, ShareLinkError, WorkbookKeyError
from playbook.store import Share, Store, StoreUnavailableError, check_key, hash_key, workbooks

SERVICE_NAME = "playbook-store"
SCHEMES = ("hub+http://", "hub+https://")

#: How the service decides whether a caller may make a store call (see the module docstring).
POLICY: dict[str, str] = {
    "owned_workbook": "own",
    "create_workbook": "new",
    "find_by_key": "capability",
    "resolve_share": "capability",
    "add_contribution": "capability",
    "load_record": "workbook",
    "load_section": "workbook",
    "save_section": "workbook",
    "replace_record": "workbook",
    "snapshots": "workbook",
    "create_share": "workbook",
    "revoke_shares": "workbook",
    "shares": "workbook",
    "revoke_share": "workbook",
    "live_shares": "workbook",
    "contributions": "workbook",
}

#: Errors a call may raise for the participant to read, sent back by name.
_ERRORS: dict[str, type[PlaybookError]] = {
    "WorkbookKeyError": WorkbookKeyError,
    "ShareLinkError": ShareLinkError,
    "PlaybookError": PlaybookError,
}


class StoreAccessError(PlaybookError):
    """Raised when the hub's store service refuses a call: not the caller's workbook."""


def is_hub_store(url: str) -> bool:
    """Whether a store URL names the hub's store service.

    Examples
    --------
    >>> is_hub_store("hub+http://127.0.0.1:10101"), is_hub_store("sqlite:///x.sqlite")
    (True, False)
    """
    return url.startswith(SCHEMES)


class HubStore(Store):
    """The store, reached through the hub's ``playbook-store`` service (same methods).

    Keys this process opened or created are remembered and sent with calls on their workbook,
    as proof; nothing else about the caller is taken from the environment but the hub token.
    """

    def __init__(self, url: str, token: str | None = None) -> None:
        # No engine here: a Store method the service does not offer fails (closed).
        self.url = url
        self.base = url.removeprefix("hub+").rstrip("/")
        self._token = token or os.environ.get("JUPYTERHUB_API_TOKEN", "")
        self._proofs: dict[str, str] = {}

    def close(self) -> None:
        pass

    def _call(self, method: str, *args: Any) -> Any:
        proof = self._proofs.get(args[0]) if args and isinstance(args[0], str) else None
        body = json.dumps({"args": args, "proof": proof}).encode()
        request = urllib.request.Request(
            f"{self.base}/api/{method}",
            data=body,
            method="POST",
            headers={"Authorization": f"token {self._token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return json.loads(response.read())["result"]
        except urllib.error.HTTPError as err:
            try:
                answer = json.loads(err.read())
            except ValueError:
                answer = {}
            message = str(answer.get("message") or f"the store service answered {err.code}")
            if err.code in (401, 403):
                raise StoreAccessError(message) from None
            raise _ERRORS.get(str(answer.get("error")), PlaybookError)(message) from None
        except OSError as err:
            where = urlsplit(self.base).netloc
            raise StoreUnavailableError(
                f"The workbook store could not be reached: the hub's {SERVICE_NAME} service "
                f"at {where} ({getattr(err, 'reason', err)})."
            ) from None

    def create_workbook(self, owner: str | None = None) -> tuple[str, str | None]:
        wid, key = self._call("create_workbook", owner)
        if key:
            self._proofs[wid] = key
        return str(wid), key

    def find_by_key(self, key: str) -> str:
        key = check_key(key)
        wid = str(self._call("find_by_key", key))
        self._proofs[wid] = key
        return wid

    def owned_workbook(self, owner: str) -> str:
        return str(self._call("owned_workbook", owner))

    def load_record(self, workbook_id: str) -> dict[str, Any]:
        return dict(self._call("load_record", workbook_id))

    def load_section(self, workbook_id: str, name: str) -> dict[str, Any]:
        return dict(self._call("load_section", workbook_id, name))

    def save_section(self, workbook_id: str, name: str, data: dict[str, Any]) -> int:
        return int(self._call("save_section", workbook_id, name, data))

    def replace_record(self, workbook_id: str, record: dict[str, Any], reason: str) -> None:
        self._call("replace_record", workbook_id, record, reason)

    def snapshots(self, workbook_id: str) -> list[dict[str, Any]]:
        return list(self._call("snapshots", workbook_id))

    def create_share(self, workbook_id: str, kind: str, label: str = "") -> str:
        return str(self._call("create_share", workbook_id, kind, label))

    def resolve_share(self, token: str, kind: str | None = None) -> Share:
        return Share(**self._call("resolve_share", token, kind))

    def revoke_shares(self, workbook_id: str, kind: str) -> int:
        return int(self._call("revoke_shares", workbook_id, kind))

    def shares(self, workbook_id: str, kind: str) -> list[dict[str, Any]]:
        return list(self._call("shares", workbook_id, kind))

    def revoke_share(self, workbook_id: str, kind: str, share_id: str) -> int:
        return int(self._call("revoke_share", workbook_id, kind, share_id))

    def live_shares(self, workbook_id: str, kind: str) -> list[datetime]:
        return [datetime.fromisoformat(t) for t in self._call("live_shares", workbook_id, kind)]

    def add_contribution(self, token: str, kind: str, payload: dict[str, Any]) -> int:
        return int(self._call("add_contribution", token, kind, payload))

    def contributions(self, workbook_id: str, kind: str) -> list[dict[str, Any]]:
        return list(self._call("contributions", workbook_id, kind))


# --- the service -------------------------------------------------------------------------------


def authorize(store: Store, user: str, method: str, args: list[Any], proof: str | None) -> list:
    """The arguments to call ``method`` with for hub user ``user``, or StoreAccessError.

    Examples
    --------
    >>> authorize(None, "ada", "owned_workbook", ["hub:grace"], None)  # type: ignore[arg-type]
    ['hub:ada']
    >>> authorize(None, "ada", "engine", [], None)  # type: ignore[arg-type]
    Traceback (most recent call last):
    ...
    playbook.hub_store.StoreAccessError: The store service does not offer 'engine'.
    """
    rule = POLICY.get(method)
    if rule is None:
        raise StoreAccessError(f"The store service does not offer {method!r}.")
    if rule == "own":
        return [f"hub:{user}"]
    if rule == "new":
        if args and args[0] is not None:
            raise StoreAccessError("A workbook for a named owner is made by owned_workbook.")
        return []
    if rule == "workbook":
        wid = str(args[0]) if args else ""
        from sqlalchemy import select

        with store.engine.connect() as conn:
            row = conn.execute(
                select(workbooks.c.owner, workbooks.c.key_hash).where(workbooks.c.id == wid)
            ).first()
        mine = row is not None and row.owner == f"hub:{user}"
        proven = row is not None and bool(proof) and row.key_hash == hash_key(str(proof))
        if not (mine or proven):
            raise StoreAccessError("This workbook is not yours.")
    return list(args)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Share):
        return asdict(value)
    raise TypeError(type(value).__name__)


def make_app(store: Store, prefix: str = "/") -> Any:
    """The service's tornado application: ``POST <prefix>api/<method>`` with a hub token."""
    from jupyterhub.services.auth import HubAuth, HubAuthenticated
    from tornado.ioloop import IOLoop
    from tornado.web import Application, RequestHandler

    class CallHandler(HubAuthenticated, RequestHandler):
        def check_xsrf_cookie(self) -> None:
            pass  # token-authenticated API calls, no cookies

        def write_error(self, status_code: int, **kwargs: Any) -> None:
            self.finish({"error": "HTTPError", "message": self._reason})

        def _answer(self, status: int, error: str, message: str) -> None:
            self.set_status(status)
            self.finish({"error": error, "message": message})

        async def post(self, method: str) -> None:
            user = self.get_current_user()
            if not user or user.get("kind") != "user":
                return self._answer(403, "StoreAccessError", "Only hub users reach the store.")
            try:
                body = json.loads(self.request.body or b"{}")
                if set(body) - {"args", "proof"}:  # positional only: nothing to smuggle past
                    raise ValueError("unexpected fields")
                args = authorize(
                    store, user["name"], method, body.get("args", []), body.get("proof")
                )
                call = getattr(store, method)
                result = await IOLoop.current().run_in_executor(None, lambda: call(*args))
            except StoreAccessError as err:
                return self._answer(403, "StoreAccessError", str(err))
            except PlaybookError as err:
                return self._answer(400, type(err).__name__, str(err))
            except (TypeError, ValueError) as err:
                return self._answer(400, "PlaybookError", f"Bad call: {type(err).__name__}")
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps({"result": result}, default=_jsonable))

    auth = HubAuth(api_token=os.environ.get("JUPYTERHUB_API_TOKEN", ""), cache_max_age=60)
    routes = [(rf"{prefix.rstrip('/')}/api/(\w+)", CallHandler)]
    if prefix.rstrip("/"):
        routes.append((r"/api/(\w+)", CallHandler))  # direct, not through the hub's proxy
    return Application(routes, hub_auth=auth)


def main() -> None:
    """Run the service as the hub starts it (``JUPYTERHUB_SERVICE_URL`` says where)."""
    import asyncio
    import logging

    from playbook.store import default_store_url

    logging.basicConfig(level=logging.INFO, format="[playbook-store] %(message)s")
    store = Store(default_store_url())  # migrated here, once, before any user calls
    where = urlsplit(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101"))
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", f"/services/{SERVICE_NAME}/")

    async def serve() -> None:
        make_app(store, prefix).listen(where.port or 80, where.hostname or "127.0.0.1")
        logging.getLogger(__name__).info("serving the workbook store at %s", where.geturl())
        await asyncio.Event().wait()

    asyncio.run(serve())


if __name__ == "__main__":
    main()
