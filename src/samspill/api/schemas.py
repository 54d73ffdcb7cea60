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
