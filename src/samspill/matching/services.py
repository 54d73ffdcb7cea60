"""A job specialist's decision on a suggestion: accepting creates the next step — a job application in the plan,
a mentorship proposal, a referral — and both accepting and rejecting (with a reason) store the feedback, with the
explanation as it was shown, in the same transaction."""

from django.db import transaction
from django.utils.translation import gettext as _

from samspill.access.selectors import Level, access_pathway
from samspill.audit.services import change_record
from samspill.core.errors import ApplicationError, NotFound, PermissionDenied
from samspill.matching.models import Decision, SuggestionFeedback
from samspill.matching.selectors import KINDS, suggestions_for
from samspill.pathways.selectors import open_pathway_id
from samspill.pathways.services import activity_propose
from samspill.peers.services import mentorship_propose
from samspill.programmes.services import referral_create


def _shown(*, actor, access, kind, target_id):
    for shown in suggestions_for(actor=actor, access=access, kind=kind, top=10):
        if str(shown.suggestion.target) == str(target_id):
            return shown
    # Not among the participant's suggestions now (taken, closed, or never suggested): nothing to decide on.
    raise NotFound()


def _open_pathway(actor, participant, path=""):
    pathway_id = open_pathway_id(participant_id=participant.pk, path=path)
    if pathway_id is None:
        raise ApplicationError(_("The participant has no open pathway: open one first."))
    return access_pathway(actor, pathway_id)


def _accept(*, actor, access, shown) -> str:
    participant = access.participant
    if shown.kind == "job":
        opportunity = shown.target
        pathway = _open_pathway(actor, participant, "employment")
        activity = activity_propose(
            actor=actor,
            access=pathway,
            data={
                "kind": "application",
                "title": _("Apply: %(title)s, %(employer)s")
                % {"title": opportunity.title, "employer": opportunity.employer},
            },
        )
        return str(activity.pk)
    if shown.kind == "mentor":
        return str(mentorship_propose(actor=actor, participant_access=access, mentor=shown.target.user).pk)
    pathway = _open_pathway(actor, participant)
    return str(referral_create(actor=actor, pathway=pathway.pathway, programme=shown.target).pk)


def suggestion_decide(*, actor, access, kind: str, target_id, decision: str, reason: str = "") -> SuggestionFeedback:
    if access.level is not Level.CASE:
        raise PermissionDenied(_("Only the participant's job specialists decide on suggestions."))
    errors = {}
    if kind not in KINDS:
        errors["kind"] = [_("Choose an opportunity, a mentor or a programme.")]
    if decision not in Decision.values:
        errors["decision"] = [_("Accept or reject the suggestion.")]
    elif decision == Decision.REJECTED and not reason.strip():
        errors["reason"] = [_("Say why the suggestion does not fit: it teaches the matcher.")]
    if len(reason) > 2000:
        errors["reason"] = [_("Enter at most %(max_length)s characters.") % {"max_length": 2000}]
    if errors:
        raise ApplicationError.for_fields(errors)
    shown = _shown(actor=actor, access=access, kind=kind, target_id=target_id)
    with transaction.atomic():
        created = _accept(actor=actor, access=access, shown=shown) if decision == Decision.ACCEPTED else ""
        feedback = SuggestionFeedback.objects.create(
            participant=access.participant,
            kind=kind,
            target_id=str(target_id),
            rank=shown.rank,
            score=shown.suggestion.score,
            explanation={
                "contributions": dict(shown.suggestion.contributions),
                "constraints": list(shown.suggestion.constraints),
            },
            decision=decision,
            reason=reason.strip(),
            created_object=created,
            decided_by=actor,
        )
        change_record(
            actor=actor,
            instance=feedback,
            action="create",
            participant=access.participant,
            after={"kind": kind, "target": str(target_id), "decision": decision, "rank": shown.rank},
        )
    return feedback
