"""Scored factors, their documentation and their weights.

Every matcher scores a pair as ``sum(weight[f] * value[f])`` over its factors, each value in 0..1 and the weights
summing to 1, so a score is in 0..1 and each factor's contribution is ``weight * value``. An organisation may
override any weight (``Weights.from_mapping``); the result is rescaled to sum to 1, so weights are relative.

Hard constraints are not weighted: a pair that fails one is excluded, never scored low. They are listed in
``CONSTRAINTS`` for the documentation page.

No factor reads a protected attribute (country of origin, religion, gender, health): see ``features.py`` and the
invariance tests.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from samspill.matching.engine.common import gettext_noop

MATCHERS = ("job", "mentor", "service")

# Value of a factor when the information it needs is missing on either side (no job-quality assessment, no stated
# preference, no location): neither a reward nor a penalty, half way.
NEUTRAL = 0.5


@dataclass(frozen=True)
class Factor:
    matcher: str
    name: str
    default: float
    doc: str


_FACTOR_LIST = (
    # participant <-> opportunity
    Factor(
        "job",
        "skills",
        0.25,
        gettext_noop(
            "Share of the opportunity's skills the participant has: the employer's list plus the ESCO essential and "
            "optional skills of its occupation, essential ones counting double."
        ),
    ),
    Factor(
        "job",
        "occupation",
        0.20,
        gettext_noop(
            "Closest occupation the participant has worked in, by the ISCO-08 tree: same unit group 1, minor "
            "group 0.75, "
            "sub-major 0.5, major 0.25."
        ),
    ),
    Factor(
        "job",
        "experience",
        0.10,
        gettext_noop(
            "Years of experience in the occupation or similar ones (years x similarity, summed), full at 5 years."
        ),
    ),
    Factor(
        "job",
        "preferences",
        0.20,
        gettext_noop(
            "The participant's stated wishes: half for the occupation (closest preferred occupation or group), "
            "half for "
            "the kind of opportunity; 0.5 for a half where nothing is stated."
        ),
    ),
    Factor(
        "job",
        "qualification",
        0.10,
        gettext_noop(
            "Use of the participant's education: 1 when their ISCED level is the required one or one above, less by "
            "0.25 per further level of overqualification and by 0.5 per level under; scaled by field of education "
            "when the opportunity names one."
        ),
    ),
    Factor(
        "job",
        "job_quality",
        0.15,
        gettext_noop(
            "The opportunity's job-quality score (pay, contract, hours, work strain from the job-exposure matrix); "
            "0.5 when not assessed."
        ),
    ),
    # participant <-> peer mentor
    Factor(
        "mentor",
        "field",
        0.30,
        gettext_noop(
            "Closeness of the mentor's field to the participant's preferred and past occupations (ISCO-08 tree); 0.5 "
            "when the participant has none."
        ),
    ),
    Factor(
        "mentor",
        "language",
        0.25,
        gettext_noop(
            "Best language the two share: the lower of their two levels, over C2 (a mother tongue counts as C2)."
        ),
    ),
    Factor(
        "mentor",
        "topics",
        0.20,
        gettext_noop(
            "Share of the topics the participant wants to work on that the mentor offers; 0.5 when none is named."
        ),
    ),
    Factor(
        "mentor",
        "proximity",
        0.10,
        gettext_noop("1 at the same place, falling linearly to 0 at 50 km; 0.5 when a location is missing."),
    ),
    Factor(
        "mentor", "availability", 0.05, gettext_noop("Share of the mentor's capacity still free: spreads the mentees.")
    ),
    Factor(
        "mentor",
        "background",
        0.10,
        gettext_noop(
            "Only if the participant asked for a mentor of a given background: 1 when the mentor declares it, else 0; "
            "0.5 for everyone when the participant did not ask. Never derived from the participant's own origin."
        ),
    ),
    # participant <-> programme or service
    Factor(
        "service",
        "needs",
        0.55,
        gettext_noop("Share of the needs in the participant's plan that the programme meets."),
    ),
    Factor(
        "service",
        "language",
        0.25,
        gettext_noop(
            "How well the participant understands a language of instruction: their best level in one, over C2."
        ),
    ),
    Factor(
        "service",
        "proximity",
        0.15,
        gettext_noop(
            "1 at the same place, falling linearly to 0 at 50 km; 1 for online programmes; 0.5 when a location "
            "is missing."
        ),
    ),
    Factor("service", "availability", 0.05, gettext_noop("Share of the programme's seats still free.")),
)

FACTORS: Mapping[str, Mapping[str, Factor]] = MappingProxyType(
    {m: MappingProxyType({f.name: f for f in _FACTOR_LIST if f.matcher == m}) for m in MATCHERS}
)

CONSTRAINTS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "job": MappingProxyType(
            {
                "right to work": "The participant has the right to work in Norway (unless the opportunity needs none).",
                "norwegian": "Current Norwegian level, plus one level where a course is planned or in progress or "
                "the workplace offers language support, reaches the required level.",
                "driving licence": "The participant has one where the opportunity requires it.",
                "hours": "The opportunity's weekly hours are within the participant's maximum.",
                "distance": "The workplace is within the participant's commuting radius (straight line); not checked "
                "where a location or the radius is missing.",
                "positions": "The opportunity has a position free.",
            }
        ),
        "mentor": MappingProxyType(
            {
                "capacity": "The mentor has a free place.",
                "kind": "The mentor is of a kind the participant asked for (either, if none asked).",
                "language": "The two share a language at A2 or above.",
                "peer": "An immigrant peer shares a language other than Norwegian with the participant at B1 or "
                "above, or the background the participant explicitly asked for.",
                "field": "A native professional works in the participant's field: same ISCO sub-major group as a "
                "preferred or past occupation (not checked where the participant has none).",
                "distance": "Within the participant's commuting radius, unless the mentor meets online.",
            }
        ),
        "service": MappingProxyType(
            {
                "needs": "The programme meets at least one need in the participant's plan.",
                "eligibility": "The participant has every eligibility fact the programme requires.",
                "norwegian": "The participant's current Norwegian level is within the programme's range.",
                "right to work": "The participant has the right to work where the programme requires it.",
                "seats": "The programme has a free seat.",
                "distance": "Within the participant's commuting radius, unless the programme is online.",
            }
        ),
    }
)


def _check_matcher(matcher: str) -> None:
    if matcher not in MATCHERS:
        raise ValueError(f"unknown matcher {matcher!r}; expected one of {', '.join(MATCHERS)}")


@dataclass(frozen=True)
class Weights(Mapping[str, float]):
    """The weights of one matcher's factors, summing to 1, in the order of ``FACTORS[matcher]``."""

    matcher: str
    by_factor: Mapping[str, float]

    def __post_init__(self) -> None:
        _check_matcher(self.matcher)
        names = tuple(FACTORS[self.matcher])
        if set(self.by_factor) != set(names):
            raise ValueError(f"weights for {self.matcher!r} must name exactly {names}")
        ordered = {n: float(self.by_factor[n]) for n in names}
        if abs(math.fsum(ordered.values()) - 1.0) > 1e-9:
            raise ValueError(f"weights for {self.matcher!r} must sum to 1; use Weights.from_mapping to rescale")
        object.__setattr__(self, "by_factor", MappingProxyType(ordered))

    @classmethod
    def default(cls, matcher: str) -> Weights:
        _check_matcher(matcher)
        return cls(matcher, {name: f.default for name, f in FACTORS[matcher].items()})

    @classmethod
    def from_mapping(cls, matcher: str, overrides: Mapping[str, float]) -> Weights:
        """The defaults with ``overrides`` applied, rescaled to sum to 1.

        Raises ValueError naming the offending factor for an unknown factor or a weight that is negative or not a
        finite number, and when all weights would be zero.
        """
        _check_matcher(matcher)
        known = FACTORS[matcher]
        values = {name: f.default for name, f in known.items()}
        for name, value in overrides.items():
            if name not in known:
                raise ValueError(f"unknown {matcher} factor {name!r}; known factors: {', '.join(known)}")
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"weight of {matcher} factor {name!r} must be a number, got {value!r}")
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"weight of {matcher} factor {name!r} must be finite and >= 0, got {value!r}")
            values[name] = float(value)
        total = math.fsum(values.values())
        if total <= 0:
            raise ValueError(f"the {matcher} weights are all zero")
        scaled = {name: v / total for name, v in values.items()}
        # Put the rounding residue on the largest weight so the sum is 1 to the last bit that fsum can see.
        largest = max(scaled, key=scaled.__getitem__)
        scaled[largest] += 1.0 - math.fsum(scaled.values())
        return cls(matcher, scaled)

    def __getitem__(self, name: str) -> float:
        return self.by_factor[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.by_factor)

    def __len__(self) -> int:
        return len(self.by_factor)

    def __hash__(self) -> int:
        return hash((self.matcher, tuple(self.by_factor.items())))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Weights):
            return self.matcher == other.matcher and dict(self.by_factor) == dict(other.by_factor)
        return NotImplemented


@dataclass(frozen=True)
class MatchingWeights:
    """One organisation's weights for all three matchers."""

    job: Weights
    mentor: Weights
    service: Weights

    @classmethod
    def default(cls) -> MatchingWeights:
        return cls(*(Weights.default(m) for m in MATCHERS))

    @classmethod
    def from_mapping(cls, overrides: Mapping[str, Mapping[str, float]]) -> MatchingWeights:
        """``{"job": {"skills": 0.4}, "mentor": {...}}``; matchers left out keep their defaults."""
        for matcher in overrides:
            _check_matcher(matcher)
        return cls(*(Weights.from_mapping(m, overrides.get(m, {})) for m in MATCHERS))


def weights_for(matcher: str, weights: Weights | Mapping[str, float] | None) -> Weights:
    """Accept a Weights, a partial mapping of overrides or None (the defaults)."""
    if weights is None:
        return Weights.default(matcher)
    if isinstance(weights, Weights):
        if weights.matcher != matcher:
            raise ValueError(f"these are {weights.matcher} weights; the {matcher} matcher needs its own")
        return weights
    return Weights.from_mapping(matcher, weights)
