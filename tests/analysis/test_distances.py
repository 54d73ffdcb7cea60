"""seqdist and seqcost against the TraMineR 2.2-12 reference files and published values on mvad, plus
hand-computed normalisations for the methods without a reference file and the error messages for bad costs."""

import math
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.spatial.distance import squareform

from samspill.analysis.sequences import StateSequences, check_costs, seqdist, substitution_costs
from tests.analysis.published import PUBLISHED_WEIGHTED_TRATE

REFERENCE = "sequences/reference-traminer-2.2-12"
RTOL = 1e-6


@lru_cache(maxsize=4)
def _mvad_cached(folder: Path, weighted: bool) -> StateSequences:
    frame = pd.read_csv(folder / "sequences" / "mvad.csv")
    # seqdef(mvad, 17:86): the 70 months Sep.93-Jun.99, unweighted unless asked.
    return StateSequences.from_wide(frame, slice(16, 86), weights="weight" if weighted else None)


@pytest.fixture
def mvad(shared_data):
    return _mvad_cached(shared_data, False)


def _pairs(shared_data, name):
    table = pd.read_csv(shared_data / REFERENCE / name)
    return table["i"].to_numpy() - 1, table["j"].to_numpy() - 1, table["d"].to_numpy()


def _assert_reference_pairs(shared_data, name, matrix):
    i, j, d = _pairs(shared_data, name)
    assert len(d) == 4000
    np.testing.assert_allclose(matrix[i, j], d, rtol=RTOL, atol=0)


# ---------------------------------------------------------------------- costs


def test_trate_costs_equal_seqsubm(shared_data, mvad):
    reference = pd.read_csv(shared_data / REFERENCE / "mvad_sm_trate.csv", index_col=0)
    costs = substitution_costs(mvad, "TRATE")
    assert tuple(reference.index) == costs.alphabet
    np.testing.assert_allclose(costs.sm, reference.to_numpy(), rtol=1e-12)
    assert costs.indel == pytest.approx(reference.to_numpy().max() / 2, rel=1e-12)


def test_weighted_trate_costs_equal_the_published_values(shared_data):
    # TraMineR documentation (JSS 40(4) paper / vignette), seqdef(mvad, 17:86, weights = mvad$weight).
    published = PUBLISHED_WEIGHTED_TRATE
    seqs = _mvad_cached(shared_data, True)
    costs = substitution_costs(seqs, "TRATE")
    index = {state: k for k, state in enumerate(seqs.alphabet)}
    for (a, b), value in published.items():
        assert round(costs.sm[index[a], index[b]], 3) == value, (a, b)
    assert not np.allclose(costs.sm, substitution_costs(seqs, "TRATE", weighted=False).sm)


def test_indelslog_and_constant_costs(mvad):
    log = substitution_costs(mvad, "INDELSLOG")
    share = np.array([(mvad.codes == k).mean() for k in range(6)])
    np.testing.assert_allclose(log.indel, np.log(2 / (1 + share)), rtol=1e-12)
    np.testing.assert_allclose(log.sm, np.where(np.eye(6, dtype=bool), 0, log.indel[:, None] + log.indel[None, :]))
    constant = substitution_costs(mvad, "CONSTANT", cval=3)
    assert constant.indel == 1.0 and constant.sm[0, 1] == 3 and constant.sm[2, 2] == 0
    tv = substitution_costs(mvad, "TRATE", time_varying=True)
    assert tv.sm.shape == (6, 6, 70) and tv.time_varying and np.all(tv.sm >= 0)


# ---------------------------------------------------------------------- reference distances


