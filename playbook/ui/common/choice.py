"""One answer control for every question in every workbook: a radio group.

Issue 9 found three kinds of answer control (labelled toggle buttons on the leadership page,
bare "1".."5" toggle buttons on the audit, radios on the career page), about 160 tab stops on
the leadership page and a selected answer grey on light grey. ipywidgets' ``ToggleButtons`` is
a row of plain buttons (every answer its own tab stop, no arrow keys, no group), and its
``RadioButtons`` draws radio inputs without a shared ``name`` and without a ``radiogroup``, so
the browser treats each one as a group of its own (a tab stop each, arrows do nothing). This
small anywidget module draws native radio inputs sharing one ``name`` inside a
``role=radiogroup`` named by the question: the browser then gives one tab stop per question,
arrow keys that move and select, Space that selects, and the answer's whole words to a screen
reader. The selected answer is drawn in white on dark blue (contrast 8.3:1), with a focus ring.

The DOM is ``.pb-radio-group > label.pb-radio-option > input[type=radio] + span``, so a test
finds an answer as ``.pb-q-<id> label`` with its text, and the checked one as ``input:checked``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import anywidget
import traitlets

_ESM = """
let groups = 0;
function render({ model, el }) {
  groups += 1;
  const name = "pb-radio-" + groups + "-" + Math.random().toString(36).slice(2, 8);
  const group = document.createElement("div");
  group.setAttribute("role", "radiogroup");
  group.className = "pb-radio-group";
  el.appendChild(group);
  let inputs = [];
  function mark() {
    const index = model.get("index");
    const disabled = model.get("disabled");
    inputs.forEach((input, i) => {
      input.checked = index === i;
      input.disabled = disabled;
      input.parentElement.classList.toggle("pb-selected", index === i);
    });
  }
  function draw() {
    group.textContent = "";
    group.setAttribute("aria-label", model.get("label"));
    group.classList.toggle("pb-radio-vertical", model.get("orientation") === "vertical");
    inputs = model.get("labels").map((text, i) => {
      const option = document.createElement("label");
      option.className = "pb-radio-option";
      const input = document.createElement("input");
      input.type = "radio";
      input.name = name;
      input.value = String(i);
      const words = document.createElement("span");
      words.textContent = text;
      option.append(input, words);
      input.addEventListener("change", () => {
        if (!input.checked) return;
        model.set("index", i);
        model.save_changes();
        mark();
      });
      group.appendChild(option);
      return input;
    });
    mark();
  }
  const redraw = () => draw();
  const remark = () => mark();
  model.on("change:labels", redraw);
  model.on("change:label", redraw);
  model.on("change:orientation", redraw);
  model.on("change:index", remark);
  model.on("change:disabled", remark);
  draw();
  return () => {
    model.off("change:labels", redraw);
    model.off("change:label", redraw);
    model.off("change:orientation", redraw);
    model.off("change:index", remark);
    model.off("change:disabled", remark);
  };
}
export default { render };
"""

# Colours: the border #6b6b6b is 5.3:1 on white (a control's edge needs 3:1); the selected
# answer is white on #1f4e8c (8.3:1); the focus ring is the same blue, 2px, offset.
_CSS = """
.pb-radio-group{display:flex;flex-wrap:wrap;gap:6px;margin:4px 0 2px 0;max-width:100%}
.pb-radio-group.pb-radio-vertical{flex-direction:column;align-items:flex-start}
.pb-radio-option{display:inline-flex;align-items:center;gap:6px;padding:4px 10px 4px 6px;
  border:1px solid #6b6b6b;border-radius:4px;background:#fff;color:#1a1a1a;cursor:pointer;
  line-height:1.3;max-width:100%;box-sizing:border-box}
.pb-radio-option input{margin:0;accent-color:#fff;cursor:pointer;flex:none}
.pb-radio-option:hover{background:#eef3fa}
.pb-radio-option.pb-selected,.pb-radio-option:has(input:checked){background:#1f4e8c;
  border-color:#1f4e8c;color:#fff;font-weight:600}
.pb-radio-option:has(input:focus-visible){outline:2px solid #1f4e8c;outline-offset:2px}
.pb-radio-option:has(input:disabled){opacity:.75;cursor:default}
@media (prefers-color-scheme: dark){
  .pb-radio-option{background:#1e1e1e;color:#e8e8e8;border-color:#9a9a9a}
  .pb-radio-option:hover{background:#2a3442}
  .pb-radio-option.pb-selected,.pb-radio-option:has(input:checked){background:#9cc3ff;
    border-color:#9cc3ff;color:#0b1a2e}
  .pb-radio-option input{accent-color:#0b1a2e}
  .pb-radio-option:has(input:focus-visible){outline-color:#9cc3ff}
}
"""


class RadioGroup(anywidget.AnyWidget):
    """A question's answers as one radio group.

    ``options`` are ``(words, value)`` pairs, the words shown and announced in full (say
    "4 - Often", not "4"); ``label`` is the question, the group's accessible name. ``value`` is
    the chosen option's value (``None``: no answer) and is observed like any widget's value.

    Examples
    --------
    >>> g = RadioGroup([("1 - Never", 1), ("2 - Rarely", 2)], label="We keep a backup plan")
    >>> g.value is None, g.index
    (True, None)
    >>> g.value = 2
    >>> g.index
    1
    >>> g.index = 0
    >>> g.value
    1
    """

    _esm = _ESM
    _css = _CSS
    labels = traitlets.List(traitlets.Unicode()).tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    index = traitlets.Int(None, allow_none=True).tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    orientation = traitlets.Unicode("horizontal").tag(sync=True)
    value = traitlets.Any(None, allow_none=True)

    def __init__(
        self,
        options: Sequence[tuple[str, Any]],
        *,
        label: str,
        value: Any = None,
        vertical: bool = False,
    ) -> None:
        self.values = [v for _, v in options]
        super().__init__(
            labels=[words for words, _ in options],
            label=label,
            orientation="vertical" if vertical else "horizontal",
        )
        self.value = value

    @property
    def options(self) -> list[tuple[str, Any]]:
        return list(zip(self.labels, self.values, strict=True))

    @traitlets.validate("value")
    def _known_value(self, proposal: Any) -> Any:
        new = proposal["value"]
        if new is not None and new not in self.values:
            raise traitlets.TraitError(f"{new!r} is not one of the answers")
        return new

    @traitlets.validate("index")
    def _known_index(self, proposal: Any) -> Any:
        new = proposal["value"]
        if new is not None and not 0 <= new < len(self.values):
            raise traitlets.TraitError(f"no answer number {new}")
        return new

    @traitlets.observe("value")
    def _value_to_index(self, change: Any) -> None:
        new = change["new"]
        self.index = None if new is None else self.values.index(new)

    @traitlets.observe("index")
    def _index_to_value(self, change: Any) -> None:
        new = change["new"]
        self.value = None if new is None else self.values[new]
