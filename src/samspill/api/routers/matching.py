"""Matching, peer mentoring and the occupation search.

* Suggestions: the matcher's top opportunities, peer mentors and programmes for one participant, with the
  explanation of each score, and the job specialist's decision on them (samspill.matching). Only the participant's
  case workers reach them: the gate (samspill.access) reads the participant for case management, and logs it.
* Mentorships: proposed by the participant's side, accepted or declined by the mentor, ended with a reason
  (samspill.peers).
* Occupations: the fuzzy search over the occupation titles (samspill.taxonomy), public reference data.

Routes are thin: the gate and the selectors read, the services decide and write.
"""

import datetime as dt
import uuid
from typing import Literal

from django.db import transaction
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status

from samspill.access.selectors import EDITING_PURPOSES, access_participant_any_purpose
from samspill.accounts.selectors import user_get
from samspill.api.schemas import InputSchema, Message, Page, ParticipantRef, PersonRef, ValidationErrors
from samspill.core.errors import ApplicationError, NotFound, PermissionDenied
from samspill.core.roles import Purpose
from samspill.matching.selectors import KINDS, feedback_for, matcher_evaluation_for, suggestions_for
from samspill.matching.services import Decision, suggestion_decide
from samspill.peers import selectors as peer_selectors
from samspill.peers import services as peer_services
from samspill.taxonomy.selectors import occupation_search

router = Router(tags=["matching"])

_READ_ERRORS = {401: Message, 404: Message}
_WRITE_ERRORS = {400: Message, 401: Message, 403: Message, 404: Message, 413: Message, 422: ValidationErrors}
_PARTICIPANT_ID = (
    "The participant's id. Only the participant's job specialists and coordinator reach their suggestions; an id "
    "you may not see gives the same 404 as one that does not exist."
)
_MENTORSHIP_ID = "The mentorship's id. An id you may not see gives the same 404 as one that does not exist."
_KINDS_TEXT = "job (opportunities), mentor (peer mentors) or service (programmes and services)"

KindParam = Literal[KINDS]
DecisionParam = Literal[tuple(Decision.values)]
MentorshipStatusParam = Literal[tuple(peer_services.MentorshipStatus.values)]
# The reasons a person gives for ending an active mentorship (declining a proposal has its own route).
END_REASONS = tuple(
    str(reason.value)
    for reason in (
        peer_services.EndReason.GOAL_REACHED,
        peer_services.EndReason.NO_CONTACT,
        peer_services.EndReason.MOVED,
        peer_services.EndReason.OTHER,
    )
)
EndReasonParam = Literal[END_REASONS]


# ---------------------------------------------------------------------------------------------------------------
# Schemas


class Factor(Schema):
    factor: str = Field(description="The factor's name in the engine, e.g. skills, occupation, language.")
    label: str = Field(description="The factor as a job specialist reads it, in the language of the request.")
    value: float = Field(description="The factor's own value, from 0 to 1, before weighting.")
    contribution: float = Field(description="What the factor adds to the score: its weight times its value.")
    note: str = Field(description="Where the value comes from, in a few words, in the language of the request.")


class SuggestionTarget(Schema):
    id: uuid.UUID = Field(
        description="Send it back as `target` to decide: the opportunity's id, the mentor's user id, or the "
        "programme's id."
    )
    title: str = Field(description="The opportunity's title, the mentor's name, or the programme's name.")
    detail: str = Field(description="The employer, the kind of mentor, or the programme's provider.")


class SuggestionOut(Schema):
    rank: int = Field(description="1 for the best suggestion.")
    kind: str = Field(description=f"One of: {_KINDS_TEXT}.")
    target: SuggestionTarget
    score: float = Field(description="From 0 to 1: the sum of the contributions.")
    factors: list[Factor] = Field(description="Every factor with what it added; the contributions sum to the score.")
    constraints: list[str] = Field(
        description="The hard constraints it passed, with the values compared, in the language of the request, "
        'e.g. "norwegian: A2 +1 (course) ≥ A2".'
    )