def test_om_trate_full_matrix_and_published_values(shared_data, mvad):
    sm = substitution_costs(mvad, "TRATE").sm
    progress = []
    distances = seqdist(mvad, "OM", sm=sm, indel=1, progress=lambda done, total: progress.append((done, total)))
    assert distances.shape == (712, 712) and distances.dtype == np.float64
    reference = pd.read_csv(shared_data / REFERENCE / "mvad_om_trate_indel1_full.csv").to_numpy()
    np.testing.assert_allclose(distances, reference, rtol=RTOL, atol=1e-7)
    _assert_reference_pairs(shared_data, "mvad_om_trate_indel1.csv", distances)
    # Published: d(1,2), d(1,3), d(2,3) and the largest distance; 490 distinct sequences behind them.
    assert distances[0, 1] == pytest.approx(138.514183, abs=5e-7)
    assert distances[0, 2] == pytest.approx(113.995045, abs=5e-7)
    assert distances[1, 2] == pytest.approx(71.829689, abs=5e-7)
    assert distances.max() == pytest.approx(139.888923, abs=5e-7)
    assert len(mvad.unique()[0]) == 490
    assert progress[0] == (0, 490 * 489 // 2) and progress[-1] == (490 * 489 // 2, 490 * 489 // 2)
    np.testing.assert_array_equal(distances, distances.T)
    assert np.all(np.diag(distances) == 0)


def test_om_with_trate_method_string_equals_the_matrix(mvad):
    by_name = seqdist(mvad, "OM", sm="TRATE", indel=1)
    by_matrix = seqdist(mvad, "OM", sm=substitution_costs(mvad, "TRATE").sm, indel=1)
    np.testing.assert_array_equal(by_name, by_matrix)


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("mvad_om_const2_indel1.csv", {"method": "OM", "sm": "CONSTANT", "indel": 1}),
        ("mvad_om_indelslog.csv", {"method": "OM", "sm": "INDELSLOG"}),
        ("mvad_omspell_indelslog.csv", {"method": "OMspell", "sm": "INDELSLOG", "expcost": 0.5}),
        ("mvad_ham.csv", {"method": "HAM", "sm": "CONSTANT"}),
        ("mvad_dhd.csv", {"method": "DHD"}),
        ("mvad_lcs.csv", {"method": "LCS"}),
    ],
)
def test_reference_pairs(shared_data, mvad, name, kwargs):
    _assert_reference_pairs(shared_data, name, seqdist(mvad, **kwargs))


