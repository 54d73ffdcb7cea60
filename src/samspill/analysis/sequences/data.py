"""State sequences: the object every other sequence-analysis function works on.

:class:`StateSequences` mirrors the ``stslist`` object that TraMineR's ``seqdef()`` builds: one row per individual,
one column per period, each cell a state of a finite alphabet. It is stored as a small-integer matrix so that the
distance kernels, descriptives and plots can work on it without converting strings again.

Conventions (the contract the rest of :mod:`samspill.analysis.sequences` codes against):

* ``codes[i, t]`` is the index of the state in ``alphabet`` (``0 .. n_states - 1``) or ``-1`` for *void*: the
  positions after the end of a shorter sequence (TraMineR's ``%``, produced by ``right="DEL"``).
* Missing states inside a sequence (TraMineR's ``*``, its ``nr`` attribute) are kept as one extra state, the last one
  of ``alphabet``, whenever the data contain any after the ``left``/``gap``/``right`` rules of ``seqdef`` have been
  applied; ``has_missing`` then is true and ``missing_code == n_states - 1``. Functions that follow TraMineR's
  ``with.missing=FALSE`` default leave that state out or refuse such data with a clear error.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

# pandas is imported inside the constructors that read tables: importing it costs ~80 MB of memory, which a worker
# that only computes distances on coded data should not pay (it counts against the peak-memory benchmark).
if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MISSING_STATE", "StateSequences", "default_colors"]

#: TraMineR's default code for a missing state (``nr = "*"``).
MISSING_STATE = "*"
#: Label and colour TraMineR gives the missing state in plots (``missing.color = "darkgrey"``).
MISSING_LABEL = "missing"
MISSING_COLOR = "#a9a9a9"

_DEFAULT_MISSING_VALUES: tuple[Any, ...] = (None, float("nan"), "", "NA")

# RColorBrewer's qualitative palettes, which seqdef() uses by default: "Accent" up to 8 states, "Set3" up to 12.
_ACCENT = ("#7fc97f", "#beaed4", "#fdc086", "#ffff99", "#386cb0", "#f0027f", "#bf5b17", "#666666")
_SET3 = (
    "#8dd3c7",
    "#ffffb3",
    "#bebada",
    "#fb8072",
    "#80b1d3",
    "#fdb462",
    "#b3de69",
    "#fccde5",
    "#d9d9d9",
    "#bc80bd",
    "#ccebc5",
    "#ffed6f",
)


def default_colors(n_states: int) -> tuple[str, ...]:
    """Default state colours, following ``seqdef()``: brewer "Accent" for up to 8 states, "Set3" for 9–12.

    Beyond 12 states TraMineR switches to a generated qualitative palette; we generate evenly spaced hues at a fixed
    lightness and saturation, which is deterministic and distinguishable enough for stacked plots.
    """
    if n_states <= 0:
        return ()
    if n_states <= 8:
        # seqdef() takes the first two of a 3-colour Accent palette for 2 states: the same as the first two here.
        return _ACCENT[:n_states]
    if n_states <= 12:
        return _SET3[:n_states]
    import colorsys

    colors = []
    for k in range(n_states):
        r, g, b = colorsys.hls_to_rgb(k / n_states, 0.6, 0.55)
        colors.append(f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}")
    return tuple(colors)


def _r_collation_key(value: str) -> tuple:
    """Approximates R's ``sort()`` of character vectors under an English UTF-8 locale (what TraMineR users get):
    case-insensitive first ("employment" < "FE" < "HE"), accents and punctuation only break ties, lower case before
    upper case. The C locale would put all capitals first, which is not what the TraMineR references show."""
    decomposed = unicodedata.normalize("NFKD", value)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    primary = "".join(c for c in base if c.isalnum())
    case = tuple(0 if c.islower() else 1 for c in value)
    return (primary, base, value.casefold(), case, value)


def _format_number(value: float) -> str:
    """R's as.character() of a number: integers without a decimal point."""
    if isinstance(value, (bool, np.bool_)):
        return "TRUE" if value else "FALSE"
    fvalue = float(value)
    if math.isfinite(fvalue) and fvalue.is_integer():
        return str(int(fvalue))
    return repr(fvalue)


def _state_string(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float, np.integer, np.floating, bool, np.bool_)):
        return _format_number(value)
    return str(value)


