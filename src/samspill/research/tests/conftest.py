"""A small research world: the personas, a researcher's project, and 24 synthetic participants with pathway
histories written through the real services (registration, consent, pathway, events imported from CSV)."""

import datetime as dt
import io
import json

import pytest

from samspill.access.selectors import access_participant
from samspill.accounts.services import membership_add, user_create
from samspill.consent.services import consent_give
from samspill.core.roles import ConsentPurpose, Purpose, Role
from samspill.pathways.imports import events_import_csv
from samspill.pathways.services import pathway_create
from samspill.people.services import participant_create
from samspill.research.services import research_project_create
from samspill.testing.personas import synthetic_national_id

PEOPLE = 24
WITHOUT_CONSENT = {0, 1}  # no consent to research: never in a consent-based cohort


def months_after(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    return dt.date(day.year + index // 12, index % 12 + 1, min(day.day, 28))


def history(i: int, start: dt.date) -> list[tuple[str, dt.date, dict]]:
    """Four kinds of trajectories, so that clusters have something to find."""
    kind = i % 4
    if kind == 0:  # introduction programme, then a job
        return [
            ("enrolment_start", start, {"programme": "intro", "programme_kind": "introduction"}),
            ("enrolment_end", months_after(start, 9), {"programme": "intro"}),
            ("placement_start", months_after(start, 10), {"placement": "job", "opportunity_kind": "job"}),
        ]
    if kind == 1:  # language course, work trial, then benefits
        return [
            ("enrolment_start", months_after(start, 1), {"programme": "nor", "programme_kind": "norwegian"}),
            ("enrolment_end", months_after(start, 7), {"programme": "nor"}),
            ("placement_start", months_after(start, 8), {"placement": "trial", "opportunity_kind": "work_trial"}),
            ("placement_end", months_after(start, 11), {"placement": "trial"}),
            ("benefit_start", months_after(start, 11), {"benefit": "unemployment"}),
        ]
    if kind == 2:  # benefits, a short job, back on benefits: a revolving door
        return [
            ("benefit_start", start, {"benefit": "social_assistance"}),
            ("placement_start", months_after(start, 5), {"placement": "job", "opportunity_kind": "job"}),
            ("placement_end", months_after(start, 9), {"placement": "job"}),
        ]
    return [("enrolment_start", months_after(start, 2), {"programme": "q", "programme_kind": "qualification"})]


@pytest.fixture
def research_world(world):
    return build_research_world(world)


def build_research_world(world):
    owner = world.user("owner")
    nav = world.organisations["nav"]
    people = []
    rows = ["national_id,path,kind,effective_date,data"]
    for i in range(PEOPLE):
        birth = dt.date(1980 + i % 15, 1 + i % 12, 1 + i)
        national_id = synthetic_national_id(birth, start=200)
        participant = participant_create(
            actor=owner,
            organisation=nav,
            data={
                "given_name": f"Syntetisk{i}",
                "family_name": "Testesen",
                "birth_date": birth,
                "national_id": national_id,
                "country_of_birth": "SY",
                "municipality_number": "3907" if i % 2 else "3905",
                "assigned_specialist": owner,
            },
        )
        access = access_participant(owner, participant.pk, Purpose.CASE_MANAGEMENT)
        if i not in WITHOUT_CONSENT:
            consent_give(actor=owner, access=access, purpose=ConsentPurpose.RESEARCH)
        start = dt.date(2023, 1, 5) + dt.timedelta(days=9 * i)
        pathway_create(actor=owner, participant_access=access, path="employment", started_on=start)
        for kind, day, data in history(i, start):
            rows.append(
                f'{national_id},employment,{kind},{day.isoformat()},"{json.dumps(data).replace(chr(34), 2 * chr(34))}"'
            )
        people.append(participant)
    result = events_import_csv(actor=owner, file=io.BytesIO("\n".join(rows).encode()))
    assert result.ok, [str(e) for e in result.errors]
    outsider = user_create(
        actor=None, username="other_researcher", password=None, first_name="Other", last_name="Testesen"
    )
    membership_add(actor=None, user=outsider, organisation=world.organisations["university"], role=Role.RESEARCHER)
    project = research_project_create(
        actor=None,
        title="Veier til arbeid",
        institution=world.organisations["university"],
        legal_basis="consent",
        members=[world.user("researcher")],
    )
    world.people = people
    world.project = project
    world.users["other_researcher"] = outsider
    return world
