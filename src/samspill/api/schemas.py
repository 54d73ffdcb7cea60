"""Request and response bodies of the API, documented for integrators (they make up the OpenAPI schema).

Input schemas refuse unknown fields, so a typo in a field name is an error naming that field, not a silent no-op.
Business rules (valid national identity numbers, country codes, who may change what) are checked by the services,
which report problems field by field in the same error shape as the schema checks here.
"""

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, WithJsonSchema, create_model
from pydantic_core import PydanticCustomError

from samspill.core.languages import CEFR_LEVELS
from samspill.core.roles import OrganisationKind, Purpose
from samspill.pathways.stages import (
    STAGES,
    ActivityKind,
    ActivityStatus,
    BenefitKind,
    Outcome,
    Path,
    PathwayRole,
    Stage,
)

# The six levels of the Common European Framework of Reference for Languages. A fixed standard; the people app
# keeps the same list for its forms.


def _cefr_level(value: str) -> str:
    if value and value not in CEFR_LEVELS:
        raise PydanticCustomError(
            "cefr_level",
            "{message}",
            {
                "message": _("“%(value)s” is not a CEFR level. Use one of A1, A2, B1, B2, C1 or C2.")
                % {"value": value[:20]}
            },
        )
    return value


CefrLevel = Annotated[
    str,
    AfterValidator(_cefr_level),
    WithJsonSchema(
        {
            "type": "string",
            "enum": ["", *CEFR_LEVELS],
            "description": "CEFR level (A1–C2), or an empty string when this skill was not assessed.",
        }
    ),
]


def _no_default(schema: dict[str, Any]) -> None:
    # In a PATCH body a field left out is left unchanged; "default: null" in the schema would suggest otherwise.
    schema.pop("default", None)


class InputSchema(Schema):
    model_config = ConfigDict(extra="forbid")


# ---------------------------------------------------------------------------------------------------------------
# Errors


class Message(Schema):
    detail: str = Field(description="What went wrong, in a sentence meant for the person using the client.")


class ErrorItem(Schema):
    loc: list[str | int] = Field(
        description='Where the problem is: the source ("body", "query" or "path"), then the field, then positions '
        'in lists, e.g. ["body", "languages", 0, "listening"]. ["body"] alone is about the request as a whole.'
    )
    msg: str = Field(description="What is wrong and how to fix it, in the language of the request.")
    type: str = Field(
        description='A stable code for programs: a pydantic error type such as "missing" or "string_too_long", '
        '"cefr_level", or "invalid" for a rule checked by the platform (identity number, country code, ...).'
    )


class ValidationErrors(Schema):
    detail: list[ErrorItem] = Field(description="One item per problem, field by field.")


# ---------------------------------------------------------------------------------------------------------------
# Shared pieces


class Page(Schema):
    count: int = Field(description="How many items match, over all pages.")
    limit: int = Field(description="The most items on one page.")
    offset: int = Field(description="How many matching items come before this page.")


class OrganisationRef(Schema):
    id: uuid.UUID
    name: str
    kind: str = Field(description="The kind of organisation, e.g. nav_office, municipality, employer.")


class PersonRef(Schema):
    id: uuid.UUID
    name: str = Field(description="The person's full name.")


class TeamRef(Schema):
    id: uuid.UUID
    name: str


# ---------------------------------------------------------------------------------------------------------------
# Organisations


class Organisation(Schema):
    id: uuid.UUID
    name: str
    kind: str = Field(description="The kind of organisation: " + ", ".join(OrganisationKind.values) + ".")
    municipality_number: str = Field(description="The four-digit municipality number, e.g. 3907 (Sandefjord).")
    organisation_number: str = Field(description="The nine-digit number in the Register of Legal Entities, or ''.")


class OrganisationPage(Page):
    items: list[Organisation]


OrganisationKindParam = Literal[tuple(OrganisationKind.values)]


# ---------------------------------------------------------------------------------------------------------------
# Participants: read


