"""Writes to a participant's profile. Each takes the actor and a ParticipantAccess from the gate, checks what the
actor may change, validates everything before writing, and records the change in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from samspill.access.selectors import ParticipantAccess, actor_organisation_ids
from samspill.audit.services import change_record, snapshot
from samspill.core import clock
from samspill.core.errors import (
    ApplicationError,
    NotFound,
    PermissionDenied,
    field_errors_of,
    reject_unknown_fields,
    validate_model,
)
from samspill.core.roles import Role
from samspill.people.models import (
    Education,
    HealthInformation,
    LanguageSkill,
    Participant,
    Skill,
    WorkExperience,
)

PARTICIPANT_FIELDS = [
    "given_name",
    "family_name",
    "birth_date",
    "national_id",
    "email",
    "phone",
    "country_of_birth",
    "citizenship",
    "arrival_date",
    "residence_basis",
    "municipality_number",
    "case_legal_basis",
    "preferred_language",
    "interpreter_needed",
    "interpreter_language",
    "hours_preference",
    "commuting_radius_km",
    "driving_licence",
    "childcare_constraint",
    "preferences_note",
    "assigned_specialist",
    "assigned_team",
]
SENSITIVE_FIELDS = frozenset({"national_id"})
HEALTH_FIELDS = ["work_limitations", "adaptation_needs", "follow_up_by_health_service"]


def _validate(instance, *, exclude=None) -> None:
    validate_model(instance, exclude=exclude)


DUPLICATE_NATIONAL_ID = _lazy("A participant with this national identity number is already registered.")


def _validate_participant(participant: Participant) -> None:
    """Field validation plus the one uniqueness rule, reported on its field rather than as a constraint name."""
    errors = {}
    try:
        participant.full_clean(validate_constraints=False)
    except ValidationError as error:
        errors = field_errors_of(error)
    if participant.national_id and "national_id" not in errors:
        duplicate = Participant.objects.filter(national_id=participant.national_id).exclude(pk=participant.pk)
        if duplicate.exists():
            errors["national_id"] = [str(DUPLICATE_NATIONAL_ID)]
    if errors:
        raise ApplicationError.for_fields(errors)


def _check_team_assignment(participant: Participant) -> None:
    errors = {}
    specialist = participant.assigned_specialist
    if specialist is not None and participant.organisation_id not in actor_organisation_ids(
        specialist, Role.JOB_SPECIALIST
    ):
        errors["assigned_specialist"] = [_("This person is not a job specialist in the participant's organisation.")]
    team = participant.assigned_team
    if team is not None and team.organisation_id != participant.organisation_id:
        errors["assigned_team"] = [_("This team belongs to another organisation.")]
    if errors:
        raise ApplicationError.for_fields(errors)


def participant_create(*, actor, organisation, data: dict) -> Participant:
    """A job specialist or coordinator registers a participant in their own organisation."""
    if organisation is None or organisation.pk not in (
        actor_organisation_ids(actor, Role.JOB_SPECIALIST) | actor_organisation_ids(actor, Role.COORDINATOR)
    ):
        raise NotFound()
    reject_unknown_fields(data, PARTICIPANT_FIELDS)
    participant = Participant(organisation=organisation, **data)
    if (
        participant.assigned_specialist is None
        and participant.assigned_team is None
        and organisation.pk in (actor_organisation_ids(actor, Role.JOB_SPECIALIST))
    ):
        participant.assigned_specialist = actor
    _validate_participant(participant)
    _check_team_assignment(participant)
    with transaction.atomic():
        try:
            participant.save(force_insert=True)
        except IntegrityError as exc:
            raise ApplicationError.for_fields({"national_id": [str(DUPLICATE_NATIONAL_ID)]}) from exc
        change_record(
            actor=actor,
            instance=participant,
            action="create",
            after=snapshot(participant, PARTICIPANT_FIELDS),
            participant=participant,
            sensitive_fields=SENSITIVE_FIELDS,
        )
    return participant


def participant_update(*, actor, access: ParticipantAccess, data: dict) -> Participant:
    reject_unknown_fields(data, PARTICIPANT_FIELDS)
    refused = sorted(name for name in data if not access.can_edit(name))
    if refused:
        raise PermissionDenied(_("You cannot change these fields: %(fields)s.") % {"fields": ", ".join(refused)})
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=access.participant.pk)
        before = snapshot(participant, PARTICIPANT_FIELDS)
        for name, value in data.items():
            setattr(participant, name, value)
        _validate_participant(participant)
        _check_team_assignment(participant)
        participant.updated_at = clock.now()
        try:
            with transaction.atomic():
                participant.save()
        except IntegrityError as exc:
            raise ApplicationError.for_fields({"national_id": [str(DUPLICATE_NATIONAL_ID)]}) from exc
        change_record(
            actor=actor,
            instance=participant,
            action="update",
            before=before,
            after=snapshot(participant, PARTICIPANT_FIELDS),
            participant=participant,
            sensitive_fields=SENSITIVE_FIELDS,
        )
    return participant


def _require_edit(access: ParticipantAccess, section: str) -> None:
    if not access.can_edit(section):
        raise PermissionDenied(_("You cannot change this part of the profile."))


LANGUAGE_FIELDS = ["language", "is_mother_tongue", *LanguageSkill.CEFR_SKILLS]


def language_skills_replace(*, actor, access: ParticipantAccess, languages: list[dict]) -> list[LanguageSkill]:
    """Replaces the whole list of languages: what the profile form and the API send."""
    _require_edit(access, "languages")
    participant = access.participant
    rows, errors = [], {}
    seen = set()
    for index, item in enumerate(languages):
        reject_unknown_fields(item, LANGUAGE_FIELDS)
        row = LanguageSkill(participant=participant, **item)
        try:
            row.full_clean(exclude=["participant"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for field, messages in field_errors_of(error).items():
                errors[f"languages[{index}].{field}"] = messages
        if row.language in seen:
            errors[f"languages[{index}].language"] = [_("This language is listed twice.")]
        seen.add(row.language)
        rows.append(row)
    if errors:
        raise ApplicationError.for_fields(errors)
    with transaction.atomic():
        old = list(LanguageSkill.objects.filter(participant=participant).order_by("language"))
        before = {r.language: snapshot(r, LANGUAGE_FIELDS) for r in old}
        LanguageSkill.objects.filter(participant=participant).delete()
        LanguageSkill.objects.bulk_create(rows)
        after = {r.language: snapshot(r, LANGUAGE_FIELDS) for r in rows}
        change_record(
            actor=actor,
            instance=participant,
            action="update",
            before={"languages": before},
            after={"languages": after},
            participant=participant,
        )
    return rows


def language_skill_save(*, actor, access: ParticipantAccess, data: dict) -> LanguageSkill:
    """Adds a language, or updates the levels of one already listed."""
    _require_edit(access, "languages")
    reject_unknown_fields(data, LANGUAGE_FIELDS)
    participant = access.participant
    existing = LanguageSkill.objects.filter(participant=participant, language=data.get("language")).first()
    row = existing or LanguageSkill(participant=participant)
    before = snapshot(row, LANGUAGE_FIELDS) if existing else {}
    for name, value in data.items():
        setattr(row, name, value)
    _validate(row, exclude=["participant"])
    with transaction.atomic():
        row.save()
        change_record(
            actor=actor,
            instance=row,
            action="update" if existing else "create",
            before=before,
            after=snapshot(row, LANGUAGE_FIELDS),
            participant=participant,
        )
    return row


_SECTIONS = {
    "languages": (LanguageSkill, LANGUAGE_FIELDS),
    "educations": (Education, ["level", "field", "country", "completed_year", "recognition_status"]),
    "experiences": (WorkExperience, ["occupation_code", "title", "years", "country", "description"]),
    "skills": (Skill, ["name", "esco_uri"]),
}


def profile_item_add(*, actor, access: ParticipantAccess, section: str, data: dict):
    """Adds an education, a work experience or a skill."""
    model, fields = _SECTIONS[section]
    _require_edit(access, section)
    reject_unknown_fields(data, fields)
    participant = access.participant
    item = model(participant=participant, **data)
    _validate(item, exclude=["participant"])
    with transaction.atomic():
        try:
            with transaction.atomic():
                item.save(force_insert=True)
        except IntegrityError as exc:
            raise ApplicationError.for_fields({fields[0]: [_("This is already on the profile.")]}) from exc
        change_record(
            actor=actor, instance=item, action="create", after=snapshot(item, fields), participant=participant
        )
    return item


def profile_item_remove(*, actor, access: ParticipantAccess, section: str, item_id) -> None:
    model, fields = _SECTIONS[section]
    _require_edit(access, section)
    participant = access.participant
    with transaction.atomic():
        item = model.objects.filter(participant=participant, pk=item_id).first()
        if item is None:
            raise NotFound()
        change_record(
            actor=actor,
            instance=item,
            action="delete",
            before=snapshot(item, fields),
            participant=participant,
        )
        item.delete()


def health_update(*, actor, access: ParticipantAccess, data: dict) -> HealthInformation:
    """Special-category data: only those who may see it may change it."""
    if not access.special_category:
        raise NotFound()
    reject_unknown_fields(data, HEALTH_FIELDS)
    with transaction.atomic():
        health, created = HealthInformation.objects.get_or_create(participant=access.participant)
        before = {} if created else snapshot(health, HEALTH_FIELDS)
        for name, value in data.items():
            setattr(health, name, value)
        _validate(health, exclude=["participant"])
        health.save()
        change_record(
            actor=actor,
            instance=health,
            action="update",
            before=before,
            after=snapshot(health, HEALTH_FIELDS),
            participant=access.participant,
            sensitive_fields=frozenset(HEALTH_FIELDS),
        )
    return health
