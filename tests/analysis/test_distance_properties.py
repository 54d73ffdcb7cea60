"""Properties of seqdist on small random sequences (hypothesis): the compiled kernels equal plain-Python dynamic
programmes, distances are symmetric with a zero diagonal, metrics obey the triangle inequality, results do not
depend on row order, and the condensed and reference forms equal the full matrix."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial.distance import squareform

from samspill.analysis.sequences import StateSequences, SubstitutionCosts, seqdist

SETTINGS = settings(max_examples=30, deadline=None)
ALPHABET = tuple("abcde")


@st.composite
def sequence_sets(draw, equal_length=False, min_n=2, max_n=6, max_len=7):
    k = draw(st.integers(2, len(ALPHABET)))
    n = draw(st.integers(min_n, max_n))
    width = draw(st.integers(1, max_len))
    rows = []
    for _ in range(n):
        length = width if equal_length else draw(st.integers(1, width))
        states = draw(st.lists(st.integers(0, k - 1), min_size=length, max_size=length))
        rows.append(states + [-1] * (width - length))
    # Repeat a row now and then so that de-duplication is exercised.
    if draw(st.booleans()):
        rows.append(list(rows[0]))
    return StateSequences(codes=np.array(rows), alphabet=ALPHABET[:k])


def _random_costs(seed, k, metric):
    rng = np.random.default_rng(seed)
    if metric:
        # Distances between points of the plane: symmetric, zero diagonal, triangle inequality.
        points = rng.random((k, 2)) * 3
        sm = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    else:
        sm = rng.random((k, k)) * 3
        sm = sm + sm.T
        np.fill_diagonal(sm, 0)
    return sm


def _plain_om(a, b, sm, indel):
    """The textbook Needleman-Wunsch/Levenshtein programme with TraMineR's conventions."""
    m, n = len(a), len(b)
    f = [[0.0] * (n + 1) for _ in range(m + 1)]
    for i in range(1, m + 1):
        f[i][0] = f[i - 1][0] + indel[a[i - 1]]
    for j in range(1, n + 1):
        f[0][j] = f[0][j - 1] + indel[b[j - 1]]
    for i in range(1, m + 1):
        for j in range(1, n + 1):
            sub = 0.0 if a[i - 1] == b[j - 1] else sm[a[i - 1]][b[j - 1]]
            f[i][j] = min(f[i - 1][j] + indel[a[i - 1]], f[i][j - 1] + indel[b[j - 1]], f[i - 1][j - 1] + sub)
    return f[m][n]


def _plain_omspell(a, b, sm, indel, expcost):
    def spells(seq):
        out = []
        for state in seq:
            if out and out[-1][0] == state:
                out[-1][1] += 1
            else:
                out.append([state, 1])
        return [(s, d - 1) for s, d in out]

    sa, sb = spells(a), spells(b)
    m, n = len(sa), len(sb)
    f = [[0.0] * (n + 1) for _ in range(m + 1)]
    for i in range(1, m + 1):
        f[i][0] = f[i - 1][0] + indel[sa[i - 1][0]] + expcost * sa[i - 1][1]
    for j in range(1, n + 1):
        f[0][j] = f[0][j - 1] + indel[sb[j - 1][0]] + expcost * sb[j - 1][1]
    for i in range(1, m + 1):
        for j in range(1, n + 1):
            (s, d), (r, e) = sa[i - 1], sb[j - 1]
            sub = abs(expcost * (d - e)) if s == r else sm[s][r] + (d + e) * expcost
            f[i][j] = min(
                f[i - 1][j] + indel[s] + expcost * d, f[i][j - 1] + indel[r] + expcost * e, f[i - 1][j - 1] + sub
            )
    return f[m][n]


def _rows(seqs):
    return [list(row[row >= 0]) for row in seqs.codes]


@SETTINGS
@given(seqs=sequence_sets(), seed=st.integers(0, 2**32 - 1), per_state=st.booleans())
def test_om_kernel_equals_plain_dynamic_programme(seqs, seed, per_state):
    k = seqs.n_states
    sm = _random_costs(seed, k, metric=False)  # any costs: the kernel must not rely on a metric
    indel = np.random.default_rng(seed + 1).random(k) * 2 + 0.1 if per_state else 0.7
    costs = SubstitutionCosts(sm=sm, indel=indel, alphabet=seqs.alphabet)
    got = seqdist(seqs, "OM", sm=costs)
    rows = _rows(seqs)
    indel_of = np.broadcast_to(indel, (k,))
    for i, j in itertools.combinations(range(len(rows)), 2):
        assert got[i, j] == pytest.approx(_plain_om(rows[i], rows[j], sm, indel_of), rel=1e-12, abs=1e-12)


