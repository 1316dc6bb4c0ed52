"""Sentences for the results panel: the ranking and each gap, in the participant's words."""

from __future__ import annotations

from playbook.leadership.content import STYLES, Instrument, RaterKind
from playbook.leadership.gaps import Gap
from playbook.leadership.scoring import StyleRanking, round_half_up

__all__ = ["RATER_NAMES", "describe_gap", "describe_ranking"]

RATER_NAMES: dict[RaterKind, str] = {"mentor": "your mentor's score", "peer": "your peers' average"}


def describe_ranking(ranking: StyleRanking, instrument: Instrument) -> str:
    """One or two sentences naming the primary and secondary style and any tie.

    Examples
    --------
    >>> from playbook.leadership import load_content, rank_styles
    >>> inst = load_content()
    >>> describe_ranking(rank_styles({"facilitator": 40, "architect": 80, "integrator": 60}), inst)
    'Your primary style is Architect, with Integrator as your secondary style.'
    >>> print(describe_ranking(rank_styles(dict.fromkeys(STYLES, 60.0)), inst))
    Facilitator, Architect and Integrator are level: read them as a joint primary style. ...
    """
    name = {s: instrument.style(s).name for s in STYLES}
    p, s, t = (name[x] for x in ranking.order)
    if ranking.is_level(ranking.order[0], ranking.order[2]):
        return (
            f"{p}, {s} and {t} are level: read them as a joint primary style. They are listed "
            "in the instrument's order; your ranking blocks did not separate them."
        )
    if ranking.primary_is_level:
        text = (
            f"{p} and {s} are level as your strongest styles: read them as a joint primary "
            f"style, with {t} third. They are listed in the instrument's order; your ranking "
            "blocks did not separate them."
        )
    else:
        text = f"Your primary style is {p}, with {s} as your secondary style."
        if ranking.is_level(ranking.order[1], ranking.order[2]):
            text += f" {s} and {t} are level for second place."
    for group in ranking.broken_by_forced_choice:
        names = " and ".join(name[x] for x in group)
        text += f" {names} had the same score; your ranking blocks put {name[group[0]]} first."
    return text


def describe_gap(gap: Gap, instrument: Instrument, threshold: float) -> str:
    """A sentence on one style's gap between the participant and one kind of rater.

    Examples
    --------
    >>> from playbook.leadership import load_content
    >>> inst = load_content()
    >>> print(describe_gap(Gap("architect", "mentor", 90.0, 40.0, -50.0, "blind_spot"), inst, 33.3))
    Architect: your mentor's score is 50 points lower than yours (90 vs 40): a possible blind \
spot.
    """
    style = instrument.style(gap.style).name
    who = RATER_NAMES[gap.kind]
    if gap.other_score is None:
        return f"{style}: {who} is not shown (not enough answers, or too few raters)."
    if gap.self_score is None or gap.gap is None:
        return (
            f"{style}: {who} is {round_half_up(gap.other_score)}; answer more statements to "
            "compare."
        )
    size = round_half_up(abs(gap.gap))
    pair = f"({round_half_up(gap.self_score)} vs {round_half_up(gap.other_score)})"
    if size == 0:
        return f"{style}: {who} is the same as yours {pair}."
    direction = "higher" if gap.gap > 0 else "lower"
    text = f"{style}: {who} is {size} points {direction} than yours {pair}"
    if gap.flag == "blind_spot":
        return text + ": a possible blind spot."
    if gap.flag == "hidden_strength":
        return text + ": a possible hidden strength."
    return text + f", within the {round_half_up(threshold)}-point threshold."
