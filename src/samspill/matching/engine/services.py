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
from samspill.matching.engine.common import (
    Check,
    Suggestion,
    Text,
    cefr_text,
    distance_check,
    distance_km,
    dot,
    gettext_noop,
    no_text,
    proximity,
    unit_vector,
)
from samspill.matching.engine.config import NEUTRAL, Weights
from samspill.matching.engine.features import ParticipantFeatures, ProgrammeFeatures


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

    # The reference rules are also the batch path (``BaseMatcher._vector``), which reads no texts: ``explain=False``
    # builds none.
    def _checks(self, p: ParticipantFeatures, g: ProgrammeFeatures, *, explain: bool = True) -> list[Check]:
        say = Text if explain else no_text
        shared = sorted(p.needs & g.needs)
        if shared:
            text = say(gettext_noop("needs: meets %(needs)s"), needs=", ".join(shared))
        else:
            text = say(gettext_noop("needs: meets none of the plan's needs"))
        checks = [Check("needs", bool(shared), text)]
        missing = sorted(g.required_eligibility - p.eligibility)
        if not g.required_eligibility:
            checks.append(Check("eligibility", True, say(gettext_noop("eligibility: nothing required"))))
        elif missing:
            text = say(gettext_noop("eligibility: missing %(facts)s"), facts=", ".join(missing))
            checks.append(Check("eligibility", False, text))
        else:
            text = say(gettext_noop("eligibility: %(facts)s"), facts=", ".join(sorted(g.required_eligibility)))
            checks.append(Check("eligibility", True, text))

        level = p.norwegian_level
        ok = g.min_norwegian_level <= level <= g.max_norwegian_level
        values = {
            "level": cefr_text(level),
            "low": cefr_text(g.min_norwegian_level),
            "high": cefr_text(g.max_norwegian_level),
        }
        if ok:
            text = say(gettext_noop("norwegian: %(level)s within %(low)s–%(high)s"), **values)
        else:
            text = say(gettext_noop("norwegian: %(level)s outside %(low)s–%(high)s"), **values)
        checks.append(Check("norwegian", ok, text))

        if g.requires_right_to_work:
            ok = p.right_to_work
            text = say(gettext_noop("right to work: yes")) if ok else say(gettext_noop("right to work: no"))
            checks.append(Check("right to work", ok, text))
        else:
            checks.append(Check("right to work", True, say(gettext_noop("right to work: not required"))))

        text = say(gettext_noop("seats: %(free)s of %(seats)s free"), free=g.free_seats, seats=g.seats)
        checks.append(Check("seats", g.free_seats > 0, text))

        u, v = unit_vector(p.home), unit_vector(g.location)
        if g.online:
            checks.append(Check("distance", True, say(gettext_noop("distance: online"))))
        elif u is None or v is None:
            checks.append(Check("distance", True, say(gettext_noop("distance: not checked (location unknown)"))))
        else:
            checks.append(distance_check(u, v, p.commuting_radius_km, say=say))
        return checks

    def _factors(
        self, p: ParticipantFeatures, g: ProgrammeFeatures, *, explain: bool = True
    ) -> dict[str, tuple[float, str]]:
        say = Text if explain else no_text
        shared = p.needs & g.needs
        needs = len(shared) / len(p.needs) if p.needs else 0.0

        levels = p.spoken_levels()
        best, best_lang = 0, None
        for lang in sorted(g.languages):
            if levels.get(lang, 0) > best:
                best, best_lang = levels[lang], lang
        if best_lang:
            language_note = say(gettext_noop("%(language)s at %(level)s"), language=best_lang, level=cefr_text(best))
        else:
            language_note = say(gettext_noop("no language of instruction spoken"))

        u, v = unit_vector(p.home), unit_vector(g.location)
        if g.online:
            near, near_note = 1.0, say(gettext_noop("online"))
        elif u is None or v is None:
            near, near_note = NEUTRAL, say(gettext_noop("location unknown"))
        else:
            d = dot(u, v)
            near, near_note = proximity(d), say(gettext_noop("%(km).1f km"), km=distance_km(d))

        available = g.free_seats / g.seats if g.seats > 0 else 0.0
        return {
            "needs": (
                needs,
                say(gettext_noop("%(met)s of %(total)s needs in the plan"), met=len(shared), total=len(p.needs)),
            ),
            "language": (best / 6, language_note),
            "proximity": (near, near_note),
            "availability": (
                available,
                say(gettext_noop("%(free)s of %(seats)s seats free"), free=g.free_seats, seats=g.seats),
            ),
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
