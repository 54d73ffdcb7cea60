"""One analysis run on a cohort's extract: OM distances, Ward clusters, disclosure-controlled tables and figures.
Plain computation on the pseudonymised extract; the services decide who may run it and store what it returns."""

import io
from collections.abc import Callable
from dataclasses import dataclass, field

import matplotlib
import numpy as np
import pandas as pd
from django.utils.translation import gettext as _
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from samspill.analysis.disclosure import THRESHOLD, protect_distribution, protect_table
from samspill.analysis.sequences.clustering import WardClustering
from samspill.analysis.sequences.costs import substitution_costs
from samspill.analysis.sequences.data import StateSequences
from samspill.analysis.sequences.distances import seqdist
from samspill.analysis.sequences.indicators import months_in, months_to_first, n_transitions, revolving_door_count
from samspill.core.errors import ApplicationError
from samspill.research.trajectories import BENEFIT_STATES, COLORS, JOB_STATES, LABELS, PRIORITY

METHODS = ("OM", "HAM", "DHD", "LCS")
COSTS = ("TRATE", "CONSTANT", "INDELSLOG")
DEFAULTS = {"method": "OM", "sm": "TRATE", "clusters": 4}
HIDDEN_COLOR = "#6b6b6b"


def clean_parameters(parameters: dict) -> dict:
    cleaned = {**DEFAULTS, **{k: v for k, v in (parameters or {}).items() if v not in (None, "")}}
    errors = {}
    unknown = sorted(set(cleaned) - set(DEFAULTS))
    if unknown:
        errors.update({name: [_("This field does not exist or cannot be set.")] for name in unknown})
    if cleaned["method"] not in METHODS:
        errors["method"] = [_("Choose one of: %(choices)s.") % {"choices": ", ".join(METHODS)}]
    if cleaned["sm"] not in COSTS:
        errors["sm"] = [_("Choose one of: %(choices)s.") % {"choices": ", ".join(COSTS)}]
    try:
        cleaned["clusters"] = int(cleaned["clusters"])
        if not 2 <= cleaned["clusters"] <= 8:
            raise ValueError
    except (TypeError, ValueError):
        errors["clusters"] = [_("Choose 2 to 8 clusters.")]
    if errors:
        raise ApplicationError.for_fields(errors)
    return cleaned


@dataclass
class Result:
    tables: dict = field(default_factory=dict)  # JSON: what the run page shows
    artifacts: dict = field(default_factory=dict)  # name -> (content type, bytes)


def _sequences(extract) -> StateSequences:
    observed = set(pd.unique(extract.frame[extract.months].to_numpy().ravel()))
    alphabet = [state for state in PRIORITY if state in observed]
    return StateSequences.from_wide(
        extract.frame,
        columns=extract.months,
        alphabet=alphabet,
        labels=[str(LABELS[state]) for state in alphabet],
        colors=[COLORS[state] for state in alphabet],
        ids="pseudonym",
    )


def _distances(seqs: StateSequences, parameters: dict, progress) -> np.ndarray:
    method = parameters["method"]
    if method == "OM":
        costs = substitution_costs(seqs, method=parameters["sm"])
        return seqdist(seqs, method="OM", sm=costs.sm, indel=costs.indel, progress=progress)
    if method == "HAM":
        return seqdist(seqs, method="HAM", progress=progress)
    return seqdist(seqs, method=method, progress=progress)


def state_counts(seqs: StateSequences, rows=None) -> pd.DataFrame:
    """States × months: how many people were in each state (void months are not counted)."""
    codes = seqs.codes if rows is None else seqs.codes[rows]
    counts = np.zeros((seqs.n_states, codes.shape[1]), dtype=np.int64)
    for state in range(seqs.n_states):
        counts[state] = (codes == state).sum(axis=0)
    return pd.DataFrame(counts, index=list(seqs.alphabet), columns=list(seqs.columns))


def _chronogram(ax, seqs: StateSequences, counts: pd.DataFrame, title: str) -> None:
    shown, hidden = protect_distribution(counts)
    x = np.arange(1, counts.shape[1] + 1)
    bottom = np.zeros(len(x))
    for index, state in enumerate(seqs.alphabet):
        heights = shown.loc[state].to_numpy()
        ax.bar(x, heights, bottom=bottom, width=1.0, color=seqs.colors[index], linewidth=0)
        bottom += heights
    ax.bar(x, hidden.to_numpy(), bottom=bottom, width=1.0, color=HIDDEN_COLOR, hatch="//", linewidth=0)
    ax.set_title(title, fontsize=9)
    ax.set_ylim(0, 1)
    ax.set_xlim(0.5, len(x) + 0.5)


