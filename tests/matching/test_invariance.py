"""No protected attribute (country of origin, religion, gender, health) is a scoring factor: changing any of them
changes no suggestion, no score, no explanation, no exclusion and no assignment."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from samspill.matching.engine import (
    PROTECTED_ATTRIBUTES,
    JobMatcher,
    MentorMatcher,
    ServiceMatcher,
    assign_pairs,
)
from samspill.matching.engine.features import ParticipantFeatures

from .strategies import TAXONOMY, catalogue, mentors, opportunities, participants, programmes, protected

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _everything(matcher, ps):
    top = matcher.top_k(ps, k=5)
    return (
        [matcher.suggest(p, top=None if not isinstance(matcher, JobMatcher) else 50) for p in ps],
        [matcher.excluded(p) for p in ps],
        top.index.tolist(),
        top.score.tolist(),
        assign_pairs(top.pairs(), matcher.capacities_),
    )


def _changed(ps, new_values):
    return [dataclasses.replace(p, **values) for p, values in zip(ps, new_values, strict=True)]


@SETTINGS
@given(
    participants(ident="a"),
    participants(ident="b"),
    catalogue(opportunities),
    catalogue(mentors),
    catalogue(programmes),
    protected,
    protected,
)
def test_changing_protected_attributes_changes_nothing(pa, pb, opps, ms, gs, new_a, new_b):
    before = [pa, pb]
    after = _changed(before, [new_a, new_b])
    assert [{k: getattr(p, k) for k in PROTECTED_ATTRIBUTES} for p in after] == [new_a, new_b]
    for matcher in (
        JobMatcher(taxonomy=TAXONOMY).fit(opps),
        MentorMatcher(taxonomy=TAXONOMY).fit(ms),
        ServiceMatcher().fit(gs),
    ):
        assert _everything(matcher, before) == _everything(matcher, after)


def test_a_participants_origin_never_stands_in_for_a_background_preference():
    # Only the explicit preference counts; the origin, even equal to a mentor's background, does not.
    from samspill.matching.engine import MentorFeatures

    m = MentorFeatures(id="m", kind="migrant_peer", languages={"ar": 6}, background="SY", capacity=1)
    p = ParticipantFeatures(id="p", mother_tongue="ar")
    syrian = dataclasses.replace(p, country_of_origin="SY")
    matcher = MentorMatcher().fit([m])
    assert matcher.suggest(p) == matcher.suggest(syrian)
    assert matcher.suggest(syrian)[0].values["background"] == 0.5


def test_no_engine_module_but_features_names_a_protected_attribute():
    # A structural guard besides the behavioural one: the matchers do not even read these fields.
    engine = Path(__import__("samspill.matching.engine", fromlist=["x"]).__file__).parent
    pattern = re.compile("|".join(PROTECTED_ATTRIBUTES))
    offenders = [
        f"{path.name}:{number}"
        for path in sorted(engine.glob("*.py"))
        if path.name != "features.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line) and "never" not in line and "country of origin" not in line
    ]
    assert offenders == []