class ParticipantSummary(Schema):
    id: uuid.UUID
    given_name: str
    family_name: str
    municipality_number: str = Field(description="The municipality the participant lives in.")
    preferred_language: str = Field(description="ISO 639 code of the language the participant prefers.")
    purpose: str = Field(
        description="Why you can see this person: case_management, self_service, share_employer, share_mentor or "
        "share_partner. Reading the full record is logged under this purpose."
    )


class ParticipantPage(Page):
    items: list[ParticipantSummary]


class LanguageSkill(Schema):
    language: str = Field(description="ISO 639 language code, e.g. ar, ti, uk, nb.")
    is_mother_tongue: bool
    listening: str = Field(description="CEFR level, or '' when not assessed.")
    reading: str
    spoken_interaction: str
    spoken_production: str
    writing: str


class Education(Schema):
    id: uuid.UUID
    level: str = Field(description="none, primary, lower_secondary, upper_secondary, vocational, bachelor, ...")
    field: str
    country: str = Field(description="ISO 3166 two-letter code of the country where it was taken.")
    completed_year: int | None
    recognition_status: str = Field(description="Whether the education is recognised in Norway.")


class WorkExperience(Schema):
    id: uuid.UUID
    occupation_code: str = Field(description="STYRK-08 (ISCO-08) four-digit occupation code, or ''.")
    title: str
    years: float
    country: str
    description: str


class Skill(Schema):
    id: uuid.UUID
    name: str
    esco_uri: str = Field(description="The ESCO skill this corresponds to, or ''.")


class Health(Schema):
    """Special-category data (GDPR art. 9)."""

    work_limitations: str
    adaptation_needs: str
    follow_up_by_health_service: bool


class AccessInfo(Schema):
    purpose: Purpose = Field(description="The purpose this read was logged under.")
    level: Literal["case", "self", "shared"] = Field(
        description="case: case management (all fields); self: the participant's own record; shared: shared by "
        "the participant's consent (only the fields needed to judge a match)."
    )
    special_category: bool = Field(description="Whether health information is included.")
    editable_fields: list[str] = Field(description="The fields you may change with PATCH.")


class ParticipantDetail(Schema):
    """One participant. Fields you may not see are left out (not null): readers who see the record through a
    consent to share see only the fields needed to judge a match, and health information is included only for
    the participant and their own job specialists."""

    id: uuid.UUID
    organisation: OrganisationRef | None = None
    assigned_specialist: PersonRef | None = Field(None, description="The responsible job specialist.")
    assigned_team: TeamRef | None = Field(None, description="The team that shares the follow-up.")
    given_name: str | None = None
    family_name: str | None = None
    birth_date: dt.date | None = None
    national_id: str | None = Field(None, description="Norwegian national identity number or D-number.")
    email: str | None = None
    phone: str | None = None
    country_of_birth: str | None = Field(None, description="ISO 3166 two-letter country code.")
    citizenship: str | None = Field(None, description="ISO 3166 two-letter country code.")
    arrival_date: dt.date | None = None
    residence_basis: str | None = None
    municipality_number: str | None = None
    case_legal_basis: str | None = Field(None, description="The law case management rests on.")
    preferred_language: str | None = None
    interpreter_needed: bool | None = None
    interpreter_language: str | None = None
    hours_preference: str | None = Field(None, description="full_time, part_time or either.")
    commuting_radius_km: int | None = None
    driving_licence: bool | None = None
    childcare_constraint: bool | None = None
    preferences_note: str | None = Field(None, description="Job wishes in the participant's own words.")
    languages: list[LanguageSkill] | None = None
    educations: list[Education] | None = None
    experiences: list[WorkExperience] | None = None
    skills: list[Skill] | None = None
    health: Health | None = Field(
        None, description="Present only for those who may see special-category data; null when none is recorded."
    )
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    access: AccessInfo | None = Field(
        description="How you see this record. null only in the answer to a registration for a colleague or team "
        "you are not part of: you may no longer read the record, and it holds only the id."
    )


# ---------------------------------------------------------------------------------------------------------------
# Participants: write


