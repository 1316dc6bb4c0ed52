"""The parts every page is made of: text shown as typed, messages, buttons, text boxes, files.

Participant text reaches the page only as text-input values or through :func:`esc` in an
``HTML`` widget: never as a ``Label`` value or a ``description``, where the page's LaTeX
typesetter reads ``$...$`` (a checkbox beside it is a :class:`TextCheckbox`). Every callback runs
inside :func:`guard`, so that an error is shown in place, never lost.
"""

from __future__ import annotations

import base64
import html
import logging
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import ipywidgets as widgets
from pydantic import ValidationError

from playbook.errors import PlaybookError

#: The parts :mod:`playbook.ui.common` gives every page (import them from there). The few pages
#: that label a widget for screen readers or scroll a long list import :func:`labelled`,
#: :func:`labelled_style` and :func:`scroll_region` from here.
__all__ = [
    "NO_MATH",
    "MessageArea",
    "TextCheckbox",
    "button",
    "claims_html",
    "download_link",
    "esc",
    "guard",
    "guarded",
    "heading",
    "html_box",
    "on_upload",
    "para",
    "table_html",
    "text_input",
    "uploaded_file",
    "validation_message",
    "wide_text",
]

log = logging.getLogger(__name__)

# Voila loads JupyterLab's MathJax 3 typesetter, and ipywidgets 8 asks it to typeset the element
# of every Label and every description (a Checkbox's too), but never an HTML widget's content.
# So participant text goes only into HTML widgets (escaped) and text inputs. MathJax also leaves
# alone anything inside an element with this class (its ``ignoreHtmlClass``), which the helpers
# below put around participant text, should it ever be typeset.
NO_MATH = "mathjax_ignore"


def esc(text: object) -> str:
    """HTML-escape anything before it goes into an ``HTML`` widget."""
    return html.escape(str(text), quote=True)


def para(text: str, cls: str = "") -> widgets.HTML:
    """A paragraph of (escaped) text that wraps, unlike a ``Label``."""
    return widgets.HTML(
        f'<div class="pb-text {NO_MATH} {cls}" style="line-height:1.45">{esc(text)}</div>'
    )


class TextCheckbox(widgets.HBox):
    """A checkbox beside participant text (an audit action), the text shown as typed.

    A ``Checkbox`` description would be typeset as LaTeX, so the text is escaped in an ``HTML``
    widget (which wraps) beside a checkbox whose description is the fixed ``name`` ("Done"):
    a title alone is no accessible name (axe-core's ``label-title-only``), so the text is its
    tooltip, the name is the fixed word. ``value`` is the checkbox's.
    """

    def __init__(self, text: str, value: bool = False, cls: str = "", name: str = "Done") -> None:
        self.checkbox = widgets.Checkbox(
            value=value,
            indent=False,
            description=name,
            tooltip=text,
            layout=widgets.Layout(width="auto", flex="0 0 auto"),
        )
        self.label = widgets.HTML(f'<span class="pb-checkbox-text {NO_MATH}">{esc(text)}</span>')
        self._text = text
        super().__init__(
            [self.checkbox, self.label], layout=widgets.Layout(align_items="center", width="95%")
        )
        if cls:
            self.add_class(cls)

    @property
    def text(self) -> str:
        return self._text

    @property
    def value(self) -> bool:
        return bool(self.checkbox.value)

    @value.setter
    def value(self, checked: bool) -> None:
        self.checkbox.value = checked


def text_input(
    description: str,
    placeholder: str = "",
    cls: str = "",
    *,
    width: str = "330px",
    area: bool = False,
    label_width: str = "130px",
) -> Any:
    """A text box (``area``: a multi-line one) that reports its value when the participant
    leaves it or presses Enter, not at every key."""
    make = widgets.Textarea if area else widgets.Text
    w = make(
        description=description,
        placeholder=placeholder,
        continuous_update=False,
        layout=widgets.Layout(width=width),
        style={"description_width": label_width},
    )
    if cls:
        w.add_class(cls)
    return w


