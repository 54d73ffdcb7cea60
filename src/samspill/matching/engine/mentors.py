"""Participant <-> peer mentor, for both kinds of peer the Networks of Strength work describes: an immigrant peer
(``migrant_peer``) and a native professional of the participant's own field (``native_professional``).

Hard constraints (``config.CONSTRAINTS["mentor"]``): a free place; a kind the participant asked for; a shared
language at A2 or above; for an immigrant peer, a shared language other than Norwegian at B1 or above, *or* the
background the participant explicitly asked for; for a native professional, the same ISCO sub-major group as one of
the participant's preferred or past occupations; the distance within the commuting radius unless the mentor meets
online.

Why language and not origin: the issue forbids country of origin as a scoring factor, and what makes a peer a peer
for mentoring is that the two can talk in the participant's strongest language and share the experience of
arriving. So the peer criterion is a shared language. A participant may still *ask* for a mentor of a given
background: that wish is ``ParticipantFeatures.preferred_mentor_background``, set only by the participant, compared
with the background the mentor declares, and never derived from ``country_of_origin`` (the invariance tests change
the origin and see no score move).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from samspill.matching.engine._base import BaseMatcher
from samspill.matching.engine.common import (
    EARTH_RADIUS_KM,
    PROXIMITY_KM,
    Check,
    Suggestion,
    Text,
    cefr_text,
    cos_radius,
    distance_check,
    distance_km,
    dot,
    gettext_noop,
    proximity,
    unit_vector,
    unit_vectors,
)
from samspill.matching.engine.config import NEUTRAL, Weights
from samspill.matching.engine.features import NORWEGIAN, MentorFeatures, ParticipantFeatures
from samspill.matching.engine.taxonomy import Taxonomy, isco_similarity

MIN_SHARED_LEVEL = 2  # A2: enough to hold a conversation
MIN_PEER_LEVEL = 3  # B1 in a language other than Norwegian
MIN_FIELD_SIMILARITY = 0.5  # same ISCO sub-major group


def _same_background(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.strip().casefold() == b.strip().casefold()


class MentorMatcher(BaseMatcher):
    """Suggests peer mentors. ``taxonomy`` only supplies occupation similarity (default: the ISCO tree)."""

    matcher = "mentor"
    target_type = MentorFeatures

    def __init__(self, *, weights: Weights | Mapping[str, float] | None = None, taxonomy: Taxonomy | None = None):
        super().__init__(weights=weights)
        self._similarity_fn = taxonomy.occupation_similarity if taxonomy is not None else isco_similarity
        self._sim_cache: dict[tuple[str, str], float] = {}

    def _similarity(self, a: str, b: str) -> float:
        value = self._sim_cache.get((a, b))
        if value is None:
            value = self._sim_cache[(a, b)] = float(self._similarity_fn(a, b))
        return value

    @staticmethod
    def _codes(p: ParticipantFeatures) -> list[str]:
        return sorted(set(p.preferred_occupations) | set(p.experience))

    @staticmethod
    def _shared(p_levels: Mapping[str, int], m: MentorFeatures) -> tuple[int, str | None, int, str | None]:
        """Best shared level (and language) over all languages, and over languages other than Norwegian."""
        best, best_lang, peer, peer_lang = 0, None, 0, None
        for lang in sorted(p_levels):
            level = min(p_levels[lang], m.languages.get(lang, 0))
            if level > best:
                best, best_lang = level, lang
            if lang != NORWEGIAN and level > peer:
                peer, peer_lang = level, lang
        return best, best_lang, peer, peer_lang

    def _field(self, codes: list[str], m: MentorFeatures) -> tuple[float, str | None]:
        best, closest = 0.0, None
        if m.occupation is None:
            return best, closest
        for code in codes:
            v = self._similarity(code, m.occupation)
            if v > best:
                best, closest = v, code
        return best, closest

    # ------------------------------------------------------------------ reference rules

    # The batch path (``_vector``) is vectorised and never asks for checks or factors: they always explain.
    def _checks(self, p: ParticipantFeatures, m: MentorFeatures, *, explain: bool = True) -> list[Check]:
        places = Text(
            gettext_noop("capacity: %(free)s of %(capacity)s places free"), free=m.free_places, capacity=m.capacity
        )
        checks = [Check("capacity", m.free_places > 0, places)]
        if p.preferred_mentor_kinds:
            ok = m.kind in p.preferred_mentor_kinds
            if ok:
                text = Text(gettext_noop("kind: %(kind)s asked for"), kind=m.kind)
            else:
                text = Text(gettext_noop("kind: %(kind)s not asked for"), kind=m.kind)
            checks.append(Check("kind", ok, text))
        else:
            checks.append(Check("kind", True, Text(gettext_noop("kind: %(kind)s, either asked for"), kind=m.kind)))

        best, best_lang, peer, peer_lang = self._shared(p.spoken_levels(), m)
        ok = best >= MIN_SHARED_LEVEL
        minimum = cefr_text(MIN_SHARED_LEVEL)
        if best_lang and ok:
            text = Text(
                gettext_noop("language: %(language)s at %(level)s ≥ %(minimum)s"),
                language=best_lang,
                level=cefr_text(best),
                minimum=minimum,
            )
        elif best_lang:
            text = Text(
                gettext_noop("language: %(language)s at %(level)s < %(minimum)s"),
                language=best_lang,
                level=cefr_text(best),
                minimum=minimum,
            )
        elif ok:
            text = Text(gettext_noop("language: none shared ≥ %(minimum)s"), minimum=minimum)
        else:
            text = Text(gettext_noop("language: none shared < %(minimum)s"), minimum=minimum)
        checks.append(Check("language", ok, text))

        if m.kind == "migrant_peer":
            if peer >= MIN_PEER_LEVEL:
                text = Text(
                    gettext_noop("peer: shares %(language)s at %(level)s"), language=peer_lang, level=cefr_text(peer)
                )
                checks.append(Check("peer", True, text))
            elif _same_background(p.preferred_mentor_background, m.background):
                checks.append(Check("peer", True, Text(gettext_noop("peer: the background the participant asked for"))))
            else:
                text = Text(
                    gettext_noop("peer: no language but Norwegian shared at %(level)s+"),
                    level=cefr_text(MIN_PEER_LEVEL),
                )
                checks.append(Check("peer", False, text))
        else:
            codes = self._codes(p)
            if not codes:
                text = Text(gettext_noop("field: not checked (no occupation on the profile)"))
                checks.append(Check("field", True, text))
            elif m.occupation is None:
                checks.append(Check("field", False, Text(gettext_noop("field: the mentor's field is unknown"))))
            else:
                sim, closest = self._field(codes, m)
                ok = sim >= MIN_FIELD_SIMILARITY
                values = {"occupation": m.occupation, "similarity": f"{sim:g}", "minimum": f"{MIN_FIELD_SIMILARITY}"}
                if closest and ok:
                    template = gettext_noop("field: %(closest)s against %(occupation)s, %(similarity)s ≥ %(minimum)s")
                elif closest:
                    template = gettext_noop("field: %(closest)s against %(occupation)s, %(similarity)s < %(minimum)s")
                elif ok:
                    template = gettext_noop("field: nothing near %(occupation)s, %(similarity)s ≥ %(minimum)s")
                else:
                    template = gettext_noop("field: nothing near %(occupation)s, %(similarity)s < %(minimum)s")
                if closest:
                    values["closest"] = closest
                checks.append(Check("field", ok, Text(template, **values)))

        u, v = unit_vector(p.home), unit_vector(m.location)
        if m.meets_online:
            checks.append(Check("distance", True, Text(gettext_noop("distance: meets online"))))
        elif u is None or v is None:
            checks.append(Check("distance", True, Text(gettext_noop("distance: not checked (location unknown)"))))
        else:
            checks.append(distance_check(u, v, p.commuting_radius_km, say=Text))
        return checks

    def _factors(
        self, p: ParticipantFeatures, m: MentorFeatures, *, explain: bool = True
    ) -> dict[str, tuple[float, str]]:
        codes = self._codes(p)
        if codes and m.occupation is not None:
            field, closest = self._field(codes, m)
            field_note = Text(
                gettext_noop("%(closest)s against the mentor's %(occupation)s"),
                closest=closest or Text(gettext_noop("none")),
                occupation=m.occupation,
            )
        else:
            field, field_note = NEUTRAL, Text(gettext_noop("field unknown on one side"))

        best, best_lang, _, _ = self._shared(p.spoken_levels(), m)
        language = best / 6
        if best_lang:
            language_note = Text(gettext_noop("%(language)s at %(level)s"), language=best_lang, level=cefr_text(best))
        else:
            language_note = Text(gettext_noop("no shared language"))

        if p.mentor_topics:
            hits = len(p.mentor_topics & m.topics)
            topics = hits / len(p.mentor_topics)
            topics_note = Text(gettext_noop("%(hits)s of %(total)s topics"), hits=hits, total=len(p.mentor_topics))
        else:
            topics, topics_note = NEUTRAL, Text(gettext_noop("no topics named"))

        u, v = unit_vector(p.home), unit_vector(m.location)
        if u is None or v is None:
            near, near_note = NEUTRAL, Text(gettext_noop("location unknown"))
        else:
            d = dot(u, v)
            near, near_note = proximity(d), Text(gettext_noop("%(km).1f km"), km=distance_km(d))

        available = m.free_places / m.capacity if m.capacity > 0 else 0.0
        places = Text(gettext_noop("%(free)s of %(capacity)s places free"), free=m.free_places, capacity=m.capacity)

        if p.preferred_mentor_background is None:
            background, background_note = NEUTRAL, Text(gettext_noop("not asked for"))
        elif _same_background(p.preferred_mentor_background, m.background):
            background, background_note = 1.0, Text(gettext_noop("as the participant asked"))
        else:
            background, background_note = 0.0, Text(gettext_noop("not the background the participant asked for"))

        return {
            "field": (field, field_note),
            "language": (language, language_note),
            "topics": (topics, topics_note),
            "proximity": (near, near_note),
            "availability": (available, places),
            "background": (background, background_note),
        }

    # ------------------------------------------------------------------ fitted, vectorised

    def fit(self, mentors: Sequence[MentorFeatures]) -> MentorMatcher:
        self._fit_targets(mentors)
        ms = self.targets_
        self._langs = sorted({lang for m in ms for lang in m.languages})
        lang_col = {lang: j for j, lang in enumerate(self._langs)}
        levels = np.zeros((len(ms), len(self._langs)), dtype=np.int64)
        for i, m in enumerate(ms):
            for lang, level in m.languages.items():
                levels[i, lang_col[lang]] = level
        self._levels = levels
        self._lang_col = lang_col
        self._fields = sorted({m.occupation for m in ms if m.occupation is not None})
        field_col = {c: j for j, c in enumerate(self._fields)}
        self._m_field = np.array([field_col.get(m.occupation, -1) for m in ms], dtype=np.int64)
        self._field_rows: dict[str, np.ndarray] = {}
        self._topics = sorted({t for m in ms for t in m.topics})
        topic_col = {t: j for j, t in enumerate(self._topics)}
        self._topic_col = topic_col
        topics = np.zeros((len(ms), len(self._topics)), dtype=np.int64)
        for i, m in enumerate(ms):
            for t in m.topics:
                topics[i, topic_col[t]] = 1
        self._m_topics = topics
        self._kind_peer = np.array([m.kind == "migrant_peer" for m in ms], dtype=np.bool_)
        self._kinds = np.array([m.kind for m in ms], dtype=object)
        self._free = np.array([m.free_places for m in ms], dtype=np.int64)
        self._capacity = np.array([m.capacity for m in ms], dtype=np.int64)
        self._u, self._known = unit_vectors([m.location for m in ms])
        self._online = np.array([m.meets_online for m in ms], dtype=np.bool_)
        self._backgrounds = [None if m.background is None else m.background.strip().casefold() for m in ms]
        return self

    @property
    def capacities_(self) -> np.ndarray:
        """Free places per fitted mentor, for ``assignment.assign``."""
        return self._free.copy()

    def _field_row(self, code: str) -> np.ndarray:
        row = self._field_rows.get(code)
        if row is None:
            row = np.array([self._similarity(code, c) for c in self._fields] + [0.0])  # [-1] = no field
            self._field_rows[code] = row
        return row

    def _vector(self, p: ParticipantFeatures) -> tuple[np.ndarray, np.ndarray]:
        n = len(self.targets_)
        ok = self._free > 0
        if p.preferred_mentor_kinds:
            ok &= np.isin(self._kinds, list(p.preferred_mentor_kinds))

        best = np.zeros(n, dtype=np.int64)
        peer = np.zeros(n, dtype=np.int64)
        for lang, level in p.spoken_levels().items():
            j = self._lang_col.get(lang)
            if j is None:
                continue
            shared = np.minimum(self._levels[:, j], level)
            np.maximum(best, shared, out=best)
            if lang != NORWEGIAN:
                np.maximum(peer, shared, out=peer)
        ok &= best >= MIN_SHARED_LEVEL

        if p.preferred_mentor_background is not None:
            wanted = p.preferred_mentor_background.strip().casefold()
            bg_match = np.array([b == wanted for b in self._backgrounds], dtype=np.bool_)
        else:
            bg_match = np.zeros(n, dtype=np.bool_)
        codes = self._codes(p)
        has_field = self._m_field >= 0
        if codes:
            field = np.zeros(n)
            for code in codes:
                np.maximum(field, self._field_row(code)[self._m_field], out=field)
            native_ok = has_field & (field >= MIN_FIELD_SIMILARITY)
        else:
            field = np.zeros(n)
            native_ok = np.ones(n, dtype=np.bool_)
        peer_ok = (peer >= MIN_PEER_LEVEL) | bg_match
        ok &= np.where(self._kind_peer, peer_ok, native_ok)

        u = unit_vector(p.home)
        if u is not None:
            d = self._u[:, 0] * u[0] + self._u[:, 1] * u[1] + self._u[:, 2] * u[2]
            if p.commuting_radius_km is not None:
                ok &= self._online | ~self._known | (d >= cos_radius(p.commuting_radius_km))
            km = EARTH_RADIUS_KM * np.arccos(np.clip(d, -1.0, 1.0))
            near = np.where(self._known, np.maximum(0.0, 1.0 - km / PROXIMITY_KM), NEUTRAL)
        else:
            near = np.full(n, NEUTRAL)

        f_field = np.where(has_field, field, NEUTRAL) if codes else np.full(n, NEUTRAL)
        f_language = best / 6
        if p.mentor_topics:
            cols = [self._topic_col[t] for t in sorted(p.mentor_topics) if t in self._topic_col]
            f_topics = self._m_topics[:, cols].sum(axis=1) / len(p.mentor_topics)
        else:
            f_topics = np.full(n, NEUTRAL)
        cap = np.maximum(self._capacity, 1)
        f_available = np.where(self._capacity > 0, self._free / cap, 0.0)
        if p.preferred_mentor_background is None:
            f_background = np.full(n, NEUTRAL)
        else:
            f_background = bg_match.astype(np.float64)

        w = self._w
        score = np.zeros(n)
        for weight, value in zip(w, (f_field, f_language, f_topics, near, f_available, f_background), strict=True):
            score += weight * value
        return ok, np.where(ok, score, -np.inf)


def suggest_mentors(
    participant: ParticipantFeatures,
    mentors: Sequence[MentorFeatures],
    *,
    weights: Weights | Mapping[str, float] | None = None,
    taxonomy: Taxonomy | None = None,
    top: int | None = 10,
) -> list[Suggestion]:
    """One-shot form of ``MentorMatcher(...).fit(mentors).suggest(participant, top)``."""
    return MentorMatcher(weights=weights, taxonomy=taxonomy).fit(mentors).suggest(participant, top=top)
