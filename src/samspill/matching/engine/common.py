"""Results shared by the matchers, their translatable explanations (``Text``), and the geometry they all use."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import SupportsIndex

import numpy as np

from samspill.matching.engine.features import Location, cefr_label


def gettext_noop(message: str) -> str:
    """Marks an English template for the platform's translation catalogue (Django's makemessages extracts this
    name); the engine itself never translates."""
    return message


class Text(str):
    """English text that the platform can translate: ``template % params``. A ``str``, so everything that reads
    the engine's explanations as plain English keeps working.

    The template is a literal marked with ``gettext_noop`` (so that makemessages finds it); params are codes,
    numbers and other ``Text``. ``translated(gettext)`` gives the text in the active language, params that are
    ``Text`` translated too. Equality and hashing are those of the English ``str``.
    """

    __slots__ = ("params", "template")
    template: str
    params: Mapping[str, object]

    def __new__(cls, template: str, /, **params: object) -> Text:
        self = str.__new__(cls, template % params if params else template)
        self.template = template
        self.params = params  # read-only by convention: no MappingProxyType, one more object for the GC to track
        return self

    def translated(self, gettext: Callable[[str], str], labels: Mapping[str, str] | None = None) -> str:
        """``gettext(template) % params``, with the params that are ``Text`` translated the same way and the params
        that are codes found in ``labels`` (e.g. ``"work_trial"``) replaced by their label."""
        message = gettext(self.template)
        if not self.params:
            return message
        return message % {name: self._param(value, gettext, labels) for name, value in self.params.items()}

    @staticmethod
    def _param(value: object, gettext: Callable[[str], str], labels: Mapping[str, str] | None) -> object:
        if isinstance(value, Text):
            return value.translated(gettext, labels)
        if labels and isinstance(value, str) and value in labels:
            return labels[value]
        return value

    # Pickling and copying rebuild from the template and the params: no other state.
    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, object]]:
        return (self.template,), dict(self.params)

    def __getstate__(self) -> None:
        return None

    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple:
        if protocol < 2:  # no __getnewargs_ex__ before protocol 2
            return _text, (self.template, dict(self.params))
        return super().__reduce_ex__(protocol)


def _text(template: str, params: dict[str, object]) -> Text:
    return Text(template, **params)


def no_text(template: str, /, **params: object) -> str:
    """What a matcher builds instead of a ``Text`` where nobody reads the explanation (the batch path of
    ``BaseMatcher._vector`` asks for verdicts and values only): nothing."""
    return ""


_NO_LEVEL = Text(gettext_noop("none"))


def cefr_text(level: int) -> str:
    """A CEFR level as explanations show it: the label ("B1"), or "none" (translated) for level 0."""
    return cefr_label(level) if level else _NO_LEVEL


EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
PROXIMITY_KM = 50.0  # the proximity factor falls to 0 at this distance


@dataclass(frozen=True)
class Suggestion:
    """A scored target with its explanation.

    ``contributions[f] = weight[f] * values[f]`` and ``score`` is their sum, in factor order, so the explanation adds
    up to the score exactly. ``constraints`` are the hard constraints the pair passed, with the values compared
    ("norwegian: A2 +1 (course) >= A2"); ``notes`` say in words where each factor value comes from. Both are
    ``Text``: English ``str`` that the platform can translate.
    """

    target: Hashable
    score: float
    contributions: Mapping[str, float]
    values: Mapping[str, float]
    constraints: tuple[str, ...]
    notes: Mapping[str, str]

    def __post_init__(self) -> None:
        object.__setattr__(self, "contributions", MappingProxyType(dict(self.contributions)))
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))
        object.__setattr__(self, "notes", MappingProxyType(dict(self.notes)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Suggestion):
            return NotImplemented
        return (
            self.target == other.target
            and self.score == other.score
            and dict(self.contributions) == dict(other.contributions)
            and dict(self.values) == dict(other.values)
            and self.constraints == other.constraints
            and dict(self.notes) == dict(other.notes)
        )

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Exclusion:
    """A target that is not suggested, with the hard constraints it failed (and the values compared), as ``Text``."""

    target: Hashable
    failed: tuple[str, ...]


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    text: str  # "name: values compared", a ``Text``


@dataclass(frozen=True)
class TopK:
    """Top-k targets per participant from a batch path. ``index[i, j]`` is the position in ``targets`` of participant
    i's j-th best target, -1 where fewer than k are eligible; ``score`` is -inf there."""

    participants: Sequence[Hashable]
    targets: Sequence[Hashable]
    index: np.ndarray
    score: np.ndarray

    def for_participant(self, i: int) -> list[tuple[Hashable, float]]:
        return [(self.targets[j], float(s)) for j, s in zip(self.index[i], self.score[i], strict=True) if j >= 0]

    def pairs(self) -> CandidatePairs:
        rows, cols = np.nonzero(self.index >= 0)
        return CandidatePairs(
            participants=self.participants,
            resources=self.targets,
            rows=rows.astype(np.int64),
            cols=self.index[rows, cols].astype(np.int64),
            scores=self.score[rows, cols].astype(np.float64),
        )


