"""Statistical disclosure control for tables of counts (no Django).

* Primary suppression: a count from 1 to ``threshold - 1`` (by default 1–4) is not shown.
* Secondary suppression protects against differencing: with the totals shown, a row or column in which exactly
  one cell is hidden would give that cell away by subtraction. So for every row and column (its cells and its
  total are one linear relation) with exactly one hidden entry, a second one is hidden too — the smallest
  positive cell, else a zero, else the total — and this repeats until no line has exactly one hidden entry.

This is the usual "one relation at a time" heuristic of statistical offices; it does not solve the full linear
programme (which can matter for tables with many dimensions). The research layer adds what the table alone cannot
know: a cohort that differs from an earlier one by a handful of people is refused.
"""

import numpy as np
import pandas as pd

THRESHOLD = 5
TOTAL = "Total"


def _lines(shape):
    rows, cols = shape  # shape of the table with margins; the last row and column are the totals
    for i in range(rows):
        yield [(i, j) for j in range(cols - 1)], (i, cols - 1)
    for j in range(cols):
        yield [(i, j) for i in range(rows - 1)], (rows - 1, j)


def suppression_mask(counts: np.ndarray, threshold: int = THRESHOLD) -> np.ndarray:
    """The hidden cells of ``counts`` with its margins (an (R+1)×(C+1) boolean array; totals last)."""
    counts = np.asarray(counts)
    if counts.ndim != 2:
        raise ValueError("A table of counts has two dimensions.")
    if (counts < 0).any():
        raise ValueError("Counts cannot be negative.")
    full = np.zeros((counts.shape[0] + 1, counts.shape[1] + 1), dtype=np.int64)
    full[:-1, :-1] = counts
    full[:-1, -1] = counts.sum(axis=1)
    full[-1, :-1] = counts.sum(axis=0)
    full[-1, -1] = counts.sum()
    hidden = (full > 0) & (full < threshold)
    changed = True
    while changed:
        changed = False
        for cells, total in _lines(full.shape):
            entries = [*cells, total]
            if sum(hidden[c] for c in entries) != 1:
                continue
            candidates = [c for c in cells if not hidden[c]]
            positive = [c for c in candidates if full[c] > 0]
            if positive:
                chosen = min(positive, key=lambda c: full[c])
            elif candidates:
                chosen = candidates[0]
            else:
                chosen = total
            hidden[chosen] = True
            changed = True
    return hidden


def protect_table(table: pd.DataFrame, threshold: int = THRESHOLD) -> pd.DataFrame:
    """``table`` (counts) with a Total row and column added, and every hidden cell as <NA>."""
    counts = table.to_numpy(dtype=np.int64)
    hidden = suppression_mask(counts, threshold)
    full = np.zeros(hidden.shape, dtype=np.int64)
    full[:-1, :-1] = counts
    full[:-1, -1] = counts.sum(axis=1)
    full[-1, :-1] = counts.sum(axis=0)
    full[-1, -1] = counts.sum()
    result = pd.DataFrame(
        full, index=[*map(str, table.index), TOTAL], columns=[*map(str, table.columns), TOTAL]
    ).astype("Int64")
    return result.mask(hidden)


def protect_distribution(table: pd.DataFrame, threshold: int = THRESHOLD) -> tuple[pd.DataFrame, pd.Series]:
    """For a figure of shares (states × periods): the shares of the cells that may be shown, and per period the
    share that is hidden (drawn as one grey "hidden" band, so no small group shows)."""
    counts = table.to_numpy(dtype=np.int64)
    hidden = suppression_mask(counts, threshold)[:-1, :-1]
    totals = counts.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(totals > 0, counts / np.where(totals > 0, totals, 1), np.nan)
    shown = pd.DataFrame(np.where(hidden, 0.0, shares), index=table.index, columns=table.columns)
    hidden_share = pd.Series(np.where(hidden, shares, 0.0).sum(axis=0), index=table.columns)
    return shown, hidden_share
