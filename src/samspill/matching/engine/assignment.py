"""Global assignment of a whole caseload to resources with capacities (mentors, language-practice places, programme
seats) as a min-cost flow (OR-Tools ``SimpleMinCostFlow``).

The network: source -> each participant (capacity 1) -> each eligible resource (capacity 1, cost = -score) ->
sink (capacity = the resource's free capacity), plus a source -> sink bypass that lets a participant stay
unassigned at no cost.

Objective (``prefer_count``):

* ``True`` (default): first assign **as many participants as possible**, then, among those assignments, maximise
  the total score. Each assignment arc costs ``-(M + score)`` with ``M`` larger than any possible total score, so
  one more assigned participant always outweighs any gain in score. This is what a caseload needs: nobody is left
  without a mentor to raise someone else's score.
* ``False``: maximise the total score only; among equal totals, the solution assigning more people wins (each arc
  gets a bonus of one unit of the score's resolution).

Scores are made integers as ``round(score * scale)`` (default 10^6), so the optimum is exact up to that rounding.

Reasons for the unassigned, in this order of precedence:

* "no eligible resource": no pair for them at all (every resource failed a hard constraint);
* "below the minimum score": eligible pairs exist, none reaches ``min_score``;
* "all eligible resources are full": pairs at or above ``min_score`` exist, but each of those resources is used to
  capacity by others (or has none). Under either objective an unassigned participant with a free eligible resource
  would improve the objective, so at the optimum this reason is always true.

Works on sparse candidate lists (``TopK.pairs()``: top-k per participant), so 10,000 x 3,000 stays a few hundred
thousand arcs. With top-k candidates, "eligible" means "among the candidates given": a participant whose k best are
all full may have a k+1-th with room, so choose k well above the capacity pressure (the benchmark reports it).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from samspill.matching.engine.common import CandidatePairs, Text, gettext_noop

# The reasons for the unassigned: translatable, and equal to their English text.
NO_ELIGIBLE = Text(gettext_noop("no eligible resource"))
BELOW_MIN = Text(gettext_noop("below the minimum score"))
ALL_FULL = Text(gettext_noop("all eligible resources are full"))

_INT64_SAFE = 2**62


@dataclass(frozen=True)
class AssignmentResult:
    assigned: dict[Hashable, Hashable]  # participant -> resource
    unassigned: dict[Hashable, str]  # participant -> reason (NO_ELIGIBLE, BELOW_MIN or ALL_FULL: a ``Text``)
    total_score: float  # sum of the assigned pairs' scores
    capacity_used: dict[Hashable, int]  # resource -> participants assigned (every resource, 0 included)
    scores: dict[Hashable, float]  # participant -> score of their assigned pair


Scores = np.ndarray | CandidatePairs | Mapping[tuple[Hashable, Hashable], float] | Callable


def _pairs(participants, resources, scores) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n_p, n_r = len(participants), len(resources)
    if isinstance(scores, CandidatePairs):
        rows, cols, values = (np.asarray(scores.rows), np.asarray(scores.cols), np.asarray(scores.scores, float))
        if list(scores.participants) != list(participants) or list(scores.resources) != list(resources):
            # Positions refer to the pairs' own id lists: translate them.
            p_pos = {p: i for i, p in enumerate(participants)}
            r_pos = {r: j for j, r in enumerate(resources)}
            rows = np.array([p_pos[scores.participants[i]] for i in rows], dtype=np.int64)
            cols = np.array([r_pos[scores.resources[j]] for j in cols], dtype=np.int64)
    elif isinstance(scores, np.ndarray):
        if scores.shape != (n_p, n_r):
            raise ValueError(f"score matrix has shape {scores.shape}, expected {(n_p, n_r)}")
        rows, cols = np.nonzero(np.isfinite(scores))
        values = scores[rows, cols].astype(float)
    elif isinstance(scores, Mapping):
        p_pos = {p: i for i, p in enumerate(participants)}
        r_pos = {r: j for j, r in enumerate(resources)}
        items = [(p_pos[p], r_pos[r], float(s)) for (p, r), s in scores.items() if s is not None]
        rows = np.array([i for i, _, _ in items], dtype=np.int64)
        cols = np.array([j for _, j, _ in items], dtype=np.int64)
        values = np.array([s for _, _, s in items], dtype=float)
    elif callable(scores):
        items = []
        for i, p in enumerate(participants):
            for j, r in enumerate(resources):
                s = scores(p, r)
                if s is not None:
                    items.append((i, j, float(s)))
        rows = np.array([i for i, _, _ in items], dtype=np.int64)
        cols = np.array([j for _, j, _ in items], dtype=np.int64)
        values = np.array([s for _, _, s in items], dtype=float)
    else:
        raise TypeError("scores: a matrix, CandidatePairs, a {(participant, resource): score} mapping or a callable")
    rows, cols = rows.astype(np.int64, copy=False), cols.astype(np.int64, copy=False)
    keep = np.isfinite(values)
    rows, cols, values = rows[keep], cols[keep], values[keep]
    if len(values) and values.min() < 0:
        raise ValueError("scores must be >= 0")
    if len(rows) and (rows.min() < 0 or rows.max() >= n_p or cols.min() < 0 or cols.max() >= n_r):
        raise ValueError("a pair refers to a participant or resource outside the lists")
    return rows, cols, values


def _capacities(resources, capacities) -> np.ndarray:
    if isinstance(capacities, Mapping):
        caps = np.array([capacities.get(r, 0) for r in resources], dtype=np.int64)
    else:
        caps = np.asarray(capacities, dtype=np.int64)
        if caps.shape != (len(resources),):
            raise ValueError(f"{len(caps)} capacities for {len(resources)} resources")
    if len(caps) and caps.min() < 0:
        raise ValueError("capacities must be >= 0")
    return caps


def assign(
    participants: Sequence[Hashable],
    resources: Sequence[Hashable],
    scores: Scores,
    capacities: Sequence[int] | Mapping[Hashable, int] | np.ndarray,
    *,
    min_score: float = 0.0,
    prefer_count: bool = True,
    scale: int = 10**6,
) -> AssignmentResult:
    """Assign each participant to at most one resource, each resource to at most its capacity, optimally.

    ``scores``: a dense (participants x resources) matrix with NaN or -inf for ineligible pairs; ``CandidatePairs``
    (sparse, from ``TopK.pairs()``); a ``{(participant, resource): score}`` mapping; or a function
    ``(participant, resource) -> score | None``. Scores are >= 0 (the matchers give 0..1).
    """
    participants, resources = list(participants), list(resources)
    if len(set(participants)) != len(participants) or len(set(resources)) != len(resources):
        raise ValueError("participant and resource ids must be unique")
    n_p, n_r = len(participants), len(resources)
    rows, cols, values = _pairs(participants, resources, scores)
    caps = _capacities(resources, capacities)

    has_pair = np.zeros(n_p, dtype=np.bool_)
    has_pair[rows] = True
    good = values >= min_score
    has_good = np.zeros(n_p, dtype=np.bool_)
    has_good[rows[good]] = True
    # Arcs only where they can carry flow: enough score and a resource with room.
    usable = good & (caps[cols] > 0)
    rows_u, cols_u, values_u = rows[usable], cols[usable], values[usable]

    assigned_resource = np.full(n_p, -1, dtype=np.int64)
    assigned_score = np.zeros(n_p)
    if len(rows_u):
        scaled = np.rint(values_u * scale).astype(np.int64)
        p_nodes, p_index = np.unique(rows_u, return_inverse=True)
        r_nodes, r_index = np.unique(cols_u, return_inverse=True)
        n_pn, n_rn = len(p_nodes), len(r_nodes)
        top = int(scaled.max()) + 1
        bonus = n_pn * top + 1 if prefer_count else 1
        n_nodes = n_pn + n_rn + 2
        if (bonus + top) * (n_nodes + 1) * 4 >= _INT64_SAFE:
            raise ValueError("scores x scale too large for exact integer costs; lower scale")
        source, sink = 0, n_nodes - 1
        p_node = 1 + p_index
        r_node = 1 + n_pn + r_index
        tails = np.concatenate([np.zeros(n_pn, dtype=np.int64), p_node, 1 + n_pn + np.arange(n_rn), [source]]).astype(
            np.int64
        )
        heads = np.concatenate([1 + np.arange(n_pn), r_node, np.full(n_rn, sink), [sink]]).astype(np.int64)
        arc_caps = np.concatenate(
            [np.ones(n_pn, dtype=np.int64), np.ones(len(rows_u), dtype=np.int64), caps[r_nodes], [n_pn]]
        ).astype(np.int64)
        costs = np.concatenate(
            [np.zeros(n_pn, dtype=np.int64), -(bonus + scaled), np.zeros(n_rn, dtype=np.int64), [0]]
        ).astype(np.int64)
        flow = min_cost_flow.SimpleMinCostFlow()
        arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, arc_caps, costs)
        flow.set_nodes_supplies(np.array([source, sink], dtype=np.int64), np.array([n_pn, -n_pn], dtype=np.int64))
        status = flow.solve()
        if status != flow.OPTIMAL:
            raise RuntimeError(f"min-cost flow did not solve: {status}")
        pair_arcs = arcs[n_pn : n_pn + len(rows_u)]
        used = flow.flows(pair_arcs) > 0
        assigned_resource[rows_u[used]] = cols_u[used]
        assigned_score[rows_u[used]] = values_u[used]

    assigned: dict[Hashable, Hashable] = {}
    unassigned: dict[Hashable, str] = {}
    scores_out: dict[Hashable, float] = {}
    used_count = np.bincount(assigned_resource[assigned_resource >= 0], minlength=n_r)
    for i, p in enumerate(participants):
        j = assigned_resource[i]
        if j >= 0:
            assigned[p] = resources[j]
            scores_out[p] = float(assigned_score[i])
        elif not has_pair[i]:
            unassigned[p] = NO_ELIGIBLE
        elif not has_good[i]:
            unassigned[p] = BELOW_MIN
        else:
            unassigned[p] = ALL_FULL
    total = float(np.sum(assigned_score[assigned_resource >= 0]))
    return AssignmentResult(
        assigned=assigned,
        unassigned=unassigned,
        total_score=total,
        capacity_used={r: int(used_count[j]) for j, r in enumerate(resources)},
        scores=scores_out,
    )


def assign_pairs(
    pairs: CandidatePairs,
    capacities: Sequence[int] | Mapping[Hashable, int] | np.ndarray,
    **options,
) -> AssignmentResult:
    """``assign`` on candidate pairs from a matcher: ``assign_pairs(m.top_k(ps, k=30).pairs(), m.capacities_)``."""
    return assign(pairs.participants, pairs.resources, pairs, capacities, **options)
