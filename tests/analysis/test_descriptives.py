"""Descriptives against TraMineR 2.2-12 (seqstatd, seqtrate) on mvad, and hand-computed small cases."""

import numpy as np
import pandas as pd
import pytest

from samspill.analysis.sequences.data import StateSequences
from samspill.analysis.sequences.descriptives import (
    mean_time,
    sequence_frequencies,
    state_distribution,
    transition_rates,
)

REFERENCE = "sequences/reference-traminer-2.2-12"


def mvad(shared_data, weighted=False):
    frame = pd.read_csv(shared_data / "sequences" / "mvad.csv")
    # seqdef(mvad, 17:86): the 70 months Sep.93-Jun.99, unweighted as in the reference files.
    return StateSequences.from_wide(frame, columns=slice(16, 86), weights="weight" if weighted else None, ids="id")


def tiny():
    # a b b | b b void | a a b  (alphabet a, b)
    return StateSequences(
        codes=np.array([[0, 1, 1], [1, 1, -1], [0, 0, 1]]),
        alphabet=("a", "b"),
        weights=np.array([1.0, 2.0, 1.0]),
        columns=("t1", "t2", "t3"),
    )


def test_state_distribution_reproduces_seqstatd_frequencies(shared_data):
    seqs = mvad(shared_data)
    reference = pd.read_csv(shared_data / REFERENCE / "mvad_statd.csv", index_col=0)
    result = state_distribution(seqs)
    assert list(result.columns) == list(reference.columns)
    np.testing.assert_allclose(result.loc[reference.index].to_numpy(), reference.to_numpy(), rtol=1e-6, atol=1e-12)
    np.testing.assert_array_equal(result.loc["ValidStates"].to_numpy(), 712)
    # Entropy row: Shannon entropy of each column over log(6).
    p = reference.iloc[:, 0].to_numpy()
    p = p[p > 0]
    assert result.loc["Entropy"].iloc[0] == pytest.approx(-(p * np.log(p)).sum() / np.log(6), rel=1e-12)


def test_state_distribution_weighted_and_void():
    result = state_distribution(tiny())
    # t3: only rows 0 (b, w=1) and 2 (b, w=1) are valid -> N = 2, b = 1.
    assert result.loc["ValidStates"].tolist() == [4.0, 4.0, 2.0]
    # t1: a has weight 1 + 1, b has 2 -> 0.5 / 0.5, normalised entropy 1.
    assert result.loc["a", "t1"] == 0.5 and result.loc["Entropy", "t1"] == pytest.approx(1.0)
    assert result.loc["b", "t3"] == 1.0 and result.loc["Entropy", "t3"] == 0.0
    unweighted = state_distribution(tiny(), weighted=False)
    assert unweighted.loc["a", "t1"] == pytest.approx(2 / 3)


def test_transition_rates_reproduce_seqtrate(shared_data):
    seqs = mvad(shared_data)
    reference = pd.read_csv(shared_data / REFERENCE / "mvad_trate.csv", index_col=0)
    result = transition_rates(seqs)
    assert list(result.index) == list(reference.index) and list(result.columns) == list(reference.columns)
    np.testing.assert_allclose(result.to_numpy(), reference.to_numpy(), rtol=1e-6, atol=1e-12)


def test_transition_rates_by_hand():
    seqs = tiny()
    # Weighted counts of (t, t+1) pairs with a valid target: a->b: row0 (w1) + row2 t2->t3 (w1) = 2; a->a: row2 (1)
    # b->b: row0 (1) + row1 t1->t2 (2) = 3; row1 t2 -> void is not counted.
    counts = transition_rates(seqs, count=True)
    assert counts.to_numpy().tolist() == [[1.0, 2.0], [0.0, 3.0]]
    rates = transition_rates(seqs)
    np.testing.assert_allclose(rates.to_numpy(), [[1 / 3, 2 / 3], [0.0, 1.0]])
    # lag 2 only pairs (t1, t3): a->b twice (rows 0 and 2), b->void ignored.
    assert transition_rates(seqs, lag=2, count=True).to_numpy().tolist() == [[0.0, 2.0], [0.0, 0.0]]
    # Negative lag looks backwards: from t3 to t1.
    assert transition_rates(seqs, lag=-2, count=True).to_numpy().tolist() == [[0.0, 0.0], [2.0, 0.0]]
    varying = transition_rates(seqs, time_varying=True)
    assert list(varying.index.get_level_values("period").unique()) == ["t1", "t2"]
    np.testing.assert_allclose(varying.loc["t1"].to_numpy(), [[0.5, 0.5], [0.0, 1.0]])
    np.testing.assert_allclose(varying.loc["t2"].to_numpy(), [[0.0, 1.0], [0.0, 1.0]])


