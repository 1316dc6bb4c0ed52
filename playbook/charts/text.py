"""Participant text in a plotly figure, shown as typed.

plotly.js reads a subset of HTML in every text it draws (titles, axis titles, tick labels,
legend names, hover labels, annotations): ``<a href>`` becomes a link, ``<b>``, ``<br>``,
``<sub>``, ``<span style>`` format, and the entities ``&lt;``, ``&gt;``, ``&amp;`` (and
numeric ones) are decoded. So any text a participant typed (a metric's name or unit) goes
through :func:`plot_text` on its way into a figure, and is shown as the characters typed.

Never put participant text into a ``hovertemplate`` or ``texttemplate``: there ``%{...}`` is a
substitution too. Pass it as ``name``, ``text`` or a title, through :func:`plot_text`.
(plotly's own LaTeX typesetting of ``$...$`` is off for every figure we show: see
``PLOTLY_CONFIG`` in :mod:`playbook.ui.common`.)
"""

from __future__ import annotations


def plot_text(text: object) -> str:
    """``text`` with the characters plotly.js reads as markup written as entities.

    Examples
    --------
    >>> plot_text('<a href="https://example.org">x</a> & co')
    '&lt;a href="https://example.org"&gt;x&lt;/a&gt; &amp; co'
    >>> plot_text("Lead time (days)")
    'Lead time (days)'
    """
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
