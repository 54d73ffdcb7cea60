"""How good are the job suggestions? The job matcher replayed on the placements that were made. A read: nothing is
written, and nothing is logged (an aggregate over the coordinator's own organisations, like the indicators).

For every placement of a participant whose pathway belongs to an organisation where the actor is coordinator, the
matcher is asked what it would have suggested **on the placement's start date, knowing only what the platform knew
then**:

* the opportunities: those registered on or before the start date whose status was still *open* when that day
  began (one filled or closed on the start date itself still counts: the placement that fills it is made that
  day), and always the placement's own. Opportunities registered later are never seen. Later changes to an
  opportunity's kind, occupation, Norwegian requirement, hours, place or positions are undone (change log);
* the participant: the profile as it stood at the end of the start date, rebuilt from today's profile by undoing
  every change the change log recorded after that moment (Norwegian and other languages, driving licence, hours,
  commuting radius, municipality; educations, work experience and skills added or removed later; the stated
  wishes), and the plan's activities open then (a Norwegian course in the plan counts as language support).

What cannot be rebuilt, and is read as it is today: job quality (the job-exposure matrix loaded today and the
employer's industry today), the occupation tree and the municipality centroids, an opportunity's employer, a
pathway closed and then reopened (read as open since it started), and any change made outside the platform's
services, which write the change log (a correction made directly in the database, say). The weights are the ones
each participant's organisation uses today: the evaluation says how the matcher *as configured now* would have
done, so a coordinator who changes the weights sees the effect.

The numbers. Opportunities with the same score are common (the same occupation, kind and requirements at several
employers) and the suggestions page lists them newest first, an order that says nothing about fit, so the rank of
the placed opportunity is counted with ties shared out evenly (see ``_Counts``): the *hit rate* is the expected
share of placements whose opportunity was among the ``top``; ``hit_rate_as_listed`` is the share in the page's own
order. The *random baseline* is what ``top`` opportunities drawn at random from those open would achieve (``top /
open``, at most 1, averaged over the placements); the *random eligible baseline* is the same draw among the open
opportunities that pass the hard constraints (a placement the matcher would have excluded is a miss for both).
The distributions of job quality and of the use of qualifications (the matcher's factor values, 0 to 1) compare
the ``top`` suggestions the page would have shown with the placements actually made; counts from 1 to 4 are
hidden, and a second count where the hidden one could be worked out from the total (``analysis.disclosure``).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

import numpy as np
from django.core.cache import cache
from django.utils import timezone

from samspill.access.selectors import actor_organisation_ids, pathways_for_actor
from samspill.analysis.disclosure import THRESHOLD, suppression_mask
from samspill.audit.selectors import changes_recorded
from samspill.core import clock
from samspill.core.roles import Role
from samspill.employers.selectors import opportunities_for_actor, placements_for_actor
from samspill.matching.engine import JobMatcher
from samspill.matching.features import job_quality_score, opportunity_features, participant_features
from samspill.matching.models import Wishes
from samspill.matching.selectors import _PlatformTaxonomy, organisation_weights
from samspill.pathways.stages import FINAL_ACTIVITY_STATUSES
from samspill.taxonomy.selectors import municipality_centroids

TOP = 10
CACHE_SECONDS = 600
# Bins of a factor value (0..1): [0, 0.25), [0.25, 0.5), [0.5, 0.75), [0.75, 1]; then the values not known.
BINS = ((0.0, 0.25), (0.25, 0.5), (0.5, 0.75), (0.75, 1.0))
UNKNOWN = "unknown"

# Why a placement is left out.
SKIP_OPPORTUNITY_LATER = "opportunity_registered_later"
SKIP_PARTICIPANT_LATER = "participant_registered_later"
SKIP_REASONS = (SKIP_OPPORTUNITY_LATER, SKIP_PARTICIPANT_LATER)

# The change log's entities read here (model labels), and the fields of each that the features read.
OPPORTUNITY = "employers.Opportunity"
PARTICIPANT = "people.Participant"
LANGUAGE = "people.LanguageSkill"
ACTIVITY = "pathways.Activity"
WISHES = "matching.Wishes"
ITEMS = {"educations": "people.Education", "experiences": "people.WorkExperience", "skills": "people.Skill"}
ITEM_FIELDS = {
    "educations": ("level", "field"),
    "experiences": ("occupation_code", "years"),
    "skills": ("name", "esco_uri"),
}
LANGUAGE_FIELDS = (
    "language",
    "is_mother_tongue",
    "listening",
    "reading",
    "spoken_interaction",
    "spoken_production",
    "writing",
)
PARTICIPANT_FIELDS = ("driving_licence", "hours_preference", "commuting_radius_km", "municipality_number")
WISH_FIELDS = ("occupations", "opportunity_kinds", "mentor_topics", "mentor_kind")
OPPORTUNITY_FIELDS = (
    "kind",
    "occupation_code",
    "norwegian_level",
    "hours_per_week",
    "municipality_number",
    "positions",
)


@dataclass(frozen=True)
class DistributionRow:
    key: str  # "0.00-0.25" … "0.75-1.00", or UNKNOWN
    lower: float | None
    upper: float | None
    suggestions: int | None  # None: hidden by disclosure control
    placements: int | None


@dataclass(frozen=True)
class Distribution:
    factor: str  # "job_quality" | "qualification"
    rows: tuple[DistributionRow, ...]
    suggestions_total: int | None
    placements_total: int | None
    # (first quartile, median, third quartile) of the known values; None under THRESHOLD known values.
    suggestions_quartiles: tuple[float, float, float] | None
    placements_quartiles: tuple[float, float, float] | None


@dataclass(frozen=True)
class MatcherEvaluation:
    top: int
    computed_at: dt.datetime
    placements: int  # in scope
    evaluated: int
    skipped: dict[str, int]  # reason (SKIP_REASONS) -> placements
    hits: float  # expected, ties shared out (see _Counts)
    hit_rate: float | None
    hit_rate_as_listed: float | None  # in the page's order: of equally scored opportunities, the newest first
    mean_rank_of_hits: float | None
    # The placed opportunity's rank among the open opportunities that passed the hard constraints (median), where
    # it passed them itself.
    median_rank: float | None
    excluded: int  # placements whose opportunity failed a hard constraint at the time
    excluded_by: dict[str, int]  # constraint -> placements (one can fail several)
    mean_open: float | None  # opportunities open at the start, on average
    mean_eligible: float | None  # of those, passing the hard constraints for the participant, on average
    baseline_random: float | None
    baseline_random_eligible: float | None
    profiles_rebuilt: int  # placements whose participant's profile or wishes changed after the start
    opportunities_rebuilt: int  # opportunities read as they were before a later change
    job_quality: Distribution
    qualification: Distribution
    cached: bool = False

    def as_dict(self) -> dict:
        """For the API, with the page's protection: counts from 1 to ``THRESHOLD - 1`` are null, and with fewer
        than ``THRESHOLD`` placements evaluated there are no rates, ranks or distributions."""

        def count(value):
            return None if value is not None and 0 < value < THRESHOLD else value

        data = {
            "top": self.top,
            "computed_at": self.computed_at,
            "placements": self.placements,
            "evaluated": count(self.evaluated),
            "skipped": {reason: count(n) for reason, n in self.skipped.items()},
            "enough_to_judge": self.evaluated >= THRESHOLD,
        }
        if self.evaluated < THRESHOLD:
            return data
        return {
            **data,
            "hit_rate": self.hit_rate,
            "hit_rate_as_listed": self.hit_rate_as_listed,
            "baseline_random": self.baseline_random,
            "baseline_random_eligible": self.baseline_random_eligible,
            "mean_rank_of_hits": self.mean_rank_of_hits,
            "median_rank": self.median_rank,
            "mean_open": self.mean_open,
            "mean_eligible": self.mean_eligible,
            "excluded": count(self.excluded),
            "excluded_by": {constraint: count(n) for constraint, n in self.excluded_by.items()},
            "profiles_rebuilt": count(self.profiles_rebuilt),
            "opportunities_rebuilt": count(self.opportunities_rebuilt),
            "distributions": [dataclasses.asdict(d) for d in (self.job_quality, self.qualification)],
        }


# ---------------------------------------------------------------------------------------------------------------
# Time: the platform's days (Europe/Oslo)


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _day_end(day: dt.date) -> dt.datetime:
    """The first moment after ``day``: "as it stood at the end of the day" is "before this"."""
    return _day_start(day + dt.timedelta(days=1))


# ---------------------------------------------------------------------------------------------------------------
# Undoing the change log


def _undo(state: dict, entries: list[dict], moment: dt.datetime) -> bool:
    """``state`` (field -> value, changed in place) as it was at ``moment``: the changes of ``entries`` (oldest
    first) recorded at or after it undone, latest first. True when a value was undone."""
    undone = False
    for entry in reversed(entries):
        if entry["at"] < moment:
            break
        if entry["action"] != "update":  # a creation after the moment: callers leave such objects out
            continue
        for name, pair in entry["changes"].items():
            if name in state and isinstance(pair, list) and len(pair) == 2:
                state[name] = pair[0]
                undone = True
    return undone


class _Rows:
    """What ``participant_features`` reads as a related manager: ``.all()``."""

    def __init__(self, rows):
        self._rows = list(rows)

    def all(self):
        return self._rows


def _item(section: str, values: dict) -> SimpleNamespace:
    """A profile row removed since, from the values the change log kept of it."""
    fields = {name: values.get(name) for name in ITEM_FIELDS[section]}
    if section == "experiences":
        fields["years"] = Decimal(str(fields["years"] or 0))
        fields["occupation_code"] = fields["occupation_code"] or ""
    elif section == "skills":
        fields["name"], fields["esco_uri"] = fields["name"] or "", fields["esco_uri"] or ""
    return SimpleNamespace(**fields)


class _History:
    """The change log of the participants and opportunities in scope, read at once, and what it says of a moment."""

    def __init__(self, participant_ids, since: dt.datetime):
        self.by_object: dict[tuple[str, str], list[dict]] = defaultdict(list)
        self.languages: dict[object, list[dict]] = defaultdict(list)  # participant and language rows
        self.deleted: dict[object, list[dict]] = defaultdict(list)
        # A language row names its language only when created; replacing the list makes new rows.
        self.language_of: dict[str, str] = {}
        for entry in changes_recorded(entities=[LANGUAGE], participant_ids=participant_ids):
            language = entry["changes"].get("language")
            if entry["action"] == "create" and language:
                self.language_of[entry["object_id"]] = language[1]
        entities = [PARTICIPANT, LANGUAGE, ACTIVITY, WISHES, *ITEMS.values()]
        for entry in changes_recorded(entities=entities, since=since, participant_ids=participant_ids):
            self.by_object[entry["entity"], entry["object_id"]].append(entry)
            if entry["entity"] in (PARTICIPANT, LANGUAGE):
                self.languages[entry["participant_id"]].append(entry)
            if entry["action"] == "delete":
                self.deleted[entry["participant_id"]].append(entry)
        for entry in changes_recorded(entities=[OPPORTUNITY], since=since):
            self.by_object[OPPORTUNITY, entry["object_id"]].append(entry)

    def entries(self, entity: str, pk) -> list[dict]:
        return self.by_object.get((entity, str(pk)), [])

    def created_since(self, entity: str, pk, moment: dt.datetime) -> bool:
        return any(e["action"] == "create" and e["at"] >= moment for e in self.entries(entity, pk))

    # -- the participant

    def _languages(self, participant, moment: dt.datetime) -> tuple[list, bool]:
        """The language rows at ``moment``. Two writes change them: replacing the whole list (a participant row of
        the log with the lists before and after) and saving one language (a language row)."""
        for row in participant.languages.all():
            self.language_of.setdefault(str(row.pk), row.language)
        state = {
            row.language: {name: getattr(row, name) for name in LANGUAGE_FIELDS} for row in participant.languages.all()
        }
        undone = False
        for entry in reversed(self.languages.get(participant.pk, [])):
            if entry["at"] < moment:
                break
            changes = entry["changes"]
            if entry["entity"] == PARTICIPANT:
                if "languages" in changes:
                    state = {language: dict(row) for language, row in (changes["languages"][0] or {}).items()}
                    undone = True
                continue
            language = self.language_of.get(entry["object_id"])
            if language is None:
                continue
            if entry["action"] == "create":
                state.pop(language, None)
            else:
                row = state.setdefault(language, {"language": language})
                for name, pair in changes.items():
                    row[name] = pair[0]
            undone = True
        rows = [
            SimpleNamespace(
                **{name: row.get(name) or (False if name == "is_mother_tongue" else "") for name in LANGUAGE_FIELDS}
            )
            for row in state.values()
        ]
        return rows, undone

    def _items(self, participant, section: str, moment: dt.datetime) -> tuple[list, bool]:
        """Educations, work experience or skills at ``moment``: rows are added and removed, never changed."""
        entity, changed, rows = ITEMS[section], False, []
        for row in getattr(participant, section).all():
            if row.created_at < moment:
                rows.append(row)
            else:
                changed = True
        for entry in self.deleted.get(participant.pk, []):
            if entry["entity"] == entity and entry["at"] >= moment:
                changed = True
                if not self.created_since(entity, entry["object_id"], moment):
                    rows.append(_item(section, {name: pair[0] for name, pair in entry["changes"].items()}))
        return rows, changed

    def wishes_at(self, current, moment: dt.datetime) -> tuple[object, bool]:
        """The participant's stated wishes (``current``: the row today, or None) at ``moment``; True when a later
        change was undone."""
        if current is None:
            return None, False
        if self.created_since(WISHES, current.pk, moment):
            return None, True
        state = {name: getattr(current, name) for name in WISH_FIELDS}
        undone = _undo(state, self.entries(WISHES, current.pk), moment)
        return SimpleNamespace(
            **{name: value or ([] if name != "mentor_kind" else "") for name, value in state.items()}
        ), undone

    def profile_at(self, participant, day: dt.date) -> tuple[object, list[str], bool]:
        """The participant as ``participant_features`` reads them, and the kinds of the plan's open activities, at
        the end of ``day``; True when a later change to the profile (not the plan) was undone."""
        moment = _day_end(day)
        scalars = {name: getattr(participant, name) for name in PARTICIPANT_FIELDS}
        changed = _undo(scalars, self.entries(PARTICIPANT, participant.pk), moment)
        languages, undone = self._languages(participant, moment)
        changed |= undone
        sections = {}
        for section in ITEMS:
            sections[section], undone = self._items(participant, section, moment)
            changed |= undone
        kinds = set()
        for pathway in participant.pathways.all():
            if pathway.started_on > day or (pathway.closed_on is not None and pathway.closed_on <= day):
                continue
            for activity in pathway.activities.all():
                if activity.created_at >= moment:
                    continue
                state = {"status": activity.status, "kind": activity.kind}
                _undo(state, self.entries(ACTIVITY, activity.pk), moment)
                if state["status"] not in FINAL_ACTIVITY_STATUSES:
                    kinds.add(state["kind"])
        profile = SimpleNamespace(
            pk=participant.pk,
            **scalars,
            languages=_Rows(languages),
            **{section: _Rows(rows) for section, rows in sections.items()},
        )
        return profile, sorted(kinds), changed

    # -- opportunities

    def opportunity_status_at(self, opportunity, moment: dt.datetime) -> str:
        status = opportunity.status
        for entry in reversed(self.entries(OPPORTUNITY, opportunity.pk)):
            if entry["at"] < moment:
                break
            if entry["action"] == "update" and "status" in entry["changes"]:
                status = entry["changes"]["status"][0]
        return status

    def opportunity_fields_at(self, opportunity, moment: dt.datetime) -> dict | None:
        """The fields of ``opportunity`` that the features read, as they were at ``moment``; None when none has
        changed since."""
        later = [e for e in self.entries(OPPORTUNITY, opportunity.pk) if e["at"] >= moment and e["action"] == "update"]
        if not any(name in e["changes"] for e in later for name in OPPORTUNITY_FIELDS):
            return None
        state = {name: getattr(opportunity, name) for name in OPPORTUNITY_FIELDS}
        _undo(state, later, moment)
        return {name: _parse(name, value) for name, value in state.items()}


def _parse(name: str, value):
    """A value as the change log keeps it (plain JSON) back to the model's type."""
    if name == "hours_per_week":
        return Decimal(str(value))
    if name == "positions":
        return int(value)
    return "" if value is None else value