class SuggestionList(Schema):
    participant: uuid.UUID
    kind: str = Field(description=f"One of: {_KINDS_TEXT}.")
    items: list[SuggestionOut] = Field(description="Best first; empty when there is nothing to suggest now.")


class DecisionCreate(InputSchema):
    kind: KindParam = Field(description=f"What was suggested: {_KINDS_TEXT}.")
    target: uuid.UUID = Field(description="`target.id` of a suggestion listed for the participant now.")
    decision: DecisionParam = Field(
        description="accepted creates the next step: a job application in the plan of the participant's open "
        "employment pathway, a mentorship proposal (the participant must have consented to share their profile "
        "with that mentor), or a referral (the participant must have consented to share with the provider). "
        "rejected stores the reason."
    )
    reason: str = Field(
        "", max_length=2000, description="Why the suggestion does not fit: required to reject. It teaches the matcher."
    )


class FeedbackExplanation(Schema):
    contributions: dict[str, float] = Field(description="What each factor added to the score, as it was shown.")
    constraints: list[str] = Field(description="The hard constraints it passed, as shown.")


class FeedbackOut(Schema):
    id: uuid.UUID
    kind: str = Field(description=f"One of: {_KINDS_TEXT}.")
    target: str = Field(description="The id of the opportunity, mentor (user) or programme decided on.")
    decision: str = Field(description="accepted or rejected.")
    reason: str = Field(description="Why it was rejected; empty for an acceptance.")
    rank: int = Field(description="Its rank among the suggestions when it was decided on.")
    score: float = Field(description="Its score when it was decided on.")
    explanation: FeedbackExplanation
    created_object: str = Field(
        description="What accepting created: the id of the activity (job), the mentorship (mentor) or the referral "
        "(service); empty for a rejection."
    )
    decided_by: PersonRef
    created_at: dt.datetime


class FeedbackPage(Page):
    items: list[FeedbackOut]


class MentorshipOut(Schema):
    id: uuid.UUID
    participant: ParticipantRef
    mentor: PersonRef
    status: str = Field(
        description="proposed → active (the mentor accepted) → completed (the goal was reached); ended when "
        "declined or stopped. completed and ended are final."
    )
    your_role: str = Field(
        description="mentor, participant, or case_worker (the participant's job specialist or coordinator)."
    )
    proposed_by: PersonRef
    accepted_by_participant_at: dt.datetime | None = Field(
        description="A proposal counts as the participant's acceptance: they consented to share with the mentor."
    )
    accepted_by_mentor_at: dt.datetime | None
    started_on: dt.date | None
    ended_on: dt.date | None
    end_reason: str = Field(
        description="One of: " + ", ".join(peer_services.EndReason.values) + "; empty while it goes on."
    )
    end_note: str
    created_at: dt.datetime


class MentorshipPage(Page):
    items: list[MentorshipOut]


class MentorshipCreate(InputSchema):
    participant: uuid.UUID = Field(
        description="The participant: yourself, or one you follow up as job specialist or coordinator."
    )
    mentor: uuid.UUID = Field(
        description="The mentor's user id: an active mentor with a free place whom the participant has consented "
        "to share their profile with."
    )


class MentorshipDecline(InputSchema):
    note: str = Field("", max_length=2000, description="Why the proposal is declined (optional).")


class MentorshipEnd(InputSchema):
    reason: EndReasonParam = Field(
        description="goal_reached (the mentorship is completed), no_contact, moved or other (then say why in `note`)."
    )
    note: str = Field("", max_length=2000, description="Why it ends; required when the reason is other.")


