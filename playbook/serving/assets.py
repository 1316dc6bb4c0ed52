"""The front-end's files this server changes, as Voila's pages get them.

Each change (:class:`AssetPatch`) names the file as installed (its SHA-256 and the version it
came with), the one piece replaced, and the upstream issue or where our report is written
(docs/SERVING.md, "Upstream reports"). :func:`patched_asset` makes the change only in the file
pinned, so an upgrade serves the new file unchanged (logged) and
``tests/test_serving_patches.py`` fails until the change is checked against it.
:class:`playbook.serving.front_door.PatchedAssetHandler` serves a changed file at its own
address, so a page's preload hints, caching and compressed copy hold. The changes to Voila's,
jupyter_client's and tornado's Python code are in :mod:`playbook.serving.patches`.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ASSETS", "PLOTLY_IMAGE", "WIDGET_RENDERER", "AssetPatch", "patched_asset"]

log = logging.getLogger("Voila")


@dataclass(frozen=True)
class AssetPatch:
    """A change to one of the front-end's files (below a lab extensions directory), made as
    Voila's pages get it: the file as installed (its SHA-256), one piece of it, its
    replacement."""

    path: str
    sha256: str
    version: str
    issue: str
    old: bytes
    new: bytes


# A widget's view rendered while the page's widget state is on its way asks the manager
# for its model; since ipywidgets 8.1.9 (PR 4033) the manager looks for it every 100 ms
# for 2 s, then gives up without looking again. When the state arrived and was restored
# within that last 100 ms, the renderer sees a restored manager, says "Error displaying
# widget: model not found" for good and drops its view (the restore had found nothing to
# render again): the page stays blank (about 3 in 100 loads with three browsers at once,
# docs/SERVING.md, "A page that stayed blank"). With the change, a renderer that gave up
# while its model was registered renders it at once.
WIDGET_RENDERER = AssetPatch(
    "@jupyter-widgets/jupyterlab-manager/static/160.235911d8e26dc735.js",
    "9e322d6b33ec775d6e703df8076708225458bc6aac8419a7d30752cf63b35162",
    "jupyterlab_widgets 3.0.17 (ipywidgets 8.1.9)",
    "https://github.com/jupyter-widgets/ipywidgets/issues/4026 (the renderer's half: "
    "https://github.com/jupyter-widgets/ipywidgets/pull/4041); our report: "
    "docs/SERVING.md, 'Upstream reports', the widget renderer",
    b"try{t=await o.get_model(r.model_id)}catch(t){if(o.restoredStatus){",
    b"try{t=await o.get_model(r.model_id)}catch(t){"
    b"if(o.restoredStatus&&o.has_model(r.model_id))return this.renderModel(e);"
    b"if(o.restoredStatus){",
)

# Plotly's chart renderer (jupyterlab-plotly) makes an <img> for a picture of the chart before
# it draws, with no alt text, and hides it once the chart is drawn. Until then (our pages draw
# charts after the first paint, docs/SERVING.md) and for good when plotly.js does not load, a
# screen reader meets an unnamed image and axe-core reports a critical "image-alt" (seen in CI,
# tests/browser/test_accessibility_browser.py). The element is empty until the renderer is
# given a picture of the chart, and hidden once the chart is drawn: decorative, alt="".
PLOTLY_IMAGE = AssetPatch(
    "jupyterlab-plotly/static/0.03957c7088ad5ed0.js",
    "4fd0895e18957e7fcff07c1ad9f3f03a528f9c803a8185d7c42f2068cc1efdd4",
    "jupyterlab-plotly 7.1.0 (plotly 7.1.0)",
    "no upstream issue found; our report: docs/SERVING.md, 'Upstream reports', plotly's image",
    b'this._img_el.className="plot-img",',
    b'this._img_el.className="plot-img",this._img_el.alt="",',
)

ASSETS: tuple[AssetPatch, ...] = (WIDGET_RENDERER, PLOTLY_IMAGE)


def patched_asset(patch: AssetPatch) -> tuple[Path, bytes] | None:
    """The installed file a page loads (Voila's lab extension paths, first found first) and
    its bytes with the change made; None (logged) when the file is not the one pinned."""
    from voila.utils import get_voila_labextensions_path

    for root in get_voila_labextensions_path():
        path = Path(root) / patch.path
        if path.is_file():
            break
    else:
        log.warning("Not patched (%s is not installed): %s", patch.path, patch.issue)
        return None
    body = path.read_bytes()
    if hashlib.sha256(body).hexdigest() != patch.sha256 or body.count(patch.old) != 1:
        log.warning("Not patched (%s is not the file pinned): %s", patch.path, patch.issue)
        return None
    return path, body.replace(patch.old, patch.new)
