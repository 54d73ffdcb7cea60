"""Indicators for coordinators and job specialists: Supported Employment (SE) fidelity and co-creation.

The functions in the first two sections are pure computation over querysets that the caller got from the access
gate (``pathways_for_actor``) and the list selectors built on it (``contacts_for_actor``, ``placements_for_actor``,
``referrals_for_actor``): they never widen what the caller may see, log nothing and change nothing. The last
section, :func:`indicator_scope` and :func:`indicators_for_actor`, is the read a page or the API makes: it asks the
gate for the actor's pathways and hands them to the computation.

Every indicator is an :class:`Indicator`: a value, the target where the SE fidelity scale has one, and the
definition, in words a coordinator understands, translated. The definitions below are the ones shown on the page
and in the API; keep the two in step when changing a computation.

SE fidelity (per job specialist and per office; SE concerns the employment path, so the items that measure job
finding look only at employment pathways):

``caseload``
    Open pathways (any path, any stage but closed) for which the job specialist is responsible. For an office: the
    open pathways of the office divided by the number of job specialists responsible for at least one of them.
    Target: at most 20 (the SE and IPS fidelity scales: one job specialist follows at most 20 people).
``days_to_first_employer_contact``
    For each employment pathway with at least one employer contact logged for it (an ``employer_contact`` event,
    which the contact log writes and historical imports may add), the days from the pathway's start to the first
    such contact (0 when the contact came first); the median over those pathways. Pathways without a contact yet
    are left out and counted in ``basis`` of ``pathways_without_employer_contact``. Target: at most 30 days (the
    fidelity scales' "rapid job search": the first contact with an employer within 30 days).
``pathways_without_employer_contact``
    Open employment pathways with no employer contact logged yet. No target: it tells how much of the median the
    median does not see.
``employer_contacts_per_week``
    Face-to-face contacts with employers (kind *visit* or *meeting* in the contact log) on the 56 days that end
    today (8 weeks), divided by 8. Per job specialist: the contacts they recorded. Per office: the contacts of the
    office divided by its number of job specialists (as for the caseload). Target: at least 6 a week (the IPS scale's
    "job development – frequent employer contact").
``placements_with_follow_up_schedule``
    Of the placements that have started, the share whose follow-up schedule brings the job specialist back at least
    once a month: a follow-up interval of 30 days or less. No fixed target on the scales; the aim is every placement.
``time_unlimited_follow_up``
    Of the employment pathways closed with the outcome *employed*, the share that stayed in the follow-up stage
    until they closed: the stage move that closed the pathway (the last move to *closed*) came from *follow-up*.
    The platform gives follow-up no end date, so such a pathway was followed up until someone decided to close it,
    not until a fixed period ran out. Pathways closed as employed from an earlier stage, skipping follow-up, count
    against it.
``zero_exclusion``
    Of the employment pathways, the share that was *not* closed with the outcome *dropped out* within 30 days of
    its start. An early drop-out is the trace that "not ready for work" leaves in the data; SE's zero-exclusion
    principle says everyone who wants to work gets help. Target: 100 %.
``se_referrals_not_declined``
    Of the referrals to Supported Employment programmes (programme kind *supported_employment*) that the provider
    has decided on (accepted, started, completed or declined), the share not declined. The data do not say why a
    referral was declined, so every decline counts, readiness or not. Target: 100 %.

Co-creation (per pathway, and over all pathways in the scope):

``actor_roles``
    Distinct roles among the active members of the pathway team (participant, job specialist, NAV, municipality,
    school, health, employer, mentor, partner). Over several pathways: the mean.
``organisation_kinds``
    Distinct kinds of organisation (NAV office, municipality, employer, education provider, health service, NGO…)
    among the organisations of the active team members. Over several pathways: the mean.
``activities_agreed_by_several``
    Of the pathway's activities (any status), the share that two parties or more have marked as agreed. Over
    several pathways: all their activities pooled.
``participant_goals`` / ``participant_goals_share``
    Goals written by the participant themself (not noted for them by the team), as a count and as a share of all
    goals.
``participant_proposals`` / ``participant_proposals_share``
    Activities proposed by the participant, as a count and as a share of all activities.
``employer_involved``
    1 when an employer takes part: an employer on the team, or a placement that has started; else 0. Over several
    pathways: the share of pathways.
``referrals_completed`` / ``referrals_completed_share``
    Referrals to programmes that were completed, as a count and as a share of all referrals of the pathway.
"""

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Min, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from samspill.pathways.models import Activity, Pathway, PathwayEvent, PathwayMember
from samspill.pathways.stages import EventKind, Outcome, Path, Stage

