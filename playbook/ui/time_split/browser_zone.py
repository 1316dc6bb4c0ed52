"""The time zone the participant's browser reports, as a widget the settings panel listens to.

Nothing in an HTTP request says the browser's zone, and ipywidgets has no widget that reads it,
so a small anywidget module asks the browser (``Intl.DateTimeFormat().resolvedOptions()``)
and sends the IANA name back as its ``value``. It draws nothing.
"""

from __future__ import annotations

import anywidget
import traitlets

_ESM = """
function render({ model, el }) {
  el.style.display = "none";
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (err) {
    zone = "";
  }
  if (zone && model.get("value") !== zone) {
    model.set("value", zone);
    model.save_changes();
  }
}
export default { render };
"""


class BrowserZone(anywidget.AnyWidget):
    """``value``: the IANA time zone the browser reports ("" until it has reported)."""

    _esm = _ESM
    value = traitlets.Unicode("").tag(sync=True)