class LanguageSkillIn(InputSchema):
    language: str = Field(max_length=3, description="ISO 639 language code, e.g. ar, ti, uk, nb.")
    is_mother_tongue: bool = False
    listening: CefrLevel = ""
    reading: CefrLevel = ""
    spoken_interaction: CefrLevel = ""
    spoken_production: CefrLevel = ""
    writing: CefrLevel = ""


# name -> (type, description, max_length). The same fields make up the create and the update body.
_PARTICIPANT_INPUT_FIELDS: dict[str, tuple[Any, str, int | None]] = {
    "given_name": (str, "Given name(s).", 100),
    "family_name": (str, "Family name.", 100),
    "birth_date": (dt.date, "Birth date, YYYY-MM-DD.", None),
    "national_id": (str, "Norwegian national identity number or D-number (11 digits), or ''.", 11),
    "email": (str, "Email address, or ''.", 254),
    "phone": (str, "Phone number, or ''.", 20),
    "country_of_birth": (str, "ISO 3166 two-letter country code, e.g. SY, or ''.", 2),
    "citizenship": (str, "ISO 3166 two-letter country code, or ''.", 2),
    "arrival_date": (dt.date | None, "Date of arrival in Norway.", None),
    "residence_basis": (str, "refugee, family, work, education, eea, citizen, other, or ''.", 16),
    "municipality_number": (str, "Four-digit municipality number of residence, e.g. 3907.", 4),
    "case_legal_basis": (
        str,
        "introduction_act, nav_act_14a, labour_market_act or social_services_act. Default: introduction_act.",
        32,
    ),
    "preferred_language": (str, "ISO 639 code of the preferred language, or ''.", 3),
    "interpreter_needed": (bool, "Whether the participant needs an interpreter.", None),
    "interpreter_language": (str, "ISO 639 code of the interpreter language, or ''.", 3),
    "hours_preference": (str, "full_time, part_time or either. Default: either.", 16),
    "commuting_radius_km": (int | None, "How far the participant can travel to work, 0–500 km.", None),
    "driving_licence": (bool, "Whether the participant has a driving licence.", None),
    "childcare_constraint": (bool, "Whether childcare limits the working hours.", None),
    "preferences_note": (str, "Job wishes in the participant's own words.", 4000),
    "assigned_specialist": (
        uuid.UUID | None,
        "Id of the responsible job specialist, a job specialist in the participant's organisation. When "
        "registering a participant, a job specialist who leaves this and assigned_team out becomes responsible.",
        None,
    ),
    "assigned_team": (uuid.UUID | None, "Id of a team of the participant's organisation.", None),
}
_REQUIRED_ON_CREATE = frozenset({"given_name", "family_name", "birth_date", "municipality_number"})


def _field(description: str, max_length: int | None, *, required: bool):
    extra = {"max_length": max_length} if max_length else {}
    if required:
        return Field(..., description=description, **extra)
    return Field(None, description=description, json_schema_extra=_no_default, **extra)


ParticipantCreate = create_model(
    "ParticipantCreate",
    __base__=InputSchema,
    __doc__="A new participant. Fields left out get their default (mostly empty).",
    organisation=(
        uuid.UUID | None,
        Field(
            None,
            description="Id of the organisation the participant is registered in. Leave it out when you are job "
            "specialist or coordinator in only one organisation.",
        ),
    ),
    **{
        name: (kind, _field(description, length, required=name in _REQUIRED_ON_CREATE))
        for name, (kind, description, length) in _PARTICIPANT_INPUT_FIELDS.items()
    },
)

ParticipantUpdate = create_model(
    "ParticipantUpdate",
    __base__=InputSchema,
    __doc__="A partial update: only the fields sent are changed. Which fields you may change depends on your "
    "access (see access.editable_fields in the participant record); everything is stored, or nothing.",
    **{
        name: (kind, _field(description, length, required=False))
        for name, (kind, description, length) in _PARTICIPANT_INPUT_FIELDS.items()
    },
    languages=(
        list[LanguageSkillIn],
        Field(
            None,
            description="The complete list of languages: it replaces the languages on the profile.",
            json_schema_extra=_no_default,
        ),
    ),
)