CASELOAD_TARGET = 20
FIRST_CONTACT_TARGET_DAYS = 30
CONTACTS_PER_WEEK_TARGET = 6
CONTACT_WINDOW_WEEKS = 8
FACE_TO_FACE_CONTACTS = ("visit", "meeting")  # employers.models.ContactKind values
FOLLOW_UP_MAX_INTERVAL_DAYS = 30
EARLY_DROP_OUT_DAYS = 30
SUPPORTED_EMPLOYMENT_PROGRAMME = "supported_employment"  # programmes.models.ProgrammeKind value
DECIDED_REFERRAL_STATUSES = ("accepted", "started", "completed", "declined")

AT_MOST, AT_LEAST = "at_most", "at_least"


@dataclass(frozen=True)
class Definition:
    label: str
    text: str
    unit: str  # pathways | days | per_week | share | count | mean
    target: float | None = None
    comparison: str = ""  # at_most | at_least, with a target


DEFINITIONS = {
    # --- SE fidelity --------------------------------------------------------------------------------------
    "caseload": Definition(
        _("Caseload"),
        _(
            "Open pathways (any path, every stage but closed) the job specialist is responsible for. For an office: "
            "its open pathways divided by the number of job specialists responsible for at least one of them."
        ),
        "pathways",
        CASELOAD_TARGET,
        AT_MOST,
    ),
    "days_to_first_employer_contact": Definition(
        _("Days from start to first employer contact"),
        _(
            "For each employment pathway with an employer contact logged for it: the days from the start of the "
            "pathway to the first contact (0 if the contact came first). The median over those pathways."
        ),
        "days",
        FIRST_CONTACT_TARGET_DAYS,
        AT_MOST,
    ),
    "pathways_without_employer_contact": Definition(
        _("Open employment pathways without an employer contact"),
        _("Open employment pathways with no employer contact logged for them yet; the median above leaves them out."),
        "pathways",
    ),
    "employer_contacts_per_week": Definition(
        _("Face-to-face employer contacts per week"),
        _(
            "Visits and meetings with employers in the contact log over the last 8 weeks (56 days up to today), "
            "divided by 8. For an office: divided also by the number of its job specialists with open pathways."
        ),
        "per_week",
        CONTACTS_PER_WEEK_TARGET,
        AT_LEAST,
    ),
    "placements_with_follow_up_schedule": Definition(
        _("Placements with a follow-up schedule"),
        _(
            "Of the placements that have started, the share whose follow-up schedule brings the job specialist "
            "back at least once a month (a follow-up every 30 days or more often)."
        ),
        "share",
    ),
    "time_unlimited_follow_up": Definition(
        _("Time-unlimited follow-up"),
        _(
            "Of the employment pathways closed with the outcome employed, the share that stayed in the follow-up "
            "stage until they closed (the move to closed came from follow-up). Follow-up has no end date on the "
            "platform, so it lasted until someone decided to close the pathway."
        ),
        "share",
    ),
    "zero_exclusion": Definition(
        _("Zero exclusion"),
        _(
            "Of the employment pathways, the share that was not closed as dropped out within 30 days of its start. "
            "An early drop-out is how “not ready for work” shows in the data."
        ),
        "share",
        1.0,
        AT_LEAST,
    ),
    "se_referrals_not_declined": Definition(
        _("Referrals to Supported Employment not declined"),
        _(
            "Of the referrals to Supported Employment programmes the provider has decided on (accepted, started, "
            "completed or declined), the share not declined. The reason for a decline is not recorded, so every "
            "decline counts."
        ),
        "share",
        1.0,
        AT_LEAST,
    ),
    # --- co-creation --------------------------------------------------------------------------------------
    "actor_roles": Definition(
        _("Roles on the team"),
        _(
            "Distinct roles among the active members of the pathway team (participant, job specialist, NAV, "
            "municipality, school, health, employer, mentor, partner). Over several pathways: the mean."
        ),
        "mean",
    ),
    "organisation_kinds": Definition(
        _("Kinds of organisation on the team"),
        _(
            "Distinct kinds of organisation (NAV office, municipality, employer, school, health service, NGO and "
            "so on) among the organisations of the active team members. Over several pathways: the mean."
        ),
        "mean",
    ),
    "activities_agreed_by_several": Definition(
        _("Activities agreed by more than one party"),
        _("Of the activities in the plans (any status), the share that two or more parties have marked as agreed."),
        "share",
    ),
    "participant_goals": Definition(
        _("Goals written by the participant"),
        _("Goals the participant wrote themself, not noted for them by the team."),
        "count",
    ),
    "participant_goals_share": Definition(
        _("Share of goals written by the participant"),
        _("Goals the participant wrote themself, as a share of all goals."),
        "share",
    ),
    "participant_proposals": Definition(
        _("Activities proposed by the participant"),
        _("Activities the participant proposed themself."),
        "count",
    ),
    "participant_proposals_share": Definition(
        _("Share of activities proposed by the participant"),
        _("Activities the participant proposed, as a share of all activities."),
        "share",
    ),
    "employer_involved": Definition(
        _("Employer involvement"),
        _(
            "An employer takes part: an employer on the pathway team, or a placement that has started. For one "
            "pathway 1 or 0; over several pathways the share of pathways."
        ),
        "share",
    ),
    "referrals_completed": Definition(
        _("Referrals completed"),
        _("Referrals to programmes and services that were completed."),
        "count",
    ),
    "referrals_completed_share": Definition(
        _("Share of referrals completed"),
        _("Completed referrals as a share of all referrals, whatever their status."),
        "share",
    ),
}
FIDELITY_KEYS = (
    "caseload",
    "days_to_first_employer_contact",
    "pathways_without_employer_contact",
    "employer_contacts_per_week",
    "placements_with_follow_up_schedule",
    "time_unlimited_follow_up",
    "zero_exclusion",
    "se_referrals_not_declined",
)
CO_CREATION_KEYS = (
    "actor_roles",
    "organisation_kinds",
    "activities_agreed_by_several",
    "participant_goals",
    "participant_goals_share",
    "participant_proposals",
    "participant_proposals_share",
    "employer_involved",
    "referrals_completed",
    "referrals_completed_share",
)


