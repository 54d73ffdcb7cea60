"""Clustering of sequences from a dissimilarity matrix, and cluster quality.

- :class:`WardClustering` -- Ward hierarchical clustering as ``cluster::agnes(diss, method="ward")`` (the same
  criterion as ``hclust(method="ward.D2")``), with agnes' agglomerative coefficient and R's ``cutree`` numbering.
- :class:`PAM` -- k-medoids (FasterPAM from the ``kmedoids`` package; a weighted variant as in WeightedCluster's
  ``wcKMedoids``).
- :class:`CLARA` -- k-medoids for large N from samples, asking a distance callable for blocks only.
- :func:`cluster_quality` / :func:`silhouette` -- WeightedCluster's ``wcClusterQuality`` / ``wcSilhouetteObs``.
- :func:`medoid` / :func:`representatives` -- TraMineR's ``seqrep``/``dissrep`` (criterion ``"dist"`` etc.).

Every function takes a square (N, N) dissimilarity matrix such as ``seqdist()`` returns; :class:`WardClustering`
also takes a condensed vector.
"""

from __future__ import annotations

from collections.abc import Callable

import numba
import numpy as np
import pandas as pd

__all__ = [
    "CLARA",
    "PAM",
    "WardClustering",
    "cluster_quality",
    "medoid",
    "representatives",
    "seqdist_blocks",
    "silhouette",
]


def _square(D, name: str = "D") -> np.ndarray:
    D = np.asarray(D, dtype=np.float64)
    if D.ndim == 1:
        from scipy.spatial.distance import squareform

        D = squareform(D, checks=False)
    if D.ndim != 2 or D.shape[0] != D.shape[1]:
        raise ValueError(f"{name} must be a square dissimilarity matrix or a condensed vector")
    if not np.all(np.isfinite(D)):
        raise ValueError(f"{name} holds non-finite values")
    scale = float(np.abs(D).max()) if D.size else 0.0
    if not np.allclose(D, D.T, rtol=0.0, atol=1e-9 * max(scale, 1.0)):
        raise ValueError(f"{name} must be symmetric")
    return D


def _weights(weights, n: int, *, positive: bool = False) -> np.ndarray:
    w = np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64)
    if w.shape != (n,):
        raise ValueError(f"weights must have shape ({n},), got {w.shape}")
    if not np.all(np.isfinite(w)) or np.any(w < 0) or (positive and np.any(w <= 0)):
        raise ValueError("weights must be finite and " + ("positive" if positive else "non-negative"))
    return w


# ====================================================================================================================
# Ward (agnes)
# ====================================================================================================================


@numba.njit(cache=False)
def _row_nearest(d, active, k, nn, nnd):
    # agnes scans pairs (k, j), k < j, with `d_min >= d`: among equal dissimilarities the *last* pair wins.
    best = np.inf
    arg = -1
    for j in range(k + 1, d.shape[0]):
        if active[j] and best >= d[k, j]:
            best = d[k, j]
            arg = j
    nn[k] = arg
    nnd[k] = best


@numba.njit(cache=False)
def _agnes_ward(d, size):  # pragma: no cover - compiled
    """Merges of agnes(method="ward") on the full matrix ``d`` (modified in place), cluster sizes ``size``.

    Same pair choice and the same floating-point update as cluster's C code (twins.c), so ties -- frequent with
    duplicated sequences -- are broken as R does. Instead of rescanning all pairs at every step we keep, per row k,
    its nearest active j > k (last one on ties); the global choice (last row on ties) is then the same pair.
    """
    n = d.shape[0]
    active = np.ones(n, dtype=np.bool_)
    nn = np.full(n, -1, dtype=np.int64)
    nnd = np.full(n, np.inf)
    for k in range(n - 1):
        _row_nearest(d, active, k, nn, nnd)
    merge_a = np.empty(n - 1, dtype=np.int64)
    merge_b = np.empty(n - 1, dtype=np.int64)
    height = np.empty(n - 1)
    for m in range(n - 1):
        best = np.inf
        la = -1
        for k in range(n):
            if active[k] and nn[k] >= 0 and best >= nnd[k]:
                best = nnd[k]
                la = k
        lb = nn[la]
        merge_a[m] = la
        merge_b[m] = lb
        height[m] = best
        ta = size[la]
        tb = size[lb]
        dab = d[la, lb]
        for q in range(n):
            if not active[q] or q == la or q == lb:
                continue
            tq = size[q]
            fa = (ta + tq) / (ta + tb + tq)
            fb = (tb + tq) / (ta + tb + tq)
            fc = -tq / (ta + tb + tq)
            v = np.sqrt(fa * d[la, q] * d[la, q] + fb * d[lb, q] * d[lb, q] + fc * dab * dab)
            d[la, q] = v
            d[q, la] = v
        size[la] = ta + tb
        active[lb] = False
        nn[lb] = -1
        nnd[lb] = np.inf
        _row_nearest(d, active, la, nn, nnd)
        for k in range(n):
            if not active[k] or k == la:
                continue
            if k < la:
                if nn[k] == la or nn[k] == lb:
                    _row_nearest(d, active, k, nn, nnd)
                elif d[k, la] < nnd[k] or (d[k, la] == nnd[k] and la > nn[k]):
                    nn[k] = la
                    nnd[k] = d[k, la]
            elif k < lb and nn[k] == lb:
                _row_nearest(d, active, k, nn, nnd)
    return merge_a, merge_b, height


