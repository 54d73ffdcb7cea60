"""Clustering against the published TraMineR/cluster results on mvad, and quality indices by hand."""

import functools
import itertools
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from samspill.analysis.sequences.clustering import (
    CLARA,
    PAM,
    WardClustering,
    cluster_quality,
    medoid,
    representatives,
    seqdist_blocks,
    silhouette,
)
from samspill.analysis.sequences.data import StateSequences
from samspill.analysis.sequences.distances import seqdist


@functools.lru_cache(maxsize=1)
def _reference_matrix(folder: Path) -> np.ndarray:
    path = folder / "sequences/reference-traminer-2.2-12/mvad_om_trate_indel1_full.csv"
    return pd.read_csv(path).to_numpy()


@pytest.fixture
def om(shared_data):
    # seqdist(seqdef(mvad, 17:86), method="OM", indel=1, sm="TRATE"), 712 x 712, computed by TraMineR 2.2-12.
    return _reference_matrix(shared_data)


def euclidean(points):
    return np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=-1))


# --------------------------------------------------------------------------------------------------------------------
# Ward
# --------------------------------------------------------------------------------------------------------------------


def test_ward_reproduces_agnes_on_mvad(om):
    ward = WardClustering(4).fit(om)
    # cluster::agnes(diss, method="ward") + cutree(k=4): sizes in cutree's order, agglomerative coefficient.
    assert ward.sizes_.tolist() == [265, 153, 194, 100]
    assert round(ward.ac_, 4) == 0.9944
    assert ward.labels_[0] == 0  # cutree numbers clusters by first observation
    assert ward.linkage_.shape == (711, 4) and np.all(np.diff(ward.heights_) >= 0)
    assert ward.cut(2).max() == 1 and np.bincount(ward.cut(6)).sum() == 712


def test_fastcluster_agrees_with_agnes_without_ties():
    rng = np.random.default_rng(3)
    D = euclidean(rng.normal(size=(60, 3)))
    agnes = WardClustering(5).fit(D)
    fast = WardClustering(5, algorithm="fastcluster").fit(D)
    np.testing.assert_allclose(agnes.heights_, fast.heights_, rtol=1e-10)
    np.testing.assert_array_equal(agnes.labels_, fast.labels_)
    assert agnes.ac_ == pytest.approx(fast.ac_)
    with pytest.raises(ValueError, match="agnes"):
        WardClustering(2, algorithm="fastcluster").fit(D, weights=np.full(60, 2.0))


def test_weighted_ward_uses_weights_as_cluster_sizes():
    D = np.array([[0.0, 1.0, 4.0], [1.0, 0.0, 5.0], [4.0, 5.0, 0.0]])
    # First merge {0, 1} at 1. Lance-Williams (ward.D2, sizes = weights 2, 1, 1):
    # d^2({0,1}, 2) = ((2+1) 4^2 + (1+1) 5^2 - 1 * 1^2) / (2+1+1) = (48 + 50 - 1) / 4 = 24.25.
    weighted = WardClustering(2).fit(D, weights=[2.0, 1.0, 1.0])
    assert weighted.heights_.tolist() == pytest.approx([1.0, math.sqrt(24.25)])
    assert weighted.weighted_sizes_.tolist() == [3.0, 1.0]
    # Unit sizes: (2 * 16 + 2 * 25 - 1) / 3 = 27.
    assert WardClustering(2).fit(D).heights_.tolist() == pytest.approx([1.0, math.sqrt(27.0)])
    assert WardClustering(2).fit(D, weights=np.ones(3)).heights_.tolist() == pytest.approx([1.0, math.sqrt(27.0)])


# --------------------------------------------------------------------------------------------------------------------
# Medoid and representatives
# --------------------------------------------------------------------------------------------------------------------

SHORT = {"employment": "EM", "FE": "FE", "HE": "HE", "joblessness": "JL", "school": "SC", "training": "TR"}


def test_weighted_medoid_is_the_published_one(om, shared_data):
    frame = pd.read_csv(shared_data / "sequences/mvad.csv")
    seqs = StateSequences.from_wide(frame, columns=slice(16, 86), weights="weight")
    # seqrep(criterion="dist", nrep=1) with weights = mvad$weight, on the reference (unweighted TRATE) matrix. The
    # vignette's matrix uses TRATE costs from the weighted object (3rd decimal differs); both give this medoid.
    index = medoid(om, weights=seqs.weights)
    row = [seqs.alphabet[c] for c in seqs.codes[index]]
    spells = [(SHORT[state], len(list(run))) for state, run in itertools.groupby(row)]
    assert spells == [("SC", 24), ("FE", 8), ("EM", 38)]
    assert representatives(om, 1, weights=seqs.weights).tolist() == [index]


