"""The skeleton of a page over one section of the record, and of the panels it is made of."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, ClassVar, Generic, TypeVar

import ipywidgets as widgets
import plotly.graph_objects as go

from playbook import history
from playbook.contract import domain, workbook
from playbook.errors import PlaybookError
from playbook.session import Session
from playbook.ui.common.charts import show_figure
from playbook.ui.common.header import WorkbookHeader
from playbook.ui.common.parts import MessageArea, guard, guarded, heading, para

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

    :meth:`save` is also where every page keeps the dated snapshots of its result (issue 20):
    for a domain with the ``snapshot`` hook, the section is saved with the snapshots saved
    before, after :func:`playbook.history.kept` (on :meth:`today`, which a test sets).
    """

    #: The content the page assesses with (by default its domain's, loaded when needed; a
    #: subclass may set it before calling ``__init__``).
    content: Any

    def __init__(
        self,
        session: Session,
        name: str,
        parse: Callable[[Mapping[str, Any] | None], S],
        dump: Callable[[S], dict[str, Any]],
        quiet: Quiet | None = None,
        content: Any = None,
    ) -> None:
        self.session, self.name = session, name
        self._parse, self._dump = parse, dump
        self.content = content if content is not None else getattr(self, "content", None)
        self.section: S = parse(None)
        self.quiet = quiet if quiet is not None else Quiet()
        self.figures: dict[str, Any] = {}  # the figures last drawn (tests read them)
        self._listeners: dict[str, list[Callable[[], None]]] = {}

    def read(self) -> S:
        """The saved section (page load, new workbook, import), adopted."""
        self.section = self._parse(self.session.section(self.name))
        return self.section

    @staticmethod
    def today() -> dt.date:
        """The day a snapshot is dated by (tests set it)."""
        return dt.date.today()

    def save(self, section: S, result: Any = None) -> None:
        """Save first, then adopt: if saving fails, the page keeps what was saved before.

        The section is saved with its snapshots: those saved before (a page builds its
        section from its widgets, without them), after this save's result (``result``: the
        section's, when the page has assessed it already; else it is assessed here)."""
        d = domain(self.name)
        if d.snapshot is not None:
            content = self.content if self.content is not None else d.load_content()
            before = getattr(self.section, "history", ())
            section = history.kept(d, section, before, content, self.today(), result=result)
        self.session.save_section(self.name, self._dump(section))
        self.section = section

    def since_last_time(self, result: Any) -> history.Moved | None:
        """What moved in ``result`` (the page's, of :attr:`section`) since the previous take
        (``None``: the domain keeps no snapshots, or the result is not complete)."""
        d = domain(self.name)
        content = self.content if self.content is not None else d.load_content()
        return history.since_last_time(d, getattr(self.section, "history", ()), result, content)

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


M = TypeVar("M", bound="SectionModel[Any]")


class Panel(widgets.VBox, _Wiring, Generic[M]):
    """One part of a page, in a file of its own: its widgets and handlers, made by
    :meth:`build`. It shares the page's messages and its model, through which it hears what
    the other panels changed."""

    #: The panel's heading (of ``LEVEL``), and the paragraph under it, if any.
    TITLE: ClassVar[str] = ""
    LEVEL: ClassVar[int] = 3
    INTRO: ClassVar[str] = ""

    def __init__(self, model: M, messages: MessageArea) -> None:
        super().__init__()
        self.model = model
        self.messages = messages
        self.quiet = model.quiet
        top = [heading(self.TITLE, self.LEVEL)] if self.TITLE else []
        self.children = top + ([para(self.INTRO)] if self.INTRO else []) + self.build(model)

    def build(self, model: M) -> list[widgets.Widget]:
        """Make the panel's widgets, wire them, and return its children."""
        raise NotImplementedError

    def show(self, visible: bool) -> None:
        self.layout.display = None if visible else "none"

    def draw(self, name: str, out: widgets.Output, fig: go.Figure) -> None:
        """Show ``fig`` in ``out``, kept as the page's ``figures[name]`` (tests read them)."""
        self.model.figures[name] = fig
        show_figure(out, fig)

    def follow(
        self,
        event: str,
        current: Callable[[], T | None],
        show: Callable[[T], None],
        *,
        hide: bool = False,
        part: widgets.Widget | None = None,
    ) -> None:
        """On ``event``, ``show`` the item on screen (a pilot, a quarter, a session), if there
        is one; ``hide``: the panel (or only its ``part``, the heading staying) is hidden while
        there is none."""

        def on_event() -> None:
            item = current()
            if hide and part is None:
                self.show(item is not None)
            elif hide and part is not None:
                part.layout.display = None if item is not None else "none"
            if item is not None:
                show(item)

        self.model.listen(event, on_event)