def _to_scipy_linkage(merge_a, merge_b, height, n) -> np.ndarray:
    """Convert merges named by surviving representative to scipy's linkage format (new cluster n + step)."""
    cluster = np.arange(n)
    count = np.ones(n, dtype=np.int64)
    Z = np.empty((n - 1, 4))
    for m, (a, b, h) in enumerate(zip(merge_a, merge_b, height, strict=True)):
        ca, cb = cluster[a], cluster[b]
        count[a] += count[b]
        Z[m] = (min(ca, cb), max(ca, cb), h, count[a])
        cluster[a] = n + m
    return Z


def _cut(Z: np.ndarray, n_clusters: int) -> np.ndarray:
    """R's ``cutree(k=)``: apply the first n - k merges; clusters numbered by their first observation (0-based)."""
    n = Z.shape[0] + 1
    if not 1 <= n_clusters <= n:
        raise ValueError(f"n_clusters must be between 1 and {n}")
    parent = np.arange(2 * n - 1)

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for m in range(n - n_clusters):
        parent[find(int(Z[m, 0]))] = n + m
        parent[find(int(Z[m, 1]))] = n + m
    roots = np.array([find(i) for i in range(n)])
    _, first, inverse = np.unique(roots, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return rank[inverse.ravel()]


def _agglomerative_coefficient(Z: np.ndarray) -> float:
    """cluster::agnes' ``ac``: mean over objects of 1 - (height of its first merge) / (height of the last merge)."""
    n = Z.shape[0] + 1
    first = np.full(n, np.nan)
    for a, b, h, _ in Z:
        for x in (int(a), int(b)):
            if x < n and np.isnan(first[x]):
                first[x] = h
    top = Z[:, 2].max()
    return float(np.mean(1.0 - first / top)) if top > 0 else float("nan")


class WardClustering:
    """Ward hierarchical clustering of a dissimilarity matrix, as ``cluster::agnes(diss, method="ward")``.

    agnes' Ward updates dissimilarities with the Lance--Williams formula on squared values and takes the root
    (``hclust(method="ward.D2")``). ``algorithm="agnes"`` (default) reproduces agnes merge by merge, including how
    it breaks ties among equal dissimilarities -- which matters for sequence data, where duplicated sequences make
    ties common: on the mvad OM matrix, NN-chain implementations (fastcluster, scipy) pick other tied pairs and end
    with different 4-group sizes. ``algorithm="fastcluster"`` uses ``fastcluster.linkage(method="ward")`` (the same
    tree when there are no ties; faster for large N). Both need the full N x N matrix in memory.

    ``weights`` make the initial cluster sizes, like ``hclust(members=weights, method="ward.D2")`` as WeightedCluster
    recommends for aggregated (weighted unique) sequences; agnes itself has no weights. Only ``algorithm="agnes"``
    supports them.

    Fitted attributes:
        linkage_: (N-1, 4) merges in scipy's linkage format, in merge order (heights non-decreasing).
        heights_: the merge heights.
        labels_: cluster of each observation for ``n_clusters``, numbered 0..k-1 as R's ``cutree`` numbers them
            1..k: in order of each cluster's first observation (label 0 is the cluster of row 0).
        sizes_: number of observations per label; ``weighted_sizes_``: sum of weights per label.
        ac_: agnes' agglomerative coefficient (unweighted mean over observations, as agnes defines it).
    """

    def __init__(self, n_clusters: int = 2, algorithm: str = "agnes"):
        self.n_clusters = n_clusters
        self.algorithm = algorithm

    def fit(self, D, weights=None) -> WardClustering:
        D = _square(D)
        n = D.shape[0]
        if n < 2:
            raise ValueError("need at least two observations")
        w = _weights(weights, n, positive=True)
        if self.algorithm == "agnes":
            merge_a, merge_b, height = _agnes_ward(D.copy(), w.copy())
            Z = _to_scipy_linkage(merge_a, merge_b, height, n)
        elif self.algorithm == "fastcluster":
            if weights is not None and not np.all(w == 1):
                raise ValueError('weights need algorithm="agnes"')
            import fastcluster
            from scipy.spatial.distance import squareform

            Z = fastcluster.linkage(squareform(D, checks=False), method="ward", preserve_input=True)
        else:
            raise ValueError('algorithm must be "agnes" or "fastcluster"')
        self.linkage_ = Z
        self.heights_ = Z[:, 2].copy()
        self.ac_ = _agglomerative_coefficient(Z)
        self.weights_ = w
        self.labels_ = self.cut(self.n_clusters)
        self.sizes_ = np.bincount(self.labels_, minlength=self.n_clusters)
        self.weighted_sizes_ = np.bincount(self.labels_, weights=w, minlength=self.n_clusters)
        return self

    def cut(self, n_clusters: int) -> np.ndarray:
        """Labels for another number of clusters without refitting (``cutree(tree, k=n_clusters)``, 0-based)."""
        return _cut(self.linkage_, n_clusters)

    def fit_predict(self, D, weights=None) -> np.ndarray:
        return self.fit(D, weights).labels_


# ====================================================================================================================
# PAM
# ====================================================================================================================


@numba.njit(cache=False)
def _assign(d, med, dn, ds, near):  # pragma: no cover - compiled
    n = d.shape[0]
    for o in range(n):
        b1 = np.inf
        b2 = np.inf
        a1 = 0
        for m in range(med.shape[0]):
            v = d[o, med[m]]
            if v < b1:
                b2 = b1
                b1 = v
                a1 = m
            elif v < b2:
                b2 = v
        near[o] = a1
        dn[o] = b1
        ds[o] = b2


@numba.njit(cache=False)
def _weighted_build(d, w, k):  # pragma: no cover - compiled
    """PAM's BUILD with weights: the weighted medoid, then greedily the object that lowers the cost most."""
    n = d.shape[0]
    med = np.empty(k, dtype=np.int64)
    best = np.inf
    for c in range(n):
        s = 0.0
        for o in range(n):
            s += w[o] * d[o, c]
        if s < best:
            best = s
            med[0] = c
    dn = np.empty(n)
    for o in range(n):
        dn[o] = d[o, med[0]]
    is_med = np.zeros(n, dtype=np.bool_)
    is_med[med[0]] = True
    for m in range(1, k):
        best_gain = -1.0
        arg = -1
        for c in range(n):
            if is_med[c]:
                continue
            g = 0.0
            for o in range(n):
                if d[o, c] < dn[o]:
                    g += w[o] * (dn[o] - d[o, c])
            if g > best_gain:
                best_gain = g
                arg = c
        med[m] = arg
        is_med[arg] = True
        for o in range(n):
            if d[o, arg] < dn[o]:
                dn[o] = d[o, arg]
    return med


@numba.njit(cache=False)
def _weighted_fasterpam(d, w, med, max_iter):  # pragma: no cover - compiled
    """FasterPAM (Schubert & Rousseeuw 2021) on the weighted objective sum_o w_o d(o, nearest medoid).

    Every term of the FastPAM1 swap gain is a sum over objects, so weighting multiplies each object's term by w_o;
    as in FasterPAM, an improving swap is applied as soon as it is found.
    """
    n = d.shape[0]
    k = med.shape[0]
    is_med = np.zeros(n, dtype=np.bool_)
    for m in range(k):
        is_med[med[m]] = True
    dn = np.empty(n)
    ds = np.empty(n)
    near = np.empty(n, dtype=np.int64)
    _assign(d, med, dn, ds, near)
    loss = 0.0
    for o in range(n):
        loss += w[o] * dn[o]
    removal = np.zeros(k)
    for o in range(n):
        removal[near[o]] += w[o] * (ds[o] - dn[o])
    delta = np.empty(k)
    n_iter = 0
    n_swaps = 0
    for it in range(max_iter):
        n_iter = it + 1
        swapped = False
        for xc in range(n):
            if is_med[xc]:
                continue
            acc = 0.0
            for m in range(k):
                delta[m] = removal[m]
            for o in range(n):
                doj = d[o, xc]
                if doj < dn[o]:
                    acc += w[o] * (doj - dn[o])
                    delta[near[o]] += w[o] * (dn[o] - ds[o])
                elif doj < ds[o]:
                    delta[near[o]] += w[o] * (doj - ds[o])
            mbest = 0
            for m in range(1, k):
                if delta[m] < delta[mbest]:
                    mbest = m
            # A relative tolerance keeps rounding noise from swapping back and forth forever.
            if delta[mbest] + acc < -1e-12 * max(1.0, abs(loss)):
                is_med[med[mbest]] = False
                med[mbest] = xc
                is_med[xc] = True
                _assign(d, med, dn, ds, near)
                loss = 0.0
                for m in range(k):
                    removal[m] = 0.0
                for o in range(n):
                    loss += w[o] * dn[o]
                    removal[near[o]] += w[o] * (ds[o] - dn[o])
                n_swaps += 1
                swapped = True
        if not swapped:
            break
    return med, loss, n_iter, n_swaps


def _finish_medoids(D: np.ndarray, medoids: np.ndarray, w: np.ndarray):
    """Sort the medoids by row position and label every object by its nearest medoid (first on ties)."""
    medoids = np.sort(np.asarray(medoids, dtype=np.int64))
    to_medoids = D[:, medoids]
    labels = np.argmin(to_medoids, axis=1)
    labels[medoids] = np.arange(len(medoids))  # a medoid belongs to its own cluster even on ties
    inertia = float(np.sum(w * to_medoids[np.arange(len(D)), labels]))
    return medoids, labels, inertia


class PAM:
    """k-medoids clustering (Partitioning Around Medoids) of a dissimilarity matrix.

    Unweighted, this runs ``kmedoids.fasterpam`` (Schubert & Rousseeuw's FasterPAM) from a BUILD initialisation.
    ``kmedoids`` cannot weight observations, so with ``weights`` (WeightedCluster's ``wcKMedoids(weights=)``) a
    weighted BUILD and FasterPAM run here, minimising ``sum_i w_i d(i, medoid(i))``: with integer weights this is
    the same objective as PAM on the data with each row repeated ``w_i`` times.

    ``init="build"`` (default, deterministic) or ``"random"`` (drawn with ``random_state``). FasterPAM also uses
    ``random_state`` to shuffle its processing order; with BUILD the result is deterministic.

    Fitted attributes: ``medoid_indices_`` (row positions, ascending), ``labels_`` (0..k-1, label j = the cluster of
    ``medoid_indices_[j]``), ``inertia_`` (weighted sum of distances to the medoids), ``n_iter_``.
    """

    def __init__(self, n_clusters: int = 2, *, init: str = "build", max_iter: int = 100, random_state=None):
        self.n_clusters = n_clusters
        self.init = init
        self.max_iter = max_iter
        self.random_state = random_state

    def fit(self, D, weights=None) -> PAM:
        D = _square(D)
        n = D.shape[0]
        k = int(self.n_clusters)
        if not 1 <= k <= n:
            raise ValueError(f"n_clusters must be between 1 and {n}")
        if self.init not in ("build", "random"):
            raise ValueError('init must be "build" or "random"')
        w = _weights(weights, n)
        if weights is None or np.all(w == 1):
            import kmedoids

            seed = _seed(self.random_state)
            init = "build" if self.init == "build" else "random"
            result = kmedoids.fasterpam(D, k, max_iter=self.max_iter, init=init, random_state=seed, n_cpu=1)
            medoids = np.asarray(result.medoids)
            self.n_iter_ = int(result.n_iter)
        else:
            if self.init == "build":
                start = _weighted_build(D, w, k)
            else:
                start = np.random.default_rng(self.random_state).choice(n, size=k, replace=False).astype(np.int64)
            medoids, _, n_iter, _ = _weighted_fasterpam(D, w, start.copy(), self.max_iter)
            self.n_iter_ = int(n_iter)
        self.medoid_indices_, self.labels_, self.inertia_ = _finish_medoids(D, medoids, w)
        return self

    def fit_predict(self, D, weights=None) -> np.ndarray:
        return self.fit(D, weights).labels_


def _seed(random_state) -> int:
    if random_state is None:
        return int(np.random.default_rng().integers(2**31 - 1))
    if isinstance(random_state, np.random.Generator):
        return int(random_state.integers(2**31 - 1))
    return int(random_state)


# ====================================================================================================================
# CLARA
# ====================================================================================================================


class CLARA:
    """k-medoids for large N without the N x N matrix (Kaufman & Rousseeuw's CLARA, as ``cluster::clara``).

    ``fit(distance, n_objects)`` takes a callable ``distance(rows_a, rows_b) -> ndarray`` returning the
    ``(len(rows_a), len(rows_b))`` block of dissimilarities between the objects at those row positions
    (:func:`seqdist_blocks` builds one from ``seqdist(..., refseq=...)``), or a square matrix. For each of
    ``n_samples`` samples of ``sample_size`` objects (the best medoids so far are always part of the next sample, as
    in ``cluster::clara``), PAM runs on the sample block; then every other object is compared with the k medoids
    only. The sample with the lowest total (weighted) distance of all objects to
    their medoid wins. Per sample the callable is asked for ``sample_size**2 + (N - sample_size) * k`` distances,
    never more than ``sample_size * N``.

    ``sample_size`` defaults to ``40 + 2k`` (cluster::clara's default). With ``weights``, samples are drawn uniformly
    and PAM on a sample is weighted; the cost uses everyone's weight.

    Fitted attributes: ``medoid_indices_`` (ascending), ``labels_``, ``inertia_``, ``sample_costs_`` (cost of each
    sample's medoids), ``best_sample_`` (its row positions), ``n_distances_`` (total distances requested).
    """

    def __init__(
        self, n_clusters: int = 2, n_samples: int = 5, sample_size: int | None = None, random_state=None, **pam
    ):
        self.n_clusters = n_clusters
        self.n_samples = n_samples
        self.sample_size = sample_size
        self.random_state = random_state
        self.pam_params = pam

    def fit(self, distance: Callable[[np.ndarray, np.ndarray], np.ndarray] | np.ndarray, n_objects=None, weights=None):
        if not callable(distance):
            matrix = _square(distance, "distance")
            n_objects = matrix.shape[0] if n_objects is None else n_objects

            def distance(a, b, _m=matrix):
                return _m[np.ix_(a, b)]

        if n_objects is None:
            raise ValueError("n_objects is needed with a distance callable")
        n = int(n_objects)
        k = int(self.n_clusters)
        s = min(n, 40 + 2 * k if self.sample_size is None else int(self.sample_size))
        if not 1 <= k <= s:
            raise ValueError(f"need 1 <= n_clusters <= sample_size ({s})")
        w = _weights(weights, n)
        rng = np.random.default_rng(self.random_state)
        self.n_distances_ = 0

        def block(a, b):
            out = np.asarray(distance(a, b), dtype=np.float64)
            if out.shape != (len(a), len(b)):
                raise ValueError(f"distance returned shape {out.shape}, expected {(len(a), len(b))}")
            self.n_distances_ += out.size
            return out

        best_cost, best = np.inf, None
        costs = []
        all_rows = np.arange(n)
        for _ in range(1 if s == n else self.n_samples):
            if best is None:
                sample = np.sort(rng.choice(n, size=s, replace=False))
            else:
                rest = np.setdiff1d(all_rows, best[0])
                sample = np.sort(np.concatenate([best[0], rng.choice(rest, size=s - k, replace=False)]))
            inner = block(sample, sample)
            pam = PAM(k, random_state=int(rng.integers(2**31 - 1)), **self.pam_params)
            pam.fit(inner, weights=None if weights is None else w[sample])
            medoids = sample[pam.medoid_indices_]
            to_medoids = np.empty((n, k))
            to_medoids[sample] = inner[:, pam.medoid_indices_]
            others = np.setdiff1d(all_rows, sample)
            if others.size:
                to_medoids[others] = block(others, medoids)
            nearest = to_medoids.min(axis=1)
            cost = float(np.sum(w * nearest))
            costs.append(cost)
            if cost < best_cost:
                best_cost = cost
                best = (medoids, sample, to_medoids)
        medoids, sample, to_medoids = best
        order = np.argsort(medoids)
        self.medoid_indices_ = medoids[order]
        to_medoids = to_medoids[:, order]
        labels = np.argmin(to_medoids, axis=1)
        labels[self.medoid_indices_] = np.arange(k)
        self.labels_ = labels
        self.inertia_ = float(np.sum(w * to_medoids[all_rows, labels]))
        self.sample_costs_ = np.asarray(costs)
        self.best_sample_ = sample
        return self


def seqdist_blocks(
    seqs, method: str = "OM", *, sm=None, **seqdist_options
) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """A :class:`CLARA` distance callable over ``seqs``: ``distance(rows_a, rows_b)`` is the
    ``(len(rows_a), len(rows_b))`` block of ``seqdist(seqs, method, sm=sm, ...)`` for those rows, computed with
    ``seqdist(..., refseq=...)`` so the full matrix is never built.

    Costs learnt from the data (``sm="TRATE"``, ``"INDELS"``, ...; DHD's default time-varying TRATE) are computed
    once from all of ``seqs`` with ``substitution_costs`` -- computing them per block would give each block other
    costs than the full matrix has.
    """
    from .distances import seqdist, seqdist_costs

    # Resolved once, exactly as seqdist() resolves them for the full matrix (cval 1 for HAM, time-varying TRATE for
    # DHD...), so that every block has the full matrix's costs.
    resolved = {key: seqdist_options.pop(key) for key in ("indel",) if key in seqdist_options}
    sm, indel = seqdist_costs(
        seqs,
        method,
        sm=sm,
        indel=resolved.get("indel", "auto"),
        with_missing=seqdist_options.get("with_missing", False),
        weighted=seqdist_options.get("weighted", True),
    )
    if method in ("LCS", "LCP", "RLCP"):
        sm = None  # these take no costs; seqdist sets its own
    else:
        seqdist_options["indel"] = indel

    def distance(rows_a, rows_b):
        a, b = np.asarray(rows_a), np.asarray(rows_b)
        # seqdist wants reference sequences no longer than the longest compared one; swap sides when needed.
        if seqs.lengths[b].max() > seqs.lengths[a].max():
            out = seqdist(seqs.subset(b), method, refseq=seqs.subset(a), sm=sm, **seqdist_options)
            return np.asarray(out, dtype=np.float64).reshape(len(b), len(a)).T
        out = seqdist(seqs.subset(a), method, refseq=seqs.subset(b), sm=sm, **seqdist_options)
        return np.asarray(out, dtype=np.float64).reshape(len(a), len(b))

    return distance


# ====================================================================================================================
# Quality and representatives
# ====================================================================================================================


def _labels(labels, n: int) -> tuple[np.ndarray, np.ndarray]:
    labels = np.asarray(labels)
    if labels.shape != (n,):
        raise ValueError(f"labels must have shape ({n},)")
    levels, codes = np.unique(labels, return_inverse=True)
    return levels, codes.ravel()


def _silhouettes(D: np.ndarray, codes: np.ndarray, w: np.ndarray, k: int):
    member = np.zeros((len(codes), k))
    member[np.arange(len(codes)), codes] = w
    sizes = member.sum(axis=0)
    sums = D @ member  # sum_j w_j d_ij per cluster; d_ii = 0 so i's own weight adds nothing
    own = sums[np.arange(len(codes)), codes]
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_other = sums / sizes[None, :]
        mean_other[np.arange(len(codes)), codes] = np.inf
        b = mean_other.min(axis=1) if k > 1 else np.full(len(codes), np.nan)
        own_size = sizes[codes]
        a_i = np.where(own_size > 1, own / np.where(own_size > 1, own_size - 1, 1), 0.0)
        a_w = own / own_size
        asw_i = (b - a_i) / np.maximum(a_i, b)
        asw_w = (b - a_w) / np.maximum(a_w, b)
    return asw_i, asw_w, sizes


def silhouette(D, labels, weights=None, measure: str = "ASW") -> np.ndarray:
    """Silhouette of each observation, WeightedCluster's ``wcSilhouetteObs``.

    ``s_i = (b_i - a_i) / max(a_i, b_i)`` with ``b_i`` the smallest weighted mean distance to another cluster
    (``sum_j w_j d_ij / W_l``) and ``a_i`` the weighted distance to the others of its own cluster divided by
    ``W_k - 1`` (``measure="ASW"``, for frequency weights: same as repeating rows) or by ``W_k`` (``"ASWw"``).
    """
    D = _square(D)
    w = _weights(weights, D.shape[0])
    levels, codes = _labels(labels, D.shape[0])
    asw_i, asw_w, _ = _silhouettes(D, codes, w, len(levels))
    if measure == "ASW":
        return asw_i
    if measure == "ASWw":
        return asw_w
    raise ValueError('measure must be "ASW" or "ASWw"')


def cluster_quality(D, labels, weights=None) -> pd.Series:
    """Cluster quality indices, as WeightedCluster's ``wcClusterQuality`` (source: WeightedCluster
    src/clusterqualitybody.cpp; Studer 2013, "WeightedCluster Library Manual", section 4).

    With ``w`` the weights and all *ordered* pairs (i, j) of positively weighted objects, the diagonal included
    (pair weight ``w_i w_j``, distance ``d_ij``, ``d_ii = 0``), ``same_ij`` = 1 when i and j share a cluster:

    - ``PBC`` point biserial correlation: ``-cor_w(d, same)`` over those pairs (so positive is good).
    - ``HG`` Hubert's gamma: Goodman--Kruskal gamma between ``d`` and ``1 - same``, pairs tied on distance left
      out: ``(C - D) / (C + D)``. ``HGSD`` Somers' D: ``(C - D) / (C + D + T)``; as in WeightedCluster's code, ``C``
      and ``D`` count each pair of pairs twice and the ties ``T`` once.
    - ``HC`` Hubert's C: ``(S_w - S_min) / (S_max - S_min)``, ``S_w`` the sum of within-cluster distances and
      ``S_min``/``S_max`` the sums of the smallest/largest distances of the same total weight (lower is better).
    - ``ASW``/``ASWw``: weighted mean of :func:`silhouette` (``W_k - 1`` / ``W_k`` denominators); ``ASW`` is NaN
      when a cluster weighs less than 1, as in WeightedCluster.
    - ``CH`` pseudo-F and ``R2`` from the discrepancy decomposition of Studer et al. (2011): with
      ``SS_tot = sum_ij w_i w_j d_ij / W`` and ``SS_res = sum_k sum_{i,j in k} w_i w_j d_ij / W_k``,
      ``R2 = 1 - SS_res / SS_tot`` and ``CH = ((SS_tot - SS_res) / (k - 1)) / (SS_res / (W - k))``. ``CHsq`` and
      ``R2sq`` do the same with squared distances (the classical Calinski--Harabasz when d is Euclidean).
    """
    D = _square(D)
    n = D.shape[0]
    w = _weights(weights, n)
    levels, codes = _labels(labels, n)
    k = len(levels)
    pos = w > 0

    # Silhouettes over everyone with a positive weight.
    asw_i, asw_w, sizes = _silhouettes(D, codes, w, k)
    total = sizes.sum()
    asw = float(np.sum(w[pos] * asw_i[pos]) / total)
    asww = float(np.sum(w[pos] * asw_w[pos]) / total)
    if np.any(sizes < 1):
        asw = float("nan")

    # Discrepancy decomposition over ordered pairs (every unordered pair counts twice; the factor cancels out).
    # Cluster sums go through (N, k) products so that no N x N temporary beyond the squared distances is needed.
    member = np.zeros((n, k))
    member[np.arange(n), codes] = w
    D2 = np.square(D)
    per_cluster = D @ member  # sum_j w_j d_ij over each cluster
    per_cluster2 = D2 @ member
    errors = np.bincount(codes, weights=w * per_cluster[np.arange(n), codes], minlength=k)
    errors2 = np.bincount(codes, weights=w * per_cluster2[np.arange(n), codes], minlength=k)
    wx, wx2 = float(w @ per_cluster.sum(axis=1)), float(w @ per_cluster2.sum(axis=1))
    del D2, per_cluster2
    with np.errstate(divide="ignore", invalid="ignore"):
        ss_res, ss2_res = float(np.sum(errors / sizes)), float(np.sum(errors2 / sizes))
        ss_expl, ss2_expl = wx / total - ss_res, wx2 / total - ss2_res
        ch = (ss_expl / (k - 1)) / (ss_res / (total - k))
        r2 = ss_expl / (ss_res + ss_expl)
        chsq = (ss2_expl / (k - 1)) / (ss2_res / (total - k))
        r2sq = ss2_expl / (ss2_res + ss2_expl)

    # Point biserial correlation over ordered pairs with the diagonal: pair weights sum to W^2, same-cluster pair
    # weights to sum_k W_k^2, and the same-cluster weighted distances are the errors above.
    tot = total * total
    wy = float(np.sum(sizes**2))
    wxy = float(errors.sum())
    xb, yb = wx / tot, wy / tot
    covx = wx2 / tot - xb * xb
    covy = yb - yb * yb
    covxy = wxy / tot - yb * xb
    with np.errstate(divide="ignore", invalid="ignore"):
        pbc = -covxy / np.sqrt(covx * covy)

    # Gamma, Somers' D and Hubert's C from the weight of same/different-cluster pairs at each distinct distance
    # (WeightedCluster's "Kendall tree"): each unordered pair with weight 2 w_i w_j, each object with itself w_i^2.
    keep = np.flatnonzero(pos)
    wp, cp = w[keep], codes[keep]
    rows = [D[i, keep[j + 1 :]] for j, i in enumerate(keep)]
    x = np.concatenate([np.zeros(len(keep)), *rows])
    pair_w = np.concatenate([wp**2, *[2.0 * wp[j] * wp[j + 1 :] for j in range(len(keep))]])
    pair_same = np.concatenate([np.ones(len(keep), dtype=bool), *[cp[j + 1 :] == cp[j] for j in range(len(keep))]])
    del rows
    values, inverse = np.unique(x, return_inverse=True)
    c0 = np.bincount(inverse, weights=np.where(pair_same, pair_w, 0.0), minlength=len(values))
    c1 = np.bincount(inverse, weights=np.where(pair_same, 0.0, pair_w), minlength=len(values))
    cum0, cum1 = np.cumsum(c0), np.cumsum(c1)
    tot0, tot1 = cum0[-1], cum1[-1]
    nc = np.sum(c1 * (cum0 - c0)) + np.sum(c0 * (tot1 - cum1))
    nd = np.sum(c0 * (cum1 - c1)) + np.sum(c1 * (tot0 - cum0))
    ties = np.sum(c0 * c1)
    ww_v = c0 + c1
    before = np.cumsum(ww_v) - ww_v
    s_min = np.sum(values * np.clip(tot0 - before, 0.0, ww_v))
    s_max = np.sum(values * np.clip(before + ww_v - tot1, 0.0, ww_v))
    with np.errstate(divide="ignore", invalid="ignore"):
        hg = (nc - nd) / (nc + nd)
        hgsd = (nc - nd) / (nc + nd + ties)
        hc = (wxy - s_min) / (s_max - s_min)

    return pd.Series(
        {
            "PBC": float(pbc),
            "HG": float(hg),
            "HGSD": float(hgsd),
            "ASW": asw,
            "ASWw": asww,
            "CH": float(ch),
            "R2": float(r2),
            "CHsq": float(chsq),
            "R2sq": float(r2sq),
            "HC": float(hc),
        },
        name="quality",
    )


def medoid(D, weights=None) -> int:
    """Row position of the medoid: the object with the smallest weighted sum of distances to all objects
    (TraMineR's ``seqrep(criterion="dist", nrep=1)`` / ``disscenter(medoids.index="first")``; first on ties)."""
    D = _square(D)
    w = _weights(weights, D.shape[0])
    return int(np.argmin(D @ w))


def representatives(
    D,
    nrep: int | None = None,
    *,
    criterion: str = "dist",
    coverage: float = 0.25,
    tsim: float = 0.10,
    dmax: float | None = None,
    weights=None,
) -> np.ndarray:
    """Representative objects, as TraMineR's ``dissrep`` (what ``seqrep`` calls).

    Candidates are sorted by a score -- ``"dist"``: weighted sum of distances to all objects (most central first);
    ``"density"``: weight of neighbours closer than the radius; ``"freq"``: weight of identical objects. Walking down
    that list, a candidate joins the set unless it lies within the neighbourhood radius ``tsim * dmax`` (``dmax``
    defaults to the largest distance) of one already chosen. Stops after ``nrep`` representatives, or, when
    ``nrep`` is None, once the chosen set's neighbourhoods cover ``coverage`` of the total weight. Returns row
    positions in selection order; ``representatives(D, 1)[0] == medoid(D)`` for ``"dist"``.
    """
    D = _square(D)
    n = D.shape[0]
    w = _weights(weights, n)
    dmax = float(D.max()) if dmax is None else float(dmax)
    if not 0 <= tsim <= 1:
        raise ValueError("tsim must be between 0 and 1")
    radius = dmax * tsim
    if criterion == "dist":
        order = np.argsort(D @ w, kind="stable")
    elif criterion == "density":
        order = np.argsort(-((D < radius) @ w), kind="stable")
    elif criterion == "freq":
        order = np.argsort(-((D == 0) @ w), kind="stable")
    else:
        raise ValueError('criterion must be "dist", "density" or "freq"')
    if nrep is not None and nrep < 1:
        raise ValueError("nrep must be >= 1")
    chosen: list[int] = []
    covered = np.zeros(n, dtype=bool)
    for idx in order:
        if nrep is not None and len(chosen) >= nrep:
            break
        if nrep is None and covered @ w / w.sum() >= coverage:
            break
        if not chosen or np.all(D[idx, chosen] > radius):
            chosen.append(int(idx))
            covered |= D[:, idx] < radius
    return np.asarray(chosen, dtype=np.int64)