def test_representatives_follow_dissrep():
    D = np.array([[0, 1, 10, 10.5], [1, 0, 10, 10], [10, 10, 0, 1], [10.5, 10, 1, 0]], dtype=float)
    # Sums of distances: 21.5, 21, 21, 21.5 -> candidates 1, 2, 0, 3 (stable order on ties). The neighbourhood
    # radius 0.1 * 10.5 = 1.05 holds 0 (d(0, 1) = 1) and 3 (d(3, 2) = 1), so they are skipped as redundant.
    assert representatives(D, 2).tolist() == [1, 2]
    assert representatives(D, 3).tolist() == [1, 2]
    # Radius 0.05 * 10.5 = 0.525: 0 is no longer a neighbour of 1.
    assert representatives(D, 3, tsim=0.05).tolist() == [1, 2, 0]
    # Coverage mode: after 1 (covering 0 and 1 = 50%) the 25% threshold is met.
    assert representatives(D).tolist() == [1]
    assert representatives(D, coverage=0.6).tolist() == [1, 2]


# --------------------------------------------------------------------------------------------------------------------
# Cluster quality
# --------------------------------------------------------------------------------------------------------------------

# Four objects, clusters {A, B} and {C, D}.
TINY = np.array(
    [
        [0.0, 1.0, 4.0, 1.5],
        [1.0, 0.0, 2.0, 6.0],
        [4.0, 2.0, 0.0, 2.0],
        [1.5, 6.0, 2.0, 0.0],
    ]
)
TINY_LABELS = np.array([0, 0, 1, 1])


def test_cluster_quality_by_hand():
    q = cluster_quality(TINY, TINY_LABELS)
    # WeightedCluster works on all 16 ordered pairs, diagonal included, each of weight 1:
    #   same cluster: 0 (x4, diagonal), 1 (AB x2), 2 (CD x2)          -> weight 8, sum 6
    #   different:    1.5 (AD x2), 2 (BC x2), 4 (AC x2), 6 (BD x2)    -> weight 8
    # PBC: mean d = 33/16, mean same = 1/2, E[d^2] = 126.5/16, E[d * same] = 6/16
    cov_xy = 6 / 16 - 0.5 * 33 / 16
    var_x = 126.5 / 16 - (33 / 16) ** 2
    assert q["PBC"] == pytest.approx(-cov_xy / math.sqrt(var_x * 0.25))
    # Gamma: concordant (same-pair distance < different-pair distance) 4*8 + 2*8 + 2*4 = 56, discordant 2*2 = 4
    # (CD = 2 vs AD = 1.5), tied 2*2 = 4 (CD = 2 vs BC = 2). HG = 52/60; the C code counts C and D twice, ties once:
    # HGSD = 104 / 124.
    assert q["HG"] == pytest.approx(52 / 60)
    assert q["HGSD"] == pytest.approx(104 / 124)
    # Hubert's C: sorted distances 0 0 0 0 1 1 1.5 1.5 | 2 2 2 2 4 4 6 6; S_w = 6, S_min = 5, S_max = 28.
    assert q["HC"] == pytest.approx((6 - 5) / (28 - 5))
    # Silhouettes, a = within distance / (n_k - 1), b = mean distance to the other cluster:
    #   A: a 1, b (4+1.5)/2 = 2.75;  B: a 1, b (2+6)/2 = 4;  C: a 2, b (4+2)/2 = 3;  D: a 2, b (1.5+6)/2 = 3.75
    asw = [(2.75 - 1) / 2.75, (4 - 1) / 4, (3 - 2) / 3, (3.75 - 2) / 3.75]
    assert q["ASW"] == pytest.approx(np.mean(asw))
    #   ASWw divides by n_k: a = 0.5, 0.5, 1, 1
    asww = [(2.75 - 0.5) / 2.75, (4 - 0.5) / 4, (3 - 1) / 3, (3.75 - 1) / 3.75]
    assert q["ASWw"] == pytest.approx(np.mean(asww))
    # Discrepancies (ordered pairs): SS_tot = 2 * 16.5 / 4 = 8.25; SS_res = 2*1/2 + 2*2/2 = 3.
    assert q["R2"] == pytest.approx((8.25 - 3) / 8.25)
    assert q["CH"] == pytest.approx(((8.25 - 3) / 1) / (3 / (4 - 2)))
    # Squared: sum of d^2 over pairs 63.25 -> SS_tot = 2 * 63.25 / 4 = 31.625; SS_res = 2*1/2 + 2*4/2 = 5.
    assert q["R2sq"] == pytest.approx((31.625 - 5) / 31.625)
    assert q["CHsq"] == pytest.approx((31.625 - 5) / (5 / 2))


