"""Substitution and indel costs for sequence distances, mirroring TraMineR's ``seqcost()``/``seqsubm()``,
``seqtrate()`` and the checks ``seqdist()`` runs on a user's cost matrix (``checkcost()``).

States are indexed as in :class:`~samspill.analysis.sequences.data.StateSequences`. With ``with_missing=True`` the
missing state ``*`` is the last row/column, as in TraMineR where ``nr`` is appended to the alphabet.
"""

from __future__ import annotations

import sys
import warnings
from dataclasses import dataclass
from typing import Literal

import numpy as np

from .data import StateSequences

__all__ = ["SubstitutionCosts", "check_costs", "substitution_costs", "transition_rates"]

COST_METHODS = ("CONSTANT", "TRATE", "FUTURE", "INDELS", "INDELSLOG")
_DOUBLE_XMAX = sys.float_info.max  # R's .Machine$double.xmax, which seqcost() puts in place of infinite indels


@dataclass(frozen=True, eq=False)
class SubstitutionCosts:
    """What ``seqcost()`` returns: the substitution-cost matrix and the matching indel cost.

    Attributes:
        sm: ``float64`` (K, K) substitution costs, or (K, K, L) for time-varying costs (``sm[i, j, t]`` as in R).
        indel: a number, or one cost per state (``INDELS``/``INDELSLOG``; (K, L) when time-varying).
        alphabet: the K states the rows and columns refer to (ends with ``"*"`` when missing states are included).
        method: the method that produced the costs (``"USER"`` for a checked user matrix).
    """

    sm: np.ndarray
    indel: float | np.ndarray
    alphabet: tuple[str, ...]
    method: str = "USER"

    @property
    def time_varying(self) -> bool:
        return self.sm.ndim == 3


def _states_for(seqs: StateSequences, with_missing: bool, who: str) -> tuple[bool, int]:
    """Resolves TraMineR's with.missing rule: asked for but no missing state in the data -> switched off with a
    warning. Returns the effective flag and the number of states the costs cover."""
    if with_missing and not seqs.has_missing:
        warnings.warn(f"{who}: with_missing set to False as the data have no missing states", stacklevel=3)
        with_missing = False
    k = seqs.n_states if with_missing else len(seqs.observed_alphabet)
    return with_missing, k


def transition_rates(
    seqs: StateSequences,
    *,
    time_varying: bool = False,
    weighted: bool = True,
    lag: int = 1,
    with_missing: bool = False,
    count: bool = False,
) -> np.ndarray:
    """Transition rates between states (TraMineR ``seqtrate()``): ``rates[i, j]`` is the (weighted) share of
    positions in state ``i`` followed ``lag`` periods later by state ``j``.

    Transitions into void are not counted, nor, unless ``with_missing``, transitions into a missing state. With
    ``time_varying`` the result has a third axis, one slice per starting period ``t`` (transitions ``t -> t+lag``).
    ``count=True`` returns the weighted counts instead of rates.
    """
    with_missing, k = _states_for(seqs, with_missing, "transition_rates")
    if not isinstance(lag, (int, np.integer)) or lag == 0:
        raise ValueError(f"lag must be a non-zero integer, got {lag!r}")
    codes = seqs.codes.astype(np.int64)
    n, length = codes.shape
    w = seqs.weights if weighted else np.ones(n)
    if lag > 0:
        starts = np.arange(0, length - lag)
    else:
        if time_varying:
            raise ValueError("time-varying transition rates need a positive lag (as in seqtrate())")
        starts = np.arange(-lag, length)
    if starts.size == 0:
        # Too short for any transition: no rates (TRATE costs then all equal cval).
        return np.zeros((k, k, 0) if time_varying else (k, k))
    x = codes[:, starts]
    y = codes[:, starts + lag]
    # Destination valid: not void, and not missing unless missing is a state here (seqtrate's missingcond).
    valid = (y >= 0) & (y < k)
    sel = (x >= 0) & (x < k)
    weights = np.broadcast_to(w[:, None], x.shape)
    if time_varying:
        out = np.zeros((k, k, starts.size))
        for s in range(starts.size):
            xs, ys, vs, ss, ws = x[:, s], y[:, s], valid[:, s], sel[:, s], weights[:, s]
            pa = np.bincount(xs[ss & vs], weights=ws[ss & vs], minlength=k)[:k]
            both = ss & vs
            pab = np.bincount(xs[both] * k + ys[both], weights=ws[both], minlength=k * k)[: k * k].reshape(k, k)
            out[:, :, s] = pab if count else _rates(pab, pa)
        return out
    both = sel & valid
    pa = np.bincount(x[both], weights=weights[both], minlength=k)[:k]
    pab = np.bincount(x[both] * k + y[both], weights=weights[both], minlength=k * k)[: k * k].reshape(k, k)
    return pab if count else _rates(pab, pa)


