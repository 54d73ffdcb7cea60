"""Participant <-> programmes and services: the needs in the plan against eligibility and free capacity.

Hard constraints (``config.CONSTRAINTS["service"]``): the programme meets at least one need in the plan; the
participant has every eligibility fact it requires (facts the caseworker established: "introduction_programme",
"nav_14a", ... the vocabulary is the platform's); the participant's *current* Norwegian level is within its range
(a planned course does not count here: it is often this very programme); right to work where required; a free seat;
the distance within the commuting radius unless it is online.

Catalogues are small (hundreds of programmes), so the reference rules are also the fast path: no arrays.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from samspill.matching.engine._base import BaseMatcher
from samspill.matching.engine.common import Check, Suggestion, cos_radius, distance_km, dot, proximity, unit_vector
from samspill.matching.engine.config import NEUTRAL, Weights
from samspill.matching.engine.features import ParticipantFeatures, ProgrammeFeatures, cefr_label


class ServiceMatcher(BaseMatcher):
    matcher = "service"
    target_type = ProgrammeFeatures

    def fit(self, programmes: Sequence[ProgrammeFeatures]) -> ServiceMatcher:
        self._fit_targets(programmes)
        return self

    @property
    def capacities_(self) -> np.ndarray:
        """Free seats per fitted programme, for ``assignment.assign``."""
        return np.array([g.free_seats for g in self.targets_], dtype=np.int64)

    def _checks(self, p: ParticipantFeatures, g: ProgrammeFeatures) -> list[Check]:
        shared = sorted(p.needs & g.needs)
        checks = [
            Check(
                "needs",
                bool(shared),
                f"needs: meets {', '.join(shared)}" if shared else "needs: meets none of the plan's needs",
            )
        ]
        missing = sorted(g.required_eligibility - p.eligibility)
        if not g.required_eligibility:
            checks.append(Check("eligibility", True, "eligibility: nothing required"))
        elif missing:
            checks.append(Check("eligibility", False, f"eligibility: missing {', '.join(missing)}"))
        else:
            checks.append(Check("eligibility", True, f"eligibility: {', '.join(sorted(g.required_eligibility))}"))

        level = p.norwegian_level
        ok = g.min_norwegian_level <= level <= g.max_norwegian_level
        span = f"{cefr_label(g.min_norwegian_level)}–{cefr_label(g.max_norwegian_level)}"
        checks.append(Check("norwegian", ok, f"norwegian: {cefr_label(level)} {'within' if ok else 'outside'} {span}"))

        if g.requires_right_to_work:
            ok = p.right_to_work
            checks.append(Check("right to work", ok, f"right to work: {'yes' if ok else 'no'}"))
        else:
            checks.append(Check("right to work", True, "right to work: not required"))

        checks.append(Check("seats", g.free_seats > 0, f"seats: {g.free_seats} of {g.seats} free"))

        u, v = unit_vector(p.home), unit_vector(g.location)
        if g.online:
            checks.append(Check("distance", True, "distance: online"))
        elif u is None or v is None:
            checks.append(Check("distance", True, "distance: not checked (location unknown)"))
        else:
            d = dot(u, v)
            km = distance_km(d)
            if p.commuting_radius_km is None:
                checks.append(Check("distance", True, f"distance: {km:.1f} km, no radius stated"))
            else:
                ok = d >= cos_radius(p.commuting_radius_km)
                sign = "≤" if ok else ">"
                checks.append(Check("distance", ok, f"distance: {km:.1f} km {sign} {p.commuting_radius_km:g} km"))
        return checks

    def _factors(self, p: ParticipantFeatures, g: ProgrammeFeatures) -> dict[str, tuple[float, str]]:
        shared = p.needs & g.needs
        needs = len(shared) / len(p.needs) if p.needs else 0.0

        levels = p.spoken_levels()
        best, best_lang = 0, None
        for lang in sorted(g.languages):
            if levels.get(lang, 0) > best:
                best, best_lang = levels[lang], lang
        language_note = f"{best_lang} at {cefr_label(best)}" if best_lang else "no language of instruction spoken"

        u, v = unit_vector(p.home), unit_vector(g.location)
        if g.online:
            near, near_note = 1.0, "online"
        elif u is None or v is None:
            near, near_note = NEUTRAL, "location unknown"
        else:
            d = dot(u, v)
            near, near_note = proximity(d), f"{distance_km(d):.1f} km"

        available = g.free_seats / g.seats if g.seats > 0 else 0.0
        return {
            "needs": (needs, f"{len(shared)} of {len(p.needs)} needs in the plan"),
            "language": (best / 6, language_note),
            "proximity": (near, near_note),
            "availability": (available, f"{g.free_seats} of {g.seats} seats free"),
        }


def suggest_services(
    participant: ParticipantFeatures,
    programmes: Sequence[ProgrammeFeatures],
    *,
    weights: Weights | Mapping[str, float] | None = None,
    top: int | None = None,
) -> list[Suggestion]:
    """Every eligible programme (or the ``top`` best), best first, each explained."""
    return ServiceMatcher(weights=weights).fit(programmes).suggest(participant, top=top)
