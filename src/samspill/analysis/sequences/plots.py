"""Sequence plots with matplotlib, mirroring TraMineR's ``seqplot`` family.

- :func:`chronogram` -- ``seqdplot``: state distribution per period (stacked bars).
- :func:`index_plot` -- ``seqIplot``: one line per sequence, optionally sorted.
- :func:`frequency_plot` -- ``seqfplot``: the most frequent sequences, bar height proportional to frequency.
- :func:`mean_time_plot` -- ``seqmtplot``: mean time in each state.
- :func:`transition_heatmap`: the ``seqtrate`` matrix as a heat map.

Each takes ``group=`` (one label per sequence) to draw one panel per group, sharing one legend (or colour bar), and
returns a :class:`matplotlib.figure.Figure` built without pyplot, so no global figure state is created or leaked
(safe in web workers and background jobs). :func:`save_figure` writes PNG, SVG or PDF. Colours and legend labels
come from ``seqs.colors`` and ``seqs.labels``. Missing states (``*``) are drawn in their own colour, as TraMineR does.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .descriptives import (
    _SeqArrays,
    _spells,
    _unpack,
    mean_time,
    sequence_frequencies,
    state_distribution,
    transition_rates,
)

__all__ = ["chronogram", "frequency_plot", "index_plot", "mean_time_plot", "save_figure", "transition_heatmap"]

_VOID_RGB = (1.0, 1.0, 1.0)


def _groups(s: _SeqArrays, group) -> list[tuple[str | None, np.ndarray]]:
    """One (title, row mask) per group, in the order of a pandas Categorical's categories, else sorted."""
    n = len(s.codes)
    if group is None:
        return [(None, np.ones(n, dtype=bool))]
    import pandas as pd

    values = (
        group
        if isinstance(group, pd.Series)
        else pd.Series(group if isinstance(group, pd.Categorical) else np.asarray(group))
    )
    if len(values) != n:
        raise ValueError(f"group must have one label per sequence ({n}), got {len(values)}")
    if isinstance(values.dtype, pd.CategoricalDtype):
        levels = [c for c in values.cat.categories if (values == c).any()]
    else:
        uniques = list(pd.unique(values.dropna()))
        try:
            levels = sorted(uniques)
        except TypeError:
            levels = uniques
    out = []
    for level in levels:
        mask = (values == level).to_numpy()
        w = s.weights[mask]
        n_text = f"{w.sum():.0f}" if np.all(w == 1) else f"{w.sum():.1f}"
        out.append((f"{level} (n={n_text})", mask))
    return out


def _figure(n_panels: int, ncols: int | None, figsize, panel_size=(5.0, 3.6)) -> tuple[Figure, list]:
    ncols = ncols or min(n_panels, 2 if n_panels <= 4 else 3)
    nrows = math.ceil(n_panels / ncols)
    if figsize is None:
        figsize = (panel_size[0] * ncols, panel_size[1] * nrows + 0.8)
    fig = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(fig)
    axes = list(np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel())
    for ax in axes[n_panels:]:
        ax.remove()
    return fig, axes[:n_panels]


def _state_legend(fig: Figure, s: _SeqArrays, title: str | None = None) -> None:
    handles = [Patch(facecolor=c, edgecolor="none", label=lab) for c, lab in zip(s.colors, s.labels, strict=True)]
    fig.legend(handles=handles, loc="outside lower center", ncol=min(len(handles), 6), frameon=False, title=title)


def _period_ticks(ax, columns: tuple[str, ...], max_ticks: int = 8) -> None:
    step = max(1, math.ceil(len(columns) / max_ticks))
    positions = np.arange(0, len(columns), step)
    ax.set_xticks(positions)
    ax.set_xticklabels([columns[i] for i in positions], rotation=0, fontsize="small")


def _rgb_table(s: _SeqArrays) -> np.ndarray:
    """RGB per code, with an extra last row for void (code -1 indexes it)."""
    return np.array([to_rgb(c) for c in s.colors] + [_VOID_RGB])