@dataclass(frozen=True)
class Indicator:
    key: str
    value: float | None  # None: nothing to compute it over
    basis: int  # how many items (pathways, contacts, placements, activities...) the value is computed over

    @property
    def definition(self) -> Definition:
        return DEFINITIONS[self.key]

    @property
    def met(self) -> bool | None:
        target = self.definition.target
        if target is None or self.value is None:
            return None
        if self.definition.comparison == AT_MOST:
            return self.value <= target
        return self.value >= target

    def as_dict(self) -> dict:
        definition = self.definition
        return {
            "key": self.key,
            "label": str(definition.label),
            "value": self.value,
            "unit": definition.unit,
            "target": definition.target,
            "comparison": definition.comparison,
            "met": self.met,
            "basis": self.basis,
            "definition": str(definition.text),
        }


def _share(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 2) if denominator else None


# ---------------------------------------------------------------------------------------------------------------
# SE fidelity


def fidelity_indicators(
    *,
    pathways: QuerySet[Pathway],
    contacts: QuerySet,
    placements: QuerySet,
    referrals: QuerySet,
    today: dt.date,
    specialists: int | None = None,
) -> list[Indicator]:
    """The SE fidelity items for one group (a job specialist, an office). ``pathways``, ``contacts`` (employer
    contact log rows), ``placements`` and ``referrals`` are the group's, as the gate let the caller see them.
    ``specialists``: how many job specialists the group counts (1 for a job specialist; for an office, by default,
    the job specialists responsible for at least one of its open pathways)."""
    open_pathways = pathways.exclude(stage=Stage.CLOSED)
    open_count = open_pathways.count()
    if specialists is None:
        specialists = open_pathways.values("responsible_specialist_id").distinct().count()
    employment = pathways.filter(path=Path.EMPLOYMENT)

    # Days to first employer contact.
    first_contacts = dict(
        PathwayEvent.objects.filter(pathway__in=employment.values("pk"), kind=EventKind.EMPLOYER_CONTACT)
        .values("pathway_id")
        .annotate(first=Min("effective_date"))
        .values_list("pathway_id", "first")
    )
    days = [
        max(0, (first_contacts[pk] - started).days)
        for pk, started in employment.values_list("pk", "started_on")
        if pk in first_contacts
    ]
    without_contact = employment.exclude(stage=Stage.CLOSED).exclude(pk__in=list(first_contacts)).count()

    # Face-to-face employer contacts per week.
    window_start = today - dt.timedelta(days=7 * CONTACT_WINDOW_WEEKS - 1)
    face_to_face = contacts.filter(kind__in=FACE_TO_FACE_CONTACTS, date__gte=window_start, date__lte=today).count()
    per_week = face_to_face / CONTACT_WINDOW_WEEKS

    # Follow-up schedules of started placements.
    started = placements.filter(start_date__lte=today)
    scheduled = started.filter(
        follow_up_interval_days__isnull=False, follow_up_interval_days__lte=FOLLOW_UP_MAX_INTERVAL_DAYS
    ).count()
    started_count = started.count()

    # Time-unlimited follow-up: the closing move of closed-as-employed pathways came from follow-up.
    employed = list(employment.filter(stage=Stage.CLOSED, outcome=Outcome.EMPLOYED).values_list("pk", flat=True))
    closing_from = {}
    moves = PathwayEvent.objects.filter(pathway_id__in=employed, kind=EventKind.STAGE_MOVE).order_by(
        "effective_date", "recorded_at"
    )
    for pathway_id, data in moves.values_list("pathway_id", "data"):
        if (data or {}).get("to") == Stage.CLOSED:
            closing_from[pathway_id] = data.get("from")  # the last one wins
    until_closing = sum(1 for pk in employed if closing_from.get(pk) == Stage.FOLLOW_UP)

    # Zero exclusion.
    employment_rows = list(employment.values_list("started_on", "closed_on", "outcome", "stage"))
    early_drop_outs = sum(
        1
        for started_on, closed_on, outcome, stage in employment_rows
        if stage == Stage.CLOSED
        and outcome == Outcome.DROPPED
        and closed_on is not None
        and (closed_on - started_on).days <= EARLY_DROP_OUT_DAYS
    )
    se_decided = referrals.filter(programme__kind=SUPPORTED_EMPLOYMENT_PROGRAMME, status__in=DECIDED_REFERRAL_STATUSES)
    se_decided_count = se_decided.count()
    se_declined = se_decided.filter(status="declined").count()

    return [
        Indicator("caseload", _ratio(open_count, specialists) if specialists else float(open_count), open_count),
        Indicator("days_to_first_employer_contact", float(statistics.median(days)) if days else None, len(days)),
        Indicator("pathways_without_employer_contact", float(without_contact), without_contact),
        Indicator(
            "employer_contacts_per_week",
            _ratio(per_week, specialists) if specialists else round(per_week, 2),
            face_to_face,
        ),
        Indicator("placements_with_follow_up_schedule", _share(scheduled, started_count), started_count),
        Indicator("time_unlimited_follow_up", _share(until_closing, len(employed)), len(employed)),
        Indicator(
            "zero_exclusion", _share(len(employment_rows) - early_drop_outs, len(employment_rows)), len(employment_rows)
        ),
        Indicator(
            "se_referrals_not_declined", _share(se_decided_count - se_declined, se_decided_count), se_decided_count
        ),
    ]