# ---------------------------------------------------------------------------------------------------------------
# Distributions, with disclosure control


def _bin(value: float) -> int:
    for index, (_lower, upper) in enumerate(BINS):
        if value < upper:
            return index
    return len(BINS) - 1


def _quartiles(values: list[float]) -> tuple[float, float, float] | None:
    if len(values) < THRESHOLD:
        return None
    q1, median, q3 = np.percentile(np.asarray(values, dtype=float), [25, 50, 75])
    return round(float(q1), 4), round(float(median), 4), round(float(q3), 4)


def _protected(counts: list[int]) -> tuple[list[int | None], int | None]:
    """One column of counts and its total, with the cells that disclosure control hides as None."""
    hidden = suppression_mask(np.asarray(counts, dtype=np.int64)[:, None])
    cells = [None if hidden[i, 0] else int(count) for i, count in enumerate(counts)]
    return cells, None if hidden[-1, 0] else int(sum(counts))


def _distribution(factor: str, suggested: list[float | None], placed: list[float | None]) -> Distribution:
    columns = []
    for values in (suggested, placed):
        counts = [0] * (len(BINS) + 1)
        for value in values:
            counts[len(BINS) if value is None else _bin(value)] += 1
        columns.append(_protected(counts))
    (s_cells, s_total), (p_cells, p_total) = columns
    keys = [(f"{lower:.2f}-{upper:.2f}", lower, upper) for lower, upper in BINS] + [(UNKNOWN, None, None)]
    return Distribution(
        factor=factor,
        rows=tuple(
            DistributionRow(key=key, lower=lower, upper=upper, suggestions=s, placements=p)
            for (key, lower, upper), s, p in zip(keys, s_cells, p_cells, strict=True)
        ),
        suggestions_total=s_total,
        placements_total=p_total,
        suggestions_quartiles=_quartiles([v for v in suggested if v is not None]),
        placements_quartiles=_quartiles([v for v in placed if v is not None]),
    )


