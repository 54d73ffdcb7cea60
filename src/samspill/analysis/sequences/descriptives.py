"""Cross-sectional and aggregate descriptions of state sequences, mirroring TraMineR 2.2-12.

Every function takes a :class:`~samspill.analysis.sequences.data.StateSequences` (only its ``codes``, ``alphabet``,
``labels``, ``colors``, ``weights``, ``ids`` and ``columns`` are read) or a plain integer array of state codes
(``-1`` = void after the end of a shorter sequence), and returns a pandas DataFrame labelled with the alphabet and
the period names.

- :func:`state_distribution` -- ``seqstatd``: state frequencies per period, valid N and cross-sectional entropy.
- :func:`transition_rates` -- ``seqtrate``: transition probabilities (or counts), pooled or per period.
- :func:`mean_time` -- ``seqmeant``: mean time spent in each state.
- :func:`sequence_frequencies` -- ``seqtab``: the most frequent sequences, weighted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .data import default_colors

__all__ = ["mean_time", "sequence_frequencies", "state_distribution", "transition_rates"]


# --------------------------------------------------------------------------------------------------------------------
# Shared plumbing for the sequence modules written against the StateSequences contract
# --------------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _SeqArrays:
    """The parts of a StateSequences the descriptive modules need, as plain arrays (also built from raw codes)."""

    codes: np.ndarray  # int (N, L); negative = void
    weights: np.ndarray  # float (N,)
    alphabet: tuple[str, ...]
    labels: tuple[str, ...]
    colors: tuple[str, ...]
    columns: tuple[str, ...]
    ids: pd.Index
    span: np.ndarray  # (N,) position after the last observed (non-void, possibly missing) period

    @property
    def n_states(self) -> int:
        return len(self.alphabet)

    @property
    def lengths(self) -> np.ndarray:
        return (self.codes >= 0).sum(axis=1)

    def subset(self, mask: np.ndarray) -> _SeqArrays:
        return _SeqArrays(
            codes=self.codes[mask],
            weights=self.weights[mask],
            alphabet=self.alphabet,
            labels=self.labels,
            colors=self.colors,
            columns=self.columns,
            ids=self.ids[mask],
            span=self.span[mask],
        )


def _unpack(seqs, weights=None, n_states: int | None = None, with_missing: bool = False) -> _SeqArrays:
    """Normalise a StateSequences (duck-typed, so this module never depends on its import) or an integer array.

    A StateSequences with ``has_missing`` carries TraMineR's missing state ``*`` as the last state; unless
    ``with_missing``, it is dropped from the alphabet and its cells become ``-1``, which is TraMineR's
    ``with.missing=FALSE`` default (missing cells are skipped when spells are formed and not counted anywhere).
    """
    if isinstance(seqs, _SeqArrays):
        return seqs
    if hasattr(seqs, "codes") and hasattr(seqs, "alphabet"):
        codes = np.asarray(seqs.codes)
        alphabet = tuple(str(a) for a in seqs.alphabet)
        labels = getattr(seqs, "labels", None)
        labels = alphabet if labels is None else tuple(str(x) for x in labels)
        colors = getattr(seqs, "colors", None)
        colors = default_colors(len(alphabet)) if colors is None else tuple(str(x) for x in colors)
        w = getattr(seqs, "weights", None) if weights is None else weights
        columns = getattr(seqs, "columns", None)
        ids = getattr(seqs, "ids", None)
    else:
        codes = np.asarray(seqs)
        if codes.ndim != 2 or not np.issubdtype(codes.dtype, np.integer):
            raise TypeError("expected a StateSequences or a 2-D integer array of state codes (-1 = void)")
        k = int(codes.max()) + 1 if n_states is None else int(n_states)
        alphabet = tuple(str(i) for i in range(max(k, 0)))
        labels = alphabet
        colors = default_colors(len(alphabet))
        w, columns, ids = weights, None, None
    codes = codes.astype(np.int64, copy=True)
    observed = codes >= 0
    span = np.where(observed.any(axis=1), codes.shape[1] - np.argmax(observed[:, ::-1], axis=1), 0)
    if getattr(seqs, "has_missing", False) and not with_missing:
        codes[codes == len(alphabet) - 1] = -1
        alphabet, labels, colors = alphabet[:-1], labels[:-1], colors[:-1]
    n, length = codes.shape
    if codes.size and codes.max() >= len(alphabet):
        raise ValueError("state codes exceed the alphabet")
    w = np.ones(n) if w is None else np.asarray(w, dtype=float)
    if w.shape != (n,):
        raise ValueError(f"weights must have shape ({n},), got {w.shape}")
    columns = tuple(str(c) for c in columns) if columns is not None else tuple(str(i + 1) for i in range(length))
    ids = pd.Index(ids) if ids is not None else pd.RangeIndex(n)
    return _SeqArrays(codes, w, alphabet, labels, colors, columns, ids, span.astype(np.int64))


def _state_indices(s: _SeqArrays, states) -> np.ndarray:
    """Resolve states given as alphabet codes, labels or integer indices (one or an iterable) to indices."""
    if isinstance(states, str | int | np.integer):
        states = [states]
    if not isinstance(states, Iterable):
        raise TypeError("states must be a state name, an index, or an iterable of them")
    out = []
    for st in states:
        if isinstance(st, int | np.integer) and not isinstance(st, bool):
            if not 0 <= int(st) < s.n_states:
                raise ValueError(f"state index {st} outside the alphabet of {s.n_states} states")
            out.append(int(st))
        elif st in s.alphabet:
            out.append(s.alphabet.index(st))
        elif st in s.labels:
            out.append(s.labels.index(st))
        else:
            raise ValueError(f"unknown state {st!r}; the alphabet is {list(s.alphabet)}")
    if not out:
        raise ValueError("at least one state is needed")
    return np.unique(np.asarray(out, dtype=np.int64))


def _compact(codes: np.ndarray) -> np.ndarray:
    """Move voids/missing to the end of each row, keeping the order of the states (TraMineR's with.missing=FALSE)."""
    neg = codes < 0
    if not (neg[:, :-1] & ~neg[:, 1:]).any():
        return codes
    order = np.argsort(neg, axis=1, kind="stable")
    return np.take_along_axis(codes, order, axis=1)


@dataclass(frozen=True)
class _Spells:
    """Distinct successive states (TraMineR's DSS) of every row, flattened in row order."""

    row: np.ndarray
    state: np.ndarray
    start: np.ndarray  # position in the compacted row
    duration: np.ndarray
    count: np.ndarray  # spells per row (N,)
    lengths: np.ndarray  # non-void positions per row (N,)


def _spells(codes: np.ndarray) -> _Spells:
    c = _compact(codes)
    valid = c >= 0
    start = valid.copy()
    start[:, 1:] &= c[:, 1:] != c[:, :-1]
    rows, cols = np.nonzero(start)
    lengths = valid.sum(axis=1)
    ends = lengths[rows].copy()
    same_row_next = rows[:-1] == rows[1:]
    ends[:-1][same_row_next] = cols[1:][same_row_next]
    return _Spells(
        row=rows,
        state=c[rows, cols],
        start=cols,
        duration=ends - cols,
        count=start.sum(axis=1),
        lengths=lengths,
    )


def _state_counts(codes: np.ndarray, n_states: int) -> np.ndarray:
    """Time spent in each state per sequence (seqistatd), shape (N, K)."""
    n = codes.shape[0]
    rows = np.repeat(np.arange(n), codes.shape[1])
    flat = codes.ravel()
    keep = flat >= 0
    return np.bincount(rows[keep] * n_states + flat[keep], minlength=n * n_states).reshape(n, n_states).astype(float)


def _entropy(p: np.ndarray, axis: int) -> np.ndarray:
    """Shannon entropy (natural log) of distributions along ``axis``; zero cells contribute nothing, as in R."""
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    return -terms.sum(axis=axis)


# --------------------------------------------------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------------------------------------------------


def state_distribution(seqs, weighted: bool = True, norm: bool = True) -> pd.DataFrame:
    """State distribution per period, like TraMineR's ``seqstatd``.

    Returns a DataFrame with one column per period. Its first rows (one per state, labelled by the alphabet) hold
    the ``$Frequencies`` (the share of sequences in each state among those not void at that period); the row
    ``"ValidStates"`` holds ``$ValidStates`` (the weighted number of non-void sequences) and ``"Entropy"`` the
    cross-sectional Shannon entropy, divided by ``log(n_states)`` when ``norm``. Select the frequencies with
    ``df.iloc[:n_states]``.
    """
    s = _unpack(seqs)
    if {"ValidStates", "Entropy"} & set(s.alphabet):
        raise ValueError("a state called 'ValidStates' or 'Entropy' would clash with the summary rows")
    w = s.weights if weighted else np.ones(len(s.weights))
    counts = np.stack([((s.codes == k) * w[:, None]).sum(axis=0) for k in range(s.n_states)])
    valid = counts.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        freq = counts / valid
    entropy = _entropy(freq, axis=0)
    # A period where every sequence is void has no distribution; R yields NaN frequencies and entropy 0 there.
    if norm:
        entropy = entropy / np.log(s.n_states) if s.n_states > 1 else np.full_like(entropy, np.nan)
    table = np.vstack([freq, valid, entropy])
    return pd.DataFrame(table, index=[*s.alphabet, "ValidStates", "Entropy"], columns=list(s.columns))


def transition_rates(
    seqs, lag: int = 1, time_varying: bool = False, weighted: bool = True, count: bool = False
) -> pd.DataFrame:
    """Transition rates between states, like TraMineR's ``seqtrate``.

    The rate from ``x`` to ``y`` is the (weighted) number of times a sequence is in ``x`` at ``t`` and in ``y`` at
    ``t + lag``, divided by the number of times it is in ``x`` at ``t`` and in any state (not void) at ``t + lag``.
    Rows are labelled ``"[x ->]"`` and columns ``"[-> y]"``; a state never left towards a valid state gets a row of
    zeros, as in TraMineR. With ``time_varying`` the index is a (period, origin) MultiIndex, the period being that of
    the origin ``t``. ``count=True`` gives the weighted counts instead of probabilities. A negative lag looks
    backwards, as in TraMineR.
    """
    s = _unpack(seqs)
    k = s.n_states
    codes = s.codes
    length = codes.shape[1]
    w = s.weights if weighted else np.ones(len(s.weights))
    times = np.arange(max(0, -lag), min(length, length - lag))
    rows = [f"[{a} ->]" for a in s.alphabet]
    cols = [f"[-> {a}]" for a in s.alphabet]

    def rates(origin: np.ndarray, target: np.ndarray, weight: np.ndarray) -> np.ndarray:
        keep = (origin >= 0) & (target >= 0)
        pab = np.bincount(origin[keep] * k + target[keep], weights=weight[keep], minlength=k * k).reshape(k, k)
        if count:
            return pab
        pa = pab.sum(axis=1, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(pa > 0, pab / np.where(pa > 0, pa, 1.0), 0.0)

    if not time_varying:
        origin = codes[:, times].ravel()
        target = codes[:, times + lag].ravel()
        weight = np.repeat(w, len(times))
        return pd.DataFrame(rates(origin, target, weight), index=rows, columns=cols)

    blocks = [rates(codes[:, t], codes[:, t + lag], w) for t in times]
    index = pd.MultiIndex.from_product([[s.columns[t] for t in times], rows], names=["period", "from"])
    data = np.vstack(blocks) if blocks else np.zeros((0, k))
    return pd.DataFrame(data, index=index, columns=cols)


def mean_time(seqs, weighted: bool = True, prop: bool = False, serr: bool = False) -> pd.DataFrame:
    """Mean time spent in each state, like TraMineR's ``seqmeant``.

    ``prop=True`` uses each sequence's share of time instead of the number of periods. ``serr=True`` adds the
    columns ``Var``, ``Stdev`` and ``SE`` computed as TraMineR does: the weighted variance with the
    ``W / (W^2 - sum w^2)`` correction (the unbiased ``n - 1`` variance when unweighted) and ``SE = sqrt(Var / W)``.
    """
    s = _unpack(seqs)
    w = s.weights if weighted else np.ones(len(s.weights))
    istatd = _state_counts(s.codes, s.n_states)
    if prop:
        with np.errstate(divide="ignore", invalid="ignore"):
            istatd = istatd / istatd.sum(axis=1, keepdims=True)
    wtot = w.sum()
    mtime = (istatd * w[:, None]).sum(axis=0)
    out = pd.DataFrame({"Mean": mtime / wtot}, index=list(s.alphabet))
    if serr:
        w2tot = (w**2).sum()
        var = (w[:, None] * (istatd - mtime / wtot) ** 2).sum(axis=0) * wtot / (wtot**2 - w2tot)
        out["Var"] = var
        out["Stdev"] = np.sqrt(var)
        out["SE"] = np.sqrt(var / wtot)
    return out


def _sps_strings(s: _SeqArrays) -> np.ndarray:
    """Each row in TraMineR's compressed SPS notation as ``seqtab`` names it: ``"EM/38-FE/8"``."""
    sp = _spells(s.codes)
    parts: list[list[str]] = [[] for _ in range(len(s.codes))]
    for r, st, d in zip(sp.row.tolist(), sp.state.tolist(), sp.duration.tolist(), strict=True):
        parts[r].append(f"{s.alphabet[st]}/{d}")
    return np.array(["-".join(p) for p in parts], dtype=object)


def sequence_frequencies(seqs, top: int | None = 10, weighted: bool = True) -> pd.DataFrame:
    """The most frequent sequences, like TraMineR's ``seqtab(idxs=1:top)``.

    Returns one row per distinct sequence, most frequent first: ``sequence`` (compressed SPS notation, e.g.
    ``"EM/38-FE/8"``), ``Freq`` (weighted count), ``Percent`` (of all non-empty sequences' weight), ``n``
    (unweighted count) and ``example`` (the row position of its first occurrence, to draw it). ``top=None`` or ``0``
    keeps all. Ties are ordered by the SPS string (R orders them by its locale's collation of the same strings).
    """
    s = _unpack(seqs)
    w = s.weights if weighted else np.ones(len(s.weights))
    nonempty = s.lengths > 0
    positions = np.flatnonzero(nonempty)
    sps = _sps_strings(s.subset(nonempty))
    frame = pd.DataFrame({"sequence": sps, "w": w[nonempty], "pos": positions})
    grouped = frame.groupby("sequence", sort=True).agg(Freq=("w", "sum"), n=("w", "size"), example=("pos", "min"))
    grouped = grouped.reset_index()
    grouped["Percent"] = grouped["Freq"] / grouped["Freq"].sum() * 100
    grouped = grouped.sort_values("Freq", ascending=False, kind="stable").reset_index(drop=True)
    if top:
        grouped = grouped.head(top)
    return grouped[["sequence", "Freq", "Percent", "n", "example"]]