@dataclass
class Group:
    """One row of the fidelity table: a job specialist or an office."""

    id: object
    name: str
    indicators: list[Indicator] = field(default_factory=list)


def fidelity_by_specialist(*, pathways, contacts, placements, referrals, today: dt.date, specialists) -> list[Group]:
    """One :class:`Group` per job specialist in ``specialists`` (users): their pathways are those they are
    responsible for, their contacts those they recorded."""
    return [
        Group(
            id=user.pk,
            name=user.get_full_name() or user.username,
            indicators=fidelity_indicators(
                pathways=pathways.filter(responsible_specialist=user),
                contacts=contacts.filter(recorded_by=user),
                placements=placements.filter(pathway__responsible_specialist=user),
                referrals=referrals.filter(pathway__responsible_specialist=user),
                today=today,
                specialists=1,
            ),
        )
        for user in specialists
    ]


def fidelity_by_office(*, pathways, contacts, placements, referrals, today: dt.date, offices) -> list[Group]:
    """One :class:`Group` per office (organisation) in ``offices``: its pathways, and the contacts logged for it."""
    return [
        Group(
            id=office.pk,
            name=office.name,
            indicators=fidelity_indicators(
                pathways=pathways.filter(organisation=office),
                contacts=contacts.filter(organisation=office),
                placements=placements.filter(pathway__organisation=office),
                referrals=referrals.filter(pathway__organisation=office),
                today=today,
            ),
        )
        for office in offices
    ]