def test_condensed_and_reference_forms_agree_with_the_full_matrix(mvad):
    full = seqdist(mvad, "OM", sm="TRATE", indel=1)
    condensed = seqdist(mvad, "OM", sm="TRATE", indel=1, full_matrix=False)
    assert condensed.dtype == np.float32 and condensed.shape == (712 * 711 // 2,)
    np.testing.assert_allclose(squareform(condensed), full, rtol=1e-6)
    np.testing.assert_allclose(seqdist(mvad, "OM", sm="TRATE", indel=1, refseq=4), full[:, 4], rtol=1e-15)
    np.testing.assert_allclose(seqdist(mvad, "OM", sm="TRATE", indel=1, refseq=[4, 9]), full[:, [4, 9]])
    external = mvad.subset([9])
    np.testing.assert_allclose(seqdist(mvad, "OM", sm="TRATE", indel=1, refseq=external), full[:, 9])
    np.testing.assert_allclose(seqdist(mvad, "LCP", refseq=3), seqdist(mvad, "LCP")[:, 3])


def test_float32_lanes_stay_close(mvad):
    exact = seqdist(mvad, "OM", sm="TRATE", indel=1)
    fast = seqdist(mvad, "OM", sm="TRATE", indel=1, dtype=np.float32)
    assert fast.dtype == np.float32
    np.testing.assert_allclose(fast, exact, rtol=5e-6)


# ---------------------------------------------------------------------- small hand-computed cases


def _pair(*rows):
    return StateSequences.from_wide([list(r) + [None] * (4 - len(r)) for r in rows], alphabet=["a", "b", "c"])


def test_lcp_and_rlcp_with_every_normalisation():
    seqs = _pair("aabc", "aac")
    # LCP: common prefix "aa" (2); d = m + n - 2 * 2 = 4 + 3 - 4 = 3; maxdist = m + n = 7.
    expected_lcp = {
        "none": 3.0,
        "maxlength": 3 / 4,  # d / max(m, n)
        "gmean": 1 - 2 / math.sqrt(12),  # 1 - (maxdist - d) / (2 sqrt(m n)) = 1 - 4 / (2 sqrt 12)
        "maxdist": 3 / 7,
        "YujianBo": 2 * 3 / (3 + 7),
        "auto": 1 - 2 / math.sqrt(12),  # LCP's auto is gmean
    }
    for norm, value in expected_lcp.items():
        assert seqdist(seqs, "LCP", norm=norm)[0, 1] == pytest.approx(value, rel=1e-12), norm
    # RLCP: common suffix "c" (1); d = 7 - 2 = 5.
    expected_rlcp = {
        "none": 5.0,
        "maxlength": 5 / 4,
        "gmean": 1 - (7 - 5) / (2 * math.sqrt(12)),
        "maxdist": 5 / 7,
        "YujianBo": 10 / 12,
    }
    for norm, value in expected_rlcp.items():
        assert seqdist(seqs, "RLCP", norm=norm)[0, 1] == pytest.approx(value, rel=1e-12), norm


def test_om_lcs_and_ham_normalisations():
    seqs = _pair("ab", "acc")
    # OM, substitution 2, indel 1: a=a, then b->c (2) + insert c (1), or delete b + insert c c: d = 3.
    # maxdist = |3 - 2| * indel + min(max sm, 2 indel) * min(2, 3) = 1 + 2 * 2 = 5.
    expected_om = {
        "none": 3.0,
        "maxlength": 3 / 3,
        "gmean": 1 - (5 - 3) / (2 * math.sqrt(2) * math.sqrt(3)),
        "maxdist": 3 / 5,
        "YujianBo": 2 * 3 / (3 + 5),  # maxdist with substitution capped at 2 indels: also 5 here
        "auto": 1.0,  # OM's auto is maxlength
    }
    for norm, value in expected_om.items():
        assert seqdist(seqs, "OM", sm="CONSTANT", indel=1, norm=norm)[0, 1] == pytest.approx(value, rel=1e-12), norm
    # LCS: longest common subsequence "a" (1): d = 2 + 3 - 2 = 3, auto = gmean = 1 - 1 / sqrt(6).
    assert seqdist(seqs, "LCS")[0, 1] == 3.0
    assert seqdist(seqs, "LCS", norm="auto")[0, 1] == pytest.approx(1 - 1 / math.sqrt(6), rel=1e-12)
    equal_length = _pair("abc", "acc")
    # HAM, constant 1: one mismatch; maxdist = L * max(sm) = 3.
    assert seqdist(equal_length, "HAM")[0, 1] == 1.0
    assert seqdist(equal_length, "HAM", norm="auto")[0, 1] == pytest.approx(1 / 3)
    assert seqdist(equal_length, "HAM", norm="gmean")[0, 1] == pytest.approx(1 - (3 - 1) / (2 * 3))


def test_omspell_on_a_hand_computed_pair():
    seqs = _pair("aab", "abb")
    # Spells (a,2)(b,1) and (a,1)(b,2); durations minus one: (1,0) and (0,1). Substituting equal states costs
    # expcost * |d - e|: 0.5 for a/a and 0.5 for b/b, d = 1.0, cheaper than any deletion (indel 1 + 0.5 * d).
    assert seqdist(seqs, "OMspell", sm="CONSTANT", indel=1, expcost=0.5)[0, 1] == pytest.approx(1.0)
    # YujianBo with maxdist = indel * (m + n) over the full lengths 3 + 3: 2 * 1 / (1 + 6).
    assert seqdist(seqs, "OMspell", sm="CONSTANT", indel=1, norm="auto")[0, 1] == pytest.approx(2 / 7)


def test_missing_states_count_as_one_more_state():
    rows = [["a", None, "b", "b"], ["a", "a", "b", None], [None, "b", "b", "a"]]
    with_missing = StateSequences.from_wide(rows, right="NA")
    explicit = StateSequences.from_wide([[x if x is not None else "z" for x in r] for r in rows])
    assert with_missing.has_missing
    with pytest.raises(ValueError, match="contain missing states.*with_missing=True"):
        seqdist(with_missing, "OM", sm="CONSTANT")
    np.testing.assert_allclose(
        seqdist(with_missing, "OM", sm="CONSTANT", with_missing=True), seqdist(explicit, "OM", sm="CONSTANT")
    )
    np.testing.assert_allclose(seqdist(with_missing, "HAM", with_missing=True), seqdist(explicit, "HAM"))


# ---------------------------------------------------------------------- errors


def test_bad_cost_matrices_are_refused(mvad):
    with pytest.raises(ValueError, match="must be square"):
        check_costs(np.zeros((6, 5)), 6)
    with pytest.raises(ValueError, match="must be 6x6"):
        seqdist(mvad, "OM", sm=np.zeros((5, 5)), indel=1)
    negative = np.full((6, 6), 2.0) - 2.0 * np.eye(6)
    negative[0, 1] = negative[1, 0] = -1
    with pytest.raises(ValueError, match="negative substitution costs.*employment -> FE"):
        seqdist(mvad, "OM", sm=negative, indel=1)
    diagonal = np.full((6, 6), 2.0)
    with pytest.raises(ValueError, match="diagonal of the substitution-cost matrix must be zero"):
        seqdist(mvad, "OM", sm=diagonal, indel=1)
    asymmetric = np.full((6, 6), 2.0) - 2.0 * np.eye(6)
    asymmetric[0, 1] = 1.5
    with pytest.raises(ValueError, match="not symmetric"):
        seqdist(mvad, "OM", sm=asymmetric, indel=1)
    triangle = np.full((6, 6), 1.0) - np.eye(6)
    triangle[0, 2] = triangle[2, 0] = 5.0
    with pytest.raises(ValueError, match="triangle inequality.*employment with FE.*FE with HE"):
        seqdist(mvad, "OM", sm=triangle, indel=3)
    # TraMineR only warns; check="warn" accepts the matrix the same way.
    with pytest.warns(UserWarning, match="triangle inequality"):
        accepted = substitution_costs(mvad, triangle, indel=3, check="warn")
    assert accepted.sm[0, 2] == 5.0
    with pytest.raises(ValueError, match="indel costs must be positive"):
        seqdist(mvad, "OM", sm="CONSTANT", indel=0)
    with pytest.raises(ValueError, match="one cost per state"):
        seqdist(mvad, "OM", sm="CONSTANT", indel=[1, 2])


def test_bad_arguments_are_refused(mvad):
    with pytest.raises(ValueError, match="sm is required for OM"):
        seqdist(mvad, "OM")
    with pytest.raises(ValueError, match="method must be one of"):
        seqdist(mvad, "XYZ")
    with pytest.raises(ValueError, match="'TWED' of TraMineR is not implemented"):
        seqdist(mvad, "TWED")
    with pytest.raises(ValueError, match="norm must be one of"):
        seqdist(mvad, "OM", sm="TRATE", norm="max")
    with pytest.raises(ValueError, match="not relevant for DHD"):
        seqdist(mvad, "DHD", sm="CONSTANT")
    with pytest.raises(ValueError, match="refseq indices must be between 0 and 711"):
        seqdist(mvad, "OM", sm="TRATE", refseq=712)
    uneven = _pair("abc", "ab")
    with pytest.raises(ValueError, match="HAM is not defined for sequences of different lengths"):
        seqdist(uneven, "HAM")
