"""Sample files shipped inside the package, so that a feature offering them works from an
installed wheel as well as from a checkout (``data/`` links to them for newcomers and tests).

Read them with :mod:`importlib.resources`, never through the repository's layout::

    >>> SAMPLE_CALENDAR.name, SAMPLE_CALENDAR.read_bytes().startswith(b"BEGIN:VCALENDAR")
    ('sample_calendar.ics', True)
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

#: Four weeks of a production manager's calendar (March 2026), offered on the time-split page.
SAMPLE_CALENDAR: Traversable = files(__name__) / "sample_calendar.ics"