def plain_silhouette(D, labels):
    """Textbook silhouette with plain loops (clusters of at least two members)."""
    n = len(labels)
    values = []
    for i in range(n):
        own, other = [], {}
        for j in range(n):
            if j == i:
                continue
            if labels[j] == labels[i]:
                own.append(D[i][j])
            else:
                other.setdefault(labels[j], []).append(D[i][j])
        a = sum(own) / len(own)
        b = min(sum(v) / len(v) for v in other.values())
        values.append((b - a) / max(a, b))
    return values


def test_unweighted_asw_equals_plain_loop_silhouette(om):
    D = om[:150, :150]
    labels = WardClustering(4).fit(D).labels_
    expected = plain_silhouette(D.tolist(), labels.tolist())
    np.testing.assert_allclose(silhouette(D, labels), expected, rtol=1e-12)
    assert cluster_quality(D, labels)["ASW"] == pytest.approx(sum(expected) / len(expected))


def test_weighted_quality_equals_replicated_rows():
    rng = np.random.default_rng(7)
    points = rng.normal(size=(25, 2)) + np.repeat(np.array([[0, 0], [4, 0], [0, 4]]), [9, 8, 8], axis=0)
    D = euclidean(points)
    labels = np.repeat([0, 1, 2], [9, 8, 8])
    weights = rng.integers(1, 4, size=25)
    rows = np.repeat(np.arange(25), weights)
    weighted = cluster_quality(D, labels, weights=weights.astype(float))
    replicated = cluster_quality(D[np.ix_(rows, rows)], labels[rows])
    pd.testing.assert_series_equal(weighted, replicated, rtol=1e-9)


def test_asw_is_nan_when_a_cluster_weighs_less_than_one():
    q = cluster_quality(TINY, TINY_LABELS, weights=[0.3, 0.3, 1.0, 1.0])
    assert np.isnan(q["ASW"]) and np.isfinite(q["ASWw"])


# --------------------------------------------------------------------------------------------------------------------
# PAM and CLARA
# --------------------------------------------------------------------------------------------------------------------


def blobs(per_cluster=150, at_center=60, seed=11):
    """Four well separated clusters; many points sit exactly on each centre, which is then every method's medoid."""
    rng = np.random.default_rng(seed)
    centers = np.array([[0.0, 0.0], [20.0, 0.0], [0.0, 20.0], [20.0, 20.0]])
    parts = []
    for c in centers:
        parts.append(np.repeat(c[None, :], at_center, axis=0))
        parts.append(c + rng.normal(size=(per_cluster - at_center, 2)))
    points = np.vstack(parts)
    return points, centers


def test_pam_finds_the_cluster_medoids():
    points, centers = blobs(per_cluster=40, at_center=10)
    D = euclidean(points)
    pam = PAM(4, random_state=0).fit(D)
    assert np.all(np.diff(pam.medoid_indices_) > 0)
    found = {tuple(points[m]) for m in pam.medoid_indices_}
    assert found == {tuple(c) for c in centers}
    assert pam.inertia_ == pytest.approx(D[:, pam.medoid_indices_].min(axis=1).sum())
    np.testing.assert_array_equal(pam.labels_, np.argmin(D[:, pam.medoid_indices_], axis=1))


def test_weighted_pam_optimises_the_weighted_objective():
    rng = np.random.default_rng(5)
    points = rng.normal(size=(14, 2)) + np.repeat(np.array([[0, 0], [6, 1]]), 7, axis=0)
    D = euclidean(points)
    weights = rng.integers(1, 5, size=14).astype(float)
    best = min((weights * D[:, list(pair)].min(axis=1)).sum() for pair in itertools.combinations(range(14), 2))
    pam = PAM(2).fit(D, weights=weights)
    assert pam.inertia_ == pytest.approx(best)
    # Same objective as unweighted PAM on the data with each row repeated w times.
    rows = np.repeat(np.arange(14), weights.astype(int))
    replicated = PAM(2, random_state=0).fit(D[np.ix_(rows, rows)])
    assert replicated.inertia_ == pytest.approx(best)
    # Uniform weights change nothing.
    assert PAM(2).fit(D, weights=np.full(14, 2.0)).inertia_ == pytest.approx(2 * PAM(2).fit(D).inertia_)