def wide_text(description: str, placeholder: str = "", cls: str = "", **kwargs: Any) -> Any:
    """A text box of a page of wide ones (the plan's, the pilots'): 95% of the page unless
    ``width`` says otherwise, its label in those pages' label width."""
    return text_input(
        description, placeholder, cls, **{"width": "95%", **kwargs}, label_width="150px"
    )


#: Backgrounds under a button's white text with at least 4.5:1 contrast (axe-core
#: ``color-contrast``, issue 9): JupyterLab's green (#388e3c) is 4.1:1, its orange and red less.
_BUTTON_COLORS = {"success": "#2e7d32", "warning": "#a84300", "danger": "#c62828"}


def button(description: str, cls: str, icon: str = "", style: str = "") -> widgets.Button:
    """A button sized to its label, with a CSS class for tests and styling."""
    b = widgets.Button(
        description=description, icon=icon, button_style=style, layout=widgets.Layout(width="auto")
    )
    b.add_class(cls)
    if style in _BUTTON_COLORS:
        b.style.button_color = _BUTTON_COLORS[style]
    return b


def html_box(cls: str) -> widgets.HTML:
    """An empty ``HTML`` widget with a CSS class (fill it with :func:`esc`-aped text only)."""
    w = widgets.HTML()
    w.add_class(cls)
    return w


#: A widget whose description is read by screen readers but not drawn (a row of a table whose
#: column says what the field is): see :func:`labelled`.
SR_LABEL = "pb-sr-label"
_SR_LABEL_CSS = (
    f".{SR_LABEL} > .widget-label{{position:absolute!important;width:1px!important;"
    "height:1px!important;min-width:0!important;margin:0!important;padding:0!important;"
    "overflow:hidden!important;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}"
)


def labelled(widget: widgets.Widget, name: str) -> widgets.Widget:
    """Give a select or number input an accessible name that is not drawn.

    ipywidgets hides an empty ``description`` with ``display:none``, which leaves the input
    without a name (axe-core's ``select-name`` and ``label``); a description hidden the
    "visually hidden" way is still the input's ``<label>``. The page must show
    :func:`labelled_style` once. ``name`` is fixed wording, never participant text.
    """
    widget.description = name
    widget.add_class(SR_LABEL)
    return widget


def labelled_style() -> widgets.HTML:
    """The style :func:`labelled` inputs need (put it once among a panel's widgets)."""
    return widgets.HTML(f"<style>{_SR_LABEL_CSS}</style>", layout=widgets.Layout(display="none"))


def scroll_region(inner: str, name: str, max_height: str) -> str:
    """``inner`` (escaped HTML) in a scrolling box a keyboard can reach: focusable
    (``tabindex=0``), so its arrow keys scroll it, and a region named ``name`` for a screen
    reader (axe-core's ``scrollable-region-focusable``)."""
    return (
        f"<div role='region' aria-label='{esc(name)}' tabindex='0' class='pb-scroll' "
        f"style='max-height:{esc(max_height)};overflow:auto'>{inner}</div>"
    )


def claims_html(texts: Iterable[str], title: str = "What the playbook claims") -> str:
    """The article's statistics as a list of attributed claims (CONTENT.md's honesty rule: the
    wording, "The playbook reports ...", comes from content), escaped."""
    items = "".join(f"<li>{esc(t)}</li>" for t in texts)
    return f"<h4>{esc(title)}</h4><ul class='pb-claims'>{items}</ul>"