# ---------------------------------------------------------------------------------------------------------------
# Co-creation


@dataclass
class PathwayCoCreation:
    pathway: Pathway
    values: dict  # key -> value (see CO_CREATION_KEYS)
    # What the totals pool: numerators and denominators of the shares.
    counts: dict


def _pathway_co_creation(pathway: Pathway, *, placements: set, referrals: list[str], today: dt.date):
    members = [m for m in pathway.members.all() if m.active]
    roles = {m.role for m in members}
    kinds = {m.organisation.kind for m in members if m.organisation_id}
    activities = list(pathway.activities.all())
    agreed = sum(1 for a in activities if len({mark.party for mark in a.agreements.all()}) >= 2)
    goals = list(pathway.goals.all())
    own_goals = sum(1 for g in goals if g.by_participant)
    proposals = sum(1 for a in activities if a.proposed_by_participant)
    employer = "employer" in roles or pathway.pk in placements
    completed = sum(1 for status in referrals if status == "completed")
    counts = {
        "roles": len(roles),
        "kinds": len(kinds),
        "activities": len(activities),
        "agreed": agreed,
        "goals": len(goals),
        "own_goals": own_goals,
        "proposals": proposals,
        "employer": int(employer),
        "referrals": len(referrals),
        "completed": completed,
    }
    values = {
        "actor_roles": float(len(roles)),
        "organisation_kinds": float(len(kinds)),
        "activities_agreed_by_several": _share(agreed, len(activities)),
        "participant_goals": float(own_goals),
        "participant_goals_share": _share(own_goals, len(goals)),
        "participant_proposals": float(proposals),
        "participant_proposals_share": _share(proposals, len(activities)),
        "employer_involved": float(employer),
        "referrals_completed": float(completed),
        "referrals_completed_share": _share(completed, len(referrals)),
    }
    return PathwayCoCreation(pathway=pathway, values=values, counts=counts)