@SETTINGS
@given(seqs=sequence_sets(), seed=st.integers(0, 2**32 - 1), expcost=st.sampled_from([0.0, 0.5, 1.3]))
def test_omspell_kernel_equals_plain_dynamic_programme(seqs, seed, expcost):
    k = seqs.n_states
    sm = _random_costs(seed, k, metric=True)
    indel = np.full(k, sm.max() / 2 + 0.1)
    got = seqdist(seqs, "OMspell", sm=SubstitutionCosts(sm=sm, indel=indel, alphabet=seqs.alphabet), expcost=expcost)
    rows = _rows(seqs)
    for i, j in itertools.combinations(range(len(rows)), 2):
        assert got[i, j] == pytest.approx(_plain_omspell(rows[i], rows[j], sm, indel, expcost), rel=1e-12, abs=1e-12)


@SETTINGS
@given(
    seqs=sequence_sets(),
    method=st.sampled_from(["OM", "LCS", "LCP", "RLCP", "OMspell"]),
    norm=st.sampled_from(["none", "auto", "maxlength", "gmean", "maxdist", "YujianBo"]),
)
def test_symmetric_with_zero_diagonal(seqs, method, norm):
    kwargs = {"sm": "CONSTANT"} if method in ("OM", "OMspell") else {}
    d = seqdist(seqs, method, norm=norm, **kwargs)
    np.testing.assert_array_equal(d, d.T)
    assert np.all(np.diag(d) == 0)
    assert np.all(d >= -1e-12)


@SETTINGS
@given(seqs=sequence_sets(min_n=3), seed=st.integers(0, 2**32 - 1), extra=st.floats(0, 2))
def test_om_with_metric_costs_is_a_metric(seqs, seed, extra):
    sm = _random_costs(seed, seqs.n_states, metric=True)
    d = seqdist(seqs, "OM", sm=sm, indel=sm.max() / 2 + extra)
    _assert_triangle(d)


@SETTINGS
@given(seqs=sequence_sets(min_n=3, equal_length=True), method=st.sampled_from(["HAM", "LCS", "LCP", "RLCP"]))
def test_ham_lcs_lcp_are_metrics(seqs, method):
    _assert_triangle(seqdist(seqs, method))


def _assert_triangle(d):
    n = d.shape[0]
    for i, j, z in itertools.product(range(n), repeat=3):
        assert d[i, j] <= d[i, z] + d[z, j] + 1e-9, (i, j, z)


@SETTINGS
@given(
    seqs=sequence_sets(equal_length=True),
    method=st.sampled_from(["OM", "HAM", "DHD", "LCS", "LCP"]),
    seed=st.integers(0, 2**32 - 1),
)
def test_row_order_does_not_matter(seqs, method, seed):
    kwargs = {"sm": "TRATE"} if method == "OM" else {}
    d = seqdist(seqs, method, **kwargs)
    perm = np.random.default_rng(seed).permutation(len(seqs))
    permuted = seqdist(seqs.subset(perm), method, **kwargs)
    np.testing.assert_allclose(permuted, d[np.ix_(perm, perm)], rtol=1e-12, atol=1e-12)


@SETTINGS
@given(seqs=sequence_sets(), method=st.sampled_from(["OM", "LCS", "LCP", "OMspell"]))
def test_condensed_and_reference_forms_equal_the_full_matrix(seqs, method):
    kwargs = {"sm": "INDELSLOG"} if method in ("OM", "OMspell") else {}
    full = seqdist(seqs, method, **kwargs)
    condensed = seqdist(seqs, method, full_matrix=False, **kwargs)
    np.testing.assert_allclose(squareform(condensed), full, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(seqdist(seqs, method, refseq=[1, 0], **kwargs), full[:, [1, 0]], rtol=1e-12)
    np.testing.assert_allclose(seqdist(seqs, method, refseq=seqs.subset([1]), **kwargs), full[:, 1], rtol=1e-12)