@dataclass(frozen=True)
class CandidatePairs:
    """Eligible (participant, resource) pairs with their scores, as positions into the two id lists: the sparse input
    of ``assignment.assign``."""

    participants: Sequence[Hashable]
    resources: Sequence[Hashable]
    rows: np.ndarray
    cols: np.ndarray
    scores: np.ndarray

    def __post_init__(self) -> None:
        if not (len(self.rows) == len(self.cols) == len(self.scores)):
            raise ValueError("rows, cols and scores must have the same length")


def unit_vector(location: Location | None) -> tuple[float, float, float] | None:
    """The point on the unit sphere. Distances then come from one dot product, and a radius test needs no
    trigonometry per pair: d <= r exactly when dot >= cos(r / R)."""
    if location is None:
        return None
    lat, lon = math.radians(location[0]), math.radians(location[1])
    c = math.cos(lat)
    return (c * math.cos(lon), c * math.sin(lon), math.sin(lat))


def dot(u: tuple[float, float, float], v: tuple[float, float, float]) -> float:
    # The batch kernels compute the same expression in the same order, so both sides agree to the last bit.
    return u[0] * v[0] + u[1] * v[1] + u[2] * v[2]


def cos_radius(radius_km: float | None) -> float:
    """Threshold on the dot product for a radius; -2 (always within) for no radius or more than half the Earth."""
    if radius_km is None or radius_km / EARTH_RADIUS_KM >= math.pi:
        return -2.0
    return math.cos(radius_km / EARTH_RADIUS_KM)


def distance_km(d: float) -> float:
    """Great-circle distance from the dot product of two unit vectors."""
    return EARTH_RADIUS_KM * math.acos(min(1.0, max(-1.0, d)))


def distance_check(u, v, radius_km: float | None, *, say: Callable[..., str]) -> Check:
    """The commuting-distance constraint between two known places (unit vectors), explained with ``say`` (``Text``,
    or ``no_text`` on batch paths)."""
    d = dot(u, v)
    km = distance_km(d)
    if radius_km is None:
        return Check("distance", True, say(gettext_noop("distance: %(km).1f km, no radius stated"), km=km))
    ok = d >= cos_radius(radius_km)
    if ok:
        template = gettext_noop("distance: %(km).1f km ≤ %(radius)s km")
    else:
        template = gettext_noop("distance: %(km).1f km > %(radius)s km")
    return Check("distance", ok, say(template, km=km, radius=f"{radius_km:g}"))


def proximity(d: float) -> float:
    return max(0.0, 1.0 - distance_km(d) / PROXIMITY_KM)


def unit_vectors(locations: Sequence[Location | None]) -> tuple[np.ndarray, np.ndarray]:
    """(n, 3) unit vectors, zeros where unknown, and the mask of known locations; built with ``unit_vector`` so the
    batch paths use the very numbers the explanations use."""
    out = np.zeros((len(locations), 3))
    known = np.zeros(len(locations), dtype=np.bool_)
    for i, loc in enumerate(locations):
        u = unit_vector(loc)
        if u is not None:
            out[i] = u
            known[i] = True
    return out, known


def make_suggestion(
    target: Hashable,
    weights: Mapping[str, float],
    factors: Mapping[str, tuple[float, str]],
    checks: Sequence[Check],
) -> Suggestion:
    contributions = {name: weights[name] * factors[name][0] for name in weights}
    score = 0.0
    for value in contributions.values():
        score += value
    return Suggestion(
        target=target,
        score=score,
        contributions=contributions,
        values={name: factors[name][0] for name in weights},
        constraints=tuple(c.text for c in checks),
        notes={name: factors[name][1] for name in weights},
    )