class OccupationOut(Schema):
    label: str = Field(description="The occupation's name: ESCO's preferred label, or the Norwegian title.")
    matched: str = Field(description="The name, alternative name or job title that matched the query.")
    score: float = Field(description="How well it matched, from 0 to 100.")
    styrk_code: str = Field(description="The four-digit STYRK-08 code; empty when the occupation has none.")
    isco_code: str = Field(description="The ISCO-08 unit group.")
    source: str = Field(
        description="esco, nav (NAV's job titles), styrk (STYRK-08 names) or demo (the built-in catalogue, used "
        "until the official files are loaded)."
    )
    language: str = Field(description="The language of the matched name.")
    esco_uri: str = Field(description="The ESCO occupation's URI; empty outside ESCO.")
    esco_code: str = Field(description="The ESCO occupation's code; empty outside ESCO.")


class OccupationList(Schema):
    items: list[OccupationOut] = Field(description="Best first, one per occupation.")


# ---------------------------------------------------------------------------------------------------------------
# Serialising what the selectors returned


def _person(user) -> dict:
    return {"id": user.pk, "name": user.get_full_name() or user.username}


def _feedback(feedback) -> dict:
    explanation = feedback.explanation or {}
    return {
        "id": feedback.pk,
        "kind": feedback.kind,
        "target": feedback.target_id,
        "decision": feedback.decision,
        "reason": feedback.reason,
        "rank": feedback.rank,
        "score": feedback.score,
        "explanation": {
            "contributions": explanation.get("contributions", {}),
            "constraints": explanation.get("constraints", []),
        },
        "created_object": feedback.created_object,
        "decided_by": _person(feedback.decided_by),
        "created_at": feedback.created_at,
    }


def _mentorship(mentorship, actor) -> dict:
    participant = mentorship.participant
    if mentorship.mentor_id == actor.pk:
        role = "mentor"
    elif participant.user_id == actor.pk:
        role = "participant"
    else:
        role = "case_worker"  # mentorships_for_actor shows the others only to the participant's case workers
    return {
        "id": mentorship.pk,
        "participant": {
            "id": participant.pk,
            "given_name": participant.given_name,
            "family_name": participant.family_name,
        },
        "mentor": _person(mentorship.mentor),
        "status": mentorship.status,
        "your_role": role,
        "proposed_by": _person(mentorship.proposed_by),
        "accepted_by_participant_at": mentorship.accepted_by_participant_at,
        "accepted_by_mentor_at": mentorship.accepted_by_mentor_at,
        "started_on": mentorship.started_on,
        "ended_on": mentorship.ended_on,
        "end_reason": mentorship.end_reason,
        "end_note": mentorship.end_note,
        "created_at": mentorship.created_at,
    }


def _occupation(match) -> dict:
    return {name: getattr(match, name) for name in OccupationOut.model_fields}


def _case_access(actor, participant_id):
    """The gate, for case management only: the participant's job specialists and coordinator. Logs the read."""
    return access_participant_any_purpose(actor, participant_id, purposes=(Purpose.CASE_MANAGEMENT,))


# Keys of field errors that name the body itself or one of its fields ("__all__": the request as a whole).
_DECISION_FIELDS = frozenset(DecisionCreate.model_fields) | {"__all__", ""}


def _on_decision_fields(error: ApplicationError) -> ApplicationError:
    """What accepting creates is checked by other services (the mentorship's ``mentor``, the referral's
    ``pathway`` and ``programme``): their problems are about the suggestion sent, so they are named ``target``."""
    if not error.field_errors or set(error.field_errors) <= _DECISION_FIELDS:
        return error
    fields: dict[str, list[str]] = {}
    for key, messages in error.field_errors.items():
        fields.setdefault(key if key in _DECISION_FIELDS else "target", []).extend(messages)
    return ApplicationError(error.message, field_errors=fields)


# ---------------------------------------------------------------------------------------------------------------
# Suggestions