def co_creation(
    *, pathways: QuerySet[Pathway], placements: QuerySet, referrals: QuerySet, today: dt.date
) -> tuple[list[Indicator], list[PathwayCoCreation]]:
    """The co-creation indicators over all ``pathways`` (the totals) and per pathway."""
    queryset = pathways.select_related("participant", "responsible_specialist").prefetch_related(
        Prefetch("members", queryset=PathwayMember.objects.select_related("organisation")),
        "goals",
        Prefetch("activities", queryset=Activity.objects.prefetch_related("agreements")),
    )
    placed = set(placements.filter(start_date__lte=today).values_list("pathway_id", flat=True))
    referral_statuses = defaultdict(list)
    for pathway_id, status in referrals.values_list("pathway_id", "status"):
        referral_statuses[pathway_id].append(status)
    rows = [
        _pathway_co_creation(p, placements=placed, referrals=referral_statuses[p.pk], today=today)
        for p in queryset.order_by("started_on", "pk")
    ]
    n = len(rows)

    def total(name):
        return sum(row.counts[name] for row in rows)

    activities, goals, referral_count = total("activities"), total("goals"), total("referrals")
    totals = [
        Indicator("actor_roles", _ratio(total("roles"), n), n),
        Indicator("organisation_kinds", _ratio(total("kinds"), n), n),
        Indicator("activities_agreed_by_several", _share(total("agreed"), activities), activities),
        Indicator("participant_goals", float(total("own_goals")), goals),
        Indicator("participant_goals_share", _share(total("own_goals"), goals), goals),
        Indicator("participant_proposals", float(total("proposals")), activities),
        Indicator("participant_proposals_share", _share(total("proposals"), activities), activities),
        Indicator("employer_involved", _share(total("employer"), n), n),
        Indicator("referrals_completed", float(total("completed")), referral_count),
        Indicator("referrals_completed_share", _share(total("completed"), referral_count), referral_count),
    ]
    return totals, rows


# ---------------------------------------------------------------------------------------------------------------
# The read: what the actor may see, computed


@dataclass
class Scope:
    pathways: QuerySet
    contacts: QuerySet
    placements: QuerySet
    referrals: QuerySet
    specialists: list
    offices: list


def indicator_scope(actor) -> Scope | None:
    """What the indicators are computed over, or None when the actor may see no indicators (the page is then
    "not found"). A coordinator sees their organisations: every pathway, every job specialist responsible for one,
    and the office; a job specialist sees their own caseload (the pathways they are responsible for) and the
    contacts they recorded. Lists only: nothing is logged."""
    from samspill.access.selectors import actor_organisation_ids, actor_roles, pathways_for_actor
    from samspill.accounts.selectors import organisation_get
    from samspill.core.roles import Role
    from samspill.employers.selectors import contacts_for_actor, placements_for_actor
    from samspill.programmes.selectors import referrals_for_actor

    coordinated = actor_organisation_ids(actor, Role.COORDINATOR)
    specialist = Role.JOB_SPECIALIST in actor_roles(actor)
    if not coordinated and not specialist:
        return None
    condition = Q(organisation_id__in=coordinated)
    contact_condition = Q(organisation_id__in=coordinated)
    if specialist:
        condition |= Q(responsible_specialist=actor)
        contact_condition |= Q(recorded_by=actor)
    pathways = pathways_for_actor(actor).filter(condition)
    ids = pathways.values("pk")
    specialists = {p.responsible_specialist for p in pathways.select_related("responsible_specialist")}
    if specialist:
        specialists.add(actor)
    return Scope(
        pathways=pathways,
        contacts=contacts_for_actor(actor).filter(contact_condition),
        placements=placements_for_actor(actor).filter(pathway_id__in=ids),
        referrals=referrals_for_actor(actor).filter(pathway_id__in=ids),
        specialists=sorted(specialists, key=lambda u: (u.get_full_name() or u.username).casefold()),
        offices=sorted((organisation_get(organisation_id=pk) for pk in coordinated), key=lambda o: o.name.casefold()),
    )


@dataclass
class Report:
    today: dt.date
    offices: list[Group]
    specialists: list[Group]
    co_creation: list[Indicator]
    pathways: list[PathwayCoCreation]


def indicators_for_actor(*, actor, today: dt.date) -> Report | None:
    """Every indicator the actor may see, or None (see :func:`indicator_scope`)."""
    scope = indicator_scope(actor)
    if scope is None:
        return None
    common = {
        "pathways": scope.pathways,
        "contacts": scope.contacts,
        "placements": scope.placements,
        "referrals": scope.referrals,
        "today": today,
    }
    totals, rows = co_creation(
        pathways=scope.pathways, placements=scope.placements, referrals=scope.referrals, today=today
    )
    return Report(
        today=today,
        offices=fidelity_by_office(**common, offices=scope.offices),
        specialists=fidelity_by_specialist(**common, specialists=scope.specialists),
        co_creation=totals,
        pathways=rows,
    )
