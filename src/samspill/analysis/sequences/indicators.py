"""Per-sequence indicators: TraMineR's longitudinal measures and the school-to-work field's own.

TraMineR 2.2-12 mirrors (one value per sequence, voids after the end of a shorter sequence ignored):

- :func:`within_entropy` -- ``seqient``: Shannon entropy of the time spent in each state.
- :func:`turbulence` -- ``seqST``: Elzinga's turbulence, from the number of distinct subsequences of the spell
  sequence and the variance of the spell durations exactly as ``seqivardur`` computes it.
- :func:`complexity` -- ``seqici``: Gabadinho's complexity index.
- :func:`n_transitions` -- ``seqtransn``; :func:`n_spells` -- the length of ``seqdss``.

Field indicators take the states that count as employment, benefits, activity or inactivity as explicit arguments
(alphabet codes, labels or indices), because registers code these differently:

- :func:`months_to_first`, :func:`months_in`, :func:`revolving_door_count`, :func:`relapse_into_inactivity`.

:func:`indicator_table` gathers all of them in one DataFrame indexed by the sequence ids.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .descriptives import _SeqArrays, _spells, _state_counts, _state_indices, _unpack

__all__ = [
    "complexity",
    "indicator_table",
    "months_in",
    "months_to_first",
    "n_spells",
    "n_transitions",
    "relapse_into_inactivity",
    "revolving_door_count",
    "turbulence",
    "within_entropy",
]


def _series(s: _SeqArrays, values, name: str) -> pd.Series:
    return pd.Series(values, index=s.ids, name=name)


def _within_entropy(s: _SeqArrays, norm: bool) -> np.ndarray:
    counts = _state_counts(s.codes, s.n_states)
    total = counts.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = counts / total
    ent = -np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0).sum(axis=1)
    if norm:
        ent = ent / np.log(s.n_states) if s.n_states > 1 else np.zeros_like(ent)
    return ent


def within_entropy(seqs, norm: bool = True) -> pd.Series:
    """Within-sequence entropy, like TraMineR's ``seqient``.

    ``-sum_k p_k log p_k`` over the shares of time ``p_k`` the sequence spends in each state; divided by
    ``log(n_states)`` (the entropy of the uniform distribution over the whole alphabet) when ``norm``.
    """
    s = _unpack(seqs)
    return _series(s, _within_entropy(s, norm), "entropy")


def _n_transitions(s: _SeqArrays, norm: bool) -> np.ndarray:
    sp = _spells(s.codes)
    trans = np.maximum(sp.count - 1, 0).astype(float)
    if norm:
        # seqtransn sets the normalised value to 0 for sequences of length 1 (and we do for empty ones, 0/-1 in R).
        denom = sp.lengths - 1
        trans = np.where(denom > 0, trans / np.where(denom > 0, denom, 1), 0.0)
    return trans


def n_transitions(seqs, norm: bool = False) -> pd.Series:
    """Number of state changes, like TraMineR's ``seqtransn``; divided by ``length - 1`` when ``norm``."""
    s = _unpack(seqs)
    values = _n_transitions(s, norm)
    return _series(s, values if norm else values.astype(np.int64), "n_transitions")


def n_spells(seqs) -> pd.Series:
    """Number of spells (distinct successive states, the length of TraMineR's ``seqdss``)."""
    s = _unpack(seqs)
    return _series(s, _spells(s.codes).count.astype(np.int64), "n_spells")


def _n_distinct_subsequences(sp, n_rows: int, n_states: int) -> np.ndarray:
    """TraMineR's ``seqsubsn(DSS=FALSE)`` on the spell sequences, the empty subsequence included.

    The classic recurrence N[i] = 2 N[i-1] - N[last(x_i) - 1], vectorised over rows one spell position at a time.
    Floats, so long spell sequences do not overflow (they stay exact up to 2**53).
    """
    max_spells = int(sp.count.max()) if n_rows else 0
    hist = np.zeros((n_rows, max_spells + 1))
    hist[:, 0] = 1.0
    last = np.zeros((n_rows, n_states), dtype=np.int64)  # 1-based position of the previous occurrence, 0 = none
    first_spell = np.concatenate([[0], np.cumsum(sp.count)[:-1]]) if n_rows else np.zeros(0, dtype=np.int64)
    for j in range(max_spells):
        rows = np.flatnonzero(sp.count > j)
        states = sp.state[first_spell[rows] + j]
        prev = last[rows, states]
        value = 2.0 * hist[rows, j]
        seen = prev > 0
        value[seen] -= hist[rows[seen], prev[seen] - 1]
        hist[rows, j + 1] = value
        last[rows, states] = j + 1
    return hist[np.arange(n_rows), sp.count]