@router.get(
    "/participants/{participant_id}/suggestions",
    response={200: SuggestionList, 401: Message, 404: Message, 422: ValidationErrors},
    operation_id="suggestions_list",
    url_name="suggestions_list",
    summary="Suggest opportunities, mentors or programmes for a participant",
    description="The matcher's best suggestions of one kind for a participant you follow up as job specialist or "
    "coordinator, each with its score, the contribution of every factor (they add up to the score) and the hard "
    "constraints it passed. Country of origin, religion, gender and health are never part of a score. The read of "
    "the participant is logged in their access log.",
)
def suggestions_list(
    request,
    participant_id: str = Path(..., description=_PARTICIPANT_ID),  # noqa: B008
    kind: KindParam = Query(..., description=f"What to suggest: {_KINDS_TEXT}."),  # noqa: B008
    top: int = Query(5, ge=1, le=10, description="How many suggestions (1–10)."),
):
    with transaction.atomic():  # a read that fails after the gate leaves no access-log row behind
        access = _case_access(request.auth, participant_id)
        shown = suggestions_for(actor=request.auth, access=access, kind=kind, top=top)
        return {"participant": access.participant.pk, "kind": kind, "items": [s.as_dict() for s in shown]}


@router.post(
    "/participants/{participant_id}/suggestions/decisions",
    response={201: FeedbackOut, **_WRITE_ERRORS},
    operation_id="suggestions_decide",
    url_name="suggestions_decide",
    summary="Accept or reject a suggestion",
    description="For the participant's job specialists and coordinator. The target must be among the "
    "participant's suggestions now (the top 10 of its kind). Accepting creates the next step — a job application "
    "in the plan, a mentorship proposal or a referral — and both decisions are stored with the explanation as it "
    "was shown, in one transaction: when the next step cannot be created (no open pathway, no consent to share), "
    "nothing is stored and the 422 says why.",
)
def suggestions_decide(
    request,
    payload: DecisionCreate,
    participant_id: str = Path(..., description=_PARTICIPANT_ID),  # noqa: B008
):
    actor = request.auth
    with transaction.atomic():
        access = _case_access(actor, participant_id)
        try:
            feedback = suggestion_decide(
                actor=actor,
                access=access,
                kind=payload.kind,
                target_id=payload.target,
                decision=payload.decision,
                reason=payload.reason,
            )
        except PermissionDenied as exc:
            raise NotFound() from exc
        except NotFound as exc:
            # The participant was found: what is missing is the suggestion (taken, closed, or never suggested).
            raise ApplicationError.for_fields(
                {
                    "target": [
                        _(
                            "This is not among the participant's suggestions now: it may have been taken or "
                            "closed. Ask for the suggestions again."
                        )
                    ]
                }
            ) from exc
        except ApplicationError as error:
            named = _on_decision_fields(error)
            if named is error:
                raise
            raise named from error
        return Status(201, _feedback(feedback))


@router.get(
    "/participants/{participant_id}/suggestions/feedback",
    response={200: FeedbackPage, **_READ_ERRORS},
    operation_id="suggestions_feedback",
    url_name="suggestions_feedback",
    summary="List the decisions on a participant's suggestions",
    description="What the participant's job specialists accepted and rejected, newest first, with the reasons, "
    "the explanation as it was shown and what accepting created. For the participant's job specialists and "
    "coordinator; the read of the participant is logged.",
)
def suggestions_feedback(
    request,
    participant_id: str = Path(..., description=_PARTICIPANT_ID),  # noqa: B008
    kind: KindParam | None = Query(None, description=f"Only of this kind: {_KINDS_TEXT}."),  # noqa: B008
    limit: int = Query(50, ge=1, le=200, description="The most items to return (1–200)."),
    offset: int = Query(0, ge=0, description="How many items to skip."),
):
    with transaction.atomic():
        access = _case_access(request.auth, participant_id)
        feedback = feedback_for(access=access, kind=kind or "")
        items = [_feedback(row) for row in feedback[offset : offset + limit]]
        return {"count": feedback.count(), "limit": limit, "offset": offset, "items": items}


# ---------------------------------------------------------------------------------------------------------------
# Mentorships


