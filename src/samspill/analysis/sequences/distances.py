"""Dissimilarities between state sequences, mirroring TraMineR's ``seqdist()``.

Implemented methods: ``OM`` (optimal matching), ``OMspell`` (OM between spells, with ``expcost``), ``HAM``
(Hamming), ``DHD`` (dynamic Hamming), ``LCS`` (longest common subsequence), ``LCP``/``RLCP`` (longest common
prefix/suffix), with TraMineR's normalisations ``none``, ``auto``, ``maxlength``, ``gmean``, ``maxdist`` and
``YujianBo``.

How it is fast: like ``seqdist()`` we compute each *distinct* sequence pair once and copy the result to every pair
of rows holding those sequences; unlike it, the OM dynamic programme runs 64 pairs in lockstep in SIMD registers
(see :mod:`._kernels`), on all cores. Results equal TraMineR's: the same float64 operations in the same order per
cell. Two deliberate differences in *how*, not *what*: TraMineR skips common prefixes and suffixes before OM
(a shortcut that does not change the optimum for metric costs; we run the full programme, whose lanes could not
skip independently), and the row order of the output is the input order, not a de-duplicated order.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any, Literal

import numba
import numpy as np

from . import _kernels
from .costs import SubstitutionCosts, check_costs, substitution_costs
from .data import StateSequences

__all__ = ["METHODS", "NORMS", "seqdist"]

METHODS = ("OM", "OMspell", "HAM", "DHD", "LCS", "LCP", "RLCP")
NORMS = ("auto", "none", "maxlength", "gmean", "maxdist", "YujianBo")
_NORM_CODES = {"none": 0, "maxlength": 1, "gmean": 2, "maxdist": 3, "YujianBo": 4}
_AUTO_NORM = {
    "OM": "maxlength",
    "HAM": "maxlength",
    "DHD": "maxlength",
    "LCS": "gmean",
    "LCP": "gmean",
    "RLCP": "gmean",
    "OMspell": "YujianBo",
}
_TRAMINER_ONLY = ("OMloc", "OMslen", "OMstran", "CHI2", "EUCLID", "NMS", "NMSMST", "SVRspell", "TWED")
_SM_METHODS = ("TRATE", "CONSTANT", "INDELS", "INDELSLOG", "FUTURE")

# Distinct pairs handed to the compiled code per call: small enough for a smooth progress bar, large enough that the
# per-call overhead (thread start, Python) stays far below the work.
_PAIRS_PER_BLOCK = 262_144
# Items (of up to LANES pairs) per parallel task of the OM kernels: ~1 ms of work, so scratch buffers are allocated
# rarely and threads still balance dynamically.
_ITEMS_PER_TASK = 16


def seqdist(
    seqs: StateSequences,
    method: str = "OM",
    *,
    refseq: int | Sequence[int] | StateSequences | None = None,
    norm: str | bool = "none",
    indel: float | Sequence[float] | np.ndarray | Literal["auto"] = "auto",
    sm: str | np.ndarray | SubstitutionCosts | None = None,
    expcost: float = 0.5,
    context: float | None = None,
    full_matrix: bool = True,
    with_missing: bool = False,
    weighted: bool = True,
    progress: Callable[[int, int], Any] | None = None,
    dtype: type | np.dtype = np.float64,
    tpow: float = 1.0,
) -> np.ndarray:
    """Pairwise dissimilarities between sequences, as TraMineR's ``seqdist()`` computes them.

    Args:
        seqs: the sequences.
        method: ``"OM"``, ``"OMspell"``, ``"HAM"``, ``"DHD"``, ``"LCS"``, ``"LCP"`` or ``"RLCP"``.
        refseq: distances to reference sequences instead of all pairs: a row index (0-based; TraMineR's are
            1-based) or a :class:`StateSequences` of one sequence gives an (N,) vector; a list of row indices or a
            multi-row :class:`StateSequences` gives an (N, R) matrix.
        norm: ``"none"``, ``"auto"`` (``maxlength`` for OM/HAM/DHD, ``gmean`` for LCS/LCP/RLCP, ``YujianBo`` for
            OMspell), ``"maxlength"``, ``"gmean"``, ``"maxdist"`` or ``"YujianBo"``.
        indel: the insertion/deletion cost, one per state, or ``"auto"``: the indel that comes with ``sm`` when
            ``sm`` is a method or :class:`SubstitutionCosts`, half the largest substitution cost for a matrix.
        sm: substitution costs: a method of :func:`substitution_costs` (``"TRATE"``, ``"CONSTANT"``,
            ``"INDELS"``, ``"INDELSLOG"``; ``"FUTURE"`` too, which TraMineR's ``seqdist`` does not offer), a matrix
            (K×K; K×K×L for DHD) checked like TraMineR's ``checkcost()``, or a :class:`SubstitutionCosts`. Required
            for OM and OMspell; HAM defaults to constant 1, DHD to time-varying TRATE costs; LCS always uses
            constant 2 with indel 1.
        expcost: OMspell's cost of expanding a spell by one period (``timecost``).
        context: OMloc's parameter; accepted for signature compatibility, unused by the implemented methods.
        full_matrix: N×N matrix (default) or the condensed upper triangle, ``float32`` in
            :func:`scipy.spatial.distance.squareform` order, which halves memory again for large N.
        with_missing: treat missing states ``*`` as an additional state; without it, data with missing states are
            refused as in TraMineR.
        weighted: use the sequence weights when costs are derived from the data (``seqcost(weighted=)``).
        progress: called as ``progress(done, total)`` (distinct pairs) from Python between blocks of work.
        dtype: ``np.float64`` (default; TraMineR's arithmetic) or ``np.float32``: OM then runs on float32 lanes,
            about 1.5× faster, with relative errors around 1e-7 that can exceed 1e-6 on long sequences.
        tpow: OMspell's exponent on spell durations (TraMineR ``tpow``).

    Returns:
        ``float64`` (N, N) (``dtype`` if float32), the condensed ``float32`` vector, or reference distances.
    """
    if not isinstance(seqs, StateSequences):
        raise TypeError("seqs must be a StateSequences object (see StateSequences.from_wide)")
    dtype = np.dtype(dtype)
    if dtype not in (np.dtype(np.float64), np.dtype(np.float32)):
        raise ValueError(f"dtype must be float64 or float32, got {dtype}")
    if method in _TRAMINER_ONLY:
        raise ValueError(f"method {method!r} of TraMineR is not implemented; use one of {', '.join(METHODS)}")
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    if isinstance(norm, bool):
        norm = "auto" if norm else "none"
    if norm not in NORMS:
        raise ValueError(f"norm must be one of {', '.join(NORMS)}, got {norm!r}")
    if norm == "auto":
        norm = _AUTO_NORM[method]
    norm_code = _NORM_CODES[norm]

    n = len(seqs)
    refs, ref_shape = _reference_sequences(seqs, refseq)
    has_missing = seqs.has_missing or (refs is not None and refs.has_missing)
    if with_missing and not has_missing:
        warnings.warn("seqdist: with_missing set to False as the data have no missing states", stacklevel=2)
        with_missing = False
    if has_missing and not with_missing:
        raise ValueError(
            "the sequences contain missing states ('*'); pass with_missing=True to treat them as an additional "
            "state (TraMineR: seqdist(with.missing=TRUE))"
        )
    k = seqs.n_states
    lengths = seqs.lengths
    if np.any(lengths == 0):
        warnings.warn(f"seqdist: {int(np.sum(lengths == 0))} empty sequence(s)", stacklevel=2)
    if method in ("HAM", "DHD"):
        all_lengths = np.unique(np.concatenate([lengths, refs.lengths if refs is not None else []]))
        if all_lengths.size > 1:
            raise ValueError(f"{method} is not defined for sequences of different lengths ({all_lengths.tolist()})")

    sm_arr, indel_val = _costs_for(seqs, method, sm, indel, k, with_missing, weighted)

    # Distinct sequences, ordered by length so that the lanes of one item have similar lengths.
    unique_seqs, inverse = seqs.unique()
    order = np.argsort(-unique_seqs.lengths, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    u_codes = np.ascontiguousarray(unique_seqs.codes[order], dtype=np.int32)
    u_len = unique_seqs.lengths[order].astype(np.int64)
    kidx = rank[inverse]
    starts, members = _groups(kidx, order.size)
    if refs is not None:
        r_len = refs.lengths.astype(np.int64)
        longest = int(r_len.max())
        if longest > int(lengths.max()):
            raise ValueError("refseq cannot be longer than the longest sequence of seqs (as in TraMineR)")
        r_codes = np.full((len(refs), u_codes.shape[1]), -1, dtype=np.int32)
        r_codes[:, :longest] = refs.codes[:, :longest]
    compute = _method_runner(method, sm_arr, indel_val, norm, norm_code, expcost, tpow, dtype, u_codes, u_len, seqs)

    out_dtype = dtype if full_matrix or refs is not None else np.dtype(np.float32)
    if refs is None:
        result = np.zeros((n, n) if full_matrix else (n * (n - 1) // 2,), dtype=out_dtype)
        blocks = _full_blocks(order.size)
        total = order.size * (order.size - 1) // 2
    else:
        result = np.zeros((n, len(refs)), dtype=out_dtype)
        blocks = _reference_blocks(len(refs), order.size)
        total = len(refs) * order.size
    if progress is not None:
        progress(0, total)
    # Threads take the kernels' tasks one at a time (dynamic scheduling) instead of equal static shares.
    previous_chunksize = numba.set_parallel_chunksize(1)
    try:
        done = 0
        for items in blocks:
            out = np.empty((items.shape[0], _kernels.LANES), dtype=np.float64)
            if refs is None:
                compute(u_codes, u_len, items, out)
                if full_matrix:
                    _kernels.scatter_full(out, items, starts, members, starts, members, result)
                else:
                    _kernels.scatter_condensed(out, items, starts, members, starts, members, n, result)
            else:
                compute(r_codes, r_len, items, out, refs=True)
                _kernels.scatter_reference(out, items, starts, members, result)
            done += int(items[:, 2].sum())
            if progress is not None:
                progress(done, total)
    finally:
        numba.set_parallel_chunksize(previous_chunksize)
    if refs is not None and ref_shape == "vector":
        return result[:, 0]
    return result


# ---------------------------------------------------------------------- preparation


def _reference_sequences(seqs: StateSequences, refseq: Any) -> tuple[StateSequences | None, str]:
    if refseq is None:
        return None, "none"
    if isinstance(refseq, StateSequences):
        if refseq.observed_alphabet != seqs.observed_alphabet:
            raise ValueError(
                f"refseq and seqs must have the same alphabet: {refseq.observed_alphabet} vs {seqs.observed_alphabet}"
            )
        if refseq.has_missing != seqs.has_missing and refseq.has_missing:
            # Re-express seqs' codes with the missing state appended so both share one alphabet.
            raise ValueError("refseq has missing states but seqs has none; distances would need a shared alphabet")
        if len(refseq) == 0:
            raise ValueError("refseq holds no sequence")
        return refseq, "vector" if len(refseq) == 1 else "matrix"
    if isinstance(refseq, (int, np.integer)) and not isinstance(refseq, bool):
        indices = np.array([int(refseq)])
        shape = "vector"
    else:
        indices = np.asarray(refseq)
        if indices.ndim != 1 or indices.size == 0 or not np.issubdtype(indices.dtype, np.integer):
            raise ValueError("refseq must be a row index, a list of row indices or a StateSequences object")
        shape = "matrix"
    if np.any(indices < 0) or np.any(indices >= len(seqs)):
        raise ValueError(f"refseq indices must be between 0 and {len(seqs) - 1} (0-based rows)")
    return seqs.subset(indices), shape


def seqdist_costs(
    seqs: StateSequences,
    method: str = "OM",
    *,
    sm: Any = None,
    indel: Any = "auto",
    with_missing: bool = False,
    weighted: bool = True,
) -> tuple[np.ndarray | None, float | np.ndarray]:
    """The substitution-cost matrix (K×K, or K×K×L for DHD; None for LCP/RLCP) and the indel that
    ``seqdist(seqs, method, sm=sm, indel=indel, ...)`` uses, resolved the same way (method-specific defaults such as
    cval 1 for HAM and time-varying TRATE for DHD). To report the costs of a study, or to compute distances in
    blocks with the same costs as the full matrix."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    with_missing = with_missing and seqs.has_missing
    return _costs_for(seqs, method, sm, indel, seqs.n_states, with_missing, weighted)


def _costs_for(
    seqs: StateSequences, method: str, sm: Any, indel: Any, k: int, with_missing: bool, weighted: bool
) -> tuple[np.ndarray | None, float | np.ndarray]:
    """Resolves ``sm`` and ``indel`` as seqdist() does. Returns the cost matrix (K×K, or K×K×L for DHD) and the
    indel (number or per-state array)."""
    if method in ("LCP", "RLCP"):
        return None, 1.0
    auto = isinstance(indel, str)
    if auto and indel != "auto":
        raise ValueError(f"indel must be a number, one number per state or 'auto', got {indel!r}")
    if not auto:
        indel_arr = np.asarray(indel, dtype=np.float64)
        if indel_arr.ndim == 0:
            indel = float(indel_arr)
        elif indel_arr.ndim == 1:
            if indel_arr.shape[0] != k:
                raise ValueError(f"when a vector, indel must hold one cost per state ({k}), got {indel_arr.shape[0]}")
            indel = indel_arr
        else:
            raise ValueError("indel must be a number or a vector")
        if np.any(~np.isfinite(indel_arr)) or np.any(indel_arr <= 0):
            raise ValueError("indel costs must be positive")
    if method == "LCS":
        costs = substitution_costs(seqs, "CONSTANT", cval=2, miss_cost=2, with_missing=with_missing)
        return costs.sm, 1.0

    if isinstance(sm, SubstitutionCosts):
        matrix = np.asarray(sm.sm, dtype=np.float64)
        expected = (k, k, seqs.n_periods) if method == "DHD" else (k, k)
        if matrix.shape != expected:
            raise ValueError(
                f"sm must be {'x'.join(map(str, expected))} for {method}, got {'x'.join(map(str, matrix.shape))}"
            )
        return matrix, (sm.indel if auto else indel)
    if isinstance(sm, str):
        if sm not in _SM_METHODS:
            raise ValueError(f"sm must be one of {', '.join(_SM_METHODS)}, a cost matrix or SubstitutionCosts")
        if method == "DHD" and sm == "CONSTANT":
            raise ValueError("sm='CONSTANT' is not relevant for DHD; use method='HAM' instead")
        if method == "DHD" and sm in ("INDELS", "INDELSLOG", "FUTURE"):
            raise ValueError(f"sm={sm!r} is not implemented for DHD (as in TraMineR)")
        cval: float | None = None
        time_varying = False
        if sm == "TRATE":
            cval, time_varying = (4.0, True) if method == "DHD" else (2.0, False)
        elif sm == "CONSTANT":
            cval = 1.0 if method == "HAM" else 2.0
        costs = substitution_costs(
            seqs,
            sm,
            cval=cval,
            miss_cost=cval,
            time_varying=time_varying,
            with_missing=with_missing,
            weighted=weighted,
        )
        return costs.sm, (costs.indel if auto else indel)
    if sm is None:
        if method == "HAM":
            return substitution_costs(seqs, "CONSTANT", cval=1, miss_cost=1, with_missing=with_missing).sm, 1.0
        if method == "DHD":
            costs = substitution_costs(
                seqs, "TRATE", cval=4, miss_cost=4, time_varying=True, with_missing=with_missing, weighted=weighted
            )
            return costs.sm, 1.0
        raise ValueError(f"sm is required for {method}: a method such as 'TRATE' or 'CONSTANT', or a cost matrix")
    matrix = np.array(sm, dtype=np.float64, copy=True)
    if method == "DHD":
        if matrix.ndim != 3:
            raise ValueError("DHD needs time-varying costs: a K x K x L array (or sm='TRATE')")
        check_costs(matrix, k, n_periods=seqs.n_periods, alphabet=seqs.alphabet)
        return matrix, 1.0
    if matrix.ndim != 2:
        raise ValueError(f"sm must be a K x K matrix for {method}")
    if auto:
        indel = float(matrix.max()) / 2 if matrix.size else 1.0
    if method == "HAM":
        check_costs(matrix, k, alphabet=seqs.alphabet)
    else:
        check_costs(matrix, k, indel=indel, alphabet=seqs.alphabet)
    return matrix, indel


def _groups(kidx: np.ndarray, n_unique: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows of each distinct sequence: ``members[starts[u]:starts[u+1]]`` (TraMineR's magic indices)."""
    members = np.argsort(kidx, kind="stable").astype(np.int64)
    counts = np.bincount(kidx, minlength=n_unique)
    starts = np.zeros(n_unique + 1, dtype=np.int64)
    np.cumsum(counts, out=starts[1:])
    return starts, members


def _full_blocks(u: int):
    """Items (a, b0, nb) for all pairs a < b of ``u`` distinct sequences, in blocks of about _PAIRS_PER_BLOCK."""
    lanes = _kernels.LANES
    if u < 2:
        return
    pairs_per_row = u - 1 - np.arange(u - 1)
    cumulative = np.cumsum(pairs_per_row)
    n_blocks = max(1, min(200, int(cumulative[-1] // _PAIRS_PER_BLOCK)))
    cuts = np.searchsorted(cumulative, np.linspace(0, cumulative[-1], n_blocks + 1)[1:-1], side="right")
    bounds = np.concatenate([[0], cuts, [u - 1]])
    for r0, r1 in zip(bounds[:-1], bounds[1:], strict=True):
        if r1 <= r0:
            continue
        rows = np.arange(r0, r1, dtype=np.int64)
        counts = (u - 1 - rows + lanes - 1) // lanes
        a = np.repeat(rows, counts)
        offsets = np.arange(a.size, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
        b0 = a + 1 + offsets * lanes
        yield np.ascontiguousarray(np.stack([a, b0, np.minimum(lanes, u - b0)], axis=1))


def _reference_blocks(r: int, u: int):
    lanes = _kernels.LANES
    b_starts = np.arange(0, u, lanes, dtype=np.int64)
    items = np.stack(
        [
            np.repeat(np.arange(r, dtype=np.int64), b_starts.size),
            np.tile(b_starts, r),
            np.tile(np.minimum(lanes, u - b_starts), r),
        ],
        axis=1,
    )
    per_block = max(1, _PAIRS_PER_BLOCK // lanes)
    for s in range(0, items.shape[0], per_block):
        yield np.ascontiguousarray(items[s : s + per_block])


def _maxscost(sm: np.ndarray, norm_indel: float, norm: str) -> float:
    """``OMdistance::setParameters``: the largest upper-triangle substitution cost, capped at two indels; for
    YujianBo always two indels."""
    if norm == "YujianBo":
        return 2.0 * norm_indel
    k = sm.shape[0]
    upper = sm[np.triu_indices(k, 1)]
    return min(float(upper.max()) if upper.size else 0.0, 2.0 * norm_indel)


def _spells(codes: np.ndarray, tpow: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Spell states and ``duration ** tpow - 1`` per spell (TraMineR ``seqdss``/``seqdur``), padded with -1/0."""
    n, length = codes.shape
    valid = codes >= 0
    start = valid.copy()
    if length > 1:
        start[:, 1:] &= codes[:, 1:] != codes[:, :-1]
    index = np.cumsum(start, axis=1) - 1
    counts = start.sum(axis=1)
    width = max(1, int(counts.max()) if n else 1)
    states = np.full((n, width), -1, dtype=np.int32)
    durations = np.zeros((n, width))
    rows = np.broadcast_to(np.arange(n)[:, None], codes.shape)
    states[rows[start], index[start]] = codes[start]
    np.add.at(durations, (rows[valid], index[valid]), 1.0)
    durations = np.where(states >= 0, durations**tpow - 1.0, 0.0)
    return states, durations, counts.astype(np.int64)


def _method_runner(method, sm, indel, norm, norm_code, expcost, tpow, dtype, u_codes, u_len, seqs):
    """Binds the b side (distinct sequences) and the parameters of a method; returns
    ``compute(a_codes, a_len, items, out, refs=False)``."""
    k = seqs.n_states
    if method in ("OM", "LCS"):
        scalar = np.ndim(indel) == 0
        indel_vec = np.full(k, float(indel)) if scalar else np.asarray(indel, dtype=np.float64)
        norm_indel = float(indel) if scalar else float(np.max(indel_vec))
        maxscost = _maxscost(sm, norm_indel, norm)
        sm_k = np.ascontiguousarray(sm, dtype=dtype)
        indel_k = indel_vec.astype(dtype)

        def compute(a_codes, a_len, items, out, refs=False):
            _kernels.om_kernel(
                a_codes,
                a_len,
                u_codes,
                u_len,
                items,
                sm_k,
                indel_k,
                scalar,
                norm_code,
                norm_indel,
                maxscost,
                _ITEMS_PER_TASK,
                out,
            )

        return compute
    if method == "OMspell":
        indel_vec = np.full(k, float(indel)) if np.ndim(indel) == 0 else np.asarray(indel, dtype=np.float64)
        norm_indel = float(np.max(indel_vec))
        maxscost = _maxscost(sm, norm_indel, norm)
        b_states, b_dur, b_count = _spells(u_codes, tpow)
        sm_k = np.ascontiguousarray(sm, dtype=np.float64)

        def compute(a_codes, a_len, items, out, refs=False):
            if refs:
                a_states, a_dur, a_count = _spells(a_codes, tpow)
            else:
                a_states, a_dur, a_count = b_states, b_dur, b_count
            _kernels.omspell_kernel(
                a_states,
                a_dur,
                a_count,
                a_len,
                b_states,
                b_dur,
                b_count,
                u_len,
                items,
                sm_k,
                indel_vec,
                float(expcost),
                norm_code,
                norm_indel,
                maxscost,
                _ITEMS_PER_TASK,
                out,
            )

        return compute
    if method in ("HAM", "DHD"):
        length = seqs.n_periods
        sm_t = np.repeat(sm[None, :, :], length, axis=0) if sm.ndim == 2 else np.moveaxis(sm, 2, 0)
        sm_t = np.ascontiguousarray(sm_t, dtype=np.float64)
        max_len = int(u_len.max()) if u_len.size else 0
        maxdist = float(sum(sm_t[t].max() for t in range(max_len)))

        def compute(a_codes, a_len, items, out, refs=False):
            _kernels.hamming_kernel(a_codes, a_len, u_codes, u_len, items, sm_t, maxdist, norm_code, out)

        return compute
    reverse = method == "RLCP"

    def compute(a_codes, a_len, items, out, refs=False):
        _kernels.prefix_kernel(a_codes, a_len, u_codes, u_len, items, reverse, norm_code, out)

    return compute
