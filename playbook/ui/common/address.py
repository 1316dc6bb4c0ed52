"""The browser's address bar kept on the workbook's own link.

A workbook created or opened on a page ("Start a new private workbook", a pasted link, a
restored file) lives at a link with its key; the address bar still showed the page without it,
so a bookmark saved the wrong address and a reload showed an empty start page (issue 9). No
ipywidgets widget can change the address, so a small anywidget module replaces it (the
history entry, not a new page load) with the page's own link. It draws nothing.
"""

from __future__ import annotations

import anywidget
import traitlets

_ESM = """
function render({ model, el }) {
  el.style.display = "none";
  function apply() {
    const url = model.get("url");
    if (!url) return;
    let target;
    try {
      target = new URL(url, window.location.href);
    } catch (err) {
      return;
    }
    if (target.origin !== window.location.origin) return;
    // only the key changes: the page's other parameters stay as they were
    const key = target.searchParams.get("key");
    const current = new URL(window.location.href);
    if (!key || current.searchParams.get("key") === key) return;
    current.searchParams.set("key", key);
    window.history.replaceState(window.history.state, "", current.pathname + current.search);
  }
  model.on("change:url", apply);
  apply();
}
export default { render };
"""


class AddressBar(anywidget.AnyWidget):
    """``url``: the page's link with the workbook's key ("" for none); the address bar gets
    that key, the page's other parameters kept."""

    _esm = _ESM
    url = traitlets.Unicode("").tag(sync=True)
