"""Cronbach's alpha (playbook/stats/reliability.py) against its reference,
pingouin.cronbach_alpha (R's psych::alpha gives the same raw alpha)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pingouin
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook.stats.reliability import cronbach_alpha


@settings(max_examples=40, deadline=None)
@given(
    st.integers(2, 12).flatmap(
        lambda n: st.integers(2, 6).flatmap(
            lambda k: st.lists(
                st.lists(st.integers(1, 5), min_size=k, max_size=k), min_size=n, max_size=n
            )
        )
    )
)
def test_alpha_matches_pingouin_on_any_complete_matrix(rows):
    """On any complete matrix whose total score varies, does alpha equal pingouin's? (Where
    every respondent has the same total, the covariances sum to rounding noise and both
    formulas give nonsense such as -2e16: alpha is withheld, as for no variance at all.)"""
    frame = pd.DataFrame(rows, dtype=float)
    result = cronbach_alpha(rows)
    if result.alpha is None:
        assert frame.sum(axis=1).nunique() == 1  # the same total for every respondent
        return
    reference, _ = pingouin.cronbach_alpha(frame)
    assert result.alpha == pytest.approx(reference, rel=1e-9, abs=1e-9)
    assert result.alpha <= 1


def test_alpha_is_withheld_when_every_total_is_the_same():
    """Is alpha None (not pingouin's -1.3e16) where the total score has no variance though
    the items do? (Found by the hypothesis test above in CI.)"""
    rows = [[1, 1, 5, 5], [1, 4, 2, 5], [2, 4, 1, 5]]
    assert abs(pingouin.cronbach_alpha(pd.DataFrame(rows, dtype=float))[0]) > 1e15
    result = cronbach_alpha(rows)
    assert result.alpha is None and result.reason


def test_alpha_is_withheld_for_too_little_data():
    """Is alpha None, with a reason, for one respondent or constant answers?"""
    assert cronbach_alpha([[1, 2, 3]]).alpha is None
    constant = cronbach_alpha([[3, 3, 3], [3, 3, 3], [3, 3, 3]])
    assert constant.alpha is None and constant.reason


def test_alpha_and_its_interval_match_pingouin_on_a_small_matrix():
    """On the docstring's matrix, are alpha and the 95% interval pingouin's (0.9444,
    [0.633, 0.996])?"""
    rows = [[1, 2, 2], [2, 3, 3], [4, 4, 5], [5, 5, 4]]
    result = cronbach_alpha(rows)
    reference, ci = pingouin.cronbach_alpha(pd.DataFrame(rows, dtype=float))
    assert result.alpha == pytest.approx(reference, abs=1e-12)
    assert result.alpha == pytest.approx(17 / 18)
    assert result.ci95 is not None
    assert [round(x, 3) for x in result.ci95] == pytest.approx(list(ci))
    assert (result.n_respondents, result.n_items) == (4, 3)


@pytest.mark.parametrize("policy", ["pairwise", "listwise"])
def test_alpha_matches_pingouin_with_missing_answers(policy):
    """With missing answers (NaN or None), does alpha match pingouin's pairwise and
    listwise deletion, and are rows with no answer at all dropped?"""
    rng = np.random.default_rng(7)
    latent = rng.normal(0, 1, (50, 1))
    x = np.clip(np.rint(3 + latent + rng.normal(0, 0.7, (50, 5))), 1, 5)
    x[rng.random(x.shape) < 0.08] = np.nan
    x[0] = np.nan
    rows = [[None if np.isnan(v) else float(v) for v in row] for row in x]
    result = cronbach_alpha(rows, nan_policy=policy)
    reference, _ = pingouin.cronbach_alpha(pd.DataFrame(x), nan_policy=policy)
    assert result.alpha == pytest.approx(reference, abs=1e-12)
    complete = int((~np.isnan(x[1:])).all(axis=1).sum())
    assert result.n_respondents == (49 if policy == "pairwise" else complete)


def test_a_matrix_is_required():
    """Is anything but a respondents x items matrix, or an unknown policy, refused?"""
    with pytest.raises(ValueError, match="matrix"):
        cronbach_alpha([1, 2, 3])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="nan_policy"):
        cronbach_alpha([[1, 2], [2, 3]], nan_policy="everything")  # type: ignore[arg-type]