def table_html(
    header: Sequence[str], rows: Iterable[Sequence[str]], cls: str, *, bold_first: bool = True
) -> str:
    """A table of content items, every cell escaped; the first column in bold."""

    def cell(n: int, text: str) -> str:
        return f"<td><b>{esc(text)}</b></td>" if n == 0 and bold_first else f"<td>{esc(text)}</td>"

    head = "".join(f"<th align=left>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(cell(n, t) for n, t in enumerate(r)) + "</tr>" for r in rows)
    return (
        f"<table class='{cls}' cellpadding='6' style='border-collapse:collapse'>"
        f"<tr>{head}</tr>{body}</table>"
    )


def heading(text: str, level: int = 3) -> widgets.HTML:
    return widgets.HTML(
        f"<h{level} class='{NO_MATH}' style='margin:0.6em 0 0.2em'>{esc(text)}</h{level}>"
    )


class MessageArea(widgets.HTML):
    """A message in place: errors in red, notes in blue, successes in green. Text only."""

    COLORS = {
        "error": ("#fdecea", "#8a1c12"),
        "info": ("#e8f1fb", "#174a7c"),
        "success": ("#e9f6ec", "#1d5f2c"),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kind = ""
        self.text = ""
        self.add_class("pb-message")

    def show(self, text: str, kind: str = "error") -> None:
        bg, fg = self.COLORS[kind]
        self.kind, self.text = kind, text
        role = "alert" if kind == "error" else "status"
        self.value = (
            f'<div role="{role}" class="pb-msg-{kind}" style="background:{bg};color:{fg};'
            f'padding:6px 10px;border-radius:4px;margin:4px 0">{esc(text)}</div>'
        )

    def clear(self) -> None:
        self.kind, self.text, self.value = "", "", ""


def validation_message(err: ValidationError) -> str:
    """The first problem of a pydantic error, in words for a participant."""
    first = err.errors()[0]
    msg = str(first["msg"]).removeprefix("Value error, ")
    return msg[:1].upper() + msg[1:] + ("" if msg.endswith(".") else ".")


@contextmanager
def guard(messages: MessageArea, clear: bool = True) -> Iterator[None]:
    """Run a callback body; show a ``PlaybookError`` in place, and any other error as a
    generic message (its traceback goes to the server log without the message text, which
    may contain participant input)."""
    if clear:
        messages.clear()
    try:
        yield
    except PlaybookError as err:
        messages.show(str(err), "error")
    except ValidationError as err:  # a model refused a participant's value
        messages.show(validation_message(err), "error")
    except Exception as err:
        frames = "".join(traceback.format_tb(err.__traceback__))
        log.error("unexpected %s in a workbook callback\n%s", type(err).__name__, frames)
        messages.show(
            "Something went wrong on our side; what you had saved is safe. "
            "Please try again, and tell your facilitator if it happens again.",
            "error",
        )


def guarded(messages: MessageArea, fn: Callable[..., Any]) -> Callable[..., None]:
    """Wrap a widget callback with :func:`guard`."""

    def wrapper(*args: Any, **kwargs: Any) -> None:
        with guard(messages):
            fn(*args, **kwargs)

    return wrapper


def uploaded_file(upload: widgets.FileUpload) -> tuple[str, bytes] | None:
    """(name, bytes) of the file last chosen in a ``FileUpload``, or None."""
    if not upload.value:
        return None
    item = upload.value[-1]
    return str(item["name"]), bytes(item["content"])


def on_upload(
    upload: widgets.FileUpload, messages: MessageArea, handler: Callable[[str, bytes], None]
) -> None:
    """Call ``handler(name, data)`` with each file chosen in ``upload``, its errors shown in
    ``messages``. The upload is emptied first, so that the same file can be chosen again."""

    def on_value(_change: Any = None) -> None:
        got = uploaded_file(upload)
        if got is None:  # our own reset below re-enters here
            return
        with guard(messages):
            upload.value = ()
            handler(*got)

    upload.observe(on_value, names="value")


def download_link(
    data: bytes,
    file_name: str,
    text: str,
    *,
    mime: str = "application/json",
    cls: str = "",
    style: str = "",
) -> str:
    """A link that downloads ``data`` as ``file_name``: the bytes are in the link (base64), so
    no participant HTML reaches the page and nothing is asked of the server."""
    encoded = base64.b64encode(data).decode("ascii")
    cls_attr = f'class="{esc(cls)}" ' if cls else ""
    style_attr = f' style="{esc(style)}"' if style else ""
    href = f"data:{mime};base64,{encoded}"
    return f'<a {cls_attr}download="{esc(file_name)}" href="{href}"{style_attr}>{esc(text)}</a>'