# ---------------------------------------------------------------------------------------------------------------
# The evaluation


def placements_in_scope(actor):
    """The placements the evaluation covers, or None when the actor coordinates no organisation: those of the
    pathways of the organisations where the actor is coordinator (the gate's lists, as for the indicators)."""
    coordinated = actor_organisation_ids(actor, Role.COORDINATOR)
    if not coordinated:
        return None
    pathways = pathways_for_actor(actor).filter(organisation_id__in=coordinated)
    return (
        placements_for_actor(actor)
        .filter(pathway_id__in=pathways.values("pk"))
        .select_related("opportunity__employer__employer_profile", "pathway__participant")
        .prefetch_related(
            "pathway__participant__languages",
            "pathway__participant__educations",
            "pathway__participant__experiences",
            "pathway__participant__skills",
            "pathway__participant__pathways__activities",
        )
        .order_by("start_date", "created_at")
    )


def matcher_evaluation(*, actor, top: int = TOP) -> MatcherEvaluation | None:
    """The job matcher replayed on the placements of the organisations where ``actor`` is coordinator, without
    look-ahead (the method is in the module's docstring); None when the actor coordinates none."""
    if top < 1:
        raise ValueError("top must be >= 1")
    placements = placements_in_scope(actor)
    if placements is None:
        return None
    return evaluate_placements(placements, opportunities_for_actor(actor), top=top)


