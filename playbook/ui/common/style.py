"""The pages' one stylesheet: a dark theme that follows the system setting, and narrow screens.

Every page's header carries :func:`stylesheet` (a ``<style>`` element in an ``HTML`` widget; it
holds no participant text). Voila's lab template has a fixed ``theme`` option; here the page
follows the browser's ``prefers-color-scheme`` instead:

* **dark**: JupyterLab's CSS variables take the values of its own dark theme (the widgets and
  the page take their colours from them); the few colours our views write inline (messages,
  the saved state, hints, plan states) and plotly's chart text, grid and backgrounds are
  overridden here, so a view need not know about themes;
* **narrow (up to 600 px)**: labelled inputs put their label above a full-width box, rows of
  widgets wrap, wide tables wrap their cells, and charts keep within the page.
"""

from __future__ import annotations

import ipywidgets as widgets

#: JupyterLab's dark theme (``@jupyterlab/theme-dark-extension``), the variables our pages use.
DARK_VARIABLES = {
    "--jp-layout-color0": "#111111",
    "--jp-layout-color1": "#212121",
    "--jp-layout-color2": "#424242",
    "--jp-layout-color3": "#616161",
    "--jp-layout-color4": "#757575",
    "--jp-border-color0": "#616161",
    "--jp-border-color1": "#616161",
    "--jp-border-color2": "#424242",
    "--jp-border-color3": "#212121",
    "--jp-inverse-layout-color0": "#ffffff",
    "--jp-inverse-layout-color1": "#ffffff",
    "--jp-ui-font-color0": "rgba(255, 255, 255, 1)",
    "--jp-ui-font-color1": "rgba(255, 255, 255, 0.87)",
    "--jp-ui-font-color2": "rgba(255, 255, 255, 0.70)",
    "--jp-ui-font-color3": "rgba(255, 255, 255, 0.54)",
    "--jp-ui-inverse-font-color0": "rgba(0, 0, 0, 1)",
    "--jp-ui-inverse-font-color1": "rgba(0, 0, 0, 0.8)",
    "--jp-content-font-color0": "rgba(255, 255, 255, 1)",
    "--jp-content-font-color1": "rgba(255, 255, 255, 0.92)",
    "--jp-content-font-color2": "rgba(255, 255, 255, 0.75)",
    "--jp-content-font-color3": "rgba(255, 255, 255, 0.6)",
    "--jp-content-link-color": "#8ab4f8",
    "--jp-brand-color0": "#1976d2",
    "--jp-brand-color1": "#1e6fb8",
    "--jp-input-background": "#2b2b2b",
    "--jp-input-border-color": "#757575",
    "--jp-input-active-background": "#111111",
    "--jp-input-hover-background": "#424242",
    "--jp-cell-editor-background": "#212121",
    "--jp-rendermime-table-row-background": "#212121",
    "--jp-rendermime-table-row-hover-background": "rgba(3, 169, 244, 0.2)",
    "--jp-widgets-input-background-color": "#2b2b2b",
    "--jp-widgets-input-color": "rgba(255, 255, 255, 0.92)",
    "--jp-widgets-input-border-color": "#757575",
    "--jp-widgets-input-focus-border-color": "#64b5f6",
    "--jp-widgets-color": "rgba(255, 255, 255, 0.87)",
    "--jp-widgets-label-color": "rgba(255, 255, 255, 0.87)",
    "--jp-widgets-readout-color": "rgba(255, 255, 255, 0.87)",
    "--jp-widgets-slider-handle-background-color": "#424242",
    "--jp-widgets-slider-active-handle-color": "#64b5f6",
}

#: Page text in the dark theme, and the colours our views write inline, in dark variants that
#: keep a contrast of at least 4.5 against their background.
DARK_TEXT = "#e8e8e8"
DARK_MESSAGES = {
    "error": ("#3d1512", "#ffb4a9"),
    "info": ("#10263d", "#a8cdf5"),
    "success": ("#123019", "#a6dcb0"),
}
#: inline colours of light pages (``style="color:..."``) -> their dark counterpart
DARK_INLINE = {
    "#555": "#c4c4c4",
    "#1d5f2c": "#8fd19e",
    "#8a1c12": "#ff9e92",
    "#7a5a00": "#f0c75e",
    "#174a7c": "#a8cdf5",
}

NARROW_PX = 600


