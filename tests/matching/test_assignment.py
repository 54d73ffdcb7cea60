"""Capacity-constrained assignment: capacities always hold, the optimum matches a hand solution and a brute force,
and every unassigned participant gets the right reason."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samspill.matching.engine import (
    ALL_FULL,
    BELOW_MIN,
    NO_ELIGIBLE,
    CandidatePairs,
    assign,
)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_the_hand_solved_case():
    # 3 participants, 2 mentors: A with 1 place, B with 2.
    #
    #         A     B
    #   p1   0.9   0.8
    #   p2   0.8   0.3
    #   p3   0.7   0.1
    #
    # Everyone fits (3 places). Who takes A decides the total:
    #   A=p1: 0.9 + 0.3 + 0.1 = 1.3   (what greedy-by-score picks: p1-A is the best single pair)
    #   A=p2: 0.8 + 0.8 + 0.1 = 1.7
    #   A=p3: 0.7 + 0.8 + 0.3 = 1.8   <- optimum
    scores = np.array([[0.9, 0.8], [0.8, 0.3], [0.7, 0.1]])
    result = assign(["p1", "p2", "p3"], ["A", "B"], scores, [1, 2])
    assert result.assigned == {"p1": "B", "p2": "B", "p3": "A"}
    assert result.total_score == pytest.approx(1.8)
    assert result.capacity_used == {"A": 1, "B": 2}
    assert result.unassigned == {}
    assert result.scores == {"p1": 0.8, "p2": 0.3, "p3": 0.7}


def test_prefer_count_assigns_more_people_before_more_score():
    # p1 fits A (0.9) or B (0.05); p2 only A (0.8); A and B have one place each.
    #   score only:        p1-A = 0.9, p2 left out           (0.9 > 0.05 + 0.8 = 0.85)
    #   count, then score: p1-B + p2-A = 0.85, both assigned
    scores = {("p1", "A"): 0.9, ("p1", "B"): 0.05, ("p2", "A"): 0.8}
    by_score = assign(["p1", "p2"], ["A", "B"], scores, [1, 1], prefer_count=False)
    assert by_score.assigned == {"p1": "A"} and by_score.unassigned == {"p2": ALL_FULL}
    by_count = assign(["p1", "p2"], ["A", "B"], scores, [1, 1])
    assert by_count.assigned == {"p1": "B", "p2": "A"}
    assert by_count.total_score == pytest.approx(0.85)


def test_unassigned_reasons():
    scores = {
        ("full-1", "A"): 0.9,
        ("full-2", "A"): 0.5,  # A has one place and full-1 is better there
        ("low", "B"): 0.1,  # eligible, but under min_score
        ("closed", "C"): 0.9,  # C has no place at all
    }
    people = ["full-1", "full-2", "low", "nobody", "closed"]
    result = assign(people, ["A", "B", "C"], scores, {"A": 1, "B": 5, "C": 0}, min_score=0.2)
    assert result.assigned == {"full-1": "A"}
    assert result.unassigned == {"full-2": ALL_FULL, "low": BELOW_MIN, "nobody": NO_ELIGIBLE, "closed": ALL_FULL}
    assert result.capacity_used == {"A": 1, "B": 0, "C": 0}


def test_every_input_form_gives_the_same_answer():
    rng = np.random.default_rng(3)
    dense = rng.random((6, 3))
    dense[rng.random((6, 3)) < 0.3] = np.nan
    people, places, caps = [f"p{i}" for i in range(6)], ["A", "B", "C"], [1, 2, 1]
    rows, cols = np.nonzero(np.isfinite(dense))
    forms = [
        dense,
        {(people[i], places[j]): dense[i, j] for i, j in zip(rows, cols, strict=True)},
        lambda p, r: (
            None if np.isnan(dense[people.index(p), places.index(r)]) else dense[people.index(p), places.index(r)]
        ),
        CandidatePairs(people, places, rows, cols, dense[rows, cols]),
        # the pairs' own id order differs from the call's: positions are translated
        CandidatePairs(people[::-1], places, 5 - rows, cols, dense[rows, cols]),
    ]
    results = [assign(people, places, form, caps) for form in forms]
    assert all(r == results[0] for r in results[1:])


def test_input_errors():
    with pytest.raises(ValueError, match="capacities"):
        assign(["p"], ["A"], np.ones((1, 1)), [1, 2])
    with pytest.raises(ValueError, match=">= 0"):
        assign(["p"], ["A"], np.full((1, 1), -0.5), [1])
    with pytest.raises(ValueError, match="shape"):
        assign(["p"], ["A"], np.ones((2, 1)), [1])
    with pytest.raises(ValueError, match="unique"):
        assign(["p", "p"], ["A"], np.ones((2, 1)), [1])


@st.composite
def small_cases(draw, max_people=5, max_places=3):
    n_p = draw(st.integers(0, max_people))
    n_r = draw(st.integers(1, max_places))
    grid = st.one_of(st.none(), st.integers(0, 20).map(lambda x: x / 20))
    scores = [[draw(grid) for _ in range(n_r)] for _ in range(n_p)]
    caps = [draw(st.integers(0, 2)) for _ in range(n_r)]
    min_score = draw(st.sampled_from([0.0, 0.3]))
    return scores, caps, min_score


def brute_force(scores, caps, min_score, prefer_count):
    """Every way to give each participant one eligible place or none, within capacities."""
    n_p, n_r = len(scores), len(caps)
    options = [
        [None] + [j for j in range(n_r) if scores[i][j] is not None and scores[i][j] >= min_score] for i in range(n_p)
    ]
    best = None
    for choice in itertools.product(*options):
        used = [sum(1 for c in choice if c == j) for j in range(n_r)]
        if any(u > c for u, c in zip(used, caps, strict=True)):
            continue
        total = sum(round(scores[i][c] * 10**6) for i, c in enumerate(choice) if c is not None)
        count = sum(c is not None for c in choice)
        key = (count, total) if prefer_count else (total, count)
        best = key if best is None or key > best else best
    return best


@SETTINGS
@given(small_cases(), st.booleans())
def test_optimal_against_brute_force_and_reasons_hold(case, prefer_count):
    scores, caps, min_score = case
    people = [f"p{i}" for i in range(len(scores))]
    places = [f"r{j}" for j in range(len(caps))]
    matrix = np.array([[np.nan if s is None else s for s in row] for row in scores]).reshape(len(people), len(places))
    result = assign(people, places, matrix, caps, min_score=min_score, prefer_count=prefer_count)

    # feasibility: capacities, one place each, eligible pairs above the minimum only
    assert set(result.assigned) | set(result.unassigned) == set(people)
    assert not set(result.assigned) & set(result.unassigned)
    for j, r in enumerate(places):
        assert result.capacity_used[r] == sum(1 for x in result.assigned.values() if x == r) <= caps[j]
    for p, r in result.assigned.items():
        s = scores[people.index(p)][places.index(r)]
        assert s is not None and s >= min_score and result.scores[p] == s

    # optimality, in the scaled integers the solver optimises
    total = sum(round(result.scores[p] * 10**6) for p in result.assigned)
    key = (len(result.assigned), total) if prefer_count else (total, len(result.assigned))
    assert key == brute_force(scores, caps, min_score, prefer_count)

    # reasons
    for p, reason in result.unassigned.items():
        row = scores[people.index(p)]
        eligible = [j for j, s in enumerate(row) if s is not None]
        good = [j for j in eligible if row[j] >= min_score]
        if not eligible:
            assert reason == NO_ELIGIBLE
        elif not good:
            assert reason == BELOW_MIN
        else:
            assert reason == ALL_FULL
            assert all(result.capacity_used[places[j]] == caps[j] for j in good)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 60), st.integers(1, 15), st.integers(1, 8))
def test_capacities_hold_on_larger_random_cases(seed, n_p, n_r, k):
    rng = np.random.default_rng(seed)
    caps = rng.integers(0, 4, n_r)
    k = min(k, n_r)
    rows = np.repeat(np.arange(n_p), k)
    cols = np.concatenate([rng.choice(n_r, k, replace=False) for _ in range(n_p)])
    pairs = CandidatePairs(list(range(n_p)), list(range(n_r)), rows, cols, rng.random(n_p * k))
    result = assign(pairs.participants, pairs.resources, pairs, caps)
    used = np.bincount(np.array(list(result.assigned.values()), dtype=np.int64), minlength=n_r)
    assert np.all(used <= caps)
    # maximum number assigned: nobody left out while one of their places has room
    for p, reason in result.unassigned.items():
        assert reason == ALL_FULL
        assert all(used[c] == caps[c] for c in cols[rows == p])
