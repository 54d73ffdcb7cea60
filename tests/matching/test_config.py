"""Weights: documented defaults that sum to 1, validated organisation overrides."""

from __future__ import annotations

import math

import pytest

from samspill.matching.engine import CONSTRAINTS, FACTORS, JobMatcher, MatchingWeights, Weights
from samspill.matching.engine.config import MATCHERS


@pytest.mark.parametrize("matcher", MATCHERS)
def test_defaults_are_documented_and_sum_to_one(matcher):
    weights = Weights.default(matcher)
    assert math.fsum(weights.values()) == pytest.approx(1.0, abs=1e-12)
    assert list(weights) == list(FACTORS[matcher])
    for factor in FACTORS[matcher].values():
        assert factor.doc.strip() and factor.default > 0
    assert CONSTRAINTS[matcher]


def test_overrides_are_rescaled_and_keep_the_other_defaults():
    w = Weights.from_mapping("job", {"job_quality": 0.45})  # 0.15 -> 0.45: total 1.3
    assert math.fsum(w.values()) == pytest.approx(1.0, abs=1e-15)
    assert w["job_quality"] == pytest.approx(0.45 / 1.3)
    assert w["skills"] == pytest.approx(0.25 / 1.3)
    assert Weights.from_mapping("job", {}) == Weights.default("job")


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"salary": 0.2}, "unknown job factor 'salary'"),
        ({"skills": -0.1}, "'skills' must be finite and >= 0"),
        ({"skills": float("nan")}, "'skills' must be finite"),
        ({"skills": float("inf")}, "'skills' must be finite"),
        ({"skills": "high"}, "'skills' must be a number"),
        ({"skills": True}, "'skills' must be a number"),
        ({name: 0 for name in FACTORS["job"]}, "all zero"),
    ],
)
def test_invalid_overrides_name_the_factor(overrides, message):
    with pytest.raises(ValueError, match=message):
        Weights.from_mapping("job", overrides)


def test_matcher_names_and_weight_kinds_are_checked():
    with pytest.raises(ValueError, match="unknown matcher 'jobs'"):
        MatchingWeights.from_mapping({"jobs": {"skills": 1}})
    with pytest.raises(ValueError, match="mentor weights"):
        JobMatcher(weights=Weights.default("mentor"))
    with pytest.raises(ValueError, match="sum to 1"):
        Weights("job", {name: 1.0 for name in FACTORS["job"]})
    org = MatchingWeights.from_mapping({"mentor": {"background": 0}})
    assert org.mentor["background"] == 0 and org.job == Weights.default("job")


def test_a_mapping_of_overrides_is_accepted_by_a_matcher():
    assert JobMatcher(weights={"skills": 1.0}).weights == Weights.from_mapping("job", {"skills": 1.0})


def test_feature_helpers():
    from samspill.matching.engine import ParticipantFeatures, cefr_index, norwegian_level_from_skills
    from samspill.matching.engine.features import ISCED_FROM_EDUCATION_LEVEL

    assert [cefr_index(x) for x in ("", None, "none", "A1", "b1", "C2", 4)] == [0, 0, 0, 1, 3, 6, 4]
    with pytest.raises(ValueError, match="CEFR"):
        cefr_index("B3")
    # assessed: A2, B1, B1, B2 -> lower median B1; writing's A2 does not pull the level down, a blank is left out
    levels = {"listening": "B1", "reading": "B1", "writing": "A2", "spoken_interaction": "B2", "spoken_production": ""}
    assert norwegian_level_from_skills(levels) == 3
    assert norwegian_level_from_skills({}) == 0
    assert ISCED_FROM_EDUCATION_LEVEL["master"] == 7
    p = ParticipantFeatures(id="p", norwegian_level=2, languages={"nb": 4, "EN": 3}, mother_tongue="so")
    assert p.spoken_levels() == {"no": 4, "en": 3, "so": 6}  # Bokmål is Norwegian; the higher level counts