def _dark_css() -> str:
    variables = "".join(f"{k}:{v};" for k, v in DARK_VARIABLES.items())
    messages = "".join(
        f".pb-msg-{kind}{{background:{bg}!important;color:{fg}!important}}"
        for kind, (bg, fg) in DARK_MESSAGES.items()
    )
    inline = "".join(
        f'[style*="color:{light}"]{{color:{dark}!important}}'
        f'[style*="color: {light}"]{{color:{dark}!important}}'
        for light, dark in DARK_INLINE.items()
    )
    plots = (
        # plotly writes its colours inline on the SVG; the charts' templates are light
        ".js-plotly-plot .main-svg{background:transparent!important}"
        ".js-plotly-plot .bg,.js-plotly-plot .plotbg path{fill:transparent!important}"
        ".js-plotly-plot .legend .bg{fill:transparent!important}"
        f".js-plotly-plot text{{fill:{DARK_TEXT}!important}}"
        ".js-plotly-plot .gridlayer path,.js-plotly-plot .angularaxis path,"
        ".js-plotly-plot .radial-grid path,.js-plotly-plot .angular-grid path"
        "{stroke:#4a4a4a!important}"
        ".js-plotly-plot .zerolinelayer path{stroke:#777!important}"
        ".js-plotly-plot .hoverlayer .hovertext path{fill:#222!important;stroke:#888!important}"
        ".js-plotly-plot .modebar-btn path{fill:#bbb!important}"
    )
    return (
        "@media (prefers-color-scheme: dark){"
        f":root:root{{color-scheme:dark;{variables}}}"
        f"html,body,.jp-Notebook,.jp-Cell,.jp-OutputArea,#rendered_cells{{"
        f"background:#111111!important;color:{DARK_TEXT}}}"
        f".jp-RenderedHTMLCommon,.jp-RenderedMarkdown,.widget-html-content,.widget-label{{"
        f"color:{DARK_TEXT}}}"
        ".jp-RenderedHTMLCommon a,.widget-html-content a{color:#8ab4f8}"
        ".jp-RenderedHTMLCommon table,.widget-html-content table{color:inherit}"
        ".widget-html-content th,.widget-html-content td{border-color:#555!important}"
        ".jupyter-button{color:rgba(255,255,255,0.92)}"
        ".jupyter-button.mod-primary{background:#1e6fb8;color:#fff}"
        f"{messages}{inline}{plots}"
        "}"
    )


def _narrow_css() -> str:
    return (
        f"@media (max-width: {NARROW_PX}px){{"
        ".jp-Notebook,.jp-Cell,.jp-OutputArea,.jp-OutputArea-child,.jp-OutputArea-output{"
        "min-width:0!important;max-width:100%!important;padding-left:0!important;"
        "padding-right:0!important}"
        # widgets keep their margins inside the page: at most the width less both margins
        ".widget-box,.widget-inline-hbox,.widget-html,.widget-output,.widget-button,"
        ".widget-toggle-buttons,.widget-text,.widget-textarea,.widget-dropdown,"
        ".widget-select,.widget-datepicker{max-width:calc(100% - 2 * var(--jp-widgets-margin))"
        "!important;min-width:0!important;box-sizing:border-box}"
        ".widget-hbox{flex-wrap:wrap!important}"
        # a labelled input: the label on its own line above a box as wide as the page
        ".widget-inline-hbox{flex-wrap:wrap!important;height:auto!important;"
        "width:calc(100% - 2 * var(--jp-widgets-margin))!important}"
        ".widget-inline-hbox>.widget-label{width:100%!important;max-width:100%!important;"
        "text-align:left!important;white-space:normal!important;overflow:visible!important}"
        ".widget-inline-hbox>input,.widget-inline-hbox>select,.widget-inline-hbox>textarea,"
        ".widget-inline-hbox>.widget-html-content{flex:1 1 auto!important;min-width:0!important;"
        "max-width:100%!important}"
        ".widget-toggle-buttons{flex-wrap:wrap!important;height:auto}"
        ".widget-toggle-buttons .widget-toggle-button{flex:0 1 auto}"
        ".jupyter-button{max-width:100%;white-space:normal;height:auto;min-height:28px}"
        # wide tables wrap their cells instead of widening the page
        ".widget-html-content{max-width:100%;overflow-wrap:break-word}"
        ".widget-html-content table{width:100%!important;table-layout:fixed;font-size:0.92em}"
        ".widget-html-content th,.widget-html-content td{overflow-wrap:break-word;"
        "word-break:normal;hyphens:auto;white-space:normal!important;padding:3px!important}"
        ".widget-html-content pre{white-space:pre-wrap}"
        ".js-plotly-plot,.plot-container,.svg-container{max-width:100%!important}"
        # chart titles are one line in plotly: smaller, so a long one stays within the chart
        ".js-plotly-plot .gtitle{font-size:12px!important}"
        "}"
    )


def stylesheet_css() -> str:
    """The CSS of :func:`stylesheet` (no participant text: fixed at import)."""
    return _dark_css() + _narrow_css()


def stylesheet() -> widgets.HTML:
    """The pages' stylesheet as a widget, placed once, in the header of every page."""
    sheet = widgets.HTML(f"<style>{stylesheet_css()}</style>")
    sheet.add_class("pb-stylesheet")
    sheet.layout = widgets.Layout(height="0px", margin="0", overflow="hidden")
    return sheet