# ---------------------------------------------------------------------------------------------------------------
# Pathways

PathParam = Literal[tuple(Path.values)]
StageParam = Literal[tuple(Stage.values)]
OutcomeParam = Literal[tuple(Outcome.values)]
ActivityKindParam = Literal[tuple(ActivityKind.values)]
ActivityStatusParam = Literal[tuple(ActivityStatus.values)]
# A participant joins their own pathway when it is opened; every other role can be given to a team member.
TeamRoleParam = Literal[tuple(role for role in PathwayRole.values if role != PathwayRole.PARTICIPANT)]
PathwayRoleParam = Literal[tuple(PathwayRole.values)]

_STAGES_DOC = (
    "Employment (Supported Employment): "
    + " → ".join(STAGES[Path.EMPLOYMENT])
    + ". Entrepreneurship: "
    + " → ".join(STAGES[Path.ENTREPRENEURSHIP])
    + "."
)


class PathwaySummary(Schema):
    id: uuid.UUID
    participant: PersonRef = Field(description="The participant whose pathway this is.")
    path: PathParam = Field(description="employment (Supported Employment) or entrepreneurship.")
    stage: StageParam = Field(description="The current stage. " + _STAGES_DOC)
    stage_since: dt.date = Field(description="The date the pathway entered its current stage.")
    started_on: dt.date
    closed_on: dt.date | None = Field(description="The date the pathway was closed, or null while it is open.")
    outcome: str = Field(description="How a closed pathway ended: " + ", ".join(Outcome.values) + "; '' while open.")
    responsible_specialist: PersonRef = Field(description="The responsible job specialist.")


class PathwayPage(Page):
    items: list[PathwaySummary]


class PathwayMember(Schema):
    id: uuid.UUID = Field(description="The id of this membership (remove it with DELETE .../team/{member_id}).")
    user: PersonRef
    organisation: OrganisationRef | None = Field(description="The organisation the member takes part for.")
    role: PathwayRoleParam = Field(description="The member's role on this pathway.")
    confidentiality_declared_at: dt.datetime | None = Field(
        description="When a mentor declared confidentiality (mentors see the plan only after that); null otherwise."
    )


class StageNote(Schema):
    """Language support, participation and cultural understanding: the three dimensions added to every stage."""

    stage: StageParam
    interpreter_used: bool
    interpreter_language: str = Field(description="ISO 639 code, or ''.")
    norwegian_level: str = Field(description="CEFR level (A1–C2), or ''.")
    vocational_norwegian: str
    participant_words: str = Field(description="The stage in the participant's own words.")
    participant_agrees: bool = Field(description="Whether the participant agrees with the stage's plan.")
    workplace_mediation: str = Field(description="Notes on cultural mediation with the workplace.")
    updated_at: dt.datetime


class Signature(Schema):
    party: PathwayRoleParam
    user: PersonRef
    signed_at: dt.datetime


class AgreementVersion(Schema):
    number: int = Field(description="Versions are numbered 1, 2, …; signatures belong to one version.")
    text: str
    language: str = Field(description="ISO 639 code of the language the text is written in.")
    created_by: PersonRef
    created_at: dt.datetime
    signatures: list[Signature]


class AgreementState(Schema):
    """The cooperation agreement (samarbeidsavtale) and who still has to sign its newest version."""

    version: AgreementVersion | None = Field(description="The newest version, or null when none is written yet.")
    versions: int = Field(description="How many versions exist.")
    required: list[PathwayRoleParam] = Field(
        description="The parties that must sign: participant and job specialist, and employer and mentor where "
        "they are on the team."
    )
    missing: list[PathwayRoleParam] = Field(description="The required parties that have not signed the newest one.")
    signed: bool = Field(description="Whether every required party signed the newest version.")
    can_sign: bool = Field(description="Whether you can sign the newest version now.")


class Goal(Schema):
    id: uuid.UUID
    text: str = Field(description="The goal in the participant's own words.")
    language: str
    authored_by: PersonRef
    by_participant: bool = Field(description="Whether the participant wrote it themself.")
    created_at: dt.datetime


