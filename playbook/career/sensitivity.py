"""Sensitivity: which changes of the context answers would change the recommendation."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from playbook.career.content import PATH_IDS, CareerContent, PathId
from playbook.career.scoring import leaders, score_paths

__all__ = ["Change", "what_would_change"]


@dataclass(frozen=True)
class Change:
    """A set of answer changes that would put ``path`` first by fit, alone."""

    path: PathId
    edits: tuple[tuple[str, str, str], ...]  # (question id, from option id, to option id)


def what_would_change(
    content: CareerContent, context: dict[str, str], max_edits: int = 2
) -> list[Change]:
    """For each path not currently alone in first place, the smallest change of context answers
    (at most ``max_edits`` answers; fewest first, then the largest winning margin) that would put
    it alone in first place. Paths that no such change reaches are left out.

    Only answered questions are changed: the navigator explains the answers given, and an
    unanswered question is shown as one that could still move the result.

    Examples
    --------
    >>> from playbook.career.content import load_content
    >>> [c.path for c in what_would_change(load_content(), {"standardization": "high"})]
    ['community_builder', 'hybrid_integrator']
    """
    questions = [q for q in content.context_questions if q.id in context]
    current = leaders(score_paths(content.context_questions, context))
    out: list[Change] = []
    for path in PATH_IDS:
        if current == [path]:
            continue
        found: Change | None = None
        for n in range(1, max_edits + 1):
            best: tuple[float, Change] | None = None
            for qs in itertools.combinations(questions, n):
                alternatives = [[o for o in q.options if o.id != context[q.id]] for q in qs]
                for choice in itertools.product(*alternatives):
                    trial = dict(context)
                    for q, o in zip(qs, choice, strict=True):
                        trial[q.id] = o.id
                    scores = score_paths(content.context_questions, trial)
                    if leaders(scores) != [path]:
                        continue
                    others = [scores[p].score or 0.0 for p in PATH_IDS if p != path]
                    margin = (scores[path].score or 0.0) - max(others)
                    edits = tuple(
                        (q.id, context[q.id], o.id) for q, o in zip(qs, choice, strict=True)
                    )
                    if best is None or margin > best[0]:
                        best = (margin, Change(path, edits))
            if best is not None:
                found = best[1]
                break
        if found is not None:
            out.append(found)
    return out
