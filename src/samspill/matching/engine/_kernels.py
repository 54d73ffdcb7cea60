"""numba kernel of the job matcher's batch path: every participant against every opportunity, top k kept.

It computes exactly the formulas of ``JobMatcher._checks`` and ``JobMatcher._factors`` (jobs.py), in the same
floating-point order, so its scores equal the explanations' sums to the last bit; the tests hold both to that.

Three passes per participant:

1. hard constraints, without branches, over the opportunities in the latitude band the commuting radius allows
   (the catalogue is kept sorted by latitude) plus those without a location; the survivors are compacted into a
   candidate list (about one pair in seven passes on the benchmark's data);
2. skill counts through an inverted index (skill -> opportunities, weight 2 essential, 1 optional) into a
   per-thread accumulator: the cost is the participant's postings, not |skills| x |opportunities|;
3. the factors and the score for the candidates only, kept in a running top k (ties to the earlier catalogue
   position, as the explained path orders them).
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np

FULL_EXPERIENCE_YEARS = 5.0
NEUTRAL = 0.5

_BLOCK = 32  # participants per task: one accumulator allocation per block, enough tasks to balance two threads


@nb.njit(cache=True, inline="always")
def qualification_value(edu: int, required: int, has_field: bool, field_known: bool, fsim: float) -> float:
    if edu < 0:
        return NEUTRAL
    gap = edu - required
    if gap < 0:
        level = max(0.0, 1.0 + 0.5 * gap)
    elif gap <= 1:
        level = 1.0
    else:
        level = max(0.0, 1.0 - 0.25 * (gap - 1))
    if not has_field:
        return level
    if not field_known:
        return level * 0.5
    return level * (0.5 + 0.5 * fsim)


@nb.njit(cache=True, inline="always")
def _band(known: bool, z: float, cosr: float, z_sorted: np.ndarray) -> tuple[int, int]:
    """Positions [lo, hi) of the located opportunities (sorted by z = sin(latitude)) that can lie within the radius:
    a point within angular radius delta differs in latitude by at most delta. A margin of 1e-9 rad (6 mm) keeps the
    band a superset whatever the rounding; the exact test on the dot product follows."""
    n = z_sorted.shape[0]
    if not known or cosr < -1.0:
        return 0, n
    lat = math.asin(min(1.0, max(-1.0, z)))
    delta = math.acos(min(1.0, cosr)) + 1e-9
    lo_z = math.sin(max(-0.5 * math.pi, lat - delta))
    hi_z = math.sin(min(0.5 * math.pi, lat + delta))
    return np.searchsorted(z_sorted, lo_z, "left"), np.searchsorted(z_sorted, hi_z, "right")


@nb.njit(cache=True, parallel=True, nogil=True)
def top_k_jobs_kernel(
    # opportunities, sorted by latitude (located ones first), o_orig = catalogue position
    o_orig,
    z_sorted,
    o_occ,
    o_kind,
    o_nor,
    o_support,
    o_hours,
    o_lic,
    o_rtw,
    o_known,
    o_u,
    o_den,
    o_edu,
    o_field,
    o_quality,
    o_pos,
    inv_ptr,
    inv_opp,
    inv_w,
    # participants
    p_nor,
    p_support,
    p_rtw,
    p_lic,
    p_hours,
    p_known,
    p_u,
    p_cosr,
    skill_ptr,
    skill_idx,
    exp_ptr,
    exp_row,
    exp_years,
    pref_ptr,
    pref_row,
    p_kinds,
    p_edu,
    p_field,
    # shared
    sim,
    fields,
    w,
    k,
):
    n_p = p_nor.shape[0]
    n_o = o_occ.shape[0]
    n_located = z_sorted.shape[0]
    out_i = np.full((n_p, k), -1, dtype=np.int64)
    out_s = np.full((n_p, k), -np.inf)
    ux = o_u[:, 0].copy()
    uy = o_u[:, 1].copy()
    uz = o_u[:, 2].copy()
    open_ = o_pos > 0
    n_blocks = (n_p + _BLOCK - 1) // _BLOCK
    for b in nb.prange(n_blocks):
        acc = np.zeros(n_o)
        cand = np.empty(n_o, dtype=np.int64)
        for p in range(b * _BLOCK, min(n_p, (b + 1) * _BLOCK)):
            # 1. hard constraints, branch-free (most pairs fail one: unpredictable branches cost more than the
            # arithmetic), over the latitude band of the commuting radius plus the opportunities without location
            nor = p_nor[p]
            sup = p_support[p]
            rtw = p_rtw[p]
            lic = p_lic[p]
            hours = p_hours[p]
            known = p_known[p]
            x = p_u[p, 0]
            y = p_u[p, 1]
            z = p_u[p, 2]
            cosr = p_cosr[p]
            lo, hi = _band(known, z, cosr, z_sorted)
            n_cand = 0
            for part in range(2):
                start, stop = (lo, hi) if part == 0 else (n_located, n_o)
                for o in range(start, stop):
                    eff = min(nor + (sup | o_support[o]), 6)
                    d = x * ux[o] + y * uy[o] + z * uz[o]
                    ok = (
                        open_[o]
                        & (rtw | ~o_rtw[o])
                        & (lic | ~o_lic[o])
                        & (o_hours[o] <= hours)
                        & (eff >= o_nor[o])
                        & (~(known & o_known[o]) | (d >= cosr))
                    )
                    cand[n_cand] = o
                    n_cand += ok
            if n_cand == 0:
                continue
            # 2. skills through the inverted index
            acc[:] = 0.0
            for t in range(skill_ptr[p], skill_ptr[p + 1]):
                s = skill_idx[t]
                for q in range(inv_ptr[s], inv_ptr[s + 1]):
                    acc[inv_opp[q]] += inv_w[q]
            # 3. factors and the running top k, ties to the earlier catalogue position
            best_s = out_s[p]
            best_i = out_i[p]
            has_pref = pref_ptr[p + 1] > pref_ptr[p]
            for c in range(n_cand):
                o = cand[c]
                occ = o_occ[o]
                f_skills = acc[o] / o_den[o] if o_den[o] > 0 else 0.0
                f_occ = 0.0
                total = 0.0
                for e in range(exp_ptr[p], exp_ptr[p + 1]):
                    v = sim[exp_row[e], occ]
                    if v > f_occ:
                        f_occ = v
                    total += exp_years[e] * v
                f_exp = min(1.0, total / FULL_EXPERIENCE_YEARS)
                if has_pref:
                    occ_part = 0.0
                    for e in range(pref_ptr[p], pref_ptr[p + 1]):
                        v = sim[pref_row[e], occ]
                        if v > occ_part:
                            occ_part = v
                else:
                    occ_part = NEUTRAL
                if p_kinds[p] == 0:
                    kind_part = NEUTRAL
                elif (p_kinds[p] >> o_kind[o]) & 1:
                    kind_part = 1.0
                else:
                    kind_part = 0.0
                f_pref = 0.5 * occ_part + 0.5 * kind_part
                fcol = o_field[o]
                frow = p_field[p]
                fsim = fields[frow, fcol] if (fcol >= 0 and frow >= 0) else 0.0
                f_qual = qualification_value(p_edu[p], o_edu[o], fcol >= 0, frow >= 0, fsim)
                score = 0.0
                score += w[0] * f_skills
                score += w[1] * f_occ
                score += w[2] * f_exp
                score += w[3] * f_pref
                score += w[4] * f_qual
                score += w[5] * o_quality[o]
                orig = o_orig[o]
                last = best_i[k - 1]
                if score > best_s[k - 1] or (score == best_s[k - 1] and last >= 0 and orig < last):
                    j = k - 1
                    while j > 0 and (best_s[j - 1] < score or (best_s[j - 1] == score and best_i[j - 1] > orig)):
                        best_s[j] = best_s[j - 1]
                        best_i[j] = best_i[j - 1]
                        j -= 1
                    best_s[j] = score
                    best_i[j] = orig
    return out_i, out_s


def top_k_jobs(*args):
    """The kernel, on one thread for a handful of participants: waking the thread pool for a single web request
    costs more than it saves and, on a busy machine, adds milliseconds of scheduling jitter."""
    n_participants = args[19].shape[0]
    if n_participants > _BLOCK:
        return top_k_jobs_kernel(*args)
    threads = nb.get_num_threads()
    nb.set_num_threads(1)
    try:
        return top_k_jobs_kernel(*args)
    finally:
        nb.set_num_threads(threads)