class ActivityComment(Schema):
    id: uuid.UUID
    author: PersonRef
    text: str
    created_at: dt.datetime


class ActivityAgreement(Schema):
    party: PathwayRoleParam = Field(description="The party that agreed to the activity.")
    user: PersonRef
    at: dt.datetime


class Activity(Schema):
    id: uuid.UUID
    kind: ActivityKindParam
    title: str
    description: str
    owner_role: PathwayRoleParam = Field(description="The party responsible for the activity.")
    status: ActivityStatusParam = Field(
        description="proposed → planned → in_progress → done | cancelled. Done and cancelled are final."
    )
    due_date: dt.date | None
    meeting_at: dt.datetime | None
    interpreter: bool
    meeting_language: str
    proposed_by: PersonRef
    proposed_by_participant: bool
    agreed_by: list[ActivityAgreement] = Field(description="Each party's agreement to the activity.")
    comments: list[ActivityComment]
    created_at: dt.datetime
    updated_at: dt.datetime


class Plan(Schema):
    goals: list[Goal]
    activities: list[Activity]


class PathwayEvent(Schema):
    id: uuid.UUID
    kind: str = Field(description="What happened: pathway_start, stage_move, activity_status, agreement_signed, …")
    effective_date: dt.date = Field(description="The date the change took effect.")
    recorded_at: dt.datetime
    actor: PersonRef | None
    reason: str = Field(description="Why, for moves back.")
    data: dict[str, Any] = Field(description="The details of the change, e.g. {'from': …, 'to': …} for a move.")


class PathwayAccessInfo(Schema):
    level: Literal["case", "self", "team"] = Field(
        description="case: the participant's job specialists and coordinator; self: the participant; team: "
        "another member of the pathway team."
    )
    party: PathwayRoleParam | None = Field(description="The party you sign and agree as, or null.")
    can_manage: bool = Field(description="Whether you can move stages, change the team and write the agreement.")


class PathwayDetail(PathwaySummary):
    """One pathway as the plan page shows it. Reading it is logged in the participant's access log."""

    org_number: str = Field(description="The organisation number of the participant's business (entrepreneurship).")
    organisation: OrganisationRef = Field(description="The organisation that runs the pathway.")
    team: list[PathwayMember]
    stage_notes: list[StageNote]
    agreement: AgreementState
    plan: Plan
    timeline: list[PathwayEvent] = Field(description="Every recorded event, newest first.")
    access: PathwayAccessInfo


class ConfidentialityDeclaration(Schema):
    pathway: uuid.UUID
    confidentiality_declared_at: dt.datetime


class BenefitPeriod(Schema):
    start: dt.date
    end: dt.date | None
    benefit: str


# --- pathways: write -------------------------------------------------------------------------------------------


class PathwayCreate(InputSchema):
    participant: uuid.UUID = Field(description="Id of a participant you follow up as job specialist or coordinator.")
    path: PathParam = Field(description="employment (Supported Employment) or entrepreneurship.")
    started_on: dt.date | None = Field(None, description="The start date, YYYY-MM-DD. Default: today.")
    responsible_specialist: uuid.UUID | None = Field(
        None,
        description="Id of the responsible job specialist, a job specialist in the participant's organisation. "
        "Default: the participant's assigned job specialist, or you.",
    )


class PathwayMove(InputSchema):
    to_stage: StageParam = Field(description="The stage to move to. " + _STAGES_DOC)
    effective_date: dt.date | None = Field(None, description="The date the move took effect. Default: today.")
    reason: str = Field("", max_length=2000, description="Why; required when moving back or reopening.")
    outcome: OutcomeParam | None = Field(None, description="How the pathway ended; required when closing.")
    org_number: str = Field(
        "",
        pattern=r"^(\d{9})?$",
        description="The business's nine-digit organisation number, when moving an entrepreneurship pathway to launch.",
    )


def _optional(description: str, **extra):
    return Field(None, description=description, json_schema_extra=_no_default, **extra)


