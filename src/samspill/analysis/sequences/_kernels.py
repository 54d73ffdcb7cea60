"""Compiled kernels behind :func:`~samspill.analysis.sequences.distances.seqdist`.

Why the OM kernels look the way they do: an alignment DP cell depends on its left, upper and upper-left
neighbours, so a single pair cannot be vectorised well. Instead ``LANES`` pairs advance in lockstep: all lanes
share the same first sequence ``a`` (one row of the distance matrix) and differ in the second, so the innermost
loop runs over lanes with contiguous loads (structure of arrays) and LLVM turns it into SIMD instructions. The
substitution cost of a cell, ``sm[a_i, b_j]``, is read from a per-item table ``T[k, j, lane] = sm[k, b_lane[j]]``
built lazily for the states ``a`` actually visits, so the hot loop has no gathers.

Arithmetic: the adds and mins are the very operations TraMineR's C++ performs, in the same order per cell, and
vectorising across *independent* pairs reorders nothing, so float64 lanes give TraMineR's numbers without
``fastmath`` (which would allow reassociation and break exact equality). float32 lanes are offered for speed
(``dtype=np.float32``): they round every cell to 24 bits; on mvad the largest relative error is 8.6e-7, too
close to the 1e-6 promised against TraMineR, hence float64 stays the default.

Work is described by ``items``: rows ``(a, b0, nb)`` meaning "distances between a-side sequence ``a`` and b-side
sequences ``b0 .. b0+nb-1``" with ``nb <= LANES``; results go to ``out[item, lane]``. The OM kernels take items in
tasks of ``group`` items, each allocating its scratch buffers once; the caller sets numba's parallel chunk size to
1 so that threads take tasks dynamically and a thread slowed by another process does not hold the others back.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit, prange

#: Pairs advanced together. 64 lanes = eight AVX-512 float64 registers: enough independent dependency chains to
#: hide the latency of the left-neighbour recurrence (measured: 32 lanes reach ~75% of the speed of 64, 128 gain
#: nothing for float64 and ~15% for float32). It must be a compile-time constant for LLVM to unroll the lane loop.
LANES = 64
ULANES = np.uint64(LANES)

NORM_NONE, NORM_MAXLENGTH, NORM_GMEAN, NORM_MAXDIST, NORM_YUJIANBO = 0, 1, 2, 3, 4


@njit(cache=True)
def normalize_distance(raw: float, maxdist: float, l1: float, l2: float, norm: int) -> float:
    """TraMineR ``DistanceCalculator::normalizeDistance`` (norm codes 0..4 = none, maxlength, gmean, maxdist,
    YujianBo), including its special cases for zero distances and empty sequences."""
    if raw == 0.0:
        return 0.0
    if norm == NORM_MAXLENGTH:
        if l1 > l2:
            return raw / l1
        if l2 > 0.0:
            return raw / l2
        return 0.0
    if norm == NORM_GMEAN:
        if l1 * l2 == 0.0:
            return 1.0 if l1 != l2 else 0.0
        return 1.0 - (maxdist - raw) / (2.0 * math.sqrt(l1) * math.sqrt(l2))
    if norm == NORM_MAXDIST:
        if maxdist == 0.0:
            return 1.0
        return raw / maxdist
    if norm == NORM_YUJIANBO:
        if maxdist == 0.0:
            return 1.0
        return (2.0 * raw) / (raw + maxdist)
    return raw


@njit(cache=True, parallel=True)
def om_kernel(a_codes, a_len, b_codes, b_len, items, sm, indel, scalar_indel, norm, norm_indel, maxscost, group, out):
    """Optimal matching (TraMineR ``OMdistance`` with one indel, ``OMVIdistance`` with one indel per state).

    ``sm`` (K, K) and ``indel`` (K,) set the arithmetic type (float64 or float32). With ``scalar_indel`` the
    first row and column are ``i * indel`` and a cell is ``min(min(up, left) + indel, diag + sub)`` exactly as in
    ``OMdistance``; otherwise running sums of per-state indels and ``min(up + indel_a, left + indel_b, diag +
    sub)`` as in ``OMVIdistance``. Normalisation uses ``maxdist = |n - m| * norm_indel + maxscost * min(m, n)``.
    """
    n_items = items.shape[0]
    k_states = sm.shape[0]
    width = max(a_codes.shape[1], b_codes.shape[1])
    dt = sm.dtype
    for g in prange((n_items + group - 1) // group):
        prev = np.zeros((width + 1) * LANES, dtype=dt)
        cur = np.zeros((width + 1) * LANES, dtype=dt)
        nxt = np.zeros((width + 1) * LANES, dtype=dt)
        table = np.zeros(k_states * width * LANES, dtype=dt)
        ins = np.zeros(width * LANES, dtype=dt)
        bcode = np.zeros(width * LANES, dtype=np.int32)
        built = np.zeros(k_states, dtype=np.bool_)
        blen = np.zeros(LANES, dtype=np.int64)
        zero = sm[0, 0] * 0
        for it in range(g * group, min(n_items, (g + 1) * group)):
            a = items[it, 0]
            b0 = items[it, 1]
            nb = items[it, 2]
            m = a_len[a]
            nmax = 0
            for lane in range(LANES):
                n_l = b_len[b0 + lane] if lane < nb else 0
                blen[lane] = n_l
                if n_l > nmax:
                    nmax = n_l
            for j in range(nmax):
                for lane in range(LANES):
                    c = b_codes[b0 + lane, j] if lane < nb else 0
                    if c < 0:
                        c = 0
                    bcode[j * LANES + lane] = c
                    ins[j * LANES + lane] = indel[c]
            built[:] = False
            d0 = indel[0]
            for lane in range(LANES):
                prev[lane] = zero
            for j in range(1, nmax + 1):
                for lane in range(LANES):
                    if scalar_indel:
                        prev[j * LANES + lane] = j * d0
                    else:
                        prev[j * LANES + lane] = prev[(j - 1) * LANES + lane] + ins[(j - 1) * LANES + lane]
            # Two rows per sweep over j: row i+1 takes its "up" and "diagonal" values from row i while they are
            # still in registers, which saves a quarter of the memory traffic (measured +25% float64, +35% float32).
            i = 1
            while i <= m:
                two = i < m
                k0 = a_codes[a, i - 1]
                k1 = a_codes[a, i] if two else k0
                for k in (k0, k1):
                    if not built[k]:
                        kb = k * width * LANES
                        for q in range(nmax * LANES):
                            table[kb + q] = sm[k, bcode[q]]
                        built[k] = True
                dk0 = indel[k0]
                dk1 = indel[k1]
                for lane in range(LANES):
                    cur[lane] = i * d0 if scalar_indel else prev[lane] + dk0
                    nxt[lane] = (i + 1) * d0 if scalar_indel else cur[lane] + dk1
                # Unsigned offsets: numba then emits no negative-index wraparound, which would block vectorisation.
                base0 = np.uint64(k0 * width) * ULANES
                base1 = np.uint64(k1 * width) * ULANES
                if two and scalar_indel:
                    for j in range(1, nmax + 1):
                        jo = np.uint64(j) * ULANES
                        po = jo - ULANES
                        for lane in range(ULANES):
                            left0 = cur[po + lane]
                            best0 = prev[jo + lane]
                            if left0 < best0:
                                best0 = left0
                            best0 = best0 + dk0
                            sub0 = prev[po + lane] + table[base0 + po + lane]
                            if sub0 < best0:
                                best0 = sub0
                            cur[jo + lane] = best0
                            best1 = nxt[po + lane]
                            if best0 < best1:
                                best1 = best0
                            best1 = best1 + dk1
                            sub1 = left0 + table[base1 + po + lane]
                            if sub1 < best1:
                                best1 = sub1
                            nxt[jo + lane] = best1
                elif two:
                    for j in range(1, nmax + 1):
                        jo = np.uint64(j) * ULANES
                        po = jo - ULANES
                        for lane in range(ULANES):
                            left0 = cur[po + lane]
                            insert = ins[po + lane]
                            best0 = prev[jo + lane] + dk0
                            other = left0 + insert
                            if other < best0:
                                best0 = other
                            sub0 = prev[po + lane] + table[base0 + po + lane]
                            if sub0 < best0:
                                best0 = sub0
                            cur[jo + lane] = best0
                            best1 = best0 + dk1
                            other = nxt[po + lane] + insert
                            if other < best1:
                                best1 = other
                            sub1 = left0 + table[base1 + po + lane]
                            if sub1 < best1:
                                best1 = sub1
                            nxt[jo + lane] = best1
                elif scalar_indel:
                    for j in range(1, nmax + 1):
                        jo = np.uint64(j) * ULANES
                        po = jo - ULANES
                        for lane in range(ULANES):
                            best0 = prev[jo + lane]
                            left0 = cur[po + lane]
                            if left0 < best0:
                                best0 = left0
                            best0 = best0 + dk0
                            sub0 = prev[po + lane] + table[base0 + po + lane]
                            if sub0 < best0:
                                best0 = sub0
                            cur[jo + lane] = best0
                else:
                    for j in range(1, nmax + 1):
                        jo = np.uint64(j) * ULANES
                        po = jo - ULANES
                        for lane in range(ULANES):
                            best0 = prev[jo + lane] + dk0
                            other = cur[po + lane] + ins[po + lane]
                            if other < best0:
                                best0 = other
                            sub0 = prev[po + lane] + table[base0 + po + lane]
                            if sub0 < best0:
                                best0 = sub0
                            cur[jo + lane] = best0
                if two:
                    prev, nxt = nxt, prev
                    i += 2
                else:
                    prev, cur = cur, prev
                    i += 1
            for lane in range(nb):
                n_l = blen[lane]
                raw = np.float64(prev[n_l * LANES + lane])
                maxdist = abs(n_l - m) * norm_indel + maxscost * min(m, n_l)
                out[it, lane] = normalize_distance(raw, maxdist, np.float64(m), np.float64(n_l), norm)


@njit(cache=True, parallel=True)
def omspell_kernel(
    a_codes,
    a_dur,
    a_len,
    a_full,
    b_codes,
    b_dur,
    b_len,
    b_full,
    items,
    sm,
    indel,
    timecost,
    norm,
    norm_indel,
    maxscost,
    group,
    out,
):
    """OM between spell sequences (TraMineR ``OMPerdistance``, ``seqdist(method="OMspell")``).

    ``*_codes`` are the spells' states (TraMineR ``seqdss``), ``*_dur`` their durations minus one (``seqdur^tpow -
    1``), ``*_full`` the full sequence lengths used for normalisation. Costs: deleting a spell ``indel[s] +
    timecost * d``; substituting different states ``sm[s, r] + (d + e) * timecost``, equal states
    ``timecost * |d - e|``.
    """
    n_items = items.shape[0]
    k_states = sm.shape[0]
    width = max(a_codes.shape[1], b_codes.shape[1])
    for g in prange((n_items + group - 1) // group):
        prev = np.zeros((width + 1) * LANES)
        cur = np.zeros((width + 1) * LANES)
        table = np.zeros(k_states * width * LANES)
        ins = np.zeros(width * LANES)
        bcode = np.zeros(width * LANES, dtype=np.int32)
        bdur = np.zeros(width * LANES)
        built = np.zeros(k_states, dtype=np.bool_)
        blen = np.zeros(LANES, dtype=np.int64)
        for it in range(g * group, min(n_items, (g + 1) * group)):
            a = items[it, 0]
            b0 = items[it, 1]
            nb = items[it, 2]
            m = a_len[a]
            nmax = 0
            for lane in range(LANES):
                n_l = b_len[b0 + lane] if lane < nb else 0
                blen[lane] = n_l
                if n_l > nmax:
                    nmax = n_l
            for j in range(nmax):
                for lane in range(LANES):
                    c = b_codes[b0 + lane, j] if lane < nb else 0
                    d = b_dur[b0 + lane, j] if lane < nb else 0.0
                    if c < 0:
                        c = 0
                        d = 0.0
                    bcode[j * LANES + lane] = c
                    bdur[j * LANES + lane] = d
                    ins[j * LANES + lane] = indel[c] + timecost * d
            built[:] = False
            for lane in range(LANES):
                prev[lane] = 0.0
            for j in range(1, nmax + 1):
                jo = j * LANES
                po = jo - LANES
                for lane in range(LANES):
                    prev[jo + lane] = prev[po + lane] + ins[po + lane]
            for i in range(1, m + 1):
                k = a_codes[a, i - 1]
                da = a_dur[a, i - 1]
                base = k * width * LANES
                if not built[k]:
                    for q in range(nmax * LANES):
                        table[base + q] = sm[k, bcode[q]]
                    built[k] = True
                dk = indel[k] + timecost * da
                for lane in range(LANES):
                    cur[lane] = prev[lane] + dk
                for j in range(1, nmax + 1):
                    jo = j * LANES
                    po = jo - LANES
                    for lane in range(LANES):
                        db = bdur[po + lane]
                        if bcode[po + lane] == k:
                            cost = abs(timecost * (da - db))
                        else:
                            cost = table[base + po + lane] + (da + db) * timecost
                        sub = prev[po + lane] + cost
                        best = prev[jo + lane] + dk
                        other = cur[po + lane] + ins[po + lane]
                        if other < best:
                            best = other
                        if sub < best:
                            best = sub
                        cur[jo + lane] = best
                prev, cur = cur, prev
            mm = a_full[a]
            for lane in range(nb):
                nn = b_full[b0 + lane]
                raw = prev[blen[lane] * LANES + lane]
                maxdist = abs(nn - mm) * norm_indel + maxscost * min(mm, nn)
                out[it, lane] = normalize_distance(raw, maxdist, mm * norm_indel, nn * norm_indel, norm)


@njit(cache=True, parallel=True)
def hamming_kernel(a_codes, a_len, b_codes, b_len, items, sm_t, maxdist, norm, out):
    """Position-wise costs (TraMineR ``DHDdistance``, used for HAM and DHD): ``sum_t sm_t[t, a_t, b_t]`` over the
    common length. ``sm_t`` is (L, K, K), the same matrix repeated for HAM."""
    n_items = items.shape[0]
    for it in prange(n_items):
        a = items[it, 0]
        b0 = items[it, 1]
        nb = items[it, 2]
        m = a_len[a]
        for lane in range(nb):
            b = b0 + lane
            n_b = b_len[b]
            common = min(m, n_b)
            cost = 0.0
            for t in range(common):
                cost += sm_t[t, a_codes[a, t], b_codes[b, t]]
            out[it, lane] = normalize_distance(cost, maxdist, np.float64(m), np.float64(n_b), norm)


@njit(cache=True, parallel=True)
def prefix_kernel(a_codes, a_len, b_codes, b_len, items, reverse, norm, out):
    """Longest common prefix (TraMineR ``LCPdistance``): ``d = m + n - 2 * LCP``; with ``reverse`` the longest
    common suffix (RLCP). Normalised with ``maxdist = m + n``."""
    n_items = items.shape[0]
    for it in prange(n_items):
        a = items[it, 0]
        b0 = items[it, 1]
        nb = items[it, 2]
        m = a_len[a]
        for lane in range(nb):
            b = b0 + lane
            n_b = b_len[b]
            common = min(m, n_b)
            p = 0
            if reverse:
                while p < common and a_codes[a, m - 1 - p] == b_codes[b, n_b - 1 - p]:
                    p += 1
            else:
                while p < common and a_codes[a, p] == b_codes[b, p]:
                    p += 1
            raw = np.float64(n_b + m - 2 * p)
            out[it, lane] = normalize_distance(raw, np.float64(n_b + m), np.float64(m), np.float64(n_b), norm)


@njit(cache=True, parallel=True)
def scatter_full(out, items, a_start, a_members, b_start, b_members, result):
    """Writes item results into the full (N, N) matrix, both triangles, for every pair of original rows whose
    distinct sequences the item compared (TraMineR's ``setDistance`` with its magic indices)."""
    for it in prange(items.shape[0]):
        a = items[it, 0]
        b0 = items[it, 1]
        for lane in range(items[it, 2]):
            b = b0 + lane
            d = out[it, lane]
            for p in range(a_start[a], a_start[a + 1]):
                i = a_members[p]
                for q in range(b_start[b], b_start[b + 1]):
                    j = b_members[q]
                    result[i, j] = d
                    result[j, i] = d


@njit(cache=True, parallel=True)
def scatter_condensed(out, items, a_start, a_members, b_start, b_members, n, result):
    """Writes item results into a condensed vector in ``scipy.spatial.distance.squareform`` order."""
    for it in prange(items.shape[0]):
        a = items[it, 0]
        b0 = items[it, 1]
        for lane in range(items[it, 2]):
            b = b0 + lane
            d = out[it, lane]
            for p in range(a_start[a], a_start[a + 1]):
                i0 = a_members[p]
                for q in range(b_start[b], b_start[b + 1]):
                    j0 = b_members[q]
                    i = min(i0, j0)
                    j = max(i0, j0)
                    result[n * i - (i * (i + 1)) // 2 + j - i - 1] = d


@njit(cache=True, parallel=True)
def scatter_reference(out, items, b_start, b_members, result):
    """Writes item results (a = reference, b = distinct sequence) into an (N, R) matrix."""
    for it in prange(items.shape[0]):
        r = items[it, 0]
        b0 = items[it, 1]
        for lane in range(items[it, 2]):
            b = b0 + lane
            d = out[it, lane]
            for q in range(b_start[b], b_start[b + 1]):
                result[b_members[q], r] = d
