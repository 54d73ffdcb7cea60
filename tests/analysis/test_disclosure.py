"""Disclosure control (samspill.analysis.disclosure) on hand-made tables: what is hidden, and that nothing hidden
can be worked out from what is shown."""

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from samspill.analysis.disclosure import protect_distribution, protect_table, suppression_mask


def test_small_counts_are_hidden_and_a_second_cell_protects_each_one():
    table = pd.DataFrame([[10, 3, 20], [12, 15, 30]], index=["a", "b"], columns=["x", "y", "z"])
    protected = protect_table(table)
    # 3 is hidden; row a would give it away (33 - 10 - 20), so the smallest other cell of row a (10) goes too;
    # column y would give 3 away (18 - 15), so 15 goes too; then row b and column x each have one hidden cell
    # (15, 10), so 12 — the smallest remaining in both — is hidden as well.
    hidden = protected.isna()
    assert hidden.loc["a", "y"] and hidden.loc["a", "x"] and hidden.loc["b", "y"] and hidden.loc["b", "x"]
    assert not hidden.loc["a", "z"] and protected.loc["Total", "Total"] == 90
    assert list(protected.columns) == ["x", "y", "z", "Total"]


def test_zeros_and_large_counts_stay_visible():
    table = pd.DataFrame([[0, 50], [7, 9]])
    assert not protect_table(table).isna().to_numpy().any()


def test_a_line_with_nothing_else_to_hide_hides_its_total():
    mask = suppression_mask(np.array([[3, 10]]))
    # The 3 is hidden; row 1 would give it away (13 - 10), so 10 is hidden; column 2 then has one hidden entry (10)
    # and no other cell, so its total (also 10) is hidden. Only the grand total stays.
    assert mask.tolist() == [[True, True, False], [True, True, False]]


@settings(max_examples=200, deadline=None)
@given(arrays(np.int64, st.tuples(st.integers(1, 4), st.integers(1, 5)), elements=st.integers(0, 30)))
def test_no_row_or_column_ever_has_exactly_one_hidden_entry(counts):
    mask = suppression_mask(counts)
    full = np.zeros(mask.shape, dtype=np.int64)
    full[:-1, :-1] = counts
    full[:-1, -1] = counts.sum(axis=1)
    full[-1, :-1] = counts.sum(axis=0)
    full[-1, -1] = counts.sum()
    assert not (mask & (full > 0) & (full < 5)).sum() < ((full > 0) & (full < 5)).sum()  # every small one hidden
    for i in range(mask.shape[0]):
        assert mask[i].sum() != 1
    for j in range(mask.shape[1]):
        assert mask[:, j].sum() != 1


def test_the_figure_shares_hide_small_states_in_one_band():
    counts = pd.DataFrame([[40, 38], [2, 5], [8, 7]], index=["job", "course", "none"], columns=["m1", "m2"])
    shown, hidden = protect_distribution(counts)
    assert shown.loc["course", "m1"] == 0 and hidden["m1"] > 0
    for month in counts.columns:
        assert shown[month].sum() + hidden[month] == pytest.approx(1.0)


def test_bad_tables_are_refused():
    with pytest.raises(ValueError, match="negative"):
        suppression_mask(np.array([[1, -2]]))
    with pytest.raises(ValueError, match="two dimensions"):
        suppression_mask(np.array([1, 2]))


def test_every_cell_pair_in_a_protected_line_is_ambiguous():
    """Brute force on a 2×2 table: with what is shown, at least two tables fit — so no hidden value is certain."""
    counts = np.array([[3, 9], [6, 8]])
    mask = suppression_mask(counts)
    shown_totals = (counts.sum(axis=1), counts.sum(axis=0))
    fits = [
        candidate
        for candidate in itertools.product(range(0, 20), repeat=4)
        if all(mask[i, j] or candidate[2 * i + j] == counts[i, j] for i, j in itertools.product(range(2), range(2)))
        and tuple(np.array(candidate).reshape(2, 2).sum(axis=1)) == tuple(shown_totals[0])
        and tuple(np.array(candidate).reshape(2, 2).sum(axis=0)) == tuple(shown_totals[1])
    ]
    assert len(fits) > 1 and len({f[0] for f in fits}) > 1
