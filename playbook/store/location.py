"""Where the store is: its URL (``PLAYBOOK_STORE`` or the user data directory) and the one
line said when it cannot be reached."""

from __future__ import annotations

import os
import re
from pathlib import Path

from sqlalchemy.engine import make_url

from playbook.errors import PlaybookError

__all__ = [
    "STORE_ENV",
    "StoreUnavailableError",
    "default_store_url",
    "describe_failure",
    "store_path",
]

STORE_ENV = "PLAYBOOK_STORE"


def default_store_url() -> str:
    """``PLAYBOOK_STORE`` (a path or URL), else an SQLite file in the user data directory."""
    configured = os.environ.get(STORE_ENV, "").strip()
    if configured and "://" in configured:
        return configured
    if configured:
        path = Path(configured).expanduser().resolve()
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir("playbook", appauthor=False)) / "workbooks.sqlite"
    return f"sqlite:///{path}"


def store_path(url: str) -> Path | None:
    """The file behind an SQLite URL (None for a server database)."""
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///") :])
    return None


class StoreUnavailableError(PlaybookError):
    """Raised when the workbook store cannot be reached (server down, wrong password, no
    database); its message is one line naming the server and database, never the password."""


def describe_failure(url: str, err: BaseException) -> str:
    """One line for a store that could not be reached: where, and the server's own reason.

    Examples
    --------
    >>> class Refused(Exception): ...
    >>> describe_failure("postgresql+psycopg://u:s3cret@db.example:5433/cohort",
    ...                  Refused('connection failed: FATAL:  password authentication failed'))
    "The workbook store could not be reached: PostgreSQL at db.example:5433, database 'cohort', user 'u' (password authentication failed)."
    """
    parsed = make_url(url)
    reason = str(getattr(err, "orig", None) or err).strip().splitlines()
    text_ = reason[0] if reason else type(err).__name__
    for line in reason:  # libpq puts the server's answer after the connection attempt
        if "FATAL:" in line or "error:" in line.lower():
            text_ = line
    text_ = re.sub(r"^.*?(FATAL|ERROR):\s*", "", text_).strip()
    if parsed.password:
        text_ = text_.replace(str(parsed.password), "***")
    if parsed.get_backend_name() == "sqlite":
        where = f"SQLite file {parsed.database}"
    else:
        host = parsed.host or "localhost"
        where = f"PostgreSQL at {host}:{parsed.port or 5432}, database '{parsed.database}'"
        if parsed.username:
            where += f", user '{parsed.username}'"
    return f"The workbook store could not be reached: {where} ({text_})."