def chronogram(
    seqs, group=None, *, weighted: bool = True, ncols: int | None = None, figsize=None, title: str | None = None
) -> Figure:
    """State distribution plot, like TraMineR's ``seqdplot``: per period, the share of each state as stacked bars
    (void sequences left out of each period's base, as ``seqstatd`` does)."""
    s = _unpack(seqs, with_missing=True)
    panels = [(name, s.subset(mask)) for name, mask in _groups(s, group)]
    fig, axes = _figure(len(panels), ncols, figsize)
    x = np.arange(s.codes.shape[1])
    for ax, (name, sub) in zip(axes, panels, strict=True):
        freq = np.nan_to_num(state_distribution(sub, weighted=weighted).iloc[: sub.n_states].to_numpy())
        bottom = np.zeros(len(x))
        for k in range(sub.n_states):
            ax.bar(x, freq[k], bottom=bottom, width=1.0, color=sub.colors[k], linewidth=0)
            bottom += freq[k]
        ax.set_xlim(-0.5, len(x) - 0.5)
        ax.set_ylim(0, 1)
        ax.set_ylabel(f"Freq. (n={sub.weights.sum():.0f})" if name is None else "Freq.")
        _period_ticks(ax, s.columns)
        if name is not None:
            ax.set_title(name)
    if title:
        fig.suptitle(title)
    _state_legend(fig, s)
    return fig


def _sort_order(sub: _SeqArrays, sort) -> np.ndarray:
    n = len(sub.codes)
    if sort is None:
        return np.arange(n)
    if isinstance(sort, str):
        if sort not in ("from.start", "from.end"):
            raise ValueError('sort must be None, "from.start", "from.end" or one sort key per sequence')
        keys = sub.codes if sort == "from.start" else sub.codes[:, ::-1]
        # lexsort's last key is the primary one; void (-1) sorts first, as TraMineR's void does.
        return np.lexsort(keys.T[::-1])
    keys = np.asarray(sort)
    if keys.shape != (n,):
        raise ValueError(f"sort keys must have one value per sequence ({n})")
    return np.argsort(keys, kind="stable")


def index_plot(
    seqs,
    group=None,
    *,
    sort=None,
    order=None,
    ncols: int | None = None,
    figsize=None,
    title: str | None = None,
) -> Figure:
    """Sequence index plot, like TraMineR's ``seqIplot``: every sequence as a horizontal line of coloured periods.

    ``sort``: ``None`` (data order), ``"from.start"`` / ``"from.end"`` (lexicographically by states from the first /
    last period, as ``sortv="from.start"``), or one key per sequence (``sortv=`` a variable, e.g. cluster membership or
    an indicator; stable). ``order``: explicit row positions in drawing order (overrides ``sort``). The first
    sequence of the order is drawn at the bottom, as in TraMineR. Void is left white; rows are not weighted.
    """
    s = _unpack(seqs, with_missing=True)
    if order is not None:
        order = np.asarray(order)
        if sorted(order.tolist()) != list(range(len(s.codes))):
            raise ValueError("order must be a permutation of the row positions")
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        sort = rank  # each group keeps the relative order the permutation gives its members
    panels_sorted = []
    for name, mask in _groups(s, group):
        keys = sort if sort is None or isinstance(sort, str) else np.asarray(sort)[mask]
        panels_sorted.append((name, s.subset(mask), keys))
    fig, axes = _figure(len(panels_sorted), ncols, figsize)
    for ax, (name, sub, sub_sort) in zip(axes, panels_sorted, strict=True):
        rows = _sort_order(sub, sub_sort)
        rgb = _rgb_table(sub)[sub.codes[rows]]
        ax.imshow(
            rgb,
            aspect="auto",
            interpolation="nearest",
            origin="lower",
            extent=(-0.5, sub.codes.shape[1] - 0.5, 0, len(rows)),
        )
        ax.set_ylabel(f"{len(rows)} seq. (n={sub.weights.sum():.0f})" if name is None else f"{len(rows)} seq.")
        _period_ticks(ax, s.columns)
        if name is not None:
            ax.set_title(name)
    if title:
        fig.suptitle(title)
    _state_legend(fig, s)
    return fig