@router.get(
    "/mentorships/",
    response={200: MentorshipPage, 401: Message, 422: ValidationErrors},
    tags=["mentorships"],
    operation_id="mentorships_list",
    url_name="mentorships_list",
    summary="List mentorships",
    description="The mentorships you are part of: as the mentor, as the participant, or as job specialist or "
    "coordinator of the participant. Newest first. A list: no access-log row.",
)
def mentorships_list(
    request,
    status: MentorshipStatusParam | None = Query(None, description="Only with this status."),  # noqa: B008
    participant: uuid.UUID | None = Query(None, description="Only of this participant."),  # noqa: B008
    limit: int = Query(50, ge=1, le=200, description="The most items to return (1–200)."),
    offset: int = Query(0, ge=0, description="How many items to skip."),
):
    actor = request.auth
    mentorships = peer_selectors.mentorships_list(actor=actor, status=status or "", participant_id=participant)
    items = [_mentorship(m, actor) for m in mentorships[offset : offset + limit]]
    return {"count": mentorships.count(), "limit": limit, "offset": offset, "items": items}


@router.post(
    "/mentorships/",
    response={201: MentorshipOut, **_WRITE_ERRORS},
    tags=["mentorships"],
    operation_id="mentorships_propose",
    url_name="mentorships_propose",
    summary="Propose a mentor to a participant",
    description="For the participant's job specialists and coordinator, and for the participant. The participant "
    "must first have consented to share their profile with the mentor; the proposal counts as the participant's "
    "acceptance, and the mentor then accepts or declines. A participant you may not see gives 404; the read of "
    "the participant is logged.",
)
def mentorships_propose(request, payload: MentorshipCreate):
    actor = request.auth
    with transaction.atomic():
        access = access_participant_any_purpose(actor, payload.participant, purposes=EDITING_PURPOSES)
        mentor = user_get(user_id=payload.mentor)
        mentorship = peer_services.mentorship_propose(actor=actor, participant_access=access, mentor=mentor)
        return Status(201, _mentorship(mentorship, actor))


@router.post(
    "/mentorships/{mentorship_id}/accept",
    response={200: MentorshipOut, **_WRITE_ERRORS},
    tags=["mentorships"],
    operation_id="mentorships_accept",
    url_name="mentorships_accept",
    summary="Accept a proposal as the mentor",
    description="Only the proposed mentor accepts (the others who see the mentorship get 403). The mentorship "
    "becomes active from today and the participant gains a tie in their network. Only a proposed mentorship can "
    "be accepted.",
)
def mentorships_accept(request, mentorship_id: str = Path(..., description=_MENTORSHIP_ID)):  # noqa: B008
    mentorship = peer_services.mentorship_accept(actor=request.auth, mentorship_id=mentorship_id)
    return _mentorship(mentorship, request.auth)


@router.post(
    "/mentorships/{mentorship_id}/decline",
    response={200: MentorshipOut, **_WRITE_ERRORS},
    tags=["mentorships"],
    operation_id="mentorships_decline",
    url_name="mentorships_decline",
    summary="Decline a proposal",
    description="The mentor, the participant or their job specialist says no to a proposed mentorship; it ends, "
    "declined by the mentor or by the participant. Only a proposed mentorship can be declined. The body is a JSON "
    "object: send `{}` to decline without a note.",
)
def mentorships_decline(
    request,
    payload: MentorshipDecline,
    mentorship_id: str = Path(..., description=_MENTORSHIP_ID),  # noqa: B008
):
    mentorship = peer_services.mentorship_decline(actor=request.auth, mentorship_id=mentorship_id, note=payload.note)
    return _mentorship(mentorship, request.auth)


@router.post(
    "/mentorships/{mentorship_id}/end",
    response={200: MentorshipOut, **_WRITE_ERRORS},
    tags=["mentorships"],
    operation_id="mentorships_end",
    url_name="mentorships_end",
    summary="End an active mentorship",
    description="The mentor, the participant or their job specialist ends it, with a reason: goal_reached "
    "completes it, the others end it. The participant's tie to the mentor ends the same day. Only an active "
    "mentorship can be ended.",
)
def mentorships_end(
    request,
    payload: MentorshipEnd,
    mentorship_id: str = Path(..., description=_MENTORSHIP_ID),  # noqa: B008
):
    mentorship = peer_services.mentorship_end(
        actor=request.auth, mentorship_id=mentorship_id, reason=payload.reason, note=payload.note
    )
    return _mentorship(mentorship, request.auth)