def _duration_variance(sp, n_rows: int, n_states: int, kind: int) -> tuple[np.ndarray, np.ndarray]:
    """Variance of spell durations and its maximum, as TraMineR's ``seqivardur(type=kind)``."""
    count = sp.count.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        if kind == 1:
            meand = np.bincount(sp.row, weights=sp.duration, minlength=n_rows) / count
            # The population variance (1/n), not R's var(): seqivardur's "realvar".
            var = np.bincount(sp.row, weights=(sp.duration - meand[sp.row]) ** 2, minlength=n_rows) / count
            vmax = (count - 1) * (1 - meand) ** 2
            return var, vmax
        visited = np.zeros((n_rows, n_states), dtype=bool)
        visited[sp.row, sp.state] = True
        nnvisit = (~visited).sum(axis=1).astype(float)
        total = np.bincount(sp.row, weights=sp.duration, minlength=n_rows)
        meand = total / (count + nnvisit)
        var = (
            np.bincount(sp.row, weights=(sp.duration - meand[sp.row]) ** 2, minlength=n_rows) + nnvisit * meand**2
        ) / (count + nnvisit)
        if n_states < 2:
            maxnnv = np.zeros(n_rows)
        else:
            maxnnv = np.where(count == 1, n_states - 1, n_states - 2).astype(float)
        meand_max = meand * (count + nnvisit) / (count + maxnnv)
        lgth = sp.lengths.astype(float)
        vmax = ((count - 1) * (1 - meand_max) ** 2 + (lgth - count + 1 - meand_max) ** 2 + maxnnv * meand_max**2) / (
            count + maxnnv
        )
        return var, vmax


def _turbulence_raw(codes: np.ndarray, n_states: int, kind: int) -> np.ndarray:
    sp = _spells(codes)
    n = codes.shape[0]
    phi = _n_distinct_subsequences(sp, n, n_states)
    var, vmax = _duration_variance(sp, n, n_states, kind)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log2(phi * ((vmax + 1) / (var + 1)))


def turbulence(seqs, norm: bool = False, type: int = 1) -> pd.Series:  # noqa: A002 - TraMineR's argument name
    """Elzinga's sequence turbulence, like TraMineR's ``seqST``.

    ``T = log2(phi * (s2_max + 1) / (s2 + 1))`` where ``phi`` is the number of distinct subsequences (the empty one
    included) of the sequence of distinct successive states, ``s2`` the variance of the spell durations and
    ``s2_max`` its maximum given the number of spells. With ``type=1`` (the default, as in TraMineR) ``s2`` is the
    population variance (divided by the number of spells) and ``s2_max = (n_spells - 1)(1 - mean duration)^2``;
    ``type=2`` also counts non-visited states as zero-length spells (``seqivardur(type=2)``). ``norm=True`` rescales
    to ``(T - 1) / (T_max - 1)``, ``T_max`` being the turbulence of the alphabet repeated over the longest length,
    with values below 1 set to 0 -- as ``seqST(norm=TRUE)``. Empty sequences get NaN.
    """
    if type not in (1, 2):
        raise ValueError("type must be 1 or 2")
    s = _unpack(seqs)
    values = _turbulence_raw(s.codes, s.n_states, type)
    values[s.lengths == 0] = np.nan
    if norm:
        maxlength = int(s.lengths.max()) if len(values) else 0
        reference = (np.arange(maxlength) % s.n_states)[None, :]
        tmax = _turbulence_raw(reference, s.n_states, type)[0]
        below = values < 1
        values = (values - 1) / (tmax - 1)
        values[below] = 0.0
    return _series(s, values, "turbulence")


def complexity(seqs) -> pd.Series:
    """Complexity index, like TraMineR's ``seqici``: ``sqrt(normalised transitions * normalised entropy)``.

    Normalised transitions are ``n_transitions / (length - 1)``; the entropy is ``seqient(norm=TRUE)``.
    """
    s = _unpack(seqs)
    return _series(s, np.sqrt(_n_transitions(s, norm=True) * _within_entropy(s, norm=True)), "complexity")


# --------------------------------------------------------------------------------------------------------------------
# Field indicators
# --------------------------------------------------------------------------------------------------------------------


def months_to_first(seqs, states) -> pd.DataFrame:
    """Periods elapsed before the first period in any of ``states`` (e.g. time to first job).

    Returns a DataFrame with ``months`` (0 when the sequence starts in one of the states; NaN when it never enters
    them), ``reached`` (False = right-censored) and ``observed`` (the periods up to the end of the sequence, void
    excluded: the censoring time of those never reaching the states). Positions count calendar periods, so missing
    periods before entry still count as elapsed time.
    """
    s = _unpack(seqs)
    target = _state_indices(s, states)
    hit = np.isin(s.codes, target)
    reached = hit.any(axis=1)
    months = np.where(reached, hit.argmax(axis=1), np.nan)
    return pd.DataFrame({"months": months, "reached": reached, "observed": s.span}, index=s.ids)