def _figure(seqs: StateSequences, panels: list[tuple[str, np.ndarray | None]]) -> Figure:
    columns = min(len(panels), 2)
    rows = -(-len(panels) // columns)
    figure = Figure(figsize=(4.2 * columns + 2.2, 2.8 * rows), layout="constrained")
    axes = figure.subplots(rows, columns, squeeze=False)
    for ax, (title, members) in zip(axes.ravel(), panels, strict=False):
        if members is not None and len(members) < THRESHOLD:
            ax.set_axis_off()
            ax.text(0.5, 0.5, _("Fewer than %(n)s people: not shown") % {"n": THRESHOLD}, ha="center", fontsize=9)
            ax.set_title(title, fontsize=9)
            continue
        _chronogram(ax, seqs, state_counts(seqs, members), title)
        ax.set_xlabel(_("Month"), fontsize=8)
        ax.set_ylabel(_("Share"), fontsize=8)
    for ax in axes.ravel()[len(panels) :]:
        ax.set_axis_off()
    handles = [Patch(color=color, label=label) for color, label in zip(seqs.colors, seqs.labels, strict=True)]
    handles.append(Patch(facecolor=HIDDEN_COLOR, hatch="//", label=_("Hidden (fewer than %(n)s)") % {"n": THRESHOLD}))
    figure.legend(handles=handles, loc="outside right center", fontsize=8, frameon=False)
    return figure


def _render(figure: Figure, kind: str) -> bytes:
    """Same figure, same bytes: no date in the metadata, fixed SVG ids (the demo must build identically twice)."""
    buffer = io.BytesIO()
    metadata = {"Date": None} if kind == "svg" else None
    with matplotlib.rc_context({"svg.hashsalt": "samspill"}):
        figure.savefig(buffer, format=kind, dpi=110, metadata=metadata)
    return buffer.getvalue()


def _cluster_indicators(seqs: StateSequences, labels: np.ndarray, k: int) -> list[dict]:
    jobs = [state for state in JOB_STATES if state in seqs.alphabet]
    benefits = [state for state in BENEFIT_STATES if state in seqs.alphabet]
    n = len(seqs)
    if jobs:
        to_job = months_to_first(seqs, jobs)
        found, months_to_job = to_job["reached"].to_numpy(), to_job["months"].to_numpy(dtype=float)
        employed = months_in(seqs, jobs).to_numpy()
    else:  # nobody in the cohort has had a job
        found, months_to_job, employed = np.zeros(n, bool), np.full(n, np.nan), np.zeros(n)
    doors = revolving_door_count(seqs, jobs, benefits).to_numpy() if jobs and benefits else np.zeros(n)
    transitions = n_transitions(seqs).to_numpy()
    found_counts = pd.DataFrame([[int(found[labels == c].sum()) for c in range(k)]], columns=range(k))
    found_protected = protect_table(found_counts).iloc[0]
    rows = []
    for c in range(k):
        members = labels == c
        if members.sum() < THRESHOLD:
            rows.append({"cluster": c + 1, "hidden": True})
            continue
        found_here = members & found
        found_n = found_protected.iloc[c]
        rows.append(
            {
                "cluster": c + 1,
                "hidden": False,
                "months_employed": round(float(employed[members].mean()), 1),
                "found_job": None if pd.isna(found_n) else int(found_n),
                "months_to_first_job": (
                    round(float(months_to_job[found_here].mean()), 1)
                    if not pd.isna(found_n) and found_here.sum() >= THRESHOLD
                    else None
                ),
                "revolving_doors": round(float(doors[members].mean()), 2),
                "transitions": round(float(transitions[members].mean()), 1),
            }
        )
    return rows


def _table_json(table: pd.DataFrame) -> dict:
    cells = [[None if pd.isna(v) else int(v) for v in row] for row in table.to_numpy(dtype=object)]
    return {
        "columns": [str(c) for c in table.columns],
        "rows": [{"label": str(label), "cells": row} for label, row in zip(table.index, cells, strict=True)],
    }


def analyse(extract, parameters: dict, *, progress: Callable[[float, str], None]) -> Result:
    seqs = _sequences(extract)
    progress(0.05, _("Computing distances"))
    distances = _distances(
        seqs, parameters, lambda done, total: progress(0.05 + 0.75 * done / total, _("Computing distances"))
    )
    progress(0.82, _("Clustering"))
    k = parameters["clusters"]
    ward = WardClustering(n_clusters=k).fit(distances)
    labels = ward.labels_
    progress(0.88, _("Tables and figures"))
    result = Result()
    cluster_names = [_("Cluster %(n)s") % {"n": c + 1} for c in range(k)]
    sizes = pd.DataFrame([np.bincount(labels, minlength=k)], index=[_("People")], columns=cluster_names)
    result.tables["size"] = len(seqs)
    result.tables["clusters"] = _table_json(protect_table(sizes))
    result.tables["states"] = _table_json(protect_table(state_counts(seqs).rename(index=lambda s: str(LABELS[s]))))
    result.tables["indicators"] = _cluster_indicators(seqs, labels, k)
    result.tables["parameters"] = parameters
    overall = _figure(seqs, [(_("All (%(n)s people)") % {"n": len(seqs)}, None)])
    by_cluster = _figure(seqs, [(name, np.flatnonzero(labels == c)) for c, name in enumerate(cluster_names)])
    for name, figure in (("chronogram", overall), ("chronogram_clusters", by_cluster)):
        result.artifacts[f"{name}.png"] = ("image/png", _render(figure, "png"))
        result.artifacts[f"{name}.svg"] = ("image/svg+xml", _render(figure, "svg"))
    frame = extract.frame.copy()
    frame.insert(1, "cluster", labels + 1)
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    result.artifacts["extract.parquet"] = ("application/vnd.apache.parquet", buffer.getvalue())
    progress(1.0, _("Done"))
    return result
