"""The production playbook workbook: coaching logic for production managers.

``open_session`` is the one entry point a workbook notebook needs; it is imported lazily so
that the pure logic modules (``playbook.career`` and friends) import no widgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from playbook.session import Session


def open_session(workbook_key: str | None = None, **kwargs: Any) -> Session:
    """Open the current participant's workbook (see :func:`playbook.session.open_session`)."""
    from playbook.session import open_session as _open

    return _open(workbook_key, **kwargs)


__all__ = ["open_session", "__version__"]