def test_clara_matches_full_pam_and_only_asks_for_blocks():
    points, centers = blobs()
    n = len(points)
    full = PAM(4, random_state=0).fit(euclidean(points))
    calls = []

    def distance(rows_a, rows_b):
        calls.append((len(rows_a), len(rows_b)))
        return euclidean_block(points[rows_a], points[rows_b])

    clara = CLARA(4, n_samples=5, sample_size=60, random_state=0).fit(distance, n_objects=n)
    as_points = {tuple(points[m]) for m in clara.medoid_indices_}
    assert as_points == {tuple(points[m]) for m in full.medoid_indices_} == {tuple(c) for c in centers}
    # Same partition (label numbers may differ as medoid rows differ among identical points).
    assert len(set(zip(clara.labels_.tolist(), full.labels_.tolist(), strict=True))) == 4
    assert clara.inertia_ == pytest.approx(full.inertia_)
    # Never the N x N matrix: every block has at most sample_size columns, so at most sample_size x N distances,
    # and per sample sample_size^2 + (N - sample_size) k <= sample_size x N.
    assert all(cols <= 60 and rows <= n for rows, cols in calls)
    assert len(calls) == 2 * 5
    per_sample = [calls[i][0] * calls[i][1] + calls[i + 1][0] * calls[i + 1][1] for i in range(0, 10, 2)]
    assert all(total <= 60 * n for total in per_sample)
    assert clara.n_distances_ == sum(per_sample)
    assert len(clara.sample_costs_) == 5 and clara.inertia_ == pytest.approx(min(clara.sample_costs_))


def euclidean_block(a, b):
    return np.sqrt(((a[:, None, :] - b[None, :, :]) ** 2).sum(axis=-1))


def test_clara_accepts_a_matrix_and_weights(om):
    clara = CLARA(4, n_samples=3, random_state=1).fit(om, weights=np.ones(712))
    assert clara.labels_.shape == (712,) and len(set(clara.labels_)) == 4
    assert len(clara.best_sample_) == 48  # cluster::clara's default 40 + 2k


def test_clara_on_seqdist_blocks_matches_the_reference_matrix(om, shared_data):
    frame = pd.read_csv(shared_data / "sequences/mvad.csv")
    seqs = StateSequences.from_wide(frame, columns=slice(16, 86))
    distance = seqdist_blocks(seqs, "OM", sm="TRATE", indel=1)
    rows, cols = np.arange(0, 712, 9), np.array([0, 1, 2, 500])
    np.testing.assert_allclose(distance(rows, cols), om[np.ix_(rows, cols)], rtol=1e-6)
    # TRATE costs come from all 712 sequences even for a block of two.
    np.testing.assert_allclose(distance(np.array([0]), np.array([1])), [[138.514183]], rtol=1e-8)
    from_blocks = CLARA(4, n_samples=3, random_state=2).fit(distance, n_objects=len(seqs))
    from_matrix = CLARA(4, n_samples=3, random_state=2).fit(om)
    # The same medoid sequences; the rows may differ among duplicates of a sequence, since the reference file's
    # distances are rounded to 8 decimals and duplicates tie up to that rounding.
    assert np.all(om[from_blocks.medoid_indices_, from_matrix.medoid_indices_] == 0)
    assert from_blocks.inertia_ == pytest.approx(from_matrix.inertia_, rel=1e-8)


@pytest.mark.parametrize(
    "method, options",
    [("HAM", {}), ("HAM", {"sm": "CONSTANT"}), ("DHD", {}), ("LCS", {}), ("OM", {"sm": "INDELSLOG"})],
)
def test_blocks_use_the_costs_of_the_full_matrix(shared_data, method, options):
    """Every block equals the same block of seqdist's full matrix, whatever default costs the method has (HAM's
    CONSTANT is cval 1, not seqsubm's 2; DHD's is time-varying TRATE)."""
    frame = pd.read_csv(shared_data / "sequences/mvad.csv")
    seqs = StateSequences.from_wide(frame, columns=slice(16, 86)).subset(np.arange(40))
    full = seqdist(seqs, method, **options)
    rows, cols = np.arange(0, 40, 3), np.array([1, 7, 30])
    np.testing.assert_allclose(seqdist_blocks(seqs, method, **options)(rows, cols), full[np.ix_(rows, cols)])


def test_matrices_are_checked():
    with pytest.raises(ValueError, match="symmetric"):
        PAM(2).fit(np.array([[0.0, 1.0], [2.0, 0.0]]))
    with pytest.raises(ValueError, match="square"):
        WardClustering(2).fit(np.zeros((2, 3)))