def _rates(pab: np.ndarray, pa: np.ndarray) -> np.ndarray:
    out = np.zeros_like(pab)
    nz = pa > 0
    out[nz] = pab[nz] / pa[nz, None]
    return out


def _state_frequencies(seqs: StateSequences, k: int, weighted: bool) -> np.ndarray:
    """Weighted share of each state among *all* cells, void and unused missing cells included in the total: what
    ``prop.table(xtabs(rep(ww, ncol(seqdata)) ~ unlist(seqdata)))[alphabet]`` computes in seqcost()."""
    w = seqs.weights if weighted else np.ones(len(seqs))
    codes = seqs.codes.astype(np.int64)
    totals = np.bincount(
        np.where(codes >= 0, codes, seqs.n_states).ravel(),
        weights=np.repeat(w, codes.shape[1]),
        minlength=seqs.n_states + 1,
    )
    grand = w.sum() * codes.shape[1]
    return totals[:k] / grand if grand > 0 else np.full(k, np.nan)


def _cross_sectional_frequencies(seqs: StateSequences, k: int, weighted: bool) -> np.ndarray:
    """(K, L) state distribution per period among valid states (``seqstatd()$Frequencies``)."""
    w = seqs.weights if weighted else np.ones(len(seqs))
    codes = seqs.codes
    out = np.empty((k, codes.shape[1]))
    for t in range(codes.shape[1]):
        c = codes[:, t].astype(np.int64)
        ok = (c >= 0) & (c < k)
        counts = np.bincount(c[ok], weights=w[ok], minlength=k)[:k]
        total = counts.sum()
        out[:, t] = counts / total if total > 0 else np.nan
    return out


