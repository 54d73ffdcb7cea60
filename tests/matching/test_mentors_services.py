"""Participant <-> peer mentor and participant <-> programme: explanations add up, hard constraints hold, the
vectorised path equals the reference rules, both kinds of mentor follow their defining criterion."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samspill.matching.engine import (
    MentorFeatures,
    MentorMatcher,
    ParticipantFeatures,
    ProgrammeFeatures,
    ServiceMatcher,
    Suggestion,
    suggest_mentors,
    suggest_services,
)
from samspill.matching.engine.config import FACTORS
from samspill.matching.engine.features import NORWEGIAN

from .strategies import TAXONOMY, catalogue, haversine_km, mentors, participants, programmes

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def mentor_violations(p: ParticipantFeatures, m: MentorFeatures) -> list[str]:
    out = []
    if m.capacity - m.active_mentees <= 0:
        out.append("capacity")
    if p.preferred_mentor_kinds and m.kind not in p.preferred_mentor_kinds:
        out.append("kind")
    levels = p.spoken_levels()
    shared = {lang: min(level, m.languages.get(lang, 0)) for lang, level in levels.items()}
    if max(shared.values(), default=0) < 2:
        out.append("language")
    if m.kind == "migrant_peer":
        peer = max((v for lang, v in shared.items() if lang != NORWEGIAN), default=0)
        asked = p.preferred_mentor_background is not None and p.preferred_mentor_background == m.background
        if peer < 3 and not asked:
            out.append("peer")
    else:
        codes = set(p.preferred_occupations) | set(p.experience)
        if codes and (
            m.occupation is None or max(TAXONOMY.occupation_similarity(c, m.occupation) for c in codes) < 0.5
        ):
            out.append("field")
    if not m.meets_online and p.home and m.location and p.commuting_radius_km is not None:
        if haversine_km(p.home, m.location) > p.commuting_radius_km + 1e-6:
            out.append("distance")
    return out


def service_violations(p: ParticipantFeatures, g: ProgrammeFeatures) -> list[str]:
    out = []
    if not p.needs & g.needs:
        out.append("needs")
    if not g.required_eligibility <= p.eligibility:
        out.append("eligibility")
    if not g.min_norwegian_level <= p.norwegian_level <= g.max_norwegian_level:
        out.append("norwegian")
    if g.requires_right_to_work and not p.right_to_work:
        out.append("right to work")
    if g.free_seats <= 0:
        out.append("seats")
    if not g.online and p.home and g.location and p.commuting_radius_km is not None:
        if haversine_km(p.home, g.location) > p.commuting_radius_km + 1e-6:
            out.append("distance")
    return out


def _check_explained(suggestions, weights, matcher_name):
    for s in suggestions:
        assert sum(s.contributions.values()) == s.score
        assert math.isclose(math.fsum(s.contributions.values()), s.score, abs_tol=1e-12)
        assert list(s.contributions) == list(FACTORS[matcher_name])
        assert 0.0 <= s.score <= 1.0 + 1e-12
        for name, c in s.contributions.items():
            assert 0.0 <= s.values[name] <= 1.0
            assert c == weights[name] * s.values[name]


@SETTINGS
@given(st.lists(participants(), min_size=1, max_size=4), catalogue(mentors, max_size=15))
def test_mentors_explained_constrained_and_vector_equals_reference(ps, ms):
    matcher = MentorMatcher(taxonomy=TAXONOMY).fit(ms)
    by_id = {m.id: m for m in ms}
    top = matcher.top_k(ps, k=max(1, len(ms)))
    for i, p in enumerate(ps):
        suggested = matcher.suggest(p, top=None)
        _check_explained(suggested, matcher.weights, "mentor")
        for s in suggested:
            assert mentor_violations(p, by_id[s.target]) == []
        excluded = matcher.excluded(p)
        for e in excluded:
            names = {text.split(":")[0] for text in e.failed}
            assert set(mentor_violations(p, by_id[e.target])) - {"distance"} == names - {"distance"}
        assert {s.target for s in suggested} | {e.target for e in excluded} == set(by_id)
        batch = top.for_participant(i)
        assert [t for t, _ in batch] == [s.target for s in suggested]
        for (_, score), s in zip(batch, suggested, strict=True):
            assert score == pytest.approx(s.score, abs=1e-12)


@SETTINGS
@given(st.lists(participants(), min_size=1, max_size=4), catalogue(programmes, max_size=10))
def test_services_explained_constrained_and_complete(ps, gs):
    matcher = ServiceMatcher().fit(gs)
    by_id = {g.id: g for g in gs}
    top = matcher.top_k(ps, k=max(1, len(gs)))
    for i, p in enumerate(ps):
        suggested = suggest_services(p, gs)
        _check_explained(suggested, matcher.weights, "service")
        for s in suggested:
            assert service_violations(p, by_id[s.target]) == []
        excluded = matcher.excluded(p)
        for e in excluded:
            names = {text.split(":")[0] for text in e.failed}
            assert set(service_violations(p, by_id[e.target])) - {"distance"} == names - {"distance"}
        assert {s.target for s in suggested} | {e.target for e in excluded} == set(by_id)
        assert top.for_participant(i) == [(s.target, s.score) for s in suggested]


SOMALI_SPEAKER = dict(id="p", mother_tongue="so", norwegian_level=2, experience={"5120": 3})


def test_an_immigrant_peer_is_found_through_a_shared_language_not_through_origin():
    p = ParticipantFeatures(**SOMALI_SPEAKER, country_of_origin="SO")
    somali = MentorFeatures(id="somali", kind="migrant_peer", languages={"so": 6, "no": 5}, capacity=1)
    # same background on paper, no shared language but Norwegian: not a peer by the rule
    same_origin = MentorFeatures(
        id="same-origin", kind="migrant_peer", languages={"ar": 6, "no": 5}, background="Somalia", capacity=1
    )
    matcher = MentorMatcher().fit([somali, same_origin])
    assert [s.target for s in matcher.suggest(p)] == ["somali"]
    [e] = matcher.excluded(p)
    assert e.target == "same-origin" and e.failed[0].startswith("peer: ")
    # ... unless the participant explicitly asks for a mentor of that background: then it is a peer and scores 1
    asking = ParticipantFeatures(**SOMALI_SPEAKER, preferred_mentor_background="Somalia")
    chosen = {s.target: s for s in matcher.suggest(asking)}
    assert chosen["same-origin"].values["background"] == 1.0
    assert chosen["somali"].values["background"] == 0.0
    assert "peer: the background the participant asked for" in chosen["same-origin"].constraints


def test_a_native_professional_must_work_in_the_participants_field():
    p = ParticipantFeatures(**SOMALI_SPEAKER)
    chef = MentorFeatures(id="chef", kind="native_professional", occupation="5120", languages={"no": 6})
    waiter = MentorFeatures(id="waiter", kind="native_professional", occupation="5131", languages={"no": 6})
    nurse = MentorFeatures(id="nurse", kind="native_professional", occupation="2221", languages={"no": 6})
    matcher = MentorMatcher().fit([nurse, waiter, chef])
    suggested = matcher.suggest(p)
    assert [s.target for s in suggested] == ["chef", "waiter"]  # same unit group, then same sub-major group
    assert suggested[0].values["field"] == 1.0 and suggested[1].values["field"] == 0.5
    assert matcher.excluded(p)[0].failed == ("field: nothing near 2221, 0 < 0.5",)


def test_mentor_capacity_kind_language_and_distance_constraints():
    p = ParticipantFeatures(
        id="p", mother_tongue="ar", home=(59.91, 10.75), commuting_radius_km=10, preferred_mentor_kinds={"migrant_peer"}
    )
    base = dict(kind="migrant_peer", languages={"ar": 6}, capacity=2)
    full = MentorFeatures(id="full", **base, active_mentees=2)
    far = MentorFeatures(id="far", **base, location=(60.8, 11.0))
    online = MentorFeatures(id="online", **base, location=(60.8, 11.0), meets_online=True)
    native = MentorFeatures(id="native", kind="native_professional", languages={"ar": 6})
    nothing_shared = MentorFeatures(id="mute", kind="migrant_peer", languages={"ti": 6})
    matcher = MentorMatcher().fit([full, far, online, native, nothing_shared])
    assert [s.target for s in matcher.suggest(p)] == ["online"]
    reasons = {e.target: e.failed for e in matcher.excluded(p)}
    assert reasons["full"] == ("capacity: 0 of 2 places free",)
    assert reasons["far"][0].startswith("distance: ")
    assert reasons["native"] == ("kind: native_professional not asked for",)
    assert reasons["mute"][0] == "language: none shared < A2"


def test_services_match_needs_against_eligibility_and_seats():
    p = ParticipantFeatures(
        id="p", needs={"norwegian", "health"}, eligibility={"introduction_programme"}, norwegian_level=1
    )
    course = ProgrammeFeatures(
        id="course", kind="norwegian", needs={"norwegian"}, max_norwegian_level=3, seats=10, free_seats=4, online=True
    )
    health = ProgrammeFeatures(
        id="health", kind="health", needs={"health", "norwegian"}, seats=2, free_seats=1, languages={"ar", "no"}
    )
    full = ProgrammeFeatures(id="full", kind="norwegian", needs={"norwegian"}, seats=5, free_seats=0)
    jobbsjansen = ProgrammeFeatures(id="jj", kind="jobbsjansen", needs={"norwegian"}, required_eligibility={"nav_14a"})
    advanced = ProgrammeFeatures(id="adv", kind="norwegian", needs={"norwegian"}, min_norwegian_level=3)
    suggested = suggest_services(p, [course, health, full, jobbsjansen, advanced])
    assert [s.target for s in suggested] == ["health", "course"]
    assert suggested[0].values["needs"] == 1.0 and suggested[1].values["needs"] == 0.5
    reasons = {e.target: e.failed for e in ServiceMatcher().fit([full, jobbsjansen, advanced]).excluded(p)}
    assert reasons == {
        "full": ("seats: 0 of 5 free",),
        "jj": ("eligibility: missing nav_14a",),
        "adv": ("norwegian: A1 outside B1–C2",),
    }


def test_suggest_mentors_function_and_weights():
    p = ParticipantFeatures(**SOMALI_SPEAKER, mentor_topics={"cv"})
    m = MentorFeatures(id="m", kind="migrant_peer", languages={"so": 6}, topics={"cv"}, capacity=3, active_mentees=1)
    [s] = suggest_mentors(
        p, [m], weights={"topics": 1.0, "field": 0, "language": 0, "proximity": 0, "availability": 0, "background": 0}
    )
    assert s.score == 1.0 and s.contributions["topics"] == 1.0
    assert isinstance(MentorMatcher().fit([m]).explain(p, "m"), Suggestion)
