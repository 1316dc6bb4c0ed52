"""Private workbook keys: made, checked, and hashed (the store keeps only the hash)."""

from __future__ import annotations

import hashlib
import re
import secrets

from playbook.errors import WorkbookKeyError

__all__ = ["KEY_PATTERN", "check_key", "hash_key", "new_key"]

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")  # secrets.token_urlsafe(32): 256 random bits


def new_key() -> str:
    """A fresh private workbook key: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    """What the store keeps instead of a key. Keys carry 256 random bits, so a plain SHA-256
    cannot be reversed by guessing; a slow password hash would buy nothing here."""
    return hashlib.sha256(key.encode("ascii")).hexdigest()


def check_key(key: str, what: str = "workbook key") -> str:
    key = key.strip()
    if not KEY_PATTERN.match(key):
        raise WorkbookKeyError(
            f"This link's {what} is malformed: it should be 43 letters, digits, '-' or '_'. "
            "Copy the whole link you bookmarked."
        )
    return key