def substitution_costs(
    seqs: StateSequences,
    method: Literal["CONSTANT", "TRATE", "FUTURE", "INDELS", "INDELSLOG"] | np.ndarray = "CONSTANT",
    *,
    cval: float | None = None,
    time_varying: bool = False,
    with_missing: bool = False,
    miss_cost: float | None = None,
    miss_cost_fixed: bool | None = None,
    weighted: bool = True,
    transition: Literal["both", "previous", "next"] = "both",
    lag: int = 1,
    indel: float | np.ndarray | None = None,
    check: Literal["error", "warn"] = "error",
) -> SubstitutionCosts:
    """Substitution costs and indel cost from the data (TraMineR ``seqcost()``; ``seqsubm()`` is its ``.sm``).

    Methods:
        ``CONSTANT``: ``cval`` (default 2) off the diagonal; indel 1.
        ``TRATE``: ``cval - P(j|i) - P(i|j)`` from :func:`transition_rates` (``cval`` default 2); indel half the
            largest cost. Time-varying (``cval`` default 4) uses the rates before and after each period as
            TraMineR does (``transition="both"``, ``"previous"`` or ``"next"``), floored at 0.
        ``FUTURE``: chi-squared distance between the states' rows of transition rates; indel half the largest.
        ``INDELS``/``INDELSLOG``: indel per state ``1/f`` or ``log(2/(1+f))`` from the state frequencies ``f``,
            ``sm[i, j] = indel[i] + indel[j]``.
        An array: a user matrix (K×K, or K×K×L), checked by :func:`check_costs` (``check="warn"`` only warns
            about asymmetry and triangle violations, as TraMineR does); ``indel`` defaults to half its maximum.

    With ``with_missing`` the missing state gets a last row and column, fixed to ``miss_cost`` (default ``cval``)
    unless ``miss_cost_fixed=False`` (the default for INDELS/INDELSLOG, whose missing costs come from the data).
    """
    if isinstance(method, SubstitutionCosts):
        return method
    if not isinstance(method, str):
        with_missing, k = _states_for(seqs, with_missing, "substitution_costs")
        sm = np.array(method, dtype=np.float64, copy=True)
        if indel is None:
            indel = float(np.max(sm)) / 2 if sm.size else 1.0
        check_costs(sm, k, indel=indel, n_periods=seqs.n_periods, check=check, alphabet=seqs.alphabet[:k])
        alphabet = seqs.alphabet[:k]
        return SubstitutionCosts(sm=sm, indel=indel, alphabet=alphabet, method="USER")
    if method not in COST_METHODS:
        raise ValueError(f"method must be one of {', '.join(COST_METHODS)} or a cost matrix, got {method!r}")
    if transition not in ("both", "previous", "next"):
        raise ValueError(f"transition must be 'both', 'previous' or 'next', got {transition!r}")
    with_missing, k = _states_for(seqs, with_missing, "substitution_costs")
    if cval is None:
        cval = 4.0 if (time_varying and method == "TRATE" and transition == "both") else 2.0
    if miss_cost is None:
        miss_cost = cval
    if miss_cost_fixed is None:
        miss_cost_fixed = method not in ("INDELS", "INDELSLOG")
    length = seqs.n_periods
    result_indel: float | np.ndarray = 1.0

    if method == "CONSTANT":
        if cval is None or not np.isfinite(cval):
            raise ValueError("CONSTANT costs need a finite cval")
        costs = np.full((k, k), float(cval))
        np.fill_diagonal(costs, 0.0)
        if time_varying:
            costs = np.repeat(costs[:, :, None], length, axis=2)
    elif method == "FUTURE":
        if time_varying:
            raise ValueError("time-varying substitution costs are not implemented for method FUTURE (as in TraMineR)")
        tr = transition_rates(seqs, weighted=weighted, lag=lag, with_missing=with_missing)
        col_sums = tr.sum(axis=0)
        inv = np.zeros_like(col_sums)
        inv[col_sums != 0] = 1.0 / col_sums[col_sums != 0]
        diff = tr[:, None, :] - tr[None, :, :]
        costs = np.sqrt((inv * diff**2).sum(axis=2))
        np.fill_diagonal(costs, 0.0)
        result_indel = 0.5 * float(costs.max())
    elif method in ("INDELS", "INDELSLOG"):
        if time_varying:
            freqs = _cross_sectional_frequencies(seqs, k, weighted)
        else:
            freqs = _state_frequencies(seqs, k, weighted)
        freqs = np.where(np.isnan(freqs), 1.0, freqs)
        if method == "INDELSLOG":
            indels = np.log(2.0 / (1.0 + freqs))
        else:
            with np.errstate(divide="ignore"):
                indels = 1.0 / freqs
            indels[np.isinf(indels)] = _DOUBLE_XMAX
        result_indel = indels
        if time_varying:
            costs = indels[:, None, :] + indels[None, :, :]
            costs[np.arange(k), np.arange(k), :] = 0.0
        else:
            costs = indels[:, None] + indels[None, :]
            np.fill_diagonal(costs, 0.0)
    else:  # TRATE
        if time_varying:
            if lag != 1:
                raise ValueError("time-varying TRATE costs need lag=1 (TraMineR indexes the rates by period)")
            tr = transition_rates(seqs, time_varying=True, weighted=weighted, lag=lag, with_missing=with_missing)
            sym = tr + tr.transpose(1, 0, 2)  # P(j|i) + P(i|j) for each starting period
            costs = np.zeros((k, k, length))
            for t in range(length):
                first, last = t == 0, t == length - 1
                cost = np.zeros((k, k))
                if transition in ("both", "previous") and not first:
                    cost -= sym[:, :, t - 1]
                if transition in ("both", "next") and not last:
                    cost -= sym[:, :, t]
                if transition == "both" and (first or last):
                    value = cval + 2 * cost
                else:
                    value = cost + cval
                value = np.maximum(0.0, value)
                np.fill_diagonal(value, 0.0)
                costs[:, :, t] = value
        else:
            tr = transition_rates(seqs, weighted=weighted, lag=lag, with_missing=with_missing)
            costs = cval - tr - tr.T
            np.fill_diagonal(costs, 0.0)
            result_indel = 0.5 * float(costs.max())

    if with_missing and miss_cost_fixed:
        # The missing state is the last one; seqcost() overwrites its row and column, keeping the 0 diagonal.
        costs[k - 1, : k - 1, ...] = miss_cost
        costs[: k - 1, k - 1, ...] = miss_cost
    return SubstitutionCosts(sm=costs, indel=result_indel, alphabet=seqs.alphabet[:k], method=method)


def _triangle_violation(sm: np.ndarray, tol: float) -> tuple[int, int, int] | None:
    """First (i, j, z) with ``sm[i, j] > sm[i, z] + sm[z, j]`` by at least ``tol`` (TraMineR's C checktriangleineq
    scans i < j, then z)."""
    via = sm[:, :, None] + sm[None, :, :]  # via[i, z, j] = sm[i, z] + sm[z, j]
    excess = sm[:, None, :] - via  # [i, z, j]
    bad = excess >= tol
    k = sm.shape[0]
    upper = np.triu(np.ones((k, k), dtype=bool), 1)
    bad &= upper[:, None, :]
    if not bad.any():
        return None
    i, j, z = np.argwhere(bad.transpose(0, 2, 1))[0]
    return int(i), int(j), int(z)


