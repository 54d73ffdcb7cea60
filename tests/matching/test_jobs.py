"""Participant <-> opportunity: explanations add up, hard constraints hold, the batch path equals the explained
path, and the documented rules (Norwegian support, overqualification, ESCO skills) give the documented numbers."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samspill.matching.engine import (
    Exclusion,
    JobMatcher,
    OpportunityFeatures,
    ParticipantFeatures,
    Suggestion,
    Weights,
    suggest_jobs,
    top_k_jobs,
)
from samspill.matching.engine.config import FACTORS

from .strategies import TAXONOMY, catalogue, haversine_km, opportunities, participants

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
weights_st = st.fixed_dictionaries({name: st.floats(0, 1) for name in FACTORS["job"]}).filter(
    lambda w: sum(w.values()) > 0.01
)


def violations(p: ParticipantFeatures, o: OpportunityFeatures) -> list[str]:
    """The hard constraints, written again from the issue, independently of the engine."""
    out = []
    if o.requires_right_to_work and not p.right_to_work:
        out.append("right to work")
    support = p.norwegian_support or o.language_support
    if min(6, p.norwegian_level + (1 if support else 0)) < o.norwegian_level:
        out.append("norwegian")
    if o.requires_driving_licence and not p.driving_licence:
        out.append("driving licence")
    if p.max_hours_per_week is not None and o.hours_per_week > p.max_hours_per_week:
        out.append("hours")
    if p.home and o.location and p.commuting_radius_km is not None:
        if haversine_km(p.home, o.location) > p.commuting_radius_km + 1e-6:
            out.append("distance")
    if o.positions <= 0:
        out.append("positions")
    return out


@SETTINGS
@given(participants(), catalogue(opportunities), weights_st)
def test_contributions_sum_to_the_score(p, opps, raw_weights):
    weights = Weights.from_mapping("job", raw_weights)
    for s in JobMatcher(weights=weights, taxonomy=TAXONOMY).fit(opps).suggest(p, top=len(opps) or 1):
        assert sum(s.contributions.values()) == s.score  # summed in factor order: exactly
        assert math.isclose(math.fsum(s.contributions.values()), s.score, abs_tol=1e-12)
        assert 0.0 <= s.score <= 1.0 + 1e-12
        assert list(s.contributions) == list(FACTORS["job"])
        for name, c in s.contributions.items():
            assert 0.0 <= s.values[name] <= 1.0
            assert c == weights[name] * s.values[name]


@SETTINGS
@given(participants(), catalogue(opportunities))
def test_hard_constraints_are_never_violated_and_every_exclusion_has_a_reason(p, opps):
    matcher = JobMatcher(taxonomy=TAXONOMY).fit(opps)
    suggested = matcher.suggest(p, top=max(1, len(opps)))
    excluded = matcher.excluded(p)
    by_id = {o.id: o for o in opps}
    for s in suggested:
        assert violations(p, by_id[s.target]) == []
        assert len(s.constraints) == 6
    for e in excluded:
        assert e.failed
        # what the engine says failed is what the independent check says failed (distance to rounding)
        names = {text.split(":")[0] for text in e.failed}
        independent = set(violations(p, by_id[e.target]))
        assert independent - {"distance"} == names - {"distance"}
    assert {s.target for s in suggested} | {e.target for e in excluded} == set(by_id)
    assert not {s.target for s in suggested} & {e.target for e in excluded}


@SETTINGS
@given(st.lists(participants(), min_size=1, max_size=6), catalogue(opportunities, max_size=15), st.integers(1, 6))
def test_batch_top_k_equals_the_explained_suggestions(ps, opps, k):
    matcher = JobMatcher(taxonomy=TAXONOMY).fit(opps)
    batch = matcher.top_k(ps, k=k)
    for i, p in enumerate(ps):
        explained = matcher.suggest(p, top=k)
        assert batch.for_participant(i) == [(s.target, s.score) for s in explained]  # same ids, same floats
        # and both equal a brute force over every opportunity through the reference rules
        verdicts = [(pos, matcher.explain(p, o)) for pos, o in enumerate(opps)]
        brute = sorted((-v.score, pos, v.target) for pos, v in verdicts if isinstance(v, Suggestion))[:k]
        assert [(t, -s) for s, _, t in brute] == batch.for_participant(i)


def test_the_function_forms_agree_with_the_matcher():
    opps = [OpportunityFeatures(id=i, occupation=c) for i, c in enumerate(["5120", "5131", "9112"])]
    p = ParticipantFeatures(id="p", experience={"5120": 2})
    a = suggest_jobs(p, opps, taxonomy=TAXONOMY)
    b = top_k_jobs([p], opps, taxonomy=TAXONOMY, k=10)
    assert [(s.target, s.score) for s in a] == b.for_participant(0)
    assert [s.target for s in a] == [0, 1, 2]


BASE = dict(id="o", occupation="5120", hours_per_week=20.0)


def score_values(p, o, taxonomy=TAXONOMY):
    verdict = JobMatcher(taxonomy=taxonomy).fit([o]).explain(p, o)
    assert isinstance(verdict, Suggestion), verdict
    return verdict.values


@pytest.mark.parametrize(
    "level, course, workplace, required, ok",
    [
        (2, False, False, 3, False),  # A2 < B1
        (2, True, False, 3, True),  # A2 + course counts as B1
        (2, False, True, 3, True),  # workplace language support counts the same
        (2, True, True, 4, False),  # one level at most: not B2
        (6, True, False, 6, True),  # capped at C2
        (0, True, False, 1, True),  # a beginner on a course may take an A1 language-practice place
    ],
)
def test_norwegian_requirement_counts_planned_support_as_one_level(level, course, workplace, required, ok):
    p = ParticipantFeatures(id="p", norwegian_level=level, norwegian_support=course)
    o = OpportunityFeatures(**BASE, norwegian_level=required, language_support=workplace)
    verdict = JobMatcher().fit([o]).explain(p, o)
    assert isinstance(verdict, Suggestion) is ok
    if not ok:
        assert verdict.failed[0].startswith("norwegian: ")


def test_constraint_texts_name_the_values():
    p = ParticipantFeatures(
        id="p",
        norwegian_level=2,
        norwegian_support=True,
        home=(59.91, 10.75),
        commuting_radius_km=10,
        max_hours_per_week=30,
    )
    near = OpportunityFeatures(**BASE, norwegian_level=3, location=(59.95, 10.75))
    far = OpportunityFeatures(
        id="far", occupation="5120", norwegian_level=4, location=(60.8, 11.0), hours_per_week=37.5
    )
    matcher = JobMatcher().fit([near, far])
    s = matcher.explain(p, near)
    assert "norwegian: A2 +1 (course) ≥ B1" in s.constraints
    assert "hours: 20 ≤ 30 a week" in s.constraints
    assert any(c.startswith("distance: 4.4 km ≤ 10 km") for c in s.constraints)
    [e] = matcher.excluded(p)
    km = haversine_km(p.home, far.location)
    assert e == Exclusion(
        "far", ("norwegian: A2 +1 (course) < B2", "hours: 37.5 > 30 a week", f"distance: {km:.1f} km > 10 km")
    )


@pytest.mark.parametrize(
    "have, required, value",
    [
        (3, 3, 1.0),  # at the level
        (4, 3, 1.0),  # one above: still full use
        (5, 3, 0.75),  # overqualified by 2
        (7, 3, 0.25),  # a master's degree for an upper-secondary job
        (8, 3, 0.0),
        (2, 3, 0.5),  # one under
        (1, 3, 0.0),
        (None, 3, 0.5),  # unknown education: neutral
    ],
)
def test_qualification_use_peaks_at_the_required_level_and_penalises_overqualification(have, required, value):
    p = ParticipantFeatures(id="p", education_level=have)
    assert score_values(p, OpportunityFeatures(**BASE, education_level=required))["qualification"] == value


def test_qualification_uses_the_isco_skill_level_when_no_level_is_required():
    master = ParticipantFeatures(id="p", education_level=7)
    # nurses (2221): professionals, typically a bachelor (ISCED 6); cleaners (9112): elementary, ISCED 1
    assert score_values(master, OpportunityFeatures(id="n", occupation="2221"))["qualification"] == 1.0
    assert score_values(master, OpportunityFeatures(id="c", occupation="9112"))["qualification"] == 0.0


def test_field_of_education_scales_qualification_use():
    nurse = ParticipantFeatures(id="p", education_level=6, education_field="0913")
    job = dict(id="o", occupation="2221", education_level=6)
    assert score_values(nurse, OpportunityFeatures(**job, education_field="0913"))["qualification"] == 1.0
    # 0913 nursing vs 0914 medical diagnostic: same narrow field (2/3): 0.5 + 0.5 * 2/3
    assert score_values(nurse, OpportunityFeatures(**job, education_field="0914"))["qualification"] == pytest.approx(
        0.5 + 0.5 * 2 / 3
    )
    assert score_values(nurse, OpportunityFeatures(**job, education_field="0721"))["qualification"] == 0.5


def test_skills_unite_the_employers_list_with_esco_and_count_essential_double():
    # ESCO 5120: essential 0, 1, 2; optional 3, 4. The employer adds essential 3 (promoted) and optional 9.
    o = OpportunityFeatures(**BASE, essential_skills={"skill-3"}, optional_skills={"skill-9"})
    assert JobMatcher(taxonomy=TAXONOMY).opportunity_skills(o) == (
        frozenset({"skill-0", "skill-1", "skill-2", "skill-3"}),
        frozenset({"skill-4", "skill-9"}),
    )
    p = ParticipantFeatures(id="p", skills={"skill-0", "skill-3", "skill-9", "unrelated"})
    assert score_values(p, o)["skills"] == (2 * 2 + 1) / (2 * 4 + 2)


def test_occupation_experience_and_preferences_follow_the_isco_tree():
    p = ParticipantFeatures(
        id="p", experience={"5131": 4.0, "9112": 10.0}, preferred_occupations={"51"}, preferred_kinds={"job"}
    )
    v = score_values(p, OpportunityFeatures(id="o", occupation="5120", kind="work_trial"))
    assert v["occupation"] == 0.5  # 5131 waiter and 5120 cook share sub-major group 51
    assert v["experience"] == (4.0 * 0.5 + 10.0 * 0.0) / 5
    assert v["preferences"] == 0.5 * 1.0 + 0.5 * 0.0  # "51" contains 5120; a work trial is not the job asked for
    nothing_stated = ParticipantFeatures(id="q")
    assert score_values(nothing_stated, OpportunityFeatures(id="o", occupation="5120"))["preferences"] == 0.5


def test_job_quality_counts_and_is_neutral_when_unassessed():
    p = ParticipantFeatures(id="p")
    assert score_values(p, OpportunityFeatures(**BASE, job_quality=0.9))["job_quality"] == 0.9
    assert score_values(p, OpportunityFeatures(**BASE))["job_quality"] == 0.5


def test_a_hand_computed_score():
    p = ParticipantFeatures(
        id="p", skills={"skill-0", "skill-1"}, experience={"5120": 2.5}, education_level=3, preferred_kinds={"job"}
    )
    o = OpportunityFeatures(**BASE, job_quality=0.8)  # 5120: 3 essential, 2 optional in TAXONOMY
    [s] = suggest_jobs(p, [o], taxonomy=TAXONOMY)
    expected = {
        "skills": 0.25 * (2 * 2) / (2 * 3 + 2),
        "occupation": 0.20 * 1.0,
        "experience": 0.10 * 0.5,
        "preferences": 0.20 * (0.5 * 0.5 + 0.5 * 1.0),
        "qualification": 0.10 * 1.0,
        "job_quality": 0.15 * 0.8,
    }
    assert dict(s.contributions) == pytest.approx(expected, abs=1e-15)
    assert s.score == pytest.approx(sum(expected.values()), abs=1e-15)


def test_ties_are_broken_by_catalogue_order_and_empty_cases_work():
    opps = [OpportunityFeatures(id=f"o{i}", occupation="5120") for i in range(5)]
    p = ParticipantFeatures(id="p")
    matcher = JobMatcher().fit(opps)
    assert [s.target for s in matcher.suggest(p, top=3)] == ["o0", "o1", "o2"]
    assert JobMatcher().fit([]).suggest(p) == []
    top = matcher.top_k([], k=3)
    assert top.index.shape == (0, 3)
    blocked = ParticipantFeatures(id="b", right_to_work=False)
    assert matcher.suggest(blocked) == []
    assert np.all(matcher.top_k([blocked], k=2).index == -1)


def test_invalid_features_are_refused():
    with pytest.raises(ValueError, match="occupation"):
        OpportunityFeatures(id="o", occupation="51x0")
    with pytest.raises(ValueError, match="kind"):
        OpportunityFeatures(id="o", occupation="5120", kind="gig")
    with pytest.raises(ValueError, match="norwegian_level"):
        ParticipantFeatures(id="p", norwegian_level=7)
    with pytest.raises(ValueError, match="unique"):
        JobMatcher().fit([OpportunityFeatures(id="o", occupation="5120")] * 2)