def _show(value: Any) -> str:
    """repr() of a cell or id for error messages, without numpy's ``np.int64(...)`` wrapping."""
    if isinstance(value, np.generic):
        value = value.item()
    return repr(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def _sort_states(values: Iterable[Any]) -> list[str]:
    """The alphabet order of ``seqstatl()``: numeric order when every state is a number, R's collation otherwise."""
    values = list(values)
    if values and all(_is_number(v) for v in values):
        return [_format_number(v) for v in sorted(values, key=float)]
    strings = sorted({_state_string(v) for v in values}, key=_r_collation_key)
    return strings


def _missing_mask(frame: pd.DataFrame, missing_values: Sequence[Any]) -> np.ndarray:
    mask = np.zeros(frame.shape, dtype=bool)
    others = []
    for value in missing_values:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            mask |= frame.isna().to_numpy()
        else:
            others.append(value)
    if others:
        mask |= frame.isin(others).to_numpy()
    return mask


def _rule(name: str, value: Any) -> tuple[str, Any]:
    """Reads a seqdef() ``left``/``gap``/``right`` argument: ``"NA"``/``None``/NaN keep a missing state, ``"DEL"``
    deletes the cells, anything else fills them with that state."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value in ("NA", "missing"):
        return ("missing", None)
    if value == "DEL":
        return ("delete", None)
    if isinstance(value, (str, int, float, np.integer, np.floating)):
        return ("fill", _state_string(value))
    raise ValueError(f"{name}={value!r} is not understood: use 'NA' (a missing state), 'DEL' (delete) or a state")


@dataclass(frozen=True, eq=False, repr=False)
class StateSequences:
    """A set of state sequences (TraMineR's ``stslist``, built by ``seqdef()``).

    Build one with :meth:`from_wide`, :meth:`from_spells` or :meth:`from_long`; the plain constructor takes already
    coded data and checks it. Error messages count rows and columns from 1, as R and a spreadsheet do. The arrays
    are read-only: derive new objects with :meth:`subset` or :meth:`unique`.

    Attributes:
        codes: ``int16`` (N, L) state indices, ``-1`` for void after the end of a shorter sequence.
        alphabet: the states as they appear in the input, in TraMineR's default order; ends with ``"*"`` when
            ``has_missing``.
        labels: a label per state (defaults to the state itself).
        colors: a ``"#rrggbb"`` colour per state.
        weights: ``float64`` (N,) case weights, all ones when none were given.
        ids: (N,) row identifiers in input order.
        columns: period names, one per column of ``codes``.
        has_missing: whether the last state of ``alphabet`` is TraMineR's missing state ``*``.
        lengths: ``int64`` (N,) number of non-void positions of each sequence (``seqlength()``).
    """

    codes: np.ndarray
    alphabet: tuple[str, ...]
    labels: tuple[str, ...] | None = None
    colors: tuple[str, ...] | None = None
    weights: np.ndarray | None = None
    ids: np.ndarray | None = None
    columns: tuple[str, ...] | None = None
    has_missing: bool = False
    lengths: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        codes = np.array(self.codes, dtype=np.int16, copy=True)
        if codes.ndim != 2:
            raise ValueError(f"codes must be a 2-D (sequences x periods) array, got {codes.ndim} dimension(s)")
        n, length = codes.shape
        alphabet = tuple(str(a) for a in self.alphabet)
        if len(set(alphabet)) != len(alphabet):
            raise ValueError(f"the alphabet has repeated states: {alphabet}")
        k = len(alphabet)
        if codes.size and (codes.min() < -1 or codes.max() >= k):
            bad = np.argwhere((codes < -1) | (codes >= k))[0]
            raise ValueError(
                f"row {bad[0] + 1}, column {bad[1] + 1}: code {codes[bad[0], bad[1]]} "
                f"is outside the alphabet of {k} states"
            )
        void = codes < 0
        # Void may only follow the end of a sequence: a state after a void would make lengths meaningless.
        if length > 1 and np.any(void[:, :-1] & ~void[:, 1:]):
            row = int(np.argwhere(void[:, :-1] & ~void[:, 1:])[0, 0])
            raise ValueError(f"row {row + 1}: a state follows a void position; void (-1) may only end a sequence")
        if self.has_missing and (not alphabet or alphabet[-1] != MISSING_STATE):
            raise ValueError(f"has_missing requires the alphabet to end with the missing state {MISSING_STATE!r}")
        n_observed = k - 1 if self.has_missing else k
        labels = tuple(alphabet[:n_observed]) if self.labels is None else tuple(str(x) for x in self.labels)
        if self.has_missing and len(labels) == n_observed:
            labels = labels + (MISSING_LABEL,)
        if len(labels) != k:
            raise ValueError(f"{len(labels)} labels given for {n_observed} states")
        colors = default_colors(n_observed) if self.colors is None else tuple(str(c) for c in self.colors)
        if self.has_missing and len(colors) == n_observed:
            colors = colors + (MISSING_COLOR,)
        if len(colors) != k:
            raise ValueError(f"{len(colors)} colours given for {n_observed} states")
        weights = np.ones(n) if self.weights is None else np.array(self.weights, dtype=np.float64, copy=True)
        if weights.shape != (n,):
            raise ValueError(f"weights must have one value per sequence ({n}), got shape {weights.shape}")
        if not np.all(np.isfinite(weights)) or np.any(weights < 0):
            row = int(np.argwhere(~np.isfinite(weights) | (weights < 0))[0, 0])
            raise ValueError(f"weights must be finite and non-negative; row {row + 1} has {_show(weights[row])}")
        ids = np.arange(n) if self.ids is None else np.array(self.ids, copy=True)
        if ids.shape != (n,):
            raise ValueError(f"ids must have one value per sequence ({n}), got shape {ids.shape}")
        columns = (
            tuple(f"T{t + 1}" for t in range(length)) if self.columns is None else tuple(str(c) for c in self.columns)
        )
        if len(columns) != length:
            raise ValueError(f"{len(columns)} column names given for {length} periods")
        lengths = (~void).sum(axis=1).astype(np.int64)
        for array in (codes, weights, ids, lengths):
            array.flags.writeable = False
        for name, value in (
            ("codes", codes),
            ("alphabet", alphabet),
            ("labels", labels),
            ("colors", colors),
            ("weights", weights),
            ("ids", ids),
            ("columns", columns),
            ("lengths", lengths),
        ):
            object.__setattr__(self, name, value)

    # ------------------------------------------------------------------ basic protocol

    def __len__(self) -> int:
        return self.codes.shape[0]

    def __repr__(self) -> str:
        return (
            f"StateSequences({len(self)} sequences x {self.codes.shape[1]} periods, "
            f"{self.n_states} states: {'/'.join(self.alphabet)})"
        )

    @property
    def n_states(self) -> int:
        """Number of states, including the missing state ``*`` when ``has_missing``."""
        return len(self.alphabet)

    @property
    def n_periods(self) -> int:
        return self.codes.shape[1]

    @property
    def missing_code(self) -> int | None:
        """Code of the missing state (the last one) or ``None`` when the data have no missing states."""
        return self.n_states - 1 if self.has_missing else None

    @property
    def observed_alphabet(self) -> tuple[str, ...]:
        """The alphabet without the missing state: TraMineR's ``alphabet(seqdata)``."""
        return self.alphabet[:-1] if self.has_missing else self.alphabet

    def to_frame(self) -> pd.DataFrame:
        """The sequences as a wide DataFrame of state strings (void as ``None``), indexed by ``ids``."""
        import pandas as pd

        table = np.array(self.alphabet + (None,), dtype=object)
        return pd.DataFrame(table[self.codes], index=pd.Index(self.ids), columns=list(self.columns))

    # ------------------------------------------------------------------ derived objects

    def _replace(self, **changes: Any) -> StateSequences:
        fields = dict(
            codes=self.codes,
            alphabet=self.alphabet,
            labels=self.labels,
            colors=self.colors,
            weights=self.weights,
            ids=self.ids,
            columns=self.columns,
            has_missing=self.has_missing,
        )
        fields.update(changes)
        return StateSequences(**fields)

    def subset(self, index: Any) -> StateSequences:
        """The sequences selected by ``index`` (integer positions, a boolean mask or a slice), as a new object with
        the same alphabet, labels and colours (TraMineR's ``seqdata[index, ]``)."""
        if isinstance(index, slice):
            rows = np.arange(len(self))[index]
        else:
            rows = np.asarray(index)
            if rows.dtype == bool:
                if rows.shape != (len(self),):
                    raise ValueError(f"a boolean index must have {len(self)} values, got {rows.shape}")
                rows = np.flatnonzero(rows)
            elif rows.ndim == 0:
                rows = rows.reshape(1)
            if rows.size and not np.issubdtype(rows.dtype, np.integer):
                raise ValueError("index must hold integer positions, booleans or be a slice")
            rows = rows.astype(np.intp)
            if rows.size and (rows.min() < -len(self) or rows.max() >= len(self)):
                raise ValueError(f"index out of range for {len(self)} sequences")
        return self._replace(codes=self.codes[rows], weights=self.weights[rows], ids=self.ids[rows])

    def unique(self) -> tuple[StateSequences, np.ndarray]:
        """De-duplicates identical sequences (void included), as ``seqdist()`` does before computing distances.

        Returns ``(unique_seqs, inverse)``: the distinct sequences in order of first appearance, each carrying the id
        of its first occurrence and the sum of the weights of its copies, and for every input row the index of its
        distinct sequence, so that ``unique_seqs.codes[inverse]`` equals ``codes``.
        """
        n, length = self.codes.shape
        if n == 0:
            return self, np.zeros(0, dtype=np.intp)
        if length == 0:
            return self.subset([0])._replace(weights=[self.weights.sum()]), np.zeros(n, dtype=np.intp)
        rows = np.ascontiguousarray(self.codes).view(np.dtype((np.void, length * self.codes.itemsize))).ravel()
        _, first, inverse = np.unique(rows, return_index=True, return_inverse=True)
        order = np.argsort(first, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(order.size)
        inverse = rank[inverse.ravel()].astype(np.intp)
        first = first[order]
        weights = np.bincount(inverse, weights=self.weights, minlength=first.size)
        return self._replace(codes=self.codes[first], weights=weights, ids=self.ids[first]), inverse

    # ------------------------------------------------------------------ constructors

    @classmethod
    def from_wide(
        cls,
        data: pd.DataFrame | np.ndarray | Sequence[Sequence[Any]],
        columns: slice | Sequence[int] | Sequence[str] | None = None,
        *,
        alphabet: Sequence[Any] | None = None,
        labels: Sequence[str] | None = None,
        colors: Sequence[str] | None = None,
        weights: str | Sequence[float] | np.ndarray | None = None,
        ids: str | Sequence[Hashable] | np.ndarray | None = None,
        missing_values: Sequence[Any] = _DEFAULT_MISSING_VALUES,
        left: Any = "NA",
        gap: Any = "NA",
        right: Any = "DEL",
    ) -> StateSequences:
        """Sequences from a table with one row per individual and one column per period (TraMineR ``seqdef()``).

        Args:
            data: a DataFrame, a 2-D array or a list of equally long rows.
            columns: the period columns: a slice of positions (``slice(16, 86)`` is R's ``17:86``), a list of
                positions or a list of column names. All columns by default.
            alphabet: the states, in the order to use. Defaults to the distinct states of the data sorted as
                ``seqdef()`` sorts them (numerically when all are numbers, else alphabetically ignoring case).
                A state in the data but not in a given alphabet is an error.
            labels, colors: one per state of the alphabet.
            weights: case weights, or the name of a column of ``data`` holding them.
            ids: row identifiers, or the name of a column of ``data``; the DataFrame index by default.
            missing_values: cell values that mean "missing".
            left, gap, right: what to do with missing cells before the first observed state, between observed
                states and after the last one, as in ``seqdef()``: ``"NA"`` keeps a missing state ``*``,
                ``"DEL"`` deletes the cells (shifting the rest left; at the right end this makes the sequence
                shorter), any other value replaces them by that state. Defaults ``left="NA"``, ``gap="NA"``,
                ``right="DEL"`` as in TraMineR.
        """
        import pandas as pd

        frame, weight_values, id_values = _wide_frame(data, columns, weights, ids)
        n, length = frame.shape
        missing = _missing_mask(frame, missing_values)
        values = frame.to_numpy(dtype=object) if n and length else np.empty((n, length), dtype=object)
        observed = values[~missing]
        if observed.size:
            inverse, uniques = pd.factorize(pd.Series(observed, dtype=object), sort=False)
        else:
            inverse, uniques = np.zeros(0, dtype=np.intp), []
        raw = np.full((n, length), -1, dtype=np.int32)
        raw[~missing] = inverse
        return _finalize(
            raw,
            list(uniques),
            alphabet=alphabet,
            labels=labels,
            colors=colors,
            weights=weight_values,
            ids=id_values,
            columns=tuple(str(c) for c in frame.columns),
            left=left,
            gap=gap,
            right=right,
            describe_cell=lambda row, col: f"row {row + 1} (id {_show(id_values[row])}), column {frame.columns[col]!r}",
        )

    @classmethod
    def from_spells(
        cls,
        df: pd.DataFrame,
        *,
        id: str,
        start: str,
        end: str,
        state: str,
        first: int | None = None,
        last: int | None = None,
        alphabet: Sequence[Any] | None = None,
        labels: Sequence[str] | None = None,
        colors: Sequence[str] | None = None,
        weights: str | Mapping[Hashable, float] | Sequence[float] | None = None,
        left: Any = "NA",
        gap: Any = "NA",
        right: Any = "DEL",
    ) -> StateSequences:
        """Sequences from spells: one row per (individual, state, start period, end period), ends inclusive
        (TraMineR ``seqformat(from="SPELL", to="STS")`` followed by ``seqdef()``).

        Periods must be integers. The time axis runs from ``first`` (default: the earliest start) to ``last``
        (default: the latest end); spells are clipped to it. Periods an individual has no spell for are missing and
        follow the ``left``/``gap``/``right`` rules of :meth:`from_wide`. Overlapping spells of one individual are an
        error. Individuals are kept in order of first appearance; ``weights`` is a column (constant per individual),
        a mapping from id to weight, or one value per individual in that order.
        """
        import pandas as pd

        for column in (id, start, end, state):
            if column not in df.columns:
                raise ValueError(f"from_spells: column {column!r} is not in the data (columns: {list(df.columns)})")
        if len(df) == 0:
            raise ValueError("from_spells: the table has no spells")
        starts = _integer_periods(df, start)
        ends = _integer_periods(df, end)
        bad = np.flatnonzero(ends < starts)
        if bad.size:
            row = bad[0]
            raise ValueError(
                f"from_spells: row {_show(df.index[row])} (id {_show(df[id].iloc[row])}) ends in period {ends[row]} "
                f"before it starts in period {starts[row]}"
            )
        id_codes, id_values = pd.factorize(df[id], sort=False)
        if np.any(id_codes < 0):
            row = int(np.flatnonzero(id_codes < 0)[0])
            raise ValueError(f"from_spells: row {_show(df.index[row])} has no id")
        lo = int(starts.min()) if first is None else int(first)
        hi = int(ends.max()) if last is None else int(last)
        if hi < lo:
            raise ValueError(f"from_spells: the time axis {lo}..{hi} is empty")
        keep = (ends >= lo) & (starts <= hi)
        s = np.clip(starts, lo, hi) - lo
        e = np.clip(ends, lo, hi) - lo
        state_missing = _missing_mask(df[[state]], _DEFAULT_MISSING_VALUES)[:, 0]
        state_codes, state_values = pd.factorize(df[state].astype(object).where(~state_missing, None), sort=False)
        n, length = len(id_values), hi - lo + 1
        raw = np.full((n, length), -1, dtype=np.int32)
        # Spells are few per person: fill with a difference array to detect overlaps without a Python loop per cell.
        rows_idx = np.flatnonzero(keep)
        diff = np.zeros((n, length + 1), dtype=np.int32)
        np.add.at(diff, (id_codes[rows_idx], s[rows_idx]), 1)
        np.add.at(diff, (id_codes[rows_idx], e[rows_idx] + 1), -1)
        covered = np.cumsum(diff[:, :-1], axis=1)
        if np.any(covered > 1):
            person, t = np.argwhere(covered > 1)[0]
            raise ValueError(
                f"from_spells: spells of id {_show(id_values[person])} overlap in period {lo + t}; "
                "each period may belong to one spell only"
            )
        for r in rows_idx:
            raw[id_codes[r], s[r] : e[r] + 1] = state_codes[r]
        weight_values = _per_id_weights(df, id_codes, id_values, weights, "from_spells")
        return _finalize(
            raw,
            list(state_values),
            alphabet=alphabet,
            labels=labels,
            colors=colors,
            weights=weight_values,
            ids=np.asarray(id_values, dtype=object) if id_values.dtype == object else np.asarray(id_values),
            columns=tuple(str(p) for p in range(lo, hi + 1)),
            left=left,
            gap=gap,
            right=right,
            describe_cell=lambda row, col: f"id {_show(id_values[row])}, period {lo + col}",
        )

    @classmethod
    def from_long(
        cls,
        df: pd.DataFrame,
        *,
        id: str,
        time: str,
        state: str,
        alphabet: Sequence[Any] | None = None,
        labels: Sequence[str] | None = None,
        colors: Sequence[str] | None = None,
        weights: str | Mapping[Hashable, float] | Sequence[float] | None = None,
        left: Any = "NA",
        gap: Any = "NA",
        right: Any = "DEL",
    ) -> StateSequences:
        """Sequences from a long table with one row per individual and period (a person-period file).

        Periods are the distinct values of ``time`` in sorted order (numbers, dates or strings); an individual with
        no row for a period has a missing state there, handled by ``left``/``gap``/``right`` as in
        :meth:`from_wide`. Two rows for the same individual and period are an error.
        """
        import pandas as pd

        for column in (id, time, state):
            if column not in df.columns:
                raise ValueError(f"from_long: column {column!r} is not in the data (columns: {list(df.columns)})")
        if df[time].isna().any():
            row = df.index[df[time].isna().to_numpy()][0]
            raise ValueError(f"from_long: row {_show(row)} has no {time!r} value")
        id_codes, id_values = pd.factorize(df[id], sort=False)
        if np.any(id_codes < 0):
            row = df.index[int(np.flatnonzero(id_codes < 0)[0])]
            raise ValueError(f"from_long: row {_show(row)} has no id")
        try:
            time_codes, time_values = pd.factorize(df[time], sort=True)
        except TypeError as exc:
            raise ValueError(f"from_long: the values of {time!r} cannot be ordered ({exc})") from exc
        flat = id_codes.astype(np.int64) * len(time_values) + time_codes
        seen, counts = np.unique(flat, return_counts=True)
        if np.any(counts > 1):
            dup = seen[counts > 1][0]
            raise ValueError(
                f"from_long: id {_show(id_values[dup // len(time_values)])} has several rows for "
                f"{time} = {_show(time_values[dup % len(time_values)])}"
            )
        state_missing = _missing_mask(df[[state]], _DEFAULT_MISSING_VALUES)[:, 0]
        state_codes, state_values = pd.factorize(df[state].astype(object).where(~state_missing, None), sort=False)
        raw = np.full((len(id_values), len(time_values)), -1, dtype=np.int32)
        raw[id_codes, time_codes] = state_codes
        weight_values = _per_id_weights(df, id_codes, id_values, weights, "from_long")
        return _finalize(
            raw,
            list(state_values),
            alphabet=alphabet,
            labels=labels,
            colors=colors,
            weights=weight_values,
            ids=np.asarray(id_values),
            columns=tuple(_state_string(t) if _is_number(t) else str(t) for t in time_values),
            left=left,
            gap=gap,
            right=right,
            describe_cell=lambda row, col: f"id {_show(id_values[row])}, {time} = {_show(time_values[col])}",
        )


# ---------------------------------------------------------------------- helpers for the constructors


def _wide_frame(data: Any, columns: Any, weights: Any, ids: Any) -> tuple[pd.DataFrame, np.ndarray | None, np.ndarray]:
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        full = data
    else:
        if isinstance(data, np.ndarray):
            array = data
        else:
            rows = list(data)
            widths = {len(r) for r in rows}
            if len(widths) > 1:
                first_len = len(rows[0])
                bad = next(i for i, r in enumerate(rows) if len(r) != first_len)
                raise ValueError(
                    f"ragged input: row 1 has {first_len} periods but row {bad + 1} has {len(rows[bad])}; "
                    "pad shorter sequences with a missing value"
                )
            array = np.empty((len(rows), widths.pop() if widths else 0), dtype=object)
            for i, r in enumerate(rows):
                array[i, :] = list(r)
        if array.ndim != 2:
            raise ValueError(f"data must be 2-D (sequences x periods), got {array.ndim} dimension(s)")
        full = pd.DataFrame(array, columns=[f"T{t + 1}" for t in range(array.shape[1])])
    weight_values = None
    if isinstance(weights, str):
        if weights not in full.columns:
            raise ValueError(f"weights column {weights!r} is not in the data")
        weight_values = pd.to_numeric(full[weights], errors="coerce").to_numpy(dtype=np.float64)
        if np.isnan(weight_values).any():
            row = int(np.flatnonzero(np.isnan(weight_values))[0])
            raise ValueError(f"weights column {weights!r}: row {row} is not a number")
    elif weights is not None:
        weight_values = np.asarray(weights, dtype=np.float64)
        if weight_values.shape != (len(full),):
            raise ValueError(f"weights must have one value per row ({len(full)}), got shape {weight_values.shape}")
    if isinstance(ids, str):
        if ids not in full.columns:
            raise ValueError(f"ids column {ids!r} is not in the data")
        id_values = full[ids].to_numpy()
    elif ids is not None:
        id_values = np.asarray(ids)
        if id_values.shape != (len(full),):
            raise ValueError(f"ids must have one value per row ({len(full)}), got shape {id_values.shape}")
    elif isinstance(data, pd.DataFrame):
        id_values = data.index.to_numpy()
    else:
        id_values = np.arange(len(full))
    if columns is None:
        frame = full
    elif isinstance(columns, slice):
        frame = full.iloc[:, columns]
    else:
        cols = list(columns)
        if all(isinstance(c, (int, np.integer)) and not isinstance(c, bool) for c in cols):
            if cols and (max(cols) >= full.shape[1] or min(cols) < -full.shape[1]):
                raise ValueError(f"column position out of range: the data have {full.shape[1]} columns")
            frame = full.iloc[:, cols]
        else:
            unknown = [c for c in cols if c not in full.columns]
            if unknown:
                raise ValueError(f"columns not in the data: {unknown}")
            frame = full[cols]
    if frame.shape[1] == 0:
        raise ValueError("no period columns selected")
    return frame, weight_values, id_values


def _integer_periods(df: pd.DataFrame, column: str) -> np.ndarray:
    import pandas as pd

    values = pd.to_numeric(df[column], errors="coerce").to_numpy(dtype=np.float64)
    bad = np.flatnonzero(~np.isfinite(values) | (values != np.round(values)))
    if bad.size:
        row = bad[0]
        raise ValueError(
            f"column {column!r} must hold integer periods; row {_show(df.index[row])} has {_show(df[column].iloc[row])}"
        )
    return values.astype(np.int64)


def _per_id_weights(
    df: pd.DataFrame, id_codes: np.ndarray, id_values: Any, weights: Any, who: str
) -> np.ndarray | None:
    import pandas as pd

    n = len(id_values)
    if weights is None:
        return None
    if isinstance(weights, str):
        if weights not in df.columns:
            raise ValueError(f"{who}: weights column {weights!r} is not in the data")
        values = pd.to_numeric(df[weights], errors="coerce").to_numpy(dtype=np.float64)
        out = np.full(n, np.nan)
        out[id_codes] = values
        check = out[id_codes]
        differs = ~((check == values) | (np.isnan(check) & np.isnan(values)))
        if np.any(differs):
            row = int(np.flatnonzero(differs)[0])
            raise ValueError(f"{who}: weights column {weights!r} varies within id {id_values[id_codes[row]]!r}")
        return out
    if isinstance(weights, Mapping):
        missing = [v for v in id_values if v not in weights]
        if missing:
            raise ValueError(f"{who}: no weight for id {_show(missing[0])}")
        return np.array([weights[v] for v in id_values], dtype=np.float64)
    out = np.asarray(weights, dtype=np.float64)
    if out.shape != (n,):
        raise ValueError(f"{who}: weights must have one value per individual ({n}), got shape {out.shape}")
    return out


def _finalize(
    raw: np.ndarray,
    state_values: list[Any],
    *,
    alphabet: Sequence[Any] | None,
    labels: Sequence[str] | None,
    colors: Sequence[str] | None,
    weights: np.ndarray | None,
    ids: np.ndarray,
    columns: tuple[str, ...],
    left: Any,
    gap: Any,
    right: Any,
    describe_cell: Any,
) -> StateSequences:
    """Shared end of the constructors: ``raw`` holds indices into ``state_values`` and -1 for missing cells."""
    rules = {"left": _rule("left", left), "gap": _rule("gap", gap), "right": _rule("right", right)}
    fills = [r[1] for r in rules.values() if r[0] == "fill"]
    state_strings = [_state_string(v) for v in state_values]
    if alphabet is None:
        pool: dict[str, Any] = {}
        for value, text in zip(state_values, state_strings, strict=True):
            pool.setdefault(text, value)
        for text in fills:
            pool.setdefault(text, text)
        final_alphabet = _sort_states(pool.values()) if pool else []
    else:
        final_alphabet = [_state_string(a) for a in alphabet]
        if len(set(final_alphabet)) != len(final_alphabet):
            raise ValueError(f"the alphabet has repeated states: {final_alphabet}")
        known = set(final_alphabet)
        for text in fills:
            if text not in known:
                raise ValueError(f"the fill state {text!r} is not in the alphabet {final_alphabet}")
        unknown = [i for i, text in enumerate(state_strings) if text not in known]
        if unknown:
            bad_codes = np.isin(raw, unknown)
            row, col = np.argwhere(bad_codes)[0]
            raise ValueError(
                f"{describe_cell(row, col)}: state {state_strings[raw[row, col]]!r} is not in the alphabet "
                f"{final_alphabet}"
            )
    if len(final_alphabet) == 0:
        raise ValueError("the data hold no state at all")
    if MISSING_STATE in final_alphabet:
        raise ValueError(f"{MISSING_STATE!r} is reserved for missing states and cannot be a state of the alphabet")
    position = {text: k for k, text in enumerate(final_alphabet)}
    lookup = np.array([position[t] for t in state_strings] + [-1], dtype=np.int32)
    codes = lookup[raw]  # raw == -1 picks the trailing -1: still missing

    n, length = codes.shape
    missing = codes < 0
    observed = ~missing
    any_obs = observed.any(axis=1)
    first_obs = np.where(any_obs, observed.argmax(axis=1), length)
    last_obs = np.where(any_obs, length - 1 - observed[:, ::-1].argmax(axis=1), length - 1)
    t = np.arange(length)[None, :]
    where = {
        "left": missing & (t < first_obs[:, None]),
        "gap": missing & (t > first_obs[:, None]) & (t < last_obs[:, None]),
        "right": missing & (t > last_obs[:, None]) & any_obs[:, None],
    }
    # A row with no observed state at all is one long "right" end: with right="DEL" it becomes an empty sequence.
    where["right"] |= missing & ~any_obs[:, None]
    where["left"] &= any_obs[:, None]
    missing_code = len(final_alphabet)
    delete = np.zeros_like(missing)
    for name, (kind, fill) in rules.items():
        cells = where[name]
        if kind == "missing":
            codes[cells] = missing_code
        elif kind == "fill":
            codes[cells] = position[fill]
        else:
            delete |= cells
    if delete.any():
        # Stable sort moves kept cells to the front in their order; deleted cells become trailing void.
        order = np.argsort(delete, axis=1, kind="stable")
        codes = np.take_along_axis(codes, order, axis=1)
        codes[np.take_along_axis(delete, order, axis=1)] = -1
    has_missing = bool(np.any(codes == missing_code))
    final = tuple(final_alphabet) + ((MISSING_STATE,) if has_missing else ())
    if labels is not None and len(labels) != len(final_alphabet):
        raise ValueError(f"{len(labels)} labels given for {len(final_alphabet)} states {final_alphabet}")
    if colors is not None and len(colors) != len(final_alphabet):
        raise ValueError(f"{len(colors)} colours given for {len(final_alphabet)} states {final_alphabet}")
    return StateSequences(
        codes=codes.astype(np.int16),
        alphabet=final,
        labels=tuple(labels) if labels is not None else None,
        colors=tuple(colors) if colors is not None else None,
        weights=weights,
        ids=ids,
        columns=columns,
        has_missing=has_missing,
    )