def cache_key(actor, top: int = TOP) -> str | None:
    organisation_ids = sorted(str(pk) for pk in actor_organisation_ids(actor, Role.COORDINATOR))
    return f"matching:evaluation:v1:{top}:{','.join(organisation_ids)}" if organisation_ids else None


def matcher_evaluation_cached(*, actor, top: int = TOP) -> MatcherEvaluation | None:
    """:func:`matcher_evaluation`, kept for ``CACHE_SECONDS`` per set of coordinated organisations (every
    coordinator of the same organisations sees the same placements). ``cached`` says whether it came from the
    cache."""
    key = cache_key(actor, top)
    if key is None:
        return None
    found = cache.get(key)
    if found is not None:
        return dataclasses.replace(found, cached=True)
    result = matcher_evaluation(actor=actor, top=top)
    cache.set(key, result, CACHE_SECONDS)
    return result


def evaluate_placements(placements, opportunities, *, top: int = TOP) -> MatcherEvaluation:
    """The evaluation of ``placements`` (with their pathway, participant and opportunity, the profile prefetched as
    :func:`placements_in_scope` does) against the catalogue ``opportunities``, a queryset the caller got from the
    gate (the placements' own opportunities belong to it in any case)."""
    placements = list(placements)
    catalogue = {o.pk: o for o in opportunities.select_related("employer__employer_profile")}
    for placement in placements:
        catalogue.setdefault(placement.opportunity_id, placement.opportunity)
    participant_ids = {p.pathway.participant_id for p in placements}
    history = _History(participant_ids, _day_start(min((p.start_date for p in placements), default=clock.today())))
    wishes = {w.participant_id: w for w in Wishes.objects.filter(participant_id__in=participant_ids)}
    centroids = municipality_centroids()

    # One entry per version of an opportunity that an evaluated day saw (almost always one), fitted in the order
    # of the suggestions page (newest first), so that the top suggestions are those the page would have shown.
    ordered = sorted(catalogue.values(), key=lambda o: (o.created_at, str(o.pk)))
    ids: dict[tuple, str] = {}  # (pk, the fields as they were, or None: as they are) -> the id fitted
    fitted: dict[str, tuple] = {}  # id -> (the page's order, features)
    qualities: dict[tuple, float | None] = {}  # the same occupation in the same industry: the same job quality
    rebuilt_opportunities = set()

    def job_quality(opportunity) -> float | None:
        profile = getattr(opportunity.employer, "employer_profile", None)
        key = (opportunity.occupation_code, getattr(profile, "industry_code", None))
        if key not in qualities:
            qualities[key] = job_quality_score(opportunity)
        return qualities[key]

    def version(opportunity, end: dt.datetime) -> str:
        fields = history.opportunity_fields_at(opportunity, end)
        key = (opportunity.pk, None if fields is None else tuple(fields.values()))
        if key not in ids:
            then = opportunity
            if fields is not None:
                then = copy.copy(opportunity)
                for name, value in fields.items():
                    setattr(then, name, value)
                if any(getattr(opportunity, name) != value for name, value in fields.items()):
                    rebuilt_opportunities.add(opportunity.pk)
            ids[key] = str(opportunity.pk) if fields is None else f"{opportunity.pk}#{len(ids)}"
            features = opportunity_features(then, job_quality=job_quality(then), centroids=centroids)
            order = (-opportunity.created_at.timestamp(), str(opportunity.pk), len(ids))
            fitted[ids[key]] = (order, dataclasses.replace(features, id=ids[key]))
        return ids[key]

    skipped: Counter = Counter()
    cases = defaultdict(list)  # weights -> [(participant features, open ids, placed id, profile rebuilt)]
    weights_of: dict = {}
    for placement in placements:
        day, participant = placement.start_date, placement.pathway.participant
        start, end = _day_start(day), _day_end(day)
        if placement.opportunity.created_at >= end:
            skipped[SKIP_OPPORTUNITY_LATER] += 1
            continue
        if participant.created_at >= end:
            skipped[SKIP_PARTICIPANT_LATER] += 1
            continue
        profile, kinds, changed = history.profile_at(participant, day)
        wished, undone = history.wishes_at(wishes.get(participant.pk), end)
        features = participant_features(profile, open_activity_kinds=kinds, wishes=wished)
        open_ids = [version(placement.opportunity, end)]
        for opportunity in ordered:
            if opportunity.created_at >= end:
                break  # registered in this order
            if (
                opportunity.pk != placement.opportunity_id
                and history.opportunity_status_at(opportunity, start) == "open"
            ):
                open_ids.append(version(opportunity, end))
        if participant.organisation_id not in weights_of:
            weights_of[participant.organisation_id] = organisation_weights(
                organisation_id=participant.organisation_id, matcher="job"
            )
        case = (
            dataclasses.replace(features, id=str(placement.pk)),
            frozenset(open_ids),
            open_ids[0],
            changed or undone,
        )
        cases[weights_of[participant.organisation_id]].append(case)

    counts = _Counts(top=top)
    catalogue_order = [features for _order, features in sorted(fitted.values(), key=lambda item: item[0])]
    quality = {o.id: o.job_quality for o in catalogue_order}
    for weights, group in cases.items():  # one fit per set of weights: one, unless several organisations
        matcher = JobMatcher(taxonomy=_PlatformTaxonomy(), weights=weights).fit(catalogue_order)
        ranking = matcher.top_k([features for features, *_rest in group], k=len(catalogue_order))
        for i, (features, open_ids, placed, changed) in enumerate(group):
            eligible = [(target, score) for target, score in ranking.for_participant(i) if target in open_ids]
            counts.add(matcher, features, open_ids, placed, eligible, quality, changed)
    return counts.result(
        placements=len(placements), skipped=dict(skipped), opportunities_rebuilt=len(rebuilt_opportunities)
    )


