"""Reads of pathways. Single-pathway reads take the PathwayAccess the gate returned; lists start from
access.selectors.pathways_for_actor."""

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from samspill.pathways.models import Activity, AgreementVersion, Pathway, PathwayEvent, PathwayMember, Signature
from samspill.pathways.services import agreement_is_signed, required_signatories
from samspill.pathways.stages import STAGES, ActivityStatus, EventKind, Path, PathwayRole, Stage

# Who may be at which stage for how long before the job specialist is reminded.
FOLLOW_UP_INTERVAL_DAYS = 30
EMPLOYER_CONTACT_WINDOW_DAYS = 30


def pathway_plan(*, access) -> dict:
    pathway = access.pathway
    activities = (
        Activity.objects.filter(pathway=pathway)
        .select_related("proposed_by")
        .prefetch_related("agreements", "comments__author")
        .order_by("status", "due_date", "created_at")
    )
    return {"goals": list(pathway.goals.select_related("authored_by")), "activities": list(activities)}


def pathway_team(*, access) -> list[PathwayMember]:
    return list(access.pathway.members.filter(active=True).select_related("user", "organisation").order_by("role"))


def pathway_timeline(*, access) -> list[PathwayEvent]:
    return list(access.pathway.events.select_related("actor").order_by("-effective_date", "-recorded_at"))


def agreement_state(*, access, actor) -> dict:
    pathway = access.pathway
    version = (
        AgreementVersion.objects.filter(pathway=pathway)
        .prefetch_related(Prefetch("signatures", queryset=Signature.objects.select_related("user")))
        .order_by("-number")
        .first()
    )
    required = required_signatories(pathway)
    signed = {s.party for s in version.signatures.all()} if version else set()
    return {
        "version": version,
        "versions": pathway.agreement_versions.count(),
        "required": sorted(required),
        "missing": sorted(required - signed),
        "signed": agreement_is_signed(pathway),
        "can_sign": bool(version)
        and access.party in (required - signed)
        and (access.party != PathwayRole.JOB_SPECIALIST or pathway.responsible_specialist_id == actor.pk),
    }


def _unsigned_agreement() -> Q:
    """Pathways whose newest agreement version lacks a required signature, as one query."""
    latest = AgreementVersion.objects.filter(pathway=OuterRef("pk")).order_by("-number").values("pk")[:1]

    def signed(party):
        return Exists(Signature.objects.filter(version_id=OuterRef("latest_agreement"), party=party))

    def on_team(role):
        return Exists(PathwayMember.objects.filter(pathway=OuterRef("pk"), role=role, active=True))

    return Q(latest_agreement__isnull=True) | ~signed(PathwayRole.PARTICIPANT) | ~signed(PathwayRole.JOB_SPECIALIST) | (
        on_team(PathwayRole.EMPLOYER) & ~signed(PathwayRole.EMPLOYER)
    ) | (on_team(PathwayRole.MENTOR) & ~signed(PathwayRole.MENTOR)), latest


def board(queryset: QuerySet[Pathway]) -> list[tuple[Stage, list[Pathway]]]:
    """Open pathways grouped by stage, in process order (both paths)."""
    pathways = list(queryset.select_related("participant", "responsible_specialist").order_by("stage_since"))
    columns = []
    seen = set()
    for path in Path:
        for stage in STAGES[path]:
            if stage in seen:
                continue
            seen.add(stage)
            columns.append((stage, [p for p in pathways if p.stage == stage]))
    return columns


def needs_attention(queryset: QuerySet[Pathway], *, today: dt.date) -> dict[str, QuerySet[Pathway]]:
    """The caseload's reminders, each a list of pathways."""
    from samspill.employers.selectors import pathways_with_employer_contact_since

    overdue = Activity.objects.filter(
        pathway=OuterRef("pk"),
        due_date__lt=today,
        status__in=[ActivityStatus.PROPOSED, ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS],
    )
    waiting = Activity.objects.filter(pathway=OuterRef("pk"), status=ActivityStatus.PROPOSED).exclude(
        agreements__party="participant"
    )
    open_ones = open_pathways(queryset)
    recent_contact = pathways_with_employer_contact_since(since=today - dt.timedelta(days=EMPLOYER_CONTACT_WINDOW_DAYS))
    last_follow_up = PathwayEvent.objects.filter(
        pathway=OuterRef("pk"),
        kind__in=[EventKind.STAGE_MOVE, EventKind.ACTIVITY_STATUS],
        effective_date__gte=today - dt.timedelta(days=FOLLOW_UP_INTERVAL_DAYS),
    )
    unsigned_condition, latest = _unsigned_agreement()
    return {
        "overdue": open_ones.filter(Exists(overdue)),
        "no_employer_contact": open_ones.filter(stage=Stage.JOB_FINDING).exclude(pk__in=recent_contact),
        "follow_up_due": open_ones.filter(stage=Stage.FOLLOW_UP).exclude(Exists(last_follow_up)),
        "unsigned_agreement": open_ones.annotate(latest_agreement=Subquery(latest)).filter(unsigned_condition),
        "waiting_for_participant": open_ones.filter(Exists(waiting)),
    }


