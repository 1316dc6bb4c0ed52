"""Every workbook page, filled, on a 390 px phone and in the system's dark setting (issue 9).

One page load per workbook: at 390 px wide, nothing runs past the right edge (the page, its
text, inputs and charts; a chart's turned labels not under its legend); then, with the system
switched between light and dark (``emulate_media``), the page follows: light, then dark, with
body text and chart text at a contrast of at least 4.5 (WCAG 2 AA) against the background, and
no chart background left light.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from playbook.record import parse_workbook_file
from playbook.store import Store
from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo_workbook.json"
NOTEBOOKS = sorted(p.name for p in (DEMO.parents[1] / "workbooks").glob("0*.ipynb"))
WIDTH = 390
TOLERANCE = 2  # px: sub-pixel rounding of borders

#: what reaches past the right edge of the viewport, scroll boxes a keyboard cannot scroll, and
#: a labelled input whose label, put above it, pushes the input out of its box over the next row
OVERFLOW = """([width, tol]) => {
  const out = [];
  const shown = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const what = 'text, input, select, textarea, button, label, .widget-html-content, .widget-label';
  for (const e of document.querySelectorAll(what)) {
    const r = e.getBoundingClientRect();
    if (shown(e) && r.right > width + tol)
      out.push(e.tagName + ' ' + (e.textContent || e.value || '').slice(0, 50) + ' ' + r.right);
  }
  for (const e of document.querySelectorAll('body *')) {
    const s = getComputedStyle(e);
    if (['auto', 'scroll'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + tol
        && !(e.tabIndex >= 0))
      out.push('scrolls without focus: ' + e.className + ' ' + e.scrollWidth + '>' + e.clientWidth);
  }
  for (const box of document.querySelectorAll('.widget-inline-hbox')) {
    const b = box.getBoundingClientRect();
    for (const child of box.children)
      if (shown(child) && child.getBoundingClientRect().bottom > b.bottom + tol)
        out.push('spills below its box: ' + (box.textContent || '').slice(0, 40));
  }
  return [document.scrollingElement.scrollWidth, out];
}"""

#: x-axis labels that lie under the chart's legend
COVERED = """() => {
  const out = [];
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const legend = plot.querySelector('.legend');
    if (!legend) continue;
    const l = legend.getBoundingClientRect();
    for (const t of plot.querySelectorAll('.xtick text')) {
      const r = t.getBoundingClientRect();
      if (r.width && !(r.bottom <= l.top || r.top >= l.bottom || r.right <= l.left || r.left >= l.right))
        out.push(t.textContent);
    }
  }
  return out;
}"""

#: the page's background, and the colours of its body text and chart text
COLOURS = """() => {
  const bg = getComputedStyle(document.querySelector('.jp-Notebook') || document.body).backgroundColor;
  const texts = Array.from(document.querySelectorAll('.pb-text, .jp-RenderedMarkdown p'))
    .filter(e => e.getBoundingClientRect().height > 0).slice(0, 20).map(e => getComputedStyle(e).color);
  const charts = Array.from(document.querySelectorAll('.js-plotly-plot .gtitle, .js-plotly-plot .xtick text'))
    .slice(0, 10).map(e => getComputedStyle(e).fill);
  const backs = Array.from(document.querySelectorAll('.js-plotly-plot .bg, .js-plotly-plot .plotbg path'))
    .map(e => getComputedStyle(e).fill)
    .concat(Array.from(document.querySelectorAll('.js-plotly-plot .main-svg')).map(e => getComputedStyle(e).backgroundColor));
  return {bg: getComputedStyle(document.body).backgroundColor, page: bg, texts, charts, backs};
}"""


def rgba(css: str) -> tuple[float, float, float, float]:
    """``rgb(r, g, b)`` or ``rgba(r, g, b, a)`` as numbers."""
    parts = [float(x) for x in re.findall(r"[\d.]+", css)]
    return (parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0)


def over(fg: str, bg: str) -> tuple[float, float, float]:
    """``fg`` drawn over the opaque ``bg`` (alpha blending)."""
    f, b = rgba(fg), rgba(bg)
    return tuple(f[3] * f[i] + (1 - f[3]) * b[i] for i in range(3))  # type: ignore[return-value]


def luminance(rgb: tuple[float, ...]) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0-255 channels)."""

    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio of text colour ``fg`` on background ``bg``."""
    a, b = luminance(over(fg, bg)), luminance(rgba(bg))
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def test_contrast_matches_the_wcag_reference():
    """Does the contrast function give WCAG's published figures (black on white 21:1,
    #767676 on white 4.54:1, the lightest grey that passes AA)?"""
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21.0)
    assert contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)") == pytest.approx(4.54, abs=0.01)
    assert contrast("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(1.0)


@pytest.fixture(scope="module")
def demo_key(server) -> str:
    """A workbook on the served store holding the demo workbook, as restored from its file."""
    store = Store(f"sqlite:///{server.store}")
    workbook_id, key = store.create_workbook()
    store.replace_record(workbook_id, parse_workbook_file(DEMO.read_bytes()), "restored")
    store.close()
    assert key
    return key


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": 844}, color_scheme="light")
    pg = context.new_page()
    yield pg
    for p in context.pages:
        p.close(run_before_unload=True)
    context.close()


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_a_filled_page_fits_a_phone_and_follows_the_dark_setting(phone, server, demo_key, notebook):
    """On a 390 px screen, does nothing of a filled page run past the right edge, and no chart
    label hide under its legend? Does the page turn dark when the system does, its text still
    readable (contrast 4.5 or more), and light again?"""
    page = open_page(phone, server, notebook, f"key={demo_key}")
    page.wait_for_selector(".pb-save-state [data-state]")
    if notebook in ("01_career_path.ipynb", "03_time_split.ipynb", "05_quarterly_audit.ipynb"):
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    page.wait_for_timeout(1500)  # charts resized to the page's width

    scroll_width, beyond = page.evaluate(OVERFLOW, [WIDTH, TOLERANCE])
    assert scroll_width <= WIDTH + TOLERANCE
    assert beyond == []
    assert page.evaluate(COVERED) == []

    light = page.evaluate(COLOURS)
    assert luminance(rgba(light["page"])) > 0.8, light

    page.emulate_media(color_scheme="dark")
    dark = page.evaluate(COLOURS)
    assert luminance(rgba(dark["page"])) < 0.05, dark
    assert luminance(rgba(dark["bg"])) < 0.05, dark
    assert dark["texts"], "no body text found"
    for back in dark["backs"]:  # chart backgrounds: see-through or dark, never the light template's
        assert luminance(over(back, dark["page"])) < 0.05, (back, dark["page"])
    for colour in dark["texts"] + dark["charts"]:
        assert contrast(colour, dark["page"]) >= 4.5, (colour, dark["page"])
