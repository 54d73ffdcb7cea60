"""Participant <-> opportunity: hard constraints, scored factors with their explanation, and a batch path.

The rules, once, in words (``_checks`` and ``_factors`` are their reference implementation; the numba kernel in
``_kernels.py`` computes the same numbers for whole caseloads):

Hard constraints (a pair failing one is excluded, with the reason, never scored):

* right to work, unless the opportunity needs none;
* Norwegian: the participant's current CEFR level, **plus one level** when a Norwegian course is planned or in
  progress in their plan or the workplace offers language support (one level at most, capped at C2), reaches the
  required level. One level is what a course of a few months typically adds; the rule lets an A2 participant on a
  course be suggested for a B1 language-practice place, which is how such places are used;
* driving licence where required; weekly hours within the participant's maximum;
* straight-line distance within the commuting radius (not checked where a location or the radius is missing);
* a position free.

Scored factors (``config.FACTORS["job"]``): skills, occupation, experience, preferences, qualification, job quality.
The qualification factor penalises overqualification: 1 at the required ISCED level and one above, -0.25 per
further level above (a master's degree for an upper-secondary job scores 0.25), -0.5 per level under; where the
opportunity names no level, the typical level of its ISCO major group is required (``typical_education_level``).
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from samspill.matching.engine import _kernels
from samspill.matching.engine.common import (
    Check,
    Exclusion,
    Suggestion,
    Text,
    TopK,
    cefr_text,
    cos_radius,
    distance_check,
    gettext_noop,
    make_suggestion,
    unit_vector,
    unit_vectors,
)
from samspill.matching.engine.config import NEUTRAL, Weights, weights_for
from samspill.matching.engine.features import (
    OPPORTUNITY_KINDS,
    OpportunityFeatures,
    ParticipantFeatures,
)
from samspill.matching.engine.taxonomy import (
    InMemoryTaxonomy,
    Taxonomy,
    field_similarity,
    typical_education_level,
)

FULL_EXPERIENCE_YEARS = _kernels.FULL_EXPERIENCE_YEARS
_KIND_INDEX = {kind: i for i, kind in enumerate(OPPORTUNITY_KINDS)}


def _hours(h: float) -> str:
    return f"{h:g}"


@dataclass(frozen=True)
class EncodedParticipants:
    """Participants as the arrays the kernel reads (``JobMatcher.encode``); reusable across calls."""

    ids: list[Hashable]
    arrays: tuple


class JobMatcher:
    """Suggests opportunities to participants.

    >>> matcher = JobMatcher(taxonomy=taxonomy).fit(opportunities)   # once per catalogue change
    >>> matcher.suggest(participant, top=10)                          # one participant, explained
    >>> matcher.top_k(participants, k=10)                             # a caseload, scores only

    ``weights``: a ``Weights("job", ...)``, a mapping of overrides or None for the defaults. ``taxonomy`` supplies
    occupation similarity and ESCO skills; None uses the bare ISCO tree with no skills.
    """

    def __init__(self, *, weights: Weights | Mapping[str, float] | None = None, taxonomy: Taxonomy | None = None):
        self.weights = weights_for("job", weights)
        self.taxonomy = taxonomy if taxonomy is not None else InMemoryTaxonomy()
        self._sim_cache: dict[tuple[str, str], float] = {}
        self._skills_cache: dict[Hashable, tuple[frozenset[str], frozenset[str]]] = {}
        # A fitted matcher is shared by the threads of a web process; encoding may add similarity rows.
        self._lock = threading.RLock()

    # ------------------------------------------------------------------ reference rules, one pair

    def _similarity(self, a: str, b: str) -> float:
        key = (a, b)
        value = self._sim_cache.get(key)
        if value is None:
            value = float(self.taxonomy.occupation_similarity(a, b))
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"occupation_similarity({a!r}, {b!r}) = {value} is outside 0..1")
            self._sim_cache[key] = value
        return value

    def opportunity_skills(self, o: OpportunityFeatures) -> tuple[frozenset[str], frozenset[str]]:
        """(essential, optional): the employer's lists united with the occupation's ESCO relations; a skill that is
        essential on either side is essential."""
        fitted = getattr(self, "_fitted_by_id", {}).get(o.id) is o
        if fitted and o.id in self._skills_cache:
            return self._skills_cache[o.id]
        esco_essential, esco_optional = self.taxonomy.skills(o.occupation)
        essential = frozenset(o.essential_skills) | frozenset(esco_essential)
        optional = (frozenset(o.optional_skills) | frozenset(esco_optional)) - essential
        if fitted:
            self._skills_cache[o.id] = (essential, optional)
        return essential, optional

    def _checks(self, p: ParticipantFeatures, o: OpportunityFeatures) -> list[Check]:
        checks = []
        if o.requires_right_to_work:
            ok = p.right_to_work
            text = Text(gettext_noop("right to work: yes")) if ok else Text(gettext_noop("right to work: no"))
            checks.append(Check("right to work", ok, text))
        else:
            checks.append(Check("right to work", True, Text(gettext_noop("right to work: not required"))))

        effective = min(6, p.norwegian_level + 1) if p.norwegian_support or o.language_support else p.norwegian_level
        ok = effective >= o.norwegian_level
        level = cefr_text(p.norwegian_level)
        if p.norwegian_support and o.language_support:
            have = Text(gettext_noop("%(level)s +1 (course and workplace)"), level=level)
        elif p.norwegian_support:
            have = Text(gettext_noop("%(level)s +1 (course)"), level=level)
        elif o.language_support:
            have = Text(gettext_noop("%(level)s +1 (workplace)"), level=level)
        else:
            have = level
        required = cefr_text(o.norwegian_level)
        if ok:
            text = Text(gettext_noop("norwegian: %(have)s ≥ %(required)s"), have=have, required=required)
        else:
            text = Text(gettext_noop("norwegian: %(have)s < %(required)s"), have=have, required=required)
        checks.append(Check("norwegian", ok, text))

        if o.requires_driving_licence:
            ok = p.driving_licence
            if ok:
                text = Text(gettext_noop("driving licence: yes, required"))
            else:
                text = Text(gettext_noop("driving licence: no, required"))
            checks.append(Check("driving licence", ok, text))
        else:
            checks.append(Check("driving licence", True, Text(gettext_noop("driving licence: not required"))))

        hours = _hours(o.hours_per_week)
        if p.max_hours_per_week is None:
            text = Text(gettext_noop("hours: %(hours)s a week, no limit stated"), hours=hours)
            checks.append(Check("hours", True, text))
        else:
            ok = o.hours_per_week <= p.max_hours_per_week
            most = _hours(p.max_hours_per_week)
            if ok:
                text = Text(gettext_noop("hours: %(hours)s ≤ %(most)s a week"), hours=hours, most=most)
            else:
                text = Text(gettext_noop("hours: %(hours)s > %(most)s a week"), hours=hours, most=most)
            checks.append(Check("hours", ok, text))

        u, v = unit_vector(p.home), unit_vector(o.location)
        if u is None or v is None:
            if u is None:
                text = Text(gettext_noop("distance: not checked (home location unknown)"))
            else:
                text = Text(gettext_noop("distance: not checked (workplace location unknown)"))
            checks.append(Check("distance", True, text))
        else:
            checks.append(distance_check(u, v, p.commuting_radius_km, say=Text))

        ok = o.positions > 0
        checks.append(Check("positions", ok, Text(gettext_noop("positions: %(free)s free"), free=o.positions)))
        return checks

    def _factors(self, p: ParticipantFeatures, o: OpportunityFeatures) -> dict[str, tuple[float, str]]:
        essential, optional = self.opportunity_skills(o)
        den = 2 * len(essential) + len(optional)
        n_ess, n_opt = len(p.skills & essential), len(p.skills & optional)
        skills = (2 * n_ess + n_opt) / den if den > 0 else 0.0
        if den:
            skills_note = Text(
                gettext_noop(
                    "%(essential)s of %(essential_total)s essential and %(optional)s of %(optional_total)s "
                    "optional skills"
                ),
                essential=n_ess,
                essential_total=len(essential),
                optional=n_opt,
                optional_total=len(optional),
            )
        else:
            skills_note = Text(gettext_noop("no skills known for this opportunity"))

        occupation, total, closest = 0.0, 0.0, None
        for code, years in p.experience.items():
            v = self._similarity(code, o.occupation)
            if v > occupation:
                occupation, closest = v, code
            total += years * v
        experience = min(1.0, total / FULL_EXPERIENCE_YEARS)
        if closest:
            occupation_note = Text(
                gettext_noop("closest past occupation %(closest)s to %(occupation)s"),
                closest=closest,
                occupation=o.occupation,
            )
        else:
            occupation_note = Text(gettext_noop("no similar past occupation"))

        if p.preferred_occupations:
            occ_part, pref = 0.0, None
            for code in sorted(p.preferred_occupations):  # the kernel takes the max too: order does not matter
                v = self._similarity(code, o.occupation)
                if v > occ_part:
                    occ_part, pref = v, code
            if pref:
                occ_note = Text(
                    gettext_noop("preferred occupation %(occupation)s: %(similarity)s"),
                    occupation=pref,
                    similarity=f"{occ_part:g}",
                )
            else:
                occ_note = Text(gettext_noop("no preferred occupation near"))
        else:
            occ_part, occ_note = NEUTRAL, Text(gettext_noop("no occupation preference stated"))
        if not p.preferred_kinds:
            kind_part, kind_note = NEUTRAL, Text(gettext_noop("no kind preference stated"))
        elif o.kind in p.preferred_kinds:
            kind_part, kind_note = 1.0, Text(gettext_noop("%(kind)s preferred"), kind=o.kind)
        else:
            kind_part, kind_note = 0.0, Text(gettext_noop("%(kind)s not among preferred kinds"), kind=o.kind)
        preferences = 0.5 * occ_part + 0.5 * kind_part

        required = o.education_level if o.education_level is not None else typical_education_level(o.occupation)
        has_field = o.education_field is not None
        field_known = has_field and p.education_field is not None
        fsim = field_similarity(p.education_field, o.education_field) if field_known else 0.0
        edu = -1 if p.education_level is None else p.education_level
        qualification = _kernels.qualification_value.py_func(edu, required, has_field, field_known, fsim)
        if p.education_level is None:
            qual_note = Text(gettext_noop("education unknown"))
        else:
            if o.education_level is not None:
                qual_note = Text(
                    gettext_noop("ISCED %(level)s against %(required)s required"),
                    level=p.education_level,
                    required=required,
                )
            else:
                qual_note = Text(
                    gettext_noop("ISCED %(level)s against %(required)s typical for the occupation"),
                    level=p.education_level,
                    required=required,
                )
            if o.education_field is not None:
                if p.education_field:
                    field_note = Text(
                        gettext_noop("field %(field)s against %(required)s"),
                        field=p.education_field,
                        required=o.education_field,
                    )
                else:
                    field_note = Text(gettext_noop("field unknown against %(required)s"), required=o.education_field)
                qual_note = Text(gettext_noop("%(education)s; %(field)s"), education=qual_note, field=field_note)

        if o.job_quality is None:
            quality, quality_note = NEUTRAL, Text(gettext_noop("not assessed"))
        else:
            quality, quality_note = float(o.job_quality), Text(gettext_noop("assessed"))

        return {
            "skills": (skills, skills_note),
            "occupation": (occupation, occupation_note),
            "experience": (experience, Text(gettext_noop("%(years).1f similarity-weighted years"), years=total)),
            "preferences": (
                preferences,
                Text(gettext_noop("%(occupation)s; %(kind)s"), occupation=occ_note, kind=kind_note),
            ),
            "qualification": (qualification, qual_note),
            "job_quality": (quality, quality_note),
        }

    def factor_values(self, p: ParticipantFeatures, o: OpportunityFeatures | Hashable) -> dict[str, float]:
        """Each scored factor's value (0..1, before weighting) for the pair, whether or not it passes the hard
        constraints: what an evaluation compares between suggestions and the placements actually made."""
        if not isinstance(o, OpportunityFeatures):
            o = self._by_id()[o]
        return {name: value for name, (value, _note) in self._factors(p, o).items()}

    def explain(self, p: ParticipantFeatures, o: OpportunityFeatures | Hashable) -> Suggestion | Exclusion:
        """The full verdict on one pair: the suggestion with its explanation, or the constraints it failed."""
        if not isinstance(o, OpportunityFeatures):
            o = self._by_id()[o]
        checks = self._checks(p, o)
        failed = tuple(c.text for c in checks if not c.passed)
        if failed:
            return Exclusion(o.id, failed)
        return make_suggestion(o.id, self.weights, self._factors(p, o), checks)

    # ------------------------------------------------------------------ fitted catalogue

    def fit(self, opportunities: Sequence[OpportunityFeatures]) -> JobMatcher:
        """Index a catalogue of opportunities: arrays for the kernel, an inverted skill index."""
        opportunities = list(opportunities)
        ids = [o.id for o in opportunities]
        if len(set(ids)) != len(ids):
            raise ValueError("opportunity ids must be unique")
        self.opportunities_ = opportunities
        self.ids_ = ids
        self._fitted_by_id = {o.id: o for o in opportunities}
        self._skills_cache = {}
        n = len(opportunities)

        self._occ_cols = sorted({o.occupation for o in opportunities})
        col_of = {c: i for i, c in enumerate(self._occ_cols)}
        self._occ_rows: dict[str, int] = {}
        self._sim_rows: list[np.ndarray] = []
        self._field_cols = sorted({o.education_field for o in opportunities if o.education_field is not None})
        field_col_of = {c: i for i, c in enumerate(self._field_cols)}
        self._field_rows: dict[str, int] = {}
        self._field_sim_rows: list[np.ndarray] = []
        self._stacked_key: tuple[int, int] | None = None

        # The inverted skill index as CSR: skill -> (opportunity, 2 essential / 1 optional). Counts are small integers,
        # exact in any summation order, so neither skill ids nor posting order affect a score.
        skill_of: dict[str, int] = {}
        ids: list[int] = []
        n_essential = np.zeros(n, dtype=np.int64)
        n_optional = np.zeros(n, dtype=np.int64)
        for i, o in enumerate(opportunities):
            essential, optional = self.opportunity_skills(o)
            ids.extend([skill_of.setdefault(s, len(skill_of)) for s in essential])
            ids.extend([skill_of.setdefault(s, len(skill_of)) for s in optional])
            n_essential[i], n_optional[i] = len(essential), len(optional)
        self._skill_of = skill_of
        den = (2 * n_essential + n_optional).astype(np.float64)
        sizes = np.column_stack([n_essential, n_optional]).ravel()
        post_skill = np.array(ids, dtype=np.int64)
        post_opp = np.repeat(np.repeat(np.arange(n, dtype=np.int64), 2), sizes)
        post_w = np.repeat(np.tile([2.0, 1.0], n), sizes)
        by_skill = np.argsort(post_skill, kind="stable")
        inv_ptr = np.zeros(len(skill_of) + 1, dtype=np.int64)
        inv_ptr[1:] = np.cumsum(np.bincount(post_skill, minlength=len(skill_of)))
        inv_opp = post_opp[by_skill]
        inv_w = post_w[by_skill]

        u, known = unit_vectors([o.location for o in opportunities])
        arrays = (
            np.array([col_of[o.occupation] for o in opportunities], dtype=np.int64),
            np.array([_KIND_INDEX[o.kind] for o in opportunities], dtype=np.int64),
            np.array([o.norwegian_level for o in opportunities], dtype=np.int64),
            np.array([o.language_support for o in opportunities], dtype=np.bool_),
            np.array([o.hours_per_week for o in opportunities], dtype=np.float64),
            np.array([o.requires_driving_licence for o in opportunities], dtype=np.bool_),
            np.array([o.requires_right_to_work for o in opportunities], dtype=np.bool_),
            known,
            u,
            den,
            np.array(
                [
                    o.education_level if o.education_level is not None else typical_education_level(o.occupation)
                    for o in opportunities
                ],
                dtype=np.int64,
            ),
            np.array(
                [-1 if o.education_field is None else field_col_of[o.education_field] for o in opportunities],
                dtype=np.int64,
            ),
            np.array([NEUTRAL if o.job_quality is None else o.job_quality for o in opportunities], dtype=np.float64),
            np.array([o.positions for o in opportunities], dtype=np.int64),
        )
        # The kernel reads the catalogue sorted by latitude (z = sin(latitude)), located opportunities first, so that
        # a commuting radius narrows the scan to a band; it reports catalogue positions.
        order = np.lexsort((np.where(known, u[:, 2], 0.0), ~known))
        position = np.empty(n, dtype=np.int64)
        position[order] = np.arange(n)
        self._positions = arrays[13]
        self._o = (
            order.astype(np.int64),
            np.ascontiguousarray(u[order][: int(known.sum()), 2]),
            *(np.ascontiguousarray(a[order]) for a in arrays),
            inv_ptr,
            position[inv_opp].astype(np.int32),
            inv_w,
        )
        self._w = np.array(list(self.weights.values()), dtype=np.float64)
        return self

    @property
    def capacities_(self) -> np.ndarray:
        """Free positions per fitted opportunity, for ``assignment.assign``."""
        return self._positions.copy()

    def _by_id(self) -> dict[Hashable, OpportunityFeatures]:
        try:
            return self._fitted_by_id
        except AttributeError:
            raise RuntimeError("call fit(opportunities) first") from None

    def _occ_row(self, code: str) -> int:
        row = self._occ_rows.get(code)
        if row is None:
            row = len(self._sim_rows)
            self._sim_rows.append(np.array([self._similarity(code, c) for c in self._occ_cols], dtype=np.float64))
            self._occ_rows[code] = row
        return row

    def _field_row(self, name: str) -> int:
        row = self._field_rows.get(name)
        if row is None:
            row = len(self._field_sim_rows)
            self._field_sim_rows.append(np.array([field_similarity(name, c) for c in self._field_cols]))
            self._field_rows[name] = row
        return row

    def encode(self, participants: Iterable[ParticipantFeatures]) -> EncodedParticipants:
        """Participants as kernel arrays. Costs about 10 us each; encode once to reuse across calls."""
        with self._lock:
            return self._encode(participants)

    def _encode(self, participants: Iterable[ParticipantFeatures]) -> EncodedParticipants:
        self._by_id()
        participants = list(participants)
        n = len(participants)
        skill_ptr, skill_idx = [0], []
        exp_ptr, exp_row, exp_years = [0], [], []
        pref_ptr, pref_row = [0], []
        kinds = np.zeros(n, dtype=np.int64)
        edu = np.full(n, -1, dtype=np.int64)
        field = np.full(n, -1, dtype=np.int64)
        skill_of = self._skill_of
        for i, p in enumerate(participants):
            skill_idx.extend(sorted(skill_of[s] for s in p.skills if s in skill_of))
            skill_ptr.append(len(skill_idx))
            for code, years in p.experience.items():
                exp_row.append(self._occ_row(code))
                exp_years.append(years)
            exp_ptr.append(len(exp_row))
            pref_row.extend(self._occ_row(code) for code in sorted(p.preferred_occupations))
            pref_ptr.append(len(pref_row))
            for kind in p.preferred_kinds:
                if kind in _KIND_INDEX:
                    kinds[i] |= 1 << _KIND_INDEX[kind]
                else:
                    # An unknown kind still counts as "a preference was stated", which no opportunity meets.
                    kinds[i] |= 1 << 62
            if p.education_level is not None:
                edu[i] = p.education_level
            if p.education_field is not None:
                field[i] = self._field_row(p.education_field)
        u, known = unit_vectors([p.home for p in participants])
        arrays = (
            np.array([p.norwegian_level for p in participants], dtype=np.int64),
            np.array([p.norwegian_support for p in participants], dtype=np.bool_),
            np.array([p.right_to_work for p in participants], dtype=np.bool_),
            np.array([p.driving_licence for p in participants], dtype=np.bool_),
            np.array([np.inf if p.max_hours_per_week is None else p.max_hours_per_week for p in participants]),
            known,
            u,
            np.array([cos_radius(p.commuting_radius_km) for p in participants], dtype=np.float64),
            np.array(skill_ptr, dtype=np.int64),
            np.array(skill_idx, dtype=np.int64),
            np.array(exp_ptr, dtype=np.int64),
            np.array(exp_row, dtype=np.int64),
            np.array(exp_years, dtype=np.float64),
            np.array(pref_ptr, dtype=np.int64),
            np.array(pref_row, dtype=np.int64),
            kinds,
            edu,
            field,
        )
        return EncodedParticipants([p.id for p in participants], arrays)

    def _shared(self) -> tuple[np.ndarray, np.ndarray]:
        # Stacked once per new occupation or field seen, not per call: a single suggestion must stay cheap.
        key = (len(self._sim_rows), len(self._field_sim_rows))
        if self._stacked_key != key:
            self._stacked = self._stack()
            self._stacked_key = key
        return self._stacked

    def _stack(self) -> tuple[np.ndarray, np.ndarray]:
        n_cols = len(self._occ_cols)
        sim = np.vstack(self._sim_rows) if self._sim_rows else np.zeros((1, max(1, n_cols)))
        n_fcols = max(1, len(self._field_cols))
        fields = np.vstack(self._field_sim_rows) if self._field_sim_rows else np.zeros((1, n_fcols))
        if fields.shape[1] == 0:
            fields = np.zeros((fields.shape[0], 1))
        return sim, fields

    def top_k(self, participants: Iterable[ParticipantFeatures] | EncodedParticipants, k: int = 10) -> TopK:
        """Each participant's k best eligible opportunities (scores only, no explanation), all cores."""
        if k < 1:
            raise ValueError("k must be >= 1")
        with self._lock:
            encoded = participants if isinstance(participants, EncodedParticipants) else self._encode(participants)
            sim, fields = self._shared()
        if len(self.ids_) == 0 or len(encoded.ids) == 0:
            index = np.full((len(encoded.ids), k), -1, dtype=np.int64)
            return TopK(encoded.ids, self.ids_, index, np.full(index.shape, -np.inf))
        index, score = _kernels.top_k_jobs(*self._o, *encoded.arrays, sim, fields, self._w, k)
        return TopK(encoded.ids, self.ids_, index, score)

    def suggest(self, p: ParticipantFeatures, top: int = 10) -> list[Suggestion]:
        """The participant's ``top`` best opportunities, best first, each with its explanation."""
        result = self.top_k([p], k=top)
        by_id = self._by_id()
        out = []
        for target, _ in result.for_participant(0):
            s = self.explain(p, by_id[target])
            assert isinstance(s, Suggestion)
            out.append(s)
        # In the kernel's order (score, then catalogue position): the explained sums are the very same numbers.
        return out

    def excluded(self, p: ParticipantFeatures, targets: Iterable[Hashable] | None = None) -> list[Exclusion]:
        """Why opportunities are not suggested: each excluded one with the constraints it failed. About 10 us per
        opportunity checked; pass ``targets`` to ask about a few."""
        by_id = self._by_id()
        chosen = self.opportunities_ if targets is None else [by_id[t] for t in targets]
        out = []
        for o in chosen:
            failed = tuple(c.text for c in self._checks(p, o) if not c.passed)
            if failed:
                out.append(Exclusion(o.id, failed))
        return out


def suggest_jobs(
    participant: ParticipantFeatures,
    opportunities: Sequence[OpportunityFeatures],
    *,
    weights: Weights | Mapping[str, float] | None = None,
    taxonomy: Taxonomy | None = None,
    top: int = 10,
) -> list[Suggestion]:
    """One-shot form of ``JobMatcher(...).fit(opportunities).suggest(participant, top)``. Indexing the catalogue is
    most of the cost: a web process should keep a fitted ``JobMatcher`` and refit when the catalogue changes."""
    return JobMatcher(weights=weights, taxonomy=taxonomy).fit(opportunities).suggest(participant, top=top)


def top_k_jobs(
    participants: Iterable[ParticipantFeatures],
    opportunities: Sequence[OpportunityFeatures],
    *,
    weights: Weights | Mapping[str, float] | None = None,
    taxonomy: Taxonomy | None = None,
    k: int = 10,
) -> TopK:
    return JobMatcher(weights=weights, taxonomy=taxonomy).fit(opportunities).top_k(participants, k=k)