# ---------------------------------------------------------------------------------------------------------------
# Occupations


class EvaluationOut(Schema):
    top: int = Field(description="How many suggestions count: the placement is a hit when among the top this many.")
    computed_at: dt.datetime = Field(description="When it was computed; it is kept for 10 minutes.")
    placements: int = Field(description="Placements on the pathways of the organisations you coordinate.")
    evaluated: int | None = Field(description="Placements evaluated; null for 1 to 4 (disclosure control).")
    skipped: dict[str, int | None] = Field(description="Placements left out, by reason; 1 to 4 are null.")
    enough_to_judge: bool = Field(description="False under 5 placements evaluated: then nothing more is given.")
    hit_rate: float | None = Field(None, description="Share of placements whose opportunity was in the top.")
    hit_rate_as_listed: float | None = Field(None, description="The same, ties broken as the suggestions page does.")
    baseline_random: float | None = Field(None, description="The same share for opportunities drawn at random.")
    baseline_random_eligible: float | None = Field(
        None, description="The same share for opportunities drawn at random among those meeting the constraints."
    )
    mean_rank_of_hits: float | None = None
    median_rank: float | None = None
    mean_open: float | None = Field(None, description="Opportunities open when the placement started, on average.")
    mean_eligible: float | None = None
    excluded: int | None = Field(None, description="Placements that failed a hard constraint at the time.")
    excluded_by: dict[str, int | None] = Field(default_factory=dict)
    profiles_rebuilt: int | None = None
    opportunities_rebuilt: int | None = None
    distributions: list[dict] = Field(
        default_factory=list,
        description="Job quality and use of qualifications: counts per bin for the suggestions and the placements "
        "(null where hidden), totals and quartiles.",
    )


@router.get(
    "/matching/evaluation",
    response={200: EvaluationOut, 401: Message, 404: Message, 422: ValidationErrors},
    tags=["matching"],
    operation_id="matching_evaluation",
    url_name="matching_evaluation",
    summary="How good the job suggestions would have been",
    description="For coordinators: the job matcher replayed on every placement of the organisations they "
    "coordinate, on the day it started and with only what the platform knew then, against opportunities drawn "
    "at random. The same numbers as the indicators page, with the same disclosure control. Others get 404.",
)
def matching_evaluation(request):
    result = matcher_evaluation_for(actor=request.auth)
    if result is None:
        raise NotFound()
    return result.as_dict()


@router.get(
    "/taxonomy/occupations/",
    response={200: OccupationList, 401: Message, 422: ValidationErrors},
    tags=["taxonomy"],
    operation_id="taxonomy_occupations_search",
    url_name="taxonomy_occupations_search",
    summary="Search occupations",
    description="Occupations whose names, alternative names or job titles match the query, fuzzily (typos and "
    "word order do not matter), best first, with their STYRK-08, ISCO-08 and ESCO codes. Searches the loaded "
    "official files (ESCO, STYRK-08, NAV's job titles), or the built-in catalogue until they are loaded. Public "
    "reference data: every signed-in person may search.",
)
def taxonomy_occupations_search(
    request,
    q: str = Query(..., min_length=1, max_length=100, description="What to look for, e.g. kokk or bus driver."),
    language: Literal["nb", "en"] | None = Query(  # noqa: B008
        None, description="nb: the Norwegian titles; en: ESCO in English; left out: everything."
    ),
    limit: int = Query(10, ge=1, le=50, description="The most occupations to return (1–50)."),
):
    matches = occupation_search(q, language=language, limit=limit)
    return {"items": [_occupation(match) for match in matches]}
