"""Keyword classification: each entry's category, and why (the participant's choice, the
entry's own category, the participant's rules, the content's rules, else the default)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from playbook.errors import InputError
from playbook.imports import Entry
from playbook.time_split.content import Rule, TimeSplitContent

if TYPE_CHECKING:
    from playbook.time_split.section import CountedPractice, TimeSplitSection

#: The prefix of a chosen community practice's rule id (``"practice:beyond_team"``).
PRACTICE_RULE = "practice:"

__all__ = [
    "PRACTICE_RULE",
    "Classified",
    "Classifier",
    "add_user_rule",
    "classify_entries",
    "classify_section",
]


@dataclass(frozen=True, slots=True)
class Classified:
    """An entry with its category and why: ``reason`` is a phrase for the participant."""

    entry: Entry
    category: str
    reason: str
    rule_id: str | None = None


def _keyword_pattern(keyword: str) -> str:
    # Whole word or phrase; a trailing plural s/es also matches ("rehearsals", "1:1s").
    return rf"(?<!\w){re.escape(keyword.lower())}(?:e?s)?(?!\w)"


class Classifier:
    """Classifies entries: overrides, then the entry's own category, then rules, in order.

    Rules are tried in order (the participant's rules first, then the keywords of the
    community practices they chose, as community time, then the content's) and the first rule
    with a keyword in the entry's text wins. All keywords are compiled into one
    regular expression with a named group per rule, and results are cached per text (a
    calendar repeats the same titles), so 100,000 entries classify in well under a second.

    Examples
    --------
    >>> from playbook.time_split import load_content
    >>> content = load_content()
    >>> c = Classifier(content)
    >>> c.classify_text("Tech rehearsal, Act 2")
    ('delivery', 'production', 'tech rehearsal')
    >>> c.classify_text("1:1 with Sam")
    ('community', 'relationships', '1:1')
    >>> c.classify_text("Quarterly stakeholder update")[0]
    'visibility'
    """

    def __init__(
        self,
        content: TimeSplitContent,
        user_rules: Sequence[Rule] = (),
        overrides: Mapping[str, str] | None = None,
        practices: Sequence[CountedPractice] = (),
    ) -> None:
        self.content = content
        self.overrides = dict(overrides or {})
        known = set(content.category_ids)
        community = next((c.id for c in content.categories if c.community), None)
        #: Whose each rule is, in the reason's words: "your rule", "your practice '<name>'".
        self._whose: dict[str, str] = {r.id: "your rule" for r in user_rules}
        # a coach's content without a community category has nowhere to count them
        chosen = (
            [
                Rule(id=f"{PRACTICE_RULE}{p.id}", category=community, keywords=p.keywords)
                for p in practices
            ]
            if community is not None
            else []
        )
        for p in practices:
            self._whose[f"{PRACTICE_RULE}{p.id}"] = f"your practice '{p.name}'"
        self._rules: list[tuple[Rule, bool]] = (
            [(r, True) for r in user_rules if r.category in known]
            + [(r, True) for r in chosen]
            + [(r, False) for r in content.rules]
        )
        groups = []
        for i, (rule, _user) in enumerate(self._rules):
            # Longest keywords first, so "tech rehearsal" is reported rather than "tech".
            words = sorted(set(rule.keywords), key=len, reverse=True)
            groups.append(f"(?P<r{i}>{'|'.join(_keyword_pattern(k) for k in words)})")
        self._regex = re.compile("|".join(groups), re.IGNORECASE) if groups else None
        self._cache: dict[str, tuple[str, str | None, str | None]] = {}

    def classify_text(self, text: str) -> tuple[str, str | None, str | None]:
        """``(category, rule id, matched keyword)`` for a text; no match gives the default."""
        hit = self._cache.get(text)
        if hit is not None:
            return hit
        best: tuple[int, str] | None = None
        if self._regex is not None:
            for m in self._regex.finditer(text):
                index = int(m.lastgroup[1:])  # type: ignore[index]
                if best is None or index < best[0]:
                    best = (index, m.group(0).lower())
                    if index == 0:
                        break
        if best is None:
            result: tuple[str, str | None, str | None] = (
                self.content.default_category,
                None,
                None,
            )
        else:
            rule = self._rules[best[0]][0]
            result = (rule.category, rule.id, best[1])
        if len(self._cache) < 200_000:
            self._cache[text] = result
        return result

    def classify(self, entry: Entry) -> Classified:
        """The category of one entry, and the reason, for the participant to see."""
        chosen = self.overrides.get(entry.id)
        if chosen is not None and chosen in self.content.category_ids:
            return Classified(entry, chosen, "your choice")
        if entry.category is not None and entry.category in self.content.category_ids:
            return Classified(entry, entry.category, "entered with this category")
        category, rule_id, keyword = self.classify_text(entry.text)
        if rule_id is None:
            return Classified(entry, category, "no rule matched")
        user = any(r.id == rule_id and u for r, u in self._rules)
        whose = self._whose.get(rule_id, "your rule") if user else "rule"
        if rule_id.startswith(PRACTICE_RULE) and user:
            return Classified(entry, category, f"{whose} (keyword '{keyword}')", rule_id)
        return Classified(entry, category, f"{whose} '{rule_id}' (keyword '{keyword}')", rule_id)


def classify_entries(
    entries: Iterable[Entry],
    content: TimeSplitContent,
    overrides: Mapping[str, str] | None = None,
    user_rules: Sequence[Rule] = (),
    practices: Sequence[CountedPractice] = (),
) -> list[Classified]:
    """Classify every entry (see :class:`Classifier` for the order of precedence)."""
    classifier = Classifier(content, user_rules, overrides, practices)
    return [classifier.classify(e) for e in entries]


def classify_section(section: TimeSplitSection, content: TimeSplitContent) -> list[Classified]:
    """Every entry of ``section`` with its category under the section's overrides and rules
    (the entries table lists them all; :func:`~playbook.time_split.merge.counted_classified`
    gives only those that count)."""
    return classify_entries(
        section.entries,
        content,
        section.overrides,
        section.user_rules,
        section.community_practices,
    )


def add_user_rule(
    rules: Sequence[Rule], keyword: str, category: str, content: TimeSplitContent
) -> list[Rule]:
    """The participant's rules with ``keyword -> category`` added (or its category changed).

    Raises
    ------
    InputError
        When the keyword is blank or too long, or the category unknown.

    Examples
    --------
    >>> from playbook.time_split import load_content
    >>> content = load_content()
    >>> rules = add_user_rule([], "Lighting plot", "hands_on", content)
    >>> rules[0].keywords, rules[0].category
    (('lighting plot',), 'hands_on')
    """
    content.check_category(category)
    word = " ".join(keyword.split()).lower()
    if not word:
        raise InputError("Type the word or phrase the rule should look for.")
    if len(word) > 80:
        raise InputError("A rule's keyword can be at most 80 characters.")
    kept = [r for r in rules if word not in r.keywords]
    taken = {r.id for r in kept}
    n = 1
    while f"my-rule-{n}" in taken:
        n += 1
    return [Rule(id=f"my-rule-{n}", category=category, keywords=(word,)), *kept]