def months_in(seqs, states) -> pd.Series:
    """Number of periods spent in any of ``states`` (e.g. months in employment)."""
    s = _unpack(seqs)
    target = _state_indices(s, states)
    return _series(s, np.isin(s.codes, target).sum(axis=1).astype(np.int64), "months_in")


def _count_entries_after(s: _SeqArrays, from_states, to_states, max_gap: int | None) -> np.ndarray:
    """Count spells in ``to_states`` that follow a spell in ``from_states``.

    Spells in neither set are skipped over (within ``max_gap`` periods when given); consecutive spells in
    ``to_states`` (e.g. moving between two benefit schemes) count once, because only the first directly follows a
    ``from`` spell once the others are skipped.
    """
    origin = _state_indices(s, from_states)
    target = _state_indices(s, to_states)
    overlap = np.intersect1d(origin, target)
    if overlap.size:
        names = [s.alphabet[i] for i in overlap]
        raise ValueError(f"states {names} cannot be in both groups")
    if max_gap is not None and max_gap < 0:
        raise ValueError("max_gap must be >= 0")
    sp = _spells(s.codes)
    kind = np.zeros(len(sp.state), dtype=np.int8)
    kind[np.isin(sp.state, origin)] = 1
    kind[np.isin(sp.state, target)] = 2
    keep = kind > 0
    rows, kind, start = sp.row[keep], kind[keep], sp.start[keep]
    end = start + sp.duration[keep]
    hit = (rows[1:] == rows[:-1]) & (kind[1:] == 2) & (kind[:-1] == 1)
    if max_gap is not None:
        hit &= (start[1:] - end[:-1]) <= max_gap
    return np.bincount(rows[1:][hit], minlength=len(s.codes)).astype(np.int64)


def revolving_door_count(seqs, job_states, benefit_states, max_gap: int | None = None) -> pd.Series:
    """Number of times a sequence goes (back) onto benefits after a job spell -- the "revolving door".

    Counts benefit spells whose previous employment-or-benefit spell was a job. Spells in other states between the
    job and the benefits (e.g. a month of inactivity) are allowed -- at most ``max_gap`` periods of them when given
    (``max_gap=0``: straight from the job to benefits). Moving between two benefit states counts once. Whether the
    person was on benefits before the first job does not matter: the first job-to-benefits move counts as well.
    """
    s = _unpack(seqs)
    return _series(s, _count_entries_after(s, job_states, benefit_states, max_gap), "revolving_doors")


def relapse_into_inactivity(seqs, active_states, inactive_states, max_gap: int | None = None) -> pd.Series:
    """Number of relapses: inactivity spells that follow a spell of activity (work, education, training).

    Same counting rule as :func:`revolving_door_count`, with ``active_states`` as origin and ``inactive_states`` as
    destination; inactivity before any activity is not a relapse.
    """
    s = _unpack(seqs)
    return _series(s, _count_entries_after(s, active_states, inactive_states, max_gap), "relapses")


def indicator_table(
    seqs,
    *,
    employment_states=None,
    benefit_states=None,
    active_states=None,
    inactive_states=None,
    max_gap: int | None = None,
) -> pd.DataFrame:
    """All indicators in one DataFrame indexed by the sequence ids.

    Always: ``entropy`` (normalised), ``turbulence``, ``complexity``, ``n_transitions``, ``n_spells``. With
    ``employment_states``: ``months_to_employment``, ``employment_reached``, ``months_in_employment``; with
    ``benefit_states`` as well: ``months_on_benefits`` and ``revolving_doors``; with ``active_states`` and
    ``inactive_states``: ``relapses``.
    """
    s = _unpack(seqs)
    table = pd.DataFrame(
        {
            "entropy": within_entropy(s).to_numpy(),
            "turbulence": turbulence(s).to_numpy(),
            "complexity": complexity(s).to_numpy(),
            "n_transitions": n_transitions(s).to_numpy(),
            "n_spells": n_spells(s).to_numpy(),
        },
        index=s.ids,
    )
    if employment_states is not None:
        first = months_to_first(s, employment_states)
        table["months_to_employment"] = first["months"].to_numpy()
        table["employment_reached"] = first["reached"].to_numpy()
        table["months_in_employment"] = months_in(s, employment_states).to_numpy()
        if benefit_states is not None:
            table["months_on_benefits"] = months_in(s, benefit_states).to_numpy()
            table["revolving_doors"] = revolving_door_count(s, employment_states, benefit_states, max_gap).to_numpy()
    elif benefit_states is not None:
        table["months_on_benefits"] = months_in(s, benefit_states).to_numpy()
    if (active_states is None) != (inactive_states is None):
        raise ValueError("give both active_states and inactive_states, or neither")
    if active_states is not None:
        table["relapses"] = relapse_into_inactivity(s, active_states, inactive_states, max_gap).to_numpy()
    return table
