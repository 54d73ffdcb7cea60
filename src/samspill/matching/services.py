"""A job specialist's decision on a suggestion: accepting creates the next step — a job application in the plan,
a mentorship proposal, a referral — and both accepting and rejecting (with a reason) store the feedback, with the
explanation as it was shown, in the same transaction."""

import re

from django.db import transaction
from django.utils.translation import gettext as _

from samspill.access.selectors import Level, access_pathway, actor_organisation_ids
from samspill.audit.services import change_record
from samspill.core import clock
from samspill.core.errors import ApplicationError, NotFound, PermissionDenied, reject_unknown_fields
from samspill.core.roles import Role
from samspill.employers.selectors import opportunity_kind_choices
from samspill.matching.engine import FACTORS, Weights
from samspill.matching.models import Decision, OrganisationWeights, SuggestionFeedback, Wishes
from samspill.matching.selectors import KINDS, MAX_WEIGHT, WISH_FIELDS, suggestions_for
from samspill.pathways.selectors import open_pathway_id
from samspill.pathways.services import activity_propose
from samspill.peers.selectors import mentor_kind_choices, mentor_topic_choices
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


def matching_weights_set(*, actor, organisation_id, matcher: str, weights: dict) -> OrganisationWeights | None:
    """A coordinator sets the organisation's relative weights for one matcher: a number from 0 to 100 per factor,
    rescaled to sum to 1 (``engine.config.Weights``). The defaults (or an empty ``weights``) remove the row."""
    if organisation_id not in actor_organisation_ids(actor, Role.COORDINATOR):
        raise NotFound()
    if matcher not in KINDS:
        raise ApplicationError.for_fields({"matcher": [_("Choose an opportunity, a mentor or a programme.")]})
    known = FACTORS[matcher]
    errors = {}
    for name, value in weights.items():
        if name not in known:
            errors[name] = [_("There is no such factor.")]
        elif isinstance(value, bool) or not isinstance(value, int | float) or not (0 <= value <= MAX_WEIGHT):
            errors[name] = [_("Enter a number from 0 to %(max)s.") % {"max": MAX_WEIGHT}]
    if not errors and not any(weights.get(name, factor.default) for name, factor in known.items()):
        errors["__all__"] = [_("At least one factor needs a weight above 0.")]
    if errors:
        raise ApplicationError.for_fields(errors)
    # Stored whole, so that a later change of a default does not silently change this organisation's balance.
    defaults = {name: round(factor.default * MAX_WEIGHT, 2) for name, factor in known.items()}
    relative = {name: float(weights.get(name, default)) for name, default in defaults.items()}
    is_default = Weights.from_mapping(matcher, relative) == Weights.from_mapping(matcher, defaults)
    with transaction.atomic():
        current = OrganisationWeights.objects.select_for_update().filter(
            organisation_id=organisation_id, matcher=matcher
        )
        row = current.first()
        if is_default and row is None:
            return None  # already the defaults: nothing to write or record
        before = dict(row.weights) if row else {}
        instance = row
        if is_default:
            current.delete()
            row = None
        elif row is None:
            row = OrganisationWeights.objects.create(
                organisation_id=organisation_id, matcher=matcher, weights=relative, updated_by=actor
            )
        else:
            row.weights, row.updated_by, row.updated_at = relative, actor, clock.now()
            row.save(update_fields=["weights", "updated_by", "updated_at"])
        change_record(
            actor=actor,
            instance=row or instance,
            action="delete" if row is None else ("update" if before else "create"),
            before={"matcher": matcher, "weights": before},
            after={"matcher": matcher, "weights": relative if row else {}},
        )
    return row


OCCUPATION_CODE = re.compile(r"^\d{1,4}$")
MAX_WISHED_OCCUPATIONS = 10


def wishes_save(*, actor, access, data: dict) -> Wishes:
    """The participant's wishes as the matcher reads them: occupations (ISCO-08/STYRK-08 codes of 1 to 4 digits),
    kinds of opportunity, mentor topics and the kind of mentor. Only the participant's job specialists record
    them; each change is audited with the participant."""
    if access.level is not Level.CASE:
        raise PermissionDenied(_("Only the participant's job specialists record the wishes."))
    reject_unknown_fields(data, WISH_FIELDS)
    occupations = [str(code).strip() for code in data.get("occupations", []) if str(code).strip()]
    kinds, topics = list(data.get("opportunity_kinds", [])), list(data.get("mentor_topics", []))
    mentor_kind = data.get("mentor_kind", "") or ""
    errors = {}
    bad = [code for code in occupations if not OCCUPATION_CODE.match(code)]
    if bad:
        errors["occupations"] = [
            _("These are not occupation codes: %(codes)s. Use ISCO-08 or STYRK-08 codes of 1 to 4 digits.")
            % {"codes": ", ".join(bad)}
        ]
    elif len(occupations) > MAX_WISHED_OCCUPATIONS:
        errors["occupations"] = [_("Name at most %(max)s occupations.") % {"max": MAX_WISHED_OCCUPATIONS}]
    if not set(kinds) <= {value for value, _label in opportunity_kind_choices()}:
        errors["opportunity_kinds"] = [_("Choose kinds of opportunity from the list.")]
    if not set(topics) <= {value for value, _label in mentor_topic_choices()}:
        errors["mentor_topics"] = [_("Choose topics from the list.")]
    if mentor_kind and mentor_kind not in {value for value, _label in mentor_kind_choices()}:
        errors["mentor_kind"] = [_("Choose a kind of mentor from the list.")]
    if errors:
        raise ApplicationError.for_fields(errors)
    after = {
        "occupations": list(dict.fromkeys(occupations)),
        "opportunity_kinds": sorted(set(kinds)),
        "mentor_topics": sorted(set(topics)),
        "mentor_kind": mentor_kind,
    }
    with transaction.atomic():
        wishes = Wishes.objects.select_for_update().filter(participant=access.participant).first()
        before = {name: getattr(wishes, name) for name in WISH_FIELDS} if wishes else {}
        if wishes is None:
            wishes = Wishes(participant=access.participant, updated_by=actor)
        for name, value in after.items():
            setattr(wishes, name, value)
        wishes.updated_by, wishes.updated_at = actor, clock.now()
        wishes.save()
        change_record(
            actor=actor,
            instance=wishes,
            action="update" if before else "create",
            before=before,
            after=after,
            participant=access.participant,
        )
    return wishes
