"""Widgets every workbook page shares: header, messages, saved state, charts, files, and the
skeleton of a page (its parts are in this package's modules; import them from here).

Rules kept here so each view need not remember them:

* participant text reaches the page only as text-input values or through :func:`esc` in an
  ``HTML`` widget, and is shown as typed: never as a ``Label`` value or a ``description``, where
  the page's LaTeX typesetter reads ``$...$`` (a checkbox beside it is a :class:`TextCheckbox`),
  and in a chart only through :func:`playbook.charts.text.plot_text`;
* every callback runs inside :func:`guard`, so an error is shown in place, never lost;
* charts are ``go.Figure`` redrawn in an ``Output`` (see DESIGN.md, "Known traps");
* a page over one section of the record is a :class:`SectionView`: the owner check, quiet
  updates (:class:`Quiet`), saving through the session (:class:`SectionModel`) and the
  content-error guard are written once, here; a page too large for one file is made of
  :class:`Panel` s that share its model, never each other's widgets.
"""

from __future__ import annotations

from playbook.ui.common import parts
from playbook.ui.common.charts import (
    PLOTLY_CONFIG,
    chart_output,
    figure_bundle,
    show_figure,
    warm_up,
)
from playbook.ui.common.header import (
    BINDER_NOTE,
    SaveIndicator,
    WorkbookHeader,
    download_html,
)
from playbook.ui.common.parts import *  # noqa: F403 - the widgets and helpers parts.__all__ names
from playbook.ui.common.section import (
    Panel,
    Quiet,
    SectionModel,
    SectionView,
)
from playbook.ui.common.since import SinceBox

__all__ = [
    *parts.__all__,
    "BINDER_NOTE",
    "PLOTLY_CONFIG",
    "Panel",
    "Quiet",
    "SaveIndicator",
    "SectionModel",
    "SectionView",
    "SinceBox",
    "WorkbookHeader",
    "chart_output",
    "download_html",
    "figure_bundle",
    "show_figure",
    "warm_up",
]