def test_mean_time_by_hand():
    seqs = tiny()
    # time in a per row: 1, 0, 2; in b: 2, 2, 1; weights 1, 2, 1 -> means (1 + 0 + 2)/4, (2 + 4 + 1)/4.
    result = mean_time(seqs, serr=True)
    assert result["Mean"].tolist() == [0.75, 1.75]
    # TraMineR's variance: sum w (x - m)^2 * W / (W^2 - sum w^2) = sum w (x-m)^2 * 4 / (16 - 6).
    var_a = (1 * 0.25**2 + 2 * 0.75**2 + 1 * 1.25**2) * 4 / 10
    assert result.loc["a", "Var"] == pytest.approx(var_a)
    assert result.loc["a", "SE"] == pytest.approx(np.sqrt(var_a / 4))
    unweighted = mean_time(seqs, weighted=False, serr=True)
    assert unweighted.loc["a", "Var"] == pytest.approx(np.var([1, 0, 2], ddof=1))
    assert mean_time(seqs, prop=True)["Mean"].tolist() == pytest.approx(
        [(1 / 3 + 0 + 2 / 3) / 4, (2 / 3 + 2 + 1 / 3) / 4]
    )


def test_mean_time_totals_on_mvad(shared_data):
    result = mean_time(mvad(shared_data))
    assert result["Mean"].sum() == pytest.approx(70.0)


def test_sequence_frequencies(shared_data):
    seqs = StateSequences(
        codes=np.array([[0, 0, 1], [0, 0, 1], [1, 1, 1], [0, 1, 1]]),
        alphabet=("EM", "FE"),
        weights=np.array([1.0, 1.0, 3.0, 0.5]),
    )
    table = sequence_frequencies(seqs)
    assert table["sequence"].tolist() == ["FE/3", "EM/2-FE/1", "EM/1-FE/2"]
    assert table["Freq"].tolist() == [3.0, 2.0, 0.5]
    assert table["Percent"].tolist() == pytest.approx([3 / 5.5 * 100, 2 / 5.5 * 100, 0.5 / 5.5 * 100])
    assert table["n"].tolist() == [1, 2, 1] and table["example"].tolist() == [2, 0, 3]
    assert sequence_frequencies(seqs, weighted=False)["sequence"].iloc[0] == "EM/2-FE/1"
    assert len(sequence_frequencies(seqs, top=2)) == 2
    top = sequence_frequencies(mvad(shared_data))
    assert len(top) == 10
    assert (top["sequence"].iloc[0], top["Freq"].iloc[0]) == ("employment/70", 50)


def test_missing_state_left_out_as_with_missing_false():
    frame = pd.DataFrame([["A", None, "A", "B"], ["B", "B", "A", "A"]])
    seqs = StateSequences.from_wide(frame)
    assert seqs.has_missing
    result = state_distribution(seqs)
    assert list(result.index) == ["A", "B", "ValidStates", "Entropy"]
    assert result.loc["ValidStates"].tolist() == [2, 1, 2, 2]
    # The missing cell is neither origin nor target: A-A-B keeps only (A, B); B-B-A-A gives (B,B), (B,A), (A,A).
    assert transition_rates(seqs, count=True).to_numpy().tolist() == [[1.0, 1.0], [1.0, 1.0]]
