"""The 70/30 time-split page: get a real week in, see where the time goes, plan a transition."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import available_timezones

import ipywidgets as widgets

import playbook.time_split as ts
from playbook.charts.time_split import (
    community_chart,
    focus_chart,
    plan_chart,
    split_chart,
    trend_chart,
    weekly_chart,
)
from playbook.errors import InputError
from playbook.imports import ColumnMapping, ImportResult, check_size, is_calendar
from playbook.imports.timetracker import CsvFormatError, header_signature, parse_timetracker_csv
from playbook.samples import SAMPLE_CALENDAR
from playbook.session import Session
from playbook.ui.common import (
    MessageArea,
    WorkbookHeader,
    button,
    chart_output,
    esc,
    guard,
    guarded,
    heading,
    html_box,
    para,
    show_figure,
    uploaded_file,
)

NOTEBOOK = "03_time_split.ipynb"
SECTION = "time_split"
SAMPLE_RANGE = (dt.date(2026, 3, 2), dt.date(2026, 3, 29))
#: Rows shown in the entries table and offered for reclassification (the search narrows them).
SHOWN_ENTRIES = 150
MANUAL_ROWS = 6
_STYLE = {"description_width": "130px"}
_NONE = ""
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MAPPING_FIELDS = [
    ("description", "Description *"),
    ("start", "Start *"),
    ("date", "Date (if start is a time)"),
    ("end", "End"),
    ("duration", "Duration (hours or h:mm)"),
    ("tags", "Tags"),
    ("project", "Project"),
]


class ManualRow(widgets.HBox):
    """One activity of a typed week: day, what, hours, category."""

    def __init__(self, categories: list[tuple[str, str]]) -> None:
        self.day = widgets.Dropdown(
            options=[(d, i) for i, d in enumerate(_DAYS)], layout=widgets.Layout(width="120px")
        )
        self.description = widgets.Text(placeholder="What", layout=widgets.Layout(width="260px"))
        self.hours = widgets.BoundedFloatText(
            value=0, min=0, max=24, step=0.25, layout=widgets.Layout(width="90px")
        )
        self.category = widgets.Dropdown(options=categories, layout=widgets.Layout(width="230px"))
        super().__init__([self.day, self.description, self.hours, self.category])
        self.add_class("pb-ts-manual-row")

    @property
    def empty(self) -> bool:
        return not self.description.value.strip() and not self.hours.value


class TimeSplitView(widgets.VBox):
    """Where the time really goes, against the playbook's 70/30, community and learning targets.

    Everything the participant does (imports, typed weeks, reclassifications, rules, the date
    range, the plan) is saved at once in the workbook's ``time_split`` section; everything
    shown is recomputed from that section by the pure functions of :mod:`playbook.time_split`.
    """

    def __init__(self, session: Session, content: ts.TimeSplitContent | None = None) -> None:
        super().__init__()
        self.session = session
        self.content = content or ts.load_content()
        self.add_class("pb-time-split")
        self.header = WorkbookHeader(session, NOTEBOOK, "The 70/30 time split")
        self.messages = MessageArea()
        self.import_messages = MessageArea()
        self.section = ts.TimeSplitSection()
        self.figures: dict[str, Any] = {}  # the figures last drawn (tests read them)
        self.classified: list[ts.Classified] = []
        # A CSV waiting for its column mapping: name, bytes, headers.
        self._pending: tuple[str, bytes, list[str]] | None = None
        self._loading = False
        c = self.content
        categories = [(cat.label, cat.id) for cat in c.categories]

        # settings
        self.range_start = widgets.DatePicker(description="From", style=_STYLE)
        self.range_start.add_class("pb-ts-range-start")
        self.range_end = widgets.DatePicker(description="To", style=_STYLE)
        self.range_end.add_class("pb-ts-range-end")
        self.timezone = widgets.Combobox(
            description="Time zone",
            options=sorted(z for z in available_timezones() if "/" in z) + ["UTC"],
            ensure_option=False,
            continuous_update=False,
            style=_STYLE,
        )
        self.timezone.add_class("pb-ts-timezone")
        self.owner_email = widgets.Text(
            description="Your e-mail",
            placeholder="the address your calendar uses (to leave out meetings you declined)",
            continuous_update=False,
            layout=widgets.Layout(width="95%"),
            style=_STYLE,
        )
        self.owner_email.add_class("pb-ts-owner")

        # import
        self.upload = widgets.FileUpload(
            accept=".ics,.csv,.txt,text/calendar,text/csv",
            multiple=False,
            description="Import file",
        )
        self.upload.add_class("pb-ts-upload")
        self.sample_button = button("Try the sample calendar", "pb-ts-sample", "calendar")
        self.sample_button.layout.display = None if SAMPLE_CALENDAR.is_file() else "none"
        self.mapping_help = para("")
        self.mapping_pickers = {
            name: widgets.Dropdown(description=label, options=[("—", _NONE)], style=_STYLE)
            for name, label in _MAPPING_FIELDS
        }
        for name, picker in self.mapping_pickers.items():
            picker.add_class(f"pb-ts-map-{name}")
        self.mapping_button = button(
            "Import with these columns", "pb-ts-map-import", "check", "primary"
        )
        self.mapping_box = widgets.VBox(
            [self.mapping_help, *self.mapping_pickers.values(), self.mapping_button],
            layout=widgets.Layout(display="none", border="1px solid #ccc", padding="6px"),
        )
        self.mapping_box.add_class("pb-ts-mapping")
        self.imports_list = html_box("pb-ts-imports")
        self.remove_source = widgets.Dropdown(description="Remove", options=[], style=_STYLE)
        self.remove_source.add_class("pb-ts-remove-source")
        self.remove_button = button("Remove these entries", "pb-ts-remove", "trash")

        # manual week
        self.manual_week = widgets.DatePicker(description="Week of", style=_STYLE)
        self.manual_week.add_class("pb-ts-manual-week")
        self.manual_rows = [ManualRow(categories) for _ in range(MANUAL_ROWS)]
        self.manual_box = widgets.VBox(self.manual_rows)
        self.add_row_button = button("Add a row", "pb-ts-add-row", "plus")
        self.save_week_button = button("Save this week", "pb-ts-save-week", "check", "success")

        # entries and classification
        self.search = widgets.Text(
            description="Find",
            placeholder="words in the description, project or tags",
            continuous_update=False,
            style=_STYLE,
        )
        self.search.add_class("pb-ts-search")
        self.entries_table = html_box("pb-ts-entries")
        self.entry_pick = widgets.Dropdown(
            description="Entry", options=[], layout=widgets.Layout(width="95%"), style=_STYLE
        )
        self.entry_pick.add_class("pb-ts-entry-pick")
        self.category_pick = widgets.Dropdown(
            description="Category", options=categories, style=_STYLE
        )
        self.category_pick.add_class("pb-ts-category-pick")
        self.reclassify_button = button("Reclassify", "pb-ts-reclassify", "tag", "primary")
        self.rule_keyword = widgets.Text(
            description="Keyword", placeholder="e.g. lighting plot", style=_STYLE
        )
        self.rule_keyword.add_class("pb-ts-rule-keyword")
        self.rule_category = widgets.Dropdown(
            description="Category", options=categories, style=_STYLE
        )
        self.rule_category.add_class("pb-ts-rule-category")
        self.rule_button = button("Add rule", "pb-ts-add-rule", "plus")
        self.rules_list = html_box("pb-ts-rules")
        self.rule_remove = widgets.Dropdown(description="Your rule", options=[], style=_STYLE)
        self.rule_remove_button = button("Remove rule", "pb-ts-remove-rule", "minus")

        # results
        self.summary = html_box("pb-ts-summary")
        self.overlaps = MessageArea()
        self.overlaps.add_class("pb-ts-overlaps")
        self.focus_text = html_box("pb-ts-focus")
        self.outputs = {
            "split": chart_output("pb-ts-split-chart", "260px"),
            "weekly": chart_output("pb-ts-weekly-chart", "380px"),
            "trend": chart_output("pb-ts-trend-chart", "380px"),
            "community": chart_output("pb-ts-community-chart", "380px"),
            "focus": chart_output("pb-ts-focus-chart", "380px"),
            "plan": chart_output("pb-ts-plan-chart", "380px"),
        }

        # plan
        plan_defaults = c.transition
        self.plan_start_share = widgets.BoundedIntText(
            description="Technical now (%)", min=0, max=100, style=_STYLE
        )
        self.plan_start_share.add_class("pb-ts-plan-start")
        self.plan_target_share = widgets.BoundedIntText(
            description="Target (%)", min=0, max=100, style=_STYLE
        )
        self.plan_target_share.add_class("pb-ts-plan-target")
        self.plan_months = widgets.BoundedIntText(
            description="Months", min=1, max=plan_defaults.max_months, style=_STYLE
        )
        self.plan_months.add_class("pb-ts-plan-months")
        self.plan_date = widgets.DatePicker(description="Starting", style=_STYLE)
        self.plan_date.add_class("pb-ts-plan-date")
        self.measured_button = button("Use my measured share", "pb-ts-measured", "line-chart")
        self.plan_table = html_box("pb-ts-milestones")
        self.plan_progress = html_box("pb-ts-progress")

        self.body = widgets.VBox(
            [
                heading("1. Your weeks and your time zone"),
                para(
                    "Choose the weeks to analyse. Calendar events are read for this range when "
                    "you import: to look at other weeks, change it and import the calendar again "
                    "(nothing is counted twice)."
                ),
                widgets.HBox([self.range_start, self.range_end]),
                self.timezone,
                self.owner_email,
                heading("2. Get your time in"),
                para(
                    "Import what your tools already know: an .ics export of Google Calendar, "
                    "Outlook, Apple Calendar or Thunderbird, or a Toggl Track or Clockify "
                    "detailed report (CSV). Any other CSV works too: you choose its columns once. "
                    "Files up to 10 MiB."
                ),
                widgets.HBox([self.upload, self.sample_button]),
                self.import_messages,
                self.mapping_box,
                self.imports_list,
                widgets.HBox([self.remove_source, self.remove_button]),
                heading("Or type a week", 4),
                para("Hours per activity and a category; a day holds at most 24 hours."),
                self.manual_week,
                self.manual_box,
                widgets.HBox([self.add_row_button, self.save_week_button]),
                heading("3. Where your time goes"),
                self.summary,
                self.overlaps,
                self.outputs["split"],
                self.outputs["weekly"],
                self.outputs["trend"],
                self.outputs["community"],
                heading("Focus vs fragmented time", 4),
                self.focus_text,
                self.outputs["focus"],
                heading("4. Your entries and their categories"),
                para(
                    "Each entry's category comes from your own choice, else from your rules, "
                    "else from the workbook's keyword rules. Reclassify any entry, or add a "
                    "rule for a word that should always mean one category."
                ),
                self.search,
                self.entries_table,
                self.entry_pick,
                widgets.HBox([self.category_pick, self.reclassify_button]),
                widgets.HBox([self.rule_keyword, self.rule_category, self.rule_button]),
                self.rules_list,
                widgets.HBox([self.rule_remove, self.rule_remove_button]),
                heading("5. From technical work to leadership: a transition plan"),
                para(plan_defaults.source),
                para(plan_defaults.note),
                widgets.HBox([self.plan_start_share, self.plan_target_share, self.plan_months]),
                widgets.HBox([self.plan_date, self.measured_button]),
                self.plan_progress,
                self.outputs["plan"],
                self.plan_table,
            ]
        )
        self.children = [self.header, self.messages, self.body, self._about()]

        for w in (self.range_start, self.range_end, self.timezone, self.owner_email):
            w.observe(self._on_settings, names="value")
        self.upload.observe(self._on_upload, names="value")
        self.sample_button.on_click(guarded(self.import_messages, self._on_sample))
        self.mapping_button.on_click(guarded(self.import_messages, self._on_mapping))
        self.remove_button.on_click(guarded(self.messages, self._on_remove_source))
        self.manual_week.observe(self._on_manual_week, names="value")
        self.add_row_button.on_click(guarded(self.messages, self._on_add_row))
        self.save_week_button.on_click(guarded(self.messages, self._on_save_week))
        self.search.observe(self._on_search, names="value")
        self.reclassify_button.on_click(guarded(self.messages, self._on_reclassify))
        self.rule_button.on_click(guarded(self.messages, self._on_add_rule))
        self.rule_remove_button.on_click(guarded(self.messages, self._on_remove_rule))
        for w in (self.plan_start_share, self.plan_target_share, self.plan_months, self.plan_date):
            w.observe(self._on_plan, names="value")
        self.measured_button.on_click(guarded(self.messages, self._on_measured))
        session.observe(self._on_reload, names="revision")
        self._on_reload()

    # --- static explanation ---------------------------------------------------------------

    def _about(self) -> widgets.Widget:
        c = self.content
        t = c.targets
        cats = "".join(
            f"<tr><td><b>{esc(cat.label)}</b></td><td>{esc(cat.description)}</td></tr>"
            for cat in c.categories
        )
        sources = "".join(
            f"<li>{esc(text)}</li>"
            for text in (
                t.split.source,
                t.community.source,
                t.community.example,
                t.learning.source,
                c.transition.note,
            )
            if text
        )
        return widgets.HTML(
            "<h3>What the playbook says, and what this workbook assumes</h3>"
            f"<ul class='pb-ts-sources'>{sources}</ul>"
            "<p><i>The article's figures are its author's claims, quoted as such. Tolerance bands, "
            f"the {c.focus.min_block_hours:g}-hour focus block, the "
            f"{c.focus.workday_start:%H:%M}-{c.focus.workday_end:%H:%M} working day and the "
            "keyword rules are defaults of this workbook that a coach can change.</i></p>"
            "<h4>Categories</h4><table cellpadding='4' style='border-collapse:collapse'>"
            f"{cats}</table>"
        )

    # --- state ----------------------------------------------------------------------------

    def _save(self, section: ts.TimeSplitSection) -> None:
        """Save first, then adopt: if saving fails, the page keeps what was saved before."""
        self.session.save_section(SECTION, section.model_dump(mode="json"))
        self.section = section

    def _range(self) -> tuple[dt.date, dt.date]:
        r = self.section.date_range or ts.default_range(dt.date.today())
        return r.start, r.end

    def _on_reload(self, _change: Any = None) -> None:
        """Put the saved section into the widgets (page load, new workbook, import)."""
        enabled = self.session.role == "owner"
        self.body.layout.display = None if enabled else "none"
        if not enabled:
            return
        with guard(self.messages):
            self.section = ts.parse_section(self.session.section(SECTION))
            self._loading = True
            try:
                start, end = self._range()
                self.range_start.value, self.range_end.value = start, end
                self.timezone.value = self.section.timezone
                self.owner_email.value = self.section.owner_email
                plan = self.section.plan
                self.plan_start_share.value = round(plan.start_share * 100)
                self.plan_target_share.value = round(plan.target_share * 100)
                self.plan_months.value = plan.months
                self.plan_date.value = plan.start_date
                self.manual_week.value = ts.week_start(end)
                self._fill_manual_rows()
            finally:
                self._loading = False
            self._refresh()

    def _on_settings(self, _change: Any = None) -> None:
        if self._loading:
            return
        with guard(self.messages):
            date_range = ts.check_range(self.range_start.value, self.range_end.value)
            tz = (self.timezone.value or "").strip()
            section = self.section.model_copy(
                update={
                    "date_range": date_range,
                    "owner_email": self.owner_email.value.strip(),
                }
            )
            section = ts.TimeSplitSection.model_validate(
                {**section.model_dump(mode="json"), "timezone": tz}
            )
            self._save(section)
            self._follow_range()
            self._refresh()

    def _follow_range(self) -> None:
        """Show the typed week at the end of the range, unless the one shown is inside it."""
        start, end = self._range()
        week = self.manual_week.value
        if week is not None and start <= week <= end:
            return
        self._loading = True
        try:
            self.manual_week.value = ts.week_start(end)
            self._fill_manual_rows()
        finally:
            self._loading = False

    # --- imports --------------------------------------------------------------------------

    def _on_upload(self, _change: Any = None) -> None:
        if self._loading or not self.upload.value:
            return
        with guard(self.import_messages):
            picked = uploaded_file(self.upload)
            self._loading = True
            try:
                self.upload.value = ()
            finally:
                self._loading = False
            if picked is not None:
                self._import(*picked)

    def _on_sample(self, _button: Any = None) -> None:
        start, end = SAMPLE_RANGE
        section = self.section.model_copy(update={"date_range": ts.DateRange(start=start, end=end)})
        if not self.section.entries and self.section.timezone == "UTC":
            section = section.model_copy(update={"timezone": "Europe/London"})
        self._save(section)
        self._loading = True
        try:
            self.range_start.value, self.range_end.value = start, end
            self.timezone.value = section.timezone
        finally:
            self._loading = False
        self._follow_range()
        self._import(SAMPLE_CALENDAR.name, SAMPLE_CALENDAR.read_bytes())

    def _import(self, name: str, data: bytes, mapping: ColumnMapping | None = None) -> None:
        check_size(data)
        start, end = self._range()
        notes: list[str] = []
        result: ImportResult | None
        if is_calendar(data):
            # icalendar is loaded on the first calendar import, not with the page
            from playbook.imports.calendar import guess_calendar_timezone, parse_calendar

            section = self.section
            guessed = guess_calendar_timezone(data)
            if guessed and not section.entries and section.timezone == "UTC" and guessed != "UTC":
                section = section.model_copy(update={"timezone": guessed})
                notes.append(f"Times are shown in {guessed}, the calendar's own time zone.")
            result = parse_calendar(
                data,
                section.timezone,
                start,
                end,
                owner_email=section.owner_email or None,
                all_day_hours=self.content.calendar.all_day_hours,
            )
        else:
            section = self.section
            result = self._import_csv(name, data, mapping, (start, end))
            if result is None:
                return
        self._merge(name, result, notes, section)

    def _import_csv(
        self,
        name: str,
        data: bytes,
        mapping: ColumnMapping | None,
        date_range: tuple[dt.date, dt.date],
    ) -> ImportResult | None:
        tz = self.section.timezone
        try:
            return parse_timetracker_csv(data, tz, mapping=mapping, date_range=date_range)
        except CsvFormatError as err:
            if mapping is not None or not err.headers:
                raise
            remembered = self.section.column_mappings.get(header_signature(err.headers))
            if remembered is not None:
                return parse_timetracker_csv(data, tz, mapping=remembered, date_range=date_range)
            self._ask_mapping(name, data, err.headers, str(err))
            return None

    def _ask_mapping(self, name: str, data: bytes, headers: list[str], message: str) -> None:
        self._pending = (name, data, headers)
        options = [("—", _NONE)] + [(h, h) for h in headers if h]
        for picker in self.mapping_pickers.values():
            picker.options = options
            picker.value = _NONE
        self.mapping_help.value = (
            f"<p><b>Which columns of {esc(name)} hold what?</b> Asked once per layout of "
            "columns: the workbook remembers your choice. * is required, and an end or a "
            "duration.</p>"
        )
        self.mapping_box.layout.display = None
        self.import_messages.show(message, "info")

    def _on_mapping(self, _button: Any = None) -> None:
        if self._pending is None:
            raise InputError("Choose the file to import first.")
        choices = {name: picker.value for name, picker in self.mapping_pickers.items()}
        mapping = ColumnMapping.from_choices(**choices)
        name, data, headers = self._pending
        start, end = self._range()
        result = parse_timetracker_csv(
            data, self.section.timezone, mapping=mapping, date_range=(start, end)
        )
        mappings = {**self.section.column_mappings, header_signature(headers): mapping}
        base = self.section.model_copy(update={"column_mappings": mappings})
        self._merge(
            name, result, ["Your column choice is remembered for files like this one."], base
        )
        self._pending = None
        self.mapping_box.layout.display = "none"

    def _merge(
        self,
        name: str,
        result: ImportResult,
        notes: list[str],
        base: ts.TimeSplitSection | None = None,
    ) -> None:
        """Merge an import into ``base`` (default: the current section) and save it."""
        now = dt.datetime.now(dt.UTC)
        section, merged = ts.apply_import(base or self.section, result, name, now)
        if result.format == "iCalendar" and section.date_range is None:
            start, end = self._range()
            section = section.model_copy(update={"date_range": ts.DateRange(start=start, end=end)})
        self._save(section)
        text = f"{result.summary()} {merged.added} new, {merged.duplicates} already in your log."
        extra = [*notes, *result.warnings]
        if not result.entries:
            start, end = self._range()
            extra.append(
                f"Nothing fell between {start:%d %b %Y} and {end:%d %b %Y}: check the date range."
            )
        self.import_messages.show(" ".join([text, *extra]), "success" if result.entries else "info")
        self._refresh()

    def _on_remove_source(self, _button: Any = None) -> None:
        source = self.remove_source.value
        if not source:
            raise InputError("Choose which entries to remove.")
        self._save(ts.remove_entries(self.section, source))
        self.messages.show("Removed. Import the file again to bring them back.", "success")
        self._refresh()

    # --- manual week ----------------------------------------------------------------------

    def _fill_manual_rows(self) -> None:
        monday = self.manual_week.value
        if monday is None:
            return
        monday = ts.week_start(monday)
        sunday = monday + dt.timedelta(days=6)
        typed = [
            e for e in self.section.entries if e.source == "manual" and monday <= e.day <= sunday
        ]
        categories = [(cat.label, cat.id) for cat in self.content.categories]
        while len(self.manual_rows) < max(MANUAL_ROWS, len(typed) + 1):
            self.manual_rows.append(ManualRow(categories))
        for row, entry in zip(
            self.manual_rows, [*typed, *[None] * len(self.manual_rows)], strict=False
        ):
            row.day.value = entry.day.weekday() if entry else 0
            row.description.value = entry.description if entry else ""
            row.hours.value = entry.hours if entry else 0
            row.category.value = (
                entry.category if entry else None
            ) or self.content.default_category
        self.manual_box.children = self.manual_rows

    def _on_manual_week(self, _change: Any = None) -> None:
        if self._loading:
            return
        with guard(self.messages):
            self._loading = True
            try:
                self._fill_manual_rows()
            finally:
                self._loading = False

    def _on_add_row(self, _button: Any = None) -> None:
        self.manual_rows.append(ManualRow([(c.label, c.id) for c in self.content.categories]))
        self.manual_box.children = self.manual_rows

    def _on_save_week(self, _button: Any = None) -> None:
        if self.manual_week.value is None:
            raise InputError("Choose the week first.")
        monday = ts.week_start(self.manual_week.value)
        rows = [
            {
                "day": (monday + dt.timedelta(days=row.day.value)).isoformat(),
                "description": row.description.value,
                "hours": row.hours.value,
                "category": row.category.value,
            }
            for row in self.manual_rows
            if not row.empty
        ]
        new = ts.manual_entries(rows, self.content)
        entries = ts.replace_manual_week(self.section.entries, monday, new)
        ts.check_entry_limit(entries)
        self._save(self.section.model_copy(update={"entries": entries}))
        total = sum(e.hours for e in new)
        self.messages.show(
            f"Saved the week of {monday:%d %B %Y}: {len(new)} activities, {total:g} h.", "success"
        )
        self._refresh()

    # --- classification -------------------------------------------------------------------

    def _on_reclassify(self, _button: Any = None) -> None:
        entry_id = self.entry_pick.value
        if not entry_id:
            raise InputError("Choose the entry to reclassify.")
        category = self.category_pick.value
        self._save(ts.reclassify(self.section, [entry_id], category, self.content))
        label = self.content.category(category).label
        self.messages.show(f"Reclassified as {label}. Saved.", "success")
        self._refresh(keep_pick=entry_id)

    def _on_add_rule(self, _button: Any = None) -> None:
        rules = ts.add_user_rule(
            self.section.user_rules, self.rule_keyword.value, self.rule_category.value, self.content
        )
        self._save(self.section.model_copy(update={"user_rules": rules}))
        self.rule_keyword.value = ""
        self.messages.show("Rule added. Saved.", "success")
        self._refresh()

    def _on_remove_rule(self, _button: Any = None) -> None:
        rule_id = self.rule_remove.value
        if not rule_id:
            raise InputError("Choose the rule to remove.")
        rules = [r for r in self.section.user_rules if r.id != rule_id]
        self._save(self.section.model_copy(update={"user_rules": rules}))
        self._refresh()

    def _on_search(self, _change: Any = None) -> None:
        with guard(self.messages):
            self._show_entries()

    # --- plan -----------------------------------------------------------------------------

    def _plan_settings(self) -> ts.PlanSettings:
        return ts.PlanSettings(
            start_share=self.plan_start_share.value / 100,
            target_share=self.plan_target_share.value / 100,
            months=self.plan_months.value,
            start_date=self.plan_date.value,
        )

    def _on_plan(self, _change: Any = None) -> None:
        if self._loading:
            return
        with guard(self.messages):
            settings = self._plan_settings()
            ts.transition_plan(settings, self.content, today=dt.date.today())  # validates
            self._save(self.section.model_copy(update={"plan": settings}))
            self._show_plan()

    def _on_measured(self, _button: Any = None) -> None:
        share = ts.measured_technical_share(self._report())
        if share is None:
            raise InputError("No working hours in the date range yet to measure from.")
        self.plan_start_share.value = round(share * 100)

    # --- results --------------------------------------------------------------------------

    def _report(self) -> ts.SplitReport:
        return ts.summarize(self.classified, self.content, self._range())

    def _refresh(self, keep_pick: str | None = None) -> None:
        c = self.content
        self.classified = self.section.classified(c)
        report = self._report()
        self.summary.value = "".join(f"<p>{esc(line)}</p>" for line in ts.explain_split(report, c))
        in_range = [x.entry for x in self.classified if report.start <= x.entry.day <= report.end]
        overlap_text = ts.describe_overlaps(ts.find_overlaps(in_range, limit=1000))
        if overlap_text:
            self.overlaps.show(overlap_text, "info")
        else:
            self.overlaps.clear()
        focus = ts.focus_report(self.classified, c, self._range())
        self.focus_text.value = f"<p>{esc(ts.explain_focus(focus))}</p>"
        self._draw("split", split_chart(report))
        self._draw("weekly", weekly_chart(report, c))
        self._draw("trend", trend_chart(report))
        self._draw("community", community_chart(report))
        self._draw("focus", focus_chart(focus))
        self._show_imports()
        self._show_rules()
        self._show_entries(keep_pick)
        self._show_plan(report)

    def _draw(self, name: str, fig: Any) -> None:
        self.figures[name] = fig
        show_figure(self.outputs[name], fig)

    def _show_imports(self) -> None:
        rows = "".join(
            f"<li>{esc(r.file_name)}: {esc(r.format)}, {r.added} new, {r.duplicates} already "
            f"there ({r.imported_at:%d %b %Y %H:%M} UTC)</li>"
            for r in self.section.imports[-8:]
        )
        self.imports_list.value = f"<ul>{rows}</ul>" if rows else ""
        counts = ts.source_counts(self.section.entries)
        self.remove_source.options = [("—", _NONE)] + [
            (f"{ts.SOURCE_NAMES.get(src, src)} ({n})", src) for src, n in counts.items()
        ]
        self.remove_source.value = _NONE

    def _show_rules(self) -> None:
        labels = {cat.id: cat.label for cat in self.content.categories}
        rules = self.section.user_rules
        self.rules_list.value = (
            "<p>Your rules (tried before the workbook's):</p><ul>"
            + "".join(
                f"<li>“{esc(', '.join(r.keywords))}” → {esc(labels.get(r.category, r.category))}</li>"
                for r in rules
            )
            + "</ul>"
            if rules
            else ""
        )
        self.rule_remove.options = [("—", _NONE)] + [(", ".join(r.keywords), r.id) for r in rules]
        self.rule_remove.value = _NONE

    def _show_entries(self, keep_pick: str | None = None) -> None:
        start, end = self._range()
        words = self.search.value.strip().lower()
        shown = [
            x
            for x in self.classified
            if start <= x.entry.day <= end and (not words or words in x.entry.text.lower())
        ]
        shown.sort(
            key=lambda x: (x.entry.day, x.entry.start or dt.datetime.min.replace(tzinfo=dt.UTC))
        )
        labels = {cat.id: cat.label for cat in self.content.categories}

        def when(x: ts.Classified) -> str:
            e = x.entry
            if e.start is not None and e.end is not None and not e.all_day:
                return f"{e.day:%a %d %b} {e.start:%H:%M}-{e.end:%H:%M}"
            return f"{e.day:%a %d %b} (all day)" if e.all_day else f"{e.day:%a %d %b}"

        rows = "".join(
            f"<tr><td>{esc(when(x))}</td><td align=right>{x.entry.hours:.2f}</td>"
            f"<td>{esc(x.entry.description or '(untitled)')}</td>"
            f"<td class='pb-ts-cat'>{esc(labels.get(x.category, x.category))}</td>"
            f"<td><small>{esc(x.reason)}</small></td></tr>"
            for x in shown[:SHOWN_ENTRIES]
        )
        more = (
            f"<p><small>{len(shown) - SHOWN_ENTRIES} more: narrow them with Find.</small></p>"
            if len(shown) > SHOWN_ENTRIES
            else ""
        )
        self.entries_table.value = (
            (
                "<div style='max-height:360px;overflow:auto'><table cellpadding='3' "
                "style='border-collapse:collapse;font-size:0.92em'><tr><th align=left>When</th>"
                "<th>Hours</th><th align=left>Entry</th><th align=left>Category</th>"
                f"<th align=left>Why</th></tr>{rows}</table></div>{more}"
            )
            if shown
            else "<p><i>No entries in the date range yet.</i></p>"
        )
        options = [("—", _NONE)] + [
            (
                f"{when(x)} · {(x.entry.description or '(untitled)')[:60]} · "
                f"{labels.get(x.category, x.category)}",
                x.entry.id,
            )
            for x in shown[: SHOWN_ENTRIES * 2]
        ]
        self.entry_pick.options = options
        keep = keep_pick if keep_pick and any(v == keep_pick for _, v in options) else _NONE
        self.entry_pick.value = keep

    def _show_plan(self, report: ts.SplitReport | None = None) -> None:
        report = report or self._report()
        settings = self.section.plan
        if settings.start_date is None:
            first = min((x.entry.day for x in self.classified), default=dt.date.today())
            settings = settings.model_copy(update={"start_date": first})
        plan = ts.transition_plan(settings, self.content, today=dt.date.today())
        progress = ts.plan_progress(plan, report)
        self.plan_progress.value = f"<p>{esc(ts.explain_progress(progress))}</p>"
        rows = "".join(
            f"<tr><td>{m.month}</td><td>{m.date:%d %b %Y}</td>"
            f"<td align=right>{m.technical_share:.0%}</td><td>{esc(m.checkpoint)}</td></tr>"
            for m in plan.milestones
        )
        self.plan_table.value = (
            "<table cellpadding='4' style='border-collapse:collapse'><tr><th>Month</th>"
            "<th align=left>By</th><th>Technical work</th><th align=left>Quality checkpoint</th>"
            f"</tr>{rows}</table>"
        )
        self._draw("plan", plan_chart(plan, progress))
