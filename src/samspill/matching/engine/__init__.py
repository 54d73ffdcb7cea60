"""The matching engine in plain Python, without Django: scoring, explanations and assignment.

This package must never import Django (enforced by an import-linter contract in pyproject.toml).

* ``features``: what the matchers know (participant, opportunity, mentor, programme), CEFR/ISCED helpers;
* ``config``: the scored factors with their documentation (``FACTORS``), the hard constraints (``CONSTRAINTS``) and
  the per-organisation ``Weights``;
* ``jobs``, ``mentors``, ``services``: one matcher each (``fit`` a catalogue, ``suggest`` for one participant with
  explanations, ``top_k`` for a caseload, ``explain``/``excluded`` for why not);
* ``assignment``: capacity-constrained assignment of a caseload (min-cost flow) with the reasons for the unassigned.

Every explanation (notes, constraints, exclusions, reasons for the unassigned) is a ``Text``: the English ``str``,
with its ``gettext_noop``-marked template and params, which the platform translates with ``text.translated(gettext)``.
"""

from samspill.matching.engine.assignment import (
    ALL_FULL,
    BELOW_MIN,
    NO_ELIGIBLE,
    AssignmentResult,
    assign,
    assign_pairs,
)
from samspill.matching.engine.common import CandidatePairs, Exclusion, Suggestion, Text, TopK, gettext_noop
from samspill.matching.engine.config import CONSTRAINTS, FACTORS, MatchingWeights, Weights
from samspill.matching.engine.features import (
    PROTECTED_ATTRIBUTES,
    MentorFeatures,
    OpportunityFeatures,
    ParticipantFeatures,
    ProgrammeFeatures,
    cefr_index,
    norwegian_level_from_skills,
)
from samspill.matching.engine.jobs import JobMatcher, suggest_jobs, top_k_jobs
from samspill.matching.engine.mentors import MentorMatcher, suggest_mentors
from samspill.matching.engine.services import ServiceMatcher, suggest_services
from samspill.matching.engine.taxonomy import InMemoryTaxonomy, Taxonomy, isco_similarity

__all__ = [
    "ALL_FULL",
    "BELOW_MIN",
    "CONSTRAINTS",
    "FACTORS",
    "NO_ELIGIBLE",
    "PROTECTED_ATTRIBUTES",
    "AssignmentResult",
    "CandidatePairs",
    "Exclusion",
    "InMemoryTaxonomy",
    "JobMatcher",
    "MatchingWeights",
    "MentorFeatures",
    "MentorMatcher",
    "OpportunityFeatures",
    "ParticipantFeatures",
    "ProgrammeFeatures",
    "ServiceMatcher",
    "Suggestion",
    "Taxonomy",
    "Text",
    "TopK",
    "Weights",
    "assign",
    "assign_pairs",
    "cefr_index",
    "gettext_noop",
    "isco_similarity",
    "norwegian_level_from_skills",
    "suggest_jobs",
    "suggest_mentors",
    "suggest_services",
    "top_k_jobs",
]