def frequency_plot(
    seqs,
    group=None,
    *,
    top: int = 10,
    weighted: bool = True,
    ncols: int | None = None,
    figsize=None,
    title: str | None = None,
) -> Figure:
    """Sequence frequency plot, like TraMineR's ``seqfplot``: the ``top`` most frequent sequences (``seqtab``), the
    most frequent at the bottom, each bar as high as its share of all sequences (y axis: cumulative %)."""
    s = _unpack(seqs, with_missing=True)
    panels = [(name, s.subset(mask)) for name, mask in _groups(s, group)]
    fig, axes = _figure(len(panels), ncols, figsize)
    table = _rgb_table(s)
    for ax, (name, sub) in zip(axes, panels, strict=True):
        freq = sequence_frequencies(sub, top=top, weighted=weighted)
        bottom = 0.0
        x = np.arange(sub.codes.shape[1])
        examples = freq["example"].to_numpy()
        spells = _spells(sub.codes[examples])
        for i, pct in enumerate(freq["Percent"].to_numpy()):
            # One rectangle per spell rather than per period keeps vector output small.
            mine = spells.row == i
            ax.broken_barh(
                [(st - 0.5, du) for st, du in zip(spells.start[mine], spells.duration[mine], strict=True)],
                (bottom, pct),
                facecolors=[table[c] for c in spells.state[mine]],
                linewidth=0,
            )
            bottom += pct
        ax.set_xlim(-0.5, len(x) - 0.5)
        ax.set_ylim(0, max(bottom, 1e-9))
        ax.set_ylabel(f"Cum. % freq. (n={sub.weights.sum():.0f})")
        _period_ticks(ax, s.columns)
        if name is not None:
            ax.set_title(name)
    if title:
        fig.suptitle(title)
    _state_legend(fig, s)
    return fig


def mean_time_plot(
    seqs,
    group=None,
    *,
    weighted: bool = True,
    serr: bool = False,
    ncols: int | None = None,
    figsize=None,
    title: str | None = None,
) -> Figure:
    """Mean time plot, like TraMineR's ``seqmtplot``: a bar per state with the mean time spent in it (``seqmeant``);
    ``serr=True`` adds error bars of one standard error, as ``seqmtplot(serr=TRUE)``."""
    s = _unpack(seqs, with_missing=True)
    panels = [(name, s.subset(mask)) for name, mask in _groups(s, group)]
    fig, axes = _figure(len(panels), ncols, figsize)
    length = s.codes.shape[1]
    for ax, (name, sub) in zip(axes, panels, strict=True):
        table = mean_time(sub, weighted=weighted, serr=serr)
        x = np.arange(sub.n_states)
        ax.bar(
            x,
            table["Mean"].to_numpy(),
            color=list(sub.colors),
            yerr=table["SE"].to_numpy() if serr else None,
            width=0.8,
        )
        ax.set_xticks(x)
        ax.set_xticklabels(list(sub.labels), rotation=45, ha="right", fontsize="small")
        ax.set_ylim(0, length)
        ax.set_ylabel(f"Mean time (n={sub.weights.sum():.0f})")
        if name is not None:
            ax.set_title(name)
    if title:
        fig.suptitle(title)
    _state_legend(fig, s)
    return fig


def transition_heatmap(
    seqs,
    group=None,
    *,
    lag: int = 1,
    weighted: bool = True,
    annotate: bool = True,
    cmap: str = "Blues",
    ncols: int | None = None,
    figsize=None,
    title: str | None = None,
) -> Figure:
    """Heat map of the transition rates (``seqtrate``), origin states in rows; one shared colour bar over [0, 1]."""
    s = _unpack(seqs)  # seqtrate leaves the missing state out
    panels = [(name, s.subset(mask)) for name, mask in _groups(s, group)]
    fig, axes = _figure(len(panels), ncols, figsize, panel_size=(4.8, 4.2))
    image = None
    for ax, (name, sub) in zip(axes, panels, strict=True):
        rates = transition_rates(sub, lag=lag, weighted=weighted).to_numpy()
        image = ax.imshow(rates, cmap=cmap, vmin=0.0, vmax=1.0, interpolation="nearest")
        ticks = np.arange(sub.n_states)
        ax.set_xticks(ticks)
        ax.set_yticks(ticks)
        ax.set_xticklabels(list(sub.labels), rotation=45, ha="right", fontsize="small")
        ax.set_yticklabels(list(sub.labels), fontsize="small")
        ax.set_xlabel("to")
        ax.set_ylabel("from")
        if annotate:
            for i in range(sub.n_states):
                for j in range(sub.n_states):
                    value = rates[i, j]
                    ax.text(
                        j,
                        i,
                        f"{value:.2f}",
                        ha="center",
                        va="center",
                        fontsize="x-small",
                        color="white" if value > 0.6 else "black",
                    )
        if name is not None:
            ax.set_title(name)
    fig.colorbar(image, ax=axes, label="transition rate", shrink=0.8)
    if title:
        fig.suptitle(title)
    return fig


_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}


def save_figure(fig: Figure, path, *, dpi: int = 150) -> Path:
    """Save ``fig`` as PNG, SVG or PDF, chosen from the file suffix (anything else raises ValueError)."""
    path = Path(path)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"unsupported figure format {path.suffix!r}; use .png, .svg or .pdf")
    fig.savefig(path, format=fmt, dpi=dpi)
    return path
