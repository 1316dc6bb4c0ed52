"""4. The entries and their categories: find, reclassify, and the participant's own rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

import playbook.time_split as ts
from playbook.errors import InputError
from playbook.ui.common import Panel, button, esc, html_box
from playbook.ui.common.parts import scroll_region
from playbook.ui.time_split.model import NONE, REFRESHED, STYLE, TimeSplitModel

#: Rows shown in the entries table and offered for reclassification (the search narrows them).
SHOWN_ENTRIES = 150


def _when(x: ts.Classified) -> str:
    e = x.entry
    if e.start is not None and e.end is not None and not e.all_day:
        return f"{e.day:%a %d %b} {e.start:%H:%M}-{e.end:%H:%M}"
    return f"{e.day:%a %d %b} (all day)" if e.all_day else f"{e.day:%a %d %b}"


class EntriesPanel(Panel[TimeSplitModel]):
    """The entries in the date range with the category each got and why; a reclassified entry
    stays picked, so that the participant sees it moved."""

    TITLE = "5. Your entries and their categories"
    INTRO = "Each entry's category comes from your own choice, else from your rules, else from the workbook's keyword rules. Reclassify any entry, or add a rule for a word that should always mean one category."

    def build(self, model: TimeSplitModel) -> list[widgets.Widget]:
        self._keep_pick: str | None = None
        categories = model.categories
        self.search = widgets.Text(
            description="Find",
            placeholder="words in the description, project or tags",
            continuous_update=False,
            style=STYLE,
        )
        self.search.add_class("pb-ts-search")
        self.entries_table = html_box("pb-ts-entries")
        self.entry_pick = widgets.Dropdown(
            description="Entry", options=[], layout=widgets.Layout(width="95%"), style=STYLE
        )
        self.entry_pick.add_class("pb-ts-entry-pick")
        self.category_pick = widgets.Dropdown(
            description="Category", options=categories, style=STYLE
        )
        self.category_pick.add_class("pb-ts-category-pick")
        self.reclassify_button = button("Reclassify", "pb-ts-reclassify", "tag", "primary")
        self.rule_keyword = widgets.Text(
            description="Keyword", placeholder="e.g. lighting plot", style=STYLE
        )
        self.rule_keyword.add_class("pb-ts-rule-keyword")
        self.rule_category = widgets.Dropdown(
            description="Category", options=categories, style=STYLE
        )
        self.rule_category.add_class("pb-ts-rule-category")
        self.rule_button = button("Add rule", "pb-ts-add-rule", "plus")
        self.rules_list = html_box("pb-ts-rules")
        self.rule_remove = widgets.Dropdown(description="Your rule", options=[], style=STYLE)
        self.rule_remove_button = button("Remove rule", "pb-ts-remove-rule", "minus")
        children = [
            self.search,
            self.entries_table,
            self.entry_pick,
            widgets.HBox([self.category_pick, self.reclassify_button]),
            widgets.HBox([self.rule_keyword, self.rule_category, self.rule_button]),
            self.rules_list,
            widgets.HBox([self.rule_remove, self.rule_remove_button]),
        ]
        self.on_value(self._on_search, self.search)
        self.on_click(self.reclassify_button, self._on_reclassify)
        self.on_click(self.rule_button, self._on_add_rule)
        self.on_click(self.rule_remove_button, self._on_remove_rule)
        model.listen(REFRESHED, self._show)
        return children

    def _on_reclassify(self, _button: Any = None) -> None:
        entry_id = self.entry_pick.value
        if not entry_id:
            raise InputError("Choose the entry to reclassify.")
        category = self.category_pick.value
        content = self.model.content
        self.model.save(ts.reclassify(self.model.section, [entry_id], category, content))
        label = content.category(category).label
        self.messages.show(f"Reclassified as {label}. Saved.", "success")
        self._keep_pick = entry_id
        self.model.refresh()

    def _on_add_rule(self, _button: Any = None) -> None:
        section = self.model.section
        rules = ts.add_user_rule(
            section.user_rules,
            self.rule_keyword.value,
            self.rule_category.value,
            self.model.content,
        )
        self.model.save(section.model_copy(update={"user_rules": rules}))
        self.rule_keyword.value = ""
        self.messages.show("Rule added. Saved.", "success")
        self.model.refresh()

    def _on_remove_rule(self, _button: Any = None) -> None:
        rule_id = self.rule_remove.value
        if not rule_id:
            raise InputError("Choose the rule to remove.")
        section = self.model.section
        rules = [r for r in section.user_rules if r.id != rule_id]
        self.model.save(section.model_copy(update={"user_rules": rules}))
        self.model.refresh()

    def _on_search(self, _change: Any = None) -> None:
        self._show_entries()

    def _show(self) -> None:
        keep, self._keep_pick = self._keep_pick, None
        self._show_rules()
        self._show_entries(keep)

    def _show_rules(self) -> None:
        labels = {cat.id: cat.label for cat in self.model.content.categories}
        rules = self.model.section.user_rules
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
        self.rule_remove.options = [("—", NONE)] + [(", ".join(r.keywords), r.id) for r in rules]
        self.rule_remove.value = NONE

    def _show_entries(self, keep_pick: str | None = None) -> None:
        start, end = self.model.range()
        words = self.search.value.strip().lower()
        shown = [
            x
            for x in self.model.classified
            if start <= x.entry.day <= end and (not words or words in x.entry.text.lower())
        ]
        shown.sort(
            key=lambda x: (x.entry.day, x.entry.start or dt.datetime.min.replace(tzinfo=dt.UTC))
        )
        labels = {cat.id: cat.label for cat in self.model.content.categories}
        rows = "".join(
            f"<tr><td>{esc(_when(x))}</td><td align=right>{x.entry.hours:.2f}</td>"
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
                scroll_region(
                    "<table cellpadding='3' style='border-collapse:collapse;font-size:0.92em'>"
                    "<tr><th align=left>When</th><th>Hours</th><th align=left>Entry</th>"
                    "<th align=left>Category</th>"
                    f"<th align=left>Why</th></tr>{rows}</table>",
                    "Entries in the date range",
                    "360px",
                )
                + more
            )
            if shown
            else "<p><i>No entries in the date range yet.</i></p>"
        )
        options = [("—", NONE)] + [
            (
                f"{_when(x)} · {(x.entry.description or '(untitled)')[:60]} · "
                f"{labels.get(x.category, x.category)}",
                x.entry.id,
            )
            for x in shown[: SHOWN_ENTRIES * 2]
        ]
        self.entry_pick.options = options
        keep = keep_pick if keep_pick and any(v == keep_pick for _, v in options) else NONE
        self.entry_pick.value = keep