def open_pathways(queryset: QuerySet[Pathway]) -> QuerySet[Pathway]:
    return queryset.filter(~Q(stage=Stage.CLOSED))


# --- for the web pages ------------------------------------------------------------------------------------------


def pathway_stage_notes(*, access) -> dict[str, object]:
    """The pathway's stage notes by stage."""
    return {note.stage: note for note in access.pathway.stage_notes.all()}


def pathway_note(*, access, stage: str):
    return access.pathway.stage_notes.filter(stage=stage).first()


def agreement_versions(*, access) -> list[AgreementVersion]:
    """Every version of the agreement, newest first, with their signatures."""
    return list(
        AgreementVersion.objects.filter(pathway=access.pathway)
        .select_related("created_by")
        .prefetch_related(Prefetch("signatures", queryset=Signature.objects.select_related("user")))
        .order_by("-number")
    )


def plan_activity(*, access, activity_id) -> Activity | None:
    return Activity.objects.filter(pathway=access.pathway, pk=activity_id).first()


def mentor_membership(*, actor, pathway_id) -> PathwayMember | None:
    """The actor's active mentor membership on a pathway (for the confidentiality declaration), read before any
    access to the pathway exists: it carries nothing about the participant."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return None
    return (
        PathwayMember.objects.filter(pathway_id=pathway_id, user=actor, role=PathwayRole.MENTOR, active=True)
        .select_related("pathway__organisation")
        .first()
    )


def declarations_pending(*, actor) -> list[PathwayMember]:
    """The pathways where the actor is a mentor who has not yet declared confidentiality."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return []
    return list(
        PathwayMember.objects.filter(
            user=actor, role=PathwayRole.MENTOR, active=True, confidentiality_declared_at__isnull=True
        )
        .select_related("pathway__organisation")
        .order_by("created_at")
    )


def is_on_a_team(*, actor) -> bool:
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    return PathwayMember.objects.filter(user=actor, active=True).exists()


def team_candidate(*, username: str):
    """An active user by username, and the organisation they belong to (their first membership), for the team."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=(username or "").strip(), is_active=True).first()
    if user is None:
        return None, None
    membership = user.memberships.select_related("organisation").order_by("created_at").first()
    return user, (membership.organisation if membership else None)


# The indicators live in their own module; other apps (the API) reach them through selectors.
from samspill.pathways.indicators import indicators_for_actor  # noqa: E402, F401


def research_events(*, participant_ids) -> list[tuple]:
    """(participant id, pathway id, kind, effective date, data) of every event of these people, oldest first.
    Only for the research layer, after the gate chose the people (``access.research_participants``) and with
    their reads logged."""
    return list(
        PathwayEvent.objects.filter(pathway__participant_id__in=list(participant_ids))
        .order_by("effective_date", "recorded_at")
        .values_list("pathway__participant_id", "pathway_id", "kind", "effective_date", "data")
    )


def open_activity_kinds(*, participant_id) -> list[str]:
    """Kinds of the plan activities not yet done or cancelled, over the participant's open pathways: what the
    matcher reads as planned language support and as needs. Callers have passed the gate for the participant."""
    return list(
        Activity.objects.filter(pathway__participant_id=participant_id)
        .exclude(pathway__stage=Stage.CLOSED)
        .exclude(status__in=[ActivityStatus.DONE, ActivityStatus.CANCELLED])
        .values_list("kind", flat=True)
        .distinct()
    )


def open_pathway_id(*, participant_id, path: str = "") -> object | None:
    """The participant's most recent open pathway (of ``path`` when given), or None."""
    queryset = Pathway.objects.filter(participant_id=participant_id).exclude(stage=Stage.CLOSED)
    if path:
        queryset = queryset.filter(path=path)
    return queryset.order_by("-started_on").values_list("pk", flat=True).first()
