"""Widgets every workbook page shares: header, messages, saved state, charts, files.

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

import base64
import html
import json
import logging
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, ClassVar, Generic, TypeVar

import ipywidgets as widgets
import plotly.graph_objects as go
from IPython.display import display
from pydantic import ValidationError

from playbook.errors import PlaybookError
from playbook.session import WORKBOOKS, Session, where_kept

log = logging.getLogger(__name__)

PLOTLY_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    # plotly.js would typeset "$...$" in any chart text if MathJax were on the page
    "typesetMath": False,
}

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
    widget (which wraps) beside a checkbox without description; the text is the checkbox's
    tooltip too, its accessible name. ``value`` is the checkbox's.
    """

    def __init__(self, text: str, value: bool = False, cls: str = "") -> None:
        self.checkbox = widgets.Checkbox(
            value=value,
            indent=False,
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


def button(description: str, cls: str, icon: str = "", style: str = "") -> widgets.Button:
    """A button sized to its label, with a CSS class for tests and styling."""
    b = widgets.Button(
        description=description, icon=icon, button_style=style, layout=widgets.Layout(width="auto")
    )
    b.add_class(cls)
    return b


def html_box(cls: str) -> widgets.HTML:
    """An empty ``HTML`` widget with a CSS class (fill it with :func:`esc`-aped text only)."""
    w = widgets.HTML()
    w.add_class(cls)
    return w


def chart_output(cls: str, height: str = "360px") -> widgets.Output:
    """An ``Output`` for :func:`show_figure`, keeping its height while a chart is redrawn."""
    out = widgets.Output(layout=widgets.Layout(min_height=height))
    out.add_class(cls)
    return out


def claims_html(texts: Iterable[str], title: str = "What the playbook claims") -> str:
    """The article's statistics as a list of attributed claims (CONTENT.md's honesty rule: the
    wording, "The playbook reports ...", comes from content), escaped."""
    items = "".join(f"<li>{esc(t)}</li>" for t in texts)
    return f"<h4>{esc(title)}</h4><ul class='pb-claims'>{items}</ul>"


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


def figure_bundle(fig: go.Figure) -> dict[str, Any]:
    """The MIME bundle plotly's ``plotly_mimetype`` renderer would display, built directly.

    ``fig.show()`` first imports ``plotly.io._renderers``, which imports nbformat, jsonschema
    and rfc3987-syntax, whose grammars take seconds to build in every new kernel: measured as
    the largest part of a first page view. The bundle itself is cheap.
    """
    spec = json.loads(fig.to_json())
    return {
        "application/vnd.plotly.v1+json": {
            "data": spec.get("data", []),
            "layout": spec.get("layout", {}),
            "config": PLOTLY_CONFIG,
        },
        "text/plain": f"<plotly figure: {spec.get('layout', {}).get('title', {}).get('text', '')}>",
    }


def warm_up(make_figure: Callable[[], go.Figure]) -> None:
    """Build one of a page's figures, done when the page's module is imported: a preheated
    kernel imports it before the participant's request arrives, so that the first page view
    does not pay for loading the content and for plotly's first figure. An invalid content
    file is left for the page to show in place."""
    try:
        figure_bundle(make_figure())
    except PlaybookError:
        return


def show_figure(out: widgets.Output, fig: go.Figure) -> None:
    """Redraw ``fig`` in ``out`` (rendered by plotly's JupyterLab extension, which Voila loads;
    no ``FigureWidget``: see DESIGN.md, "Known traps")."""
    bundle = figure_bundle(fig)
    from IPython import get_ipython

    if get_ipython() is None:  # no kernel (headless tests): nothing could show it
        return
    with out:
        out.clear_output(wait=True)
        display(bundle, raw=True)


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
    return (
        f'<a {cls_attr}download="{esc(file_name)}" href="data:{mime};base64,{encoded}"'
        f"{style_attr}>{esc(text)}</a>"
    )


class SaveIndicator(widgets.HTML):
    """The saved state of the workbook, kept current from ``session.status``."""

    ICONS = {
        "saved": ("✓", "#1d5f2c"),
        "saving": ("…", "#555"),
        "error": ("!", "#8a1c12"),
        "new": ("", "#555"),
        "none": ("", "#555"),
    }

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.add_class("pb-save-state")
        session.observe(self._on_status, names=["status", "status_text"])
        self._on_status()

    def _on_status(self, _change: Any = None) -> None:
        icon, color = self.ICONS.get(self.session.status, ("", "#555"))
        text = self.session.status_text if self.session.role == "owner" else ""
        self.value = (
            f'<span data-state="{esc(self.session.status)}" style="color:{color};font-weight:600">'
            f"{esc(icon)} {esc(text)}</span>"
        )


def download_html(session: Session, prominent: bool = False) -> str:
    """A download link holding the whole workbook (our own JSON, base64: no user HTML).
    ``prominent``: drawn as a filled button, for where the download is the only way to keep it."""
    look = (
        "padding:6px 14px;background:#1f6f8b;color:#fff;font-weight:600;border-radius:4px"
        if prominent
        else "padding:4px 10px;border:1px solid #1f6f8b;border-radius:4px"
    )
    return download_link(
        session.export_bytes(),
        "my-playbook-workbook.json",
        "⬇ Download my workbook",
        cls="pb-download",
        style=f"{look};text-decoration:none",
    )


#: What a Binder participant must know (DESIGN.md: Binder keeps nothing).
BINDER_NOTE = (
    "This Binder session keeps nothing: it is deleted, with your workbook, when you close it or "
    "leave it idle for about ten minutes. Download your workbook before you leave; to carry on "
    "later, upload the file on the Start page."
)


class WorkbookHeader(widgets.VBox):
    """Top of every page: navigation, saved state, the private link, download, problems."""

    def __init__(self, session: Session, notebook: str, title: str) -> None:
        super().__init__()
        self.session, self.notebook = session, notebook
        self.add_class("pb-header")
        self.title = title  # the notebook's markdown heading shows it; kept for views' use
        self.nav = widgets.HTML()
        self.nav.add_class("pb-nav")
        self.saved = SaveIndicator(session)
        self.messages = MessageArea()
        self.link_box = widgets.Text(
            description="Private link",
            disabled=False,
            layout=widgets.Layout(width="min(100%, 60em)"),
            style={"description_width": "initial"},
        )
        self.link_box.add_class("pb-private-link")
        self.link_help = para(
            "Your workbook is kept on this server. Bookmark this link: it is the only way back to "
            "your workbook, and anyone who has it can open it, so keep it private. Downloading "
            "your workbook keeps a copy too."
        )
        # Binder deletes the whole session (the store with it) when it is closed or idle.
        self.binder_note = MessageArea()
        self.binder_note.add_class("pb-kept-binder")
        self.binder_note.show(BINDER_NOTE, "info")
        self.download = widgets.HTML()
        self.download.add_class("pb-download-box")
        self.prepare_button = widgets.Button(
            description="Download my workbook", icon="download", layout=widgets.Layout(width="auto")
        )
        self.prepare_button.on_click(guarded(self.messages, self._on_prepare))
        self.start_button = widgets.Button(
            description="Start a new private workbook",
            button_style="primary",
            icon="plus",
            layout=widgets.Layout(width="auto", align_self="flex-start"),
        )
        self.start_button.on_click(guarded(self.messages, self._on_start))
        self.details = widgets.VBox()
        self.download_row = widgets.HBox()
        self.children = [self.nav, widgets.HBox([self.saved]), self.messages, self.details]
        session.observe(self._refresh, names=["revision", "problem"])
        session.observe(self._refresh_download, names=["status"])
        self._refresh()

    def _on_start(self, _button: Any = None) -> None:
        self.session.start_new()

    def _refresh(self, _change: Any = None) -> None:
        s = self.session
        links = []
        for nb, label in WORKBOOKS:
            href = esc(s.link(nb)) if s.role == "owner" else esc(nb)
            current = nb == self.notebook
            style = "font-weight:700;text-decoration:none" if current else ""
            links.append(
                f'<a href="{href}" style="{style}" {"aria-current=page" if current else ""}>{esc(label)}</a>'
            )
        self.nav.value = (
            '<nav style="display:flex;gap:14px;flex-wrap:wrap">' + "".join(links) + "</nav>"
        )
        parts: list[widgets.Widget] = []
        if s.problem:
            self.messages.show(s.problem, "error")
            parts.append(self.start_button)
        elif s.role == "owner":
            kept = where_kept(s.identity)
            link = s.private_link()
            self.prepare_button.button_style = "primary" if kept == "binder" else ""
            if kept == "binder":
                if s.notice == "new":
                    self.messages.show("A new workbook was created for you.", "info")
                parts.append(self.binder_note)
            elif link:
                self.link_box.value = link
                if s.notice == "new":
                    self.messages.show(
                        "A new private workbook was created for you. Bookmark your private link below.",
                        "info",
                    )
                parts += [self.link_box, self.link_help]
            elif kept == "hub":
                parts.append(para("Your workbook is kept with your JupyterHub account."))
            else:
                parts.append(
                    para("Your workbook is kept on this computer (the local default workbook).")
                )
            parts.append(self.download_row)
            self._refresh_download()
        self.details.children = parts

    # A small workbook's download link is kept current on every save (one click to download);
    # a large one (many imported calendar entries) is built on request, so that each answer
    # does not send megabytes to the browser.
    LIVE_DOWNLOAD_LIMIT = 200_000

    def _refresh_download(self, _change: Any = None) -> None:
        if self.session.role != "owner" or self.session.status != "saved":
            return
        if self.session.approximate_size() <= self.LIVE_DOWNLOAD_LIMIT:
            self.download.value = download_html(self.session, self._binder)
            self._show_download([self.download])
        else:
            self.download.value = ""
            self._show_download([self.prepare_button, self.download])

    def _show_download(self, children: list[widgets.Widget]) -> None:
        if self.download_row.children != tuple(children):
            self.download_row.children = children

    @property
    def _binder(self) -> bool:
        return where_kept(self.session.identity) == "binder"

    def _on_prepare(self, _button: Any = None) -> None:
        self.download.value = download_html(self.session, self._binder)


# --------------------------------------------------------------------------------------------
# The skeleton of a page over one section of the record
# --------------------------------------------------------------------------------------------

S = TypeVar("S")
T = TypeVar("T")


class Quiet:
    """Whether the page is putting saved state into its widgets, when their observers must not
    save it back. One per page, shared by its panels::

        with self.quiet():
            self.practice.value = pilot.practice  # _on_plan sees ``self.quiet`` and returns
    """

    def __init__(self) -> None:
        self.active = False

    def __bool__(self) -> bool:
        return self.active

    @contextmanager
    def __call__(self) -> Iterator[None]:
        was, self.active = self.active, True
        try:
            yield
        finally:
            self.active = was


class SectionModel(Generic[S]):
    """The section a page edits, read from and saved through the session, and shared by the
    page's panels.

    A panel changes the section only through :meth:`save`, then :meth:`announce` s what
    changed; the panels that show that part :meth:`listen` for it. No panel reaches into
    another's widgets.
    """

    def __init__(
        self,
        session: Session,
        name: str,
        parse: Callable[[Mapping[str, Any] | None], S],
        dump: Callable[[S], dict[str, Any]],
        quiet: Quiet | None = None,
    ) -> None:
        self.session, self.name = session, name
        self._parse, self._dump = parse, dump
        self.section: S = parse(None)
        self.quiet = quiet if quiet is not None else Quiet()
        self.figures: dict[str, Any] = {}  # the figures last drawn (tests read them)
        self._listeners: dict[str, list[Callable[[], None]]] = {}

    def read(self) -> S:
        """The saved section (page load, new workbook, import), adopted."""
        self.section = self._parse(self.session.section(self.name))
        return self.section

    def save(self, section: S) -> None:
        """Save first, then adopt: if saving fails, the page keeps what was saved before."""
        self.session.save_section(self.name, self._dump(section))
        self.section = section

    def listen(self, event: str, handler: Callable[[], None]) -> None:
        self._listeners.setdefault(event, []).append(handler)

    def announce(self, event: str) -> None:
        for handler in self._listeners.get(event, []):
            handler()


class _Wiring:
    """Callbacks the way every page wires them: errors shown in place, silent while quiet."""

    messages: MessageArea
    quiet: Quiet

    def quietly(
        self, handler: Callable[[Any], None], messages: MessageArea | None = None
    ) -> Callable[[Any], None]:
        """``handler`` as an observer: silent while the page is being filled from saved state,
        its errors shown in ``messages`` (by default the page's)."""

        def on_change(change: Any) -> None:
            if self.quiet:
                return
            with guard(messages or self.messages):
                handler(change)

        return on_change

    def on_value(
        self,
        handler: Callable[[Any], None],
        *sources: widgets.Widget,
        messages: MessageArea | None = None,
    ) -> None:
        """Call ``handler(change)`` when a source's value changes (see :meth:`quietly`)."""
        on_change = self.quietly(handler, messages)
        for source in sources:
            source.observe(on_change, names="value")

    def on_click(
        self,
        source: widgets.Button,
        handler: Callable[..., Any],
        messages: MessageArea | None = None,
    ) -> None:
        source.on_click(guarded(messages or self.messages, handler))


class Panel(widgets.VBox, _Wiring):
    """One part of a page, in a file of its own: its widgets and handlers. It shares the page's
    messages and its model, through which it hears what the other panels changed."""

    def __init__(self, model: SectionModel[Any], messages: MessageArea) -> None:
        super().__init__()
        self.messages = messages
        self.quiet = model.quiet

    def show(self, visible: bool) -> None:
        self.layout.display = None if visible else "none"


class SectionView(widgets.VBox, _Wiring):
    """A workbook page over one section of the record: header, messages, the owner check.

    A subclass sets the class attributes, loads its content with :meth:`load_content` (a
    coach's invalid content file is shown in place), builds its widgets, lists in
    ``owner_only`` what only the workbook's owner sees, and calls :meth:`start`; its
    :meth:`reload` puts the saved section into the widgets, inside ``with self.quiet():``.
    """

    NOTEBOOK: ClassVar[str]
    TITLE: ClassVar[str]
    CSS: ClassVar[str]
    #: How the page names its content in the message when it cannot be loaded.
    CONTENT: ClassVar[str] = "This page's content"
    #: What someone who opened the page through a share link is told, if anything.
    CONTRIBUTOR_NOTE: ClassVar[str] = ""
    #: The attributes holding the page's panels, if it has any. A panel's public attribute
    #: is reached as the page's own (``view.range_start`` is ``view.settings.range_start``),
    #: so that code driving a page (tests, the demo script) need not know its panels.
    PANELS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.add_class(self.CSS)
        self.header = WorkbookHeader(session, self.NOTEBOOK, self.TITLE)
        self.messages = MessageArea()
        self.quiet = Quiet()
        self.owner_only: tuple[widgets.Widget, ...] = ()

    def load_content(self, given: T | None, load: Callable[[], T]) -> T | None:
        """``given``, or the loaded content; None (the error shown in place) if it is invalid."""
        try:
            return given or load()
        except PlaybookError as err:  # a coach's edited content file is invalid
            self.messages.show(f"{self.CONTENT} cannot be loaded: {err}")
            self.children = [self.header, self.messages]
            return None

    def start(self) -> None:
        """Show the saved section now, and again whenever the workbook changes."""
        self.session.observe(self._on_reload, names="revision")
        self._on_reload()

    def _on_reload(self, _change: Any = None) -> None:
        """Page load, new workbook, import: only the owner sees and changes the section."""
        owner = self.session.role == "owner"
        for box in self.owner_only:
            box.layout.display = None if owner else "none"
        if not owner:
            if self.CONTRIBUTOR_NOTE and self.session.role == "contributor":
                self.messages.show(self.CONTRIBUTOR_NOTE, "info")
            return
        with guard(self.messages):
            self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def __getattr__(self, name: str) -> Any:
        # called only for what the page itself lacks
        if not name.startswith("_"):
            panels = (self.__dict__.get(p) for p in type(self).PANELS)
            for panel in panels:
                if panel is not None and name in panel.__dict__:
                    return panel.__dict__[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