def check_costs(
    sm: np.ndarray,
    n_states: int,
    *,
    indel: float | np.ndarray | None = None,
    n_periods: int | None = None,
    check: Literal["error", "warn"] = "error",
    alphabet: tuple[str, ...] | None = None,
) -> None:
    """Checks a user's substitution-cost matrix like TraMineR's ``checkcost()``.

    Always errors (as TraMineR does): wrong size, negative or non-finite costs, non-zero diagonal, indel ≤ 0.
    TraMineR only *warns* when the matrix is asymmetric or breaks the triangle inequality (then OM distances are no
    longer metric); here those are errors too unless ``check="warn"``. Substitutions dearer than two indels, and
    per-state indels breaking the triangle inequality, only warn, as in TraMineR.
    """
    if check not in ("error", "warn"):
        raise ValueError(f"check must be 'error' or 'warn', got {check!r}")
    sm = np.asarray(sm, dtype=np.float64)
    names = alphabet or tuple(str(i) for i in range(n_states))
    if sm.ndim == 2:
        slices = sm[:, :, None]
    elif sm.ndim == 3:
        if n_periods is not None and sm.shape[2] != n_periods:
            raise ValueError(
                f"a time-varying cost array must be {n_states}x{n_states}x{n_periods}, "
                f"got {'x'.join(map(str, sm.shape))}"
            )
        slices = sm
    else:
        raise ValueError(f"the substitution-cost matrix must be 2-D (or 3-D when time-varying), got {sm.ndim}-D")
    if slices.shape[0] != slices.shape[1]:
        raise ValueError(f"the substitution-cost matrix must be square, got {sm.shape[0]}x{sm.shape[1]}")
    if slices.shape[0] != n_states:
        raise ValueError(
            f"the substitution-cost matrix must be {n_states}x{n_states} (one row per state), got "
            f"{slices.shape[0]}x{slices.shape[1]}"
        )
    if not np.all(np.isfinite(slices)):
        raise ValueError("the substitution-cost matrix has missing or infinite values")
    if np.any(slices < 0):
        i, j, _ = np.argwhere(slices < 0)[0]
        raise ValueError(
            f"negative substitution costs are not allowed: {names[i]} -> {names[j]} costs {slices[i, j, 0]}"
        )
    diag = slices[np.arange(n_states), np.arange(n_states), :]
    if np.any(diag != 0):
        i = int(np.argwhere(diag != 0)[0, 0])
        raise ValueError(f"the diagonal of the substitution-cost matrix must be zero; {names[i]} -> {names[i]} is not")
    if indel is not None:
        indel_arr = np.asarray(indel, dtype=np.float64)
        if indel_arr.ndim > 0 and indel_arr.shape[0] != n_states:
            raise ValueError(f"give either one indel cost or one per state ({n_states}), got {indel_arr.shape[0]}")
        if not np.all(np.isfinite(indel_arr)) or np.any(indel_arr <= 0):
            raise ValueError("indel costs must be positive")
    max_cost = float(slices.max()) if slices.size else 0.0
    tol = 1e-7 * max_cost
    for t in range(slices.shape[2]):
        s = slices[:, :, t]
        asym = np.abs(s - s.T) > tol
        if np.any(asym):
            i, j = np.argwhere(asym)[0]
            _complain(
                check,
                f"the substitution-cost matrix is not symmetric: {names[i]} -> {names[j]} costs {s[i, j]} but "
                f"{names[j]} -> {names[i]} costs {s[j, i]}",
            )
        bad = _triangle_violation(s, tol) if n_states >= 3 else None
        if bad is not None:
            i, j, z = bad
            _complain(
                check,
                f"the substitution costs break the triangle inequality: replacing {names[i]} with {names[z]} "
                f"({s[i, z]:g}) and then {names[z]} with {names[j]} ({s[z, j]:g}) costs less than replacing "
                f"{names[i]} with {names[j]} directly ({s[i, j]:g})",
            )
        if indel is not None:
            indel_arr = np.asarray(indel, dtype=np.float64)
            if indel_arr.ndim == 0:
                if np.any(s > 2 * indel_arr):
                    warnings.warn(
                        "at least one substitution cost is greater than twice the indel cost; such substitutions "
                        "will never be used",
                        stacklevel=3,
                    )
            else:
                extended = np.zeros((n_states + 1, n_states + 1))
                extended[:n_states, :n_states] = s
                extended[:n_states, n_states] = indel_arr
                extended[n_states, :n_states] = indel_arr
                if _triangle_violation(extended, tol) is not None:
                    warnings.warn("at least one indel cost does not respect the triangle inequality", stacklevel=3)


def _complain(check: str, message: str) -> None:
    if check == "error":
        raise ValueError(message + " (pass check='warn' to substitution_costs() to accept it, as TraMineR does)")
    warnings.warn(message, stacklevel=4)