class StageNoteUpdate(InputSchema):
    """The fields sent are set; fields left out stay as they are. The participant may set participant_words and
    participant_agrees; the job specialists every field."""

    interpreter_used: bool = _optional("Whether an interpreter was used in this stage.")
    interpreter_language: str = _optional("ISO 639 code of the interpreter's language, or ''.", max_length=3)
    norwegian_level: CefrLevel = _optional("The participant's Norwegian level (CEFR), or ''.")
    vocational_norwegian: str = _optional("Vocational Norwegian worked on in this stage.", max_length=4000)
    participant_words: str = _optional("The stage in the participant's own words.", max_length=4000)
    participant_agrees: bool = _optional("Whether the participant agrees.")
    workplace_mediation: str = _optional("Notes on cultural mediation with the workplace.", max_length=4000)


class PathwayMemberCreate(InputSchema):
    user: uuid.UUID = Field(description="Id of the person to add.")
    role: TeamRoleParam = Field(description="Their role on this pathway.")
    organisation: uuid.UUID | None = Field(
        None,
        description="Id of the organisation they take part for, one of theirs. Default: their organisation when "
        "they have only one.",
    )


class AgreementVersionCreate(InputSchema):
    text: str = Field(max_length=20000, description="The full text of the agreement.")
    language: str = Field(max_length=3, description="ISO 639 code of the language it is written in, e.g. nb, ar.")


class SignatureCreate(InputSchema):
    version: int = Field(
        ge=1,
        description="The number of the version you sign: the newest one, the one you read. A newer version "
        "needs new signatures.",
    )


class GoalCreate(InputSchema):
    text: str = Field(max_length=2000, description="The goal, in the participant's own words.")
    language: str = Field("", max_length=3, description="ISO 639 code of the language it is written in, or ''.")


class ActivityCreate(InputSchema):
    kind: ActivityKindParam = Field(description="What kind of activity.")
    title: str = Field(max_length=200)
    description: str = Field("", max_length=4000)
    owner_role: PathwayRoleParam | None = Field(
        None, description="The party responsible for it. Default: your own party."
    )
    due_date: dt.date | None = Field(None, description="When it is due, YYYY-MM-DD.")
    meeting_at: dt.datetime | None = Field(None, description="For meetings: when, as an ISO 8601 date and time.")
    interpreter: bool = Field(False, description="For meetings: whether an interpreter takes part.")
    meeting_language: str = Field("", max_length=3, description="For meetings: ISO 639 code of the language.")


class ActivityUpdate(InputSchema):
    """Only the fields sent are changed. Done and cancelled activities cannot be changed."""

    kind: ActivityKindParam = _optional("What kind of activity.")
    title: str = _optional("The title.", max_length=200)
    description: str = _optional("The description.", max_length=4000)
    owner_role: PathwayRoleParam = _optional("The party responsible for it.")
    due_date: dt.date | None = _optional("When it is due, YYYY-MM-DD.")
    meeting_at: dt.datetime | None = _optional("For meetings: when.")
    interpreter: bool = _optional("For meetings: whether an interpreter takes part.")
    meeting_language: str = _optional("For meetings: ISO 639 code of the language.", max_length=3)


class ActivityStatusChange(InputSchema):
    status: ActivityStatusParam = Field(
        description="The new status: proposed → planned → in_progress → done | cancelled."
    )
    effective_date: dt.date | None = Field(None, description="The date the change took effect. Default: today.")


class ActivityCommentCreate(InputSchema):
    text: str = Field(max_length=4000)


class BenefitPeriodCreate(InputSchema):
    start: dt.date = Field(description="The first day of the period.")
    end: dt.date | None = Field(None, description="The last day, or null while it goes on.")
    benefit: Literal[tuple(BenefitKind.values)] = Field(
        description="Which benefit: " + ", ".join(BenefitKind.values) + "."
    )


class Ref(Schema):
    id: uuid.UUID
    name: str


class ParticipantRef(Schema):
    """Only the name: the full record is read, and logged, at /api/v1/participants/{id}."""

    id: uuid.UUID
    given_name: str
    family_name: str