class _Counts:
    """The sums over the placements evaluated.

    Ties: with ``a`` open eligible opportunities scored higher than the placed one and ``b`` others scored the same,
    its rank is any of a + 1 … a + b + 1 with equal chance, so it is among the top ``k`` with probability
    (k - a) / (b + 1), between 0 and 1; the hit rate and the ranks are such expectations. The suggestions compared
    in the distributions are the ``top`` the page would have shown."""

    def __init__(self, *, top: int):
        self.top = top
        self.evaluated = self.excluded = self.profiles_rebuilt = 0
        self.hits = self.hits_as_listed = self.hit_rank_sum = 0.0
        self.ranks, self.open, self.eligible, self.random, self.random_eligible = [], [], [], [], []
        self.excluded_by: Counter = Counter()
        self.quality: tuple[list, list] = ([], [])
        self.qualification: tuple[list, list] = ([], [])

    def add(self, matcher, features, open_ids, placed, eligible, quality, changed) -> None:
        """``eligible``: the open opportunities that pass the hard constraints, (id, score), best first."""
        top = self.top
        self.evaluated += 1
        self.profiles_rebuilt += bool(changed)
        self.open.append(len(open_ids))
        self.eligible.append(len(eligible))
        self.random.append(min(1.0, top / len(open_ids)))
        scores = dict(eligible)
        if placed in scores:
            above = sum(1 for score in scores.values() if score > scores[placed])
            tied = sum(1 for score in scores.values() if score == scores[placed]) - 1
            first, last = above + 1, above + tied + 1
            hit = min(1.0, max(0.0, (top - above) / (tied + 1)))
            self.hits += hit
            self.hit_rank_sum += hit * (first + min(top, last)) / 2
            self.hits_as_listed += [target for target, _score in eligible].index(placed) < top
            self.ranks.append((first + last) / 2)
            self.random_eligible.append(min(1.0, top / len(eligible)))
        else:
            self.excluded += 1
            self.random_eligible.append(0.0)
            # The failed constraints, each "name: values compared" (English ``Text``).
            verdict = matcher.explain(features, placed)
            self.excluded_by.update({str(text).split(":")[0] for text in getattr(verdict, "failed", ())})
        known = features.education_level is not None
        for column, targets in ((0, [target for target, _score in eligible[:top]]), (1, [placed])):
            for target in targets:
                self.quality[column].append(quality[target])
                value = matcher.factor_values(features, target)["qualification"] if known else None
                self.qualification[column].append(value)

    def result(self, *, placements: int, skipped: dict, opportunities_rebuilt: int) -> MatcherEvaluation:
        def share(value):
            return round(value / self.evaluated, 4) if self.evaluated else None

        def mean(values):
            return round(statistics.fmean(values), 4) if values else None

        return MatcherEvaluation(
            top=self.top,
            computed_at=clock.now(),
            placements=placements,
            evaluated=self.evaluated,
            skipped=skipped,
            hits=round(self.hits, 4),
            hit_rate=share(self.hits),
            hit_rate_as_listed=share(self.hits_as_listed),
            mean_rank_of_hits=round(self.hit_rank_sum / self.hits, 4) if self.hits else None,
            median_rank=float(statistics.median(self.ranks)) if self.ranks else None,
            excluded=self.excluded,
            excluded_by=dict(sorted(self.excluded_by.items())),
            mean_open=mean(self.open),
            mean_eligible=mean(self.eligible),
            baseline_random=mean(self.random),
            baseline_random_eligible=mean(self.random_eligible),
            profiles_rebuilt=self.profiles_rebuilt,
            opportunities_rebuilt=opportunities_rebuilt,
            job_quality=_distribution("job_quality", *self.quality),
            qualification=_distribution("qualification", *self.qualification),
        )