class SectionView(widgets.VBox, _Wiring):
    """A workbook page over one section of the record: header, messages, the owner check.

    A subclass names its ``SECTION`` (the registry, :mod:`playbook.contract`, gives the rest)
    and implements :meth:`build`, which runs once the content is loaded (a coach's invalid
    content file is shown in place instead): it makes the widgets or panels, lists in
    ``owner_only`` what only the workbook's owner sees, and calls :meth:`start`. Its
    :meth:`reload` then puts the saved section into the widgets, inside ``with self.quiet():``.
    """

    SECTION: ClassVar[str]
    #: How the page names its content in the message when it cannot be loaded.
    CONTENT: ClassVar[str] = "This page's content"
    #: What someone who opened the page through a share link is told, if anything.
    CONTRIBUTOR_NOTE: ClassVar[str] = ""
    #: The page's panels in page order, each under the attribute that will hold it (what
    #: :meth:`make_panels` makes; a page that makes its panels itself names them in PARTS).
    PANELS: ClassVar[Mapping[str, type[Panel[Any]]]] = {}
    #: The attributes holding the page's other parts, if it has any (panels it makes itself,
    #: the page a contributor sees). A public attribute of the model, of a panel or of a part
    #: is reached as the page's own (``view.section`` is ``view.model.section``,
    #: ``view.range_start`` is ``view.settings.range_start``), so that code driving a page
    #: (tests, the demo script) need not know how it is divided.
    PARTS: ClassVar[tuple[str, ...]] = ()
    model: SectionModel[Any]

    def __init__(self, session: Session, content: Any = None) -> None:
        super().__init__()
        book = workbook(self.SECTION)
        self.session = session
        self.add_class("pb-" + self.SECTION.replace("_", "-"))
        self.header = WorkbookHeader(session, book.notebook, book.title)
        self.messages = MessageArea()
        self.quiet = Quiet()
        self.owner_only: tuple[widgets.Widget, ...] = ()
        try:
            self.content = content or domain(self.SECTION).load_content()
        except PlaybookError as err:  # a coach's edited content file is invalid
            self.messages.show(f"{self.CONTENT} cannot be loaded: {err}")
            self.children = [self.header, self.messages]
            return
        self.build()

    def build(self) -> None:
        raise NotImplementedError

    def make_panels(self, model: SectionModel[Any]) -> list[Any]:
        """The page's :attr:`PANELS` over ``model``, sharing the page's messages, each kept in
        its attribute; returned in page order."""
        panels = []
        for name, kind in self.PANELS.items():
            panel = kind(model, self.messages)
            setattr(self, name, panel)
            panels.append(panel)
        return panels

    def lay_out(self, body: widgets.Widget, *after: widgets.Widget) -> None:
        """The page as every workbook shows it: the header, the messages, its ``body`` (what
        only the owner sees) and what comes ``after`` it (the notes about the page)."""
        self.body = body
        self.owner_only = (body,)
        self.children = [self.header, self.messages, body, *after]

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
            cls = type(self)
            parts = (self.__dict__.get(p) for p in (*cls.PANELS, *cls.PARTS, "model"))
            for part in parts:
                if part is not None and name in part.__dict__:
                    return part.__dict__[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
