"""Reliability of a scale: Cronbach's alpha of a respondents x items matrix.

A plain matrix of item scores in (one row a respondent, one column an item, missing answers
as NaN or ``None``), alpha and its 95% interval out, as ``pingouin.cronbach_alpha`` computes
them (and R's ``psych::alpha``); ``tests/test_stats_reliability.py`` compares the two. What
the items are, and how they are keyed, is the caller's (e.g.
:func:`playbook.leadership.scale_alphas`).

numpy and scipy are imported inside the functions: a page that imports this module's
callers without computing an alpha does not pay for them (scipy.stats is about 1 s and
75 MB in a new kernel).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import numpy as np

__all__ = ["AlphaResult", "cronbach_alpha"]


@dataclass(frozen=True)
class AlphaResult:
    """Cronbach's alpha of one scale over a set of respondents.

    ``alpha`` is ``None`` (with ``reason``) when it cannot be computed: fewer than two
    respondents or items, or no variance.
    """

    alpha: float | None
    n_respondents: int
    n_items: int
    ci95: tuple[float, float] | None = None
    reason: str = ""


def cronbach_alpha(
    data: Sequence[Sequence[float | None]] | np.ndarray,
    nan_policy: Literal["pairwise", "listwise"] = "pairwise",
) -> AlphaResult:
    """Cronbach's alpha of a respondents x items matrix (missing answers as NaN or None).

    Parameters
    ----------
    data
        One row per respondent, one column per item (already keyed: a reverse-worded item
        reversed). A row with no answer at all is dropped.
    nan_policy
        ``"pairwise"`` computes each covariance over the respondents who answered both
        items; ``"listwise"`` first drops every respondent with a missing answer.

    Returns
    -------
    AlphaResult
        ``alpha``, the respondents and items used, and the 95% interval; ``alpha`` ``None``
        with a ``reason`` for fewer than two respondents or items, too few overlapping
        answers, or no variance.

    Notes
    -----
    With ``C`` the items' covariance matrix (sample covariance, ``ddof=1``) and ``k``
    items::

        alpha = k / (k - 1) * (1 - trace(C) / sum(C))

    The 95% interval is the F-based one pingouin reports (Feldt's), with ``n`` the
    respondents actually used (pingouin counts the rows before listwise deletion; on complete
    data both agree)::

        [1 - (1 - alpha) * F(0.025; n - 1, (n - 1)(k - 1)),
         1 - (1 - alpha) * F(0.975; n - 1, (n - 1)(k - 1))]   (upper quantiles of F)

    References
    ----------
    Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
    Psychometrika, 16(3), 297-334. The reference implementation the tests compare with is
    ``pingouin.cronbach_alpha`` (same ``nan_policy`` names); R's ``psych::alpha`` gives the
    same raw alpha.

    Examples
    --------
    >>> r = cronbach_alpha([[1, 2, 2], [2, 3, 3], [4, 4, 5], [5, 5, 4]])
    >>> round(r.alpha, 4), r.n_respondents, r.n_items
    (0.9444, 4, 3)
    >>> [round(x, 3) for x in r.ci95]  # pingouin: (0.9444444444444444, array([0.633, 0.996]))
    [0.633, 0.996]

    A missing answer counts pairwise by default; listwise drops its respondent:

    >>> data = [[1, 2, 2], [2, None, 3], [4, 4, 5], [5, 5, 4], [3, 3, 3]]
    >>> cronbach_alpha(data, "listwise").n_respondents
    4

    Alpha needs two respondents, two items and some variance:

    >>> cronbach_alpha([[3, 3], [3, 3]]).reason
    'not enough overlapping answers or no variance'
    >>> cronbach_alpha([[1, 1, 5, 5], [1, 4, 2, 5], [2, 4, 1, 5]]).alpha is None  # equal totals
    True
    """
    import numpy as np
    from scipy import stats

    x = np.array(data, dtype=float)
    if x.ndim != 2:
        raise ValueError("data must be a respondents x items matrix")
    x = x[~np.all(np.isnan(x), axis=1)]
    if nan_policy == "listwise":
        x = x[~np.any(np.isnan(x), axis=1)]
    elif nan_policy != "pairwise":
        raise ValueError("nan_policy must be 'pairwise' or 'listwise'")
    n, k = x.shape
    if k < 2 or n < 2:
        return AlphaResult(None, n, k, reason="needs at least two respondents and two items")
    cov = pairwise_cov(x)
    total = cov.sum()  # the variance of the total score
    # A total score with no variance (every respondent the same total) sums to rounding
    # noise, not zero: [[1, 1, 5, 5], [1, 4, 2, 5], [2, 4, 1, 5]] gives -3e-16, and the
    # formula then gives an alpha of about -2e16 (pingouin's too: it has no such check).
    if np.isnan(total) or total <= 1e-12 * np.trace(cov):
        return AlphaResult(None, n, k, reason="not enough overlapping answers or no variance")
    alpha = float(k / (k - 1) * (1 - np.trace(cov) / total))
    df1, df2 = n - 1, (n - 1) * (k - 1)
    lower = 1 - (1 - alpha) * stats.f.isf(0.025, df1, df2)
    upper = 1 - (1 - alpha) * stats.f.isf(0.975, df1, df2)
    return AlphaResult(alpha, n, k, ci95=(float(lower), float(upper)))


def pairwise_cov(x: np.ndarray) -> np.ndarray:
    """Sample covariance (``ddof=1``) of each pair of columns over the rows where both are
    present (NaN where fewer than two are), as ``pandas.DataFrame.cov`` computes it.

    Examples
    --------
    >>> import numpy as np
    >>> pairwise_cov(np.array([[1.0, 2.0], [2.0, np.nan], [3.0, 4.0], [5.0, 5.0]])).round(3)
    array([[2.917, 3.   ],
           [3.   , 2.333]])
    """
    import numpy as np

    k = x.shape[1]
    present = ~np.isnan(x)
    cov = np.full((k, k), np.nan)
    for a in range(k):
        for b in range(a, k):
            rows = present[:, a] & present[:, b]
            if rows.sum() >= 2:
                cov[a, b] = cov[b, a] = np.cov(x[rows, a], x[rows, b], ddof=1)[0, 1]
    return cov
