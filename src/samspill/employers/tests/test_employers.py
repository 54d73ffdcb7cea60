"""Employers, opportunities, candidates, the contact log and placements: rules, events and what consent shows."""

import datetime as dt

import pytest
import time_machine

from samspill.audit.models import AccessLog
from samspill.core import clock
from samspill.core.errors import ApplicationError, PermissionDenied
from samspill.core.roles import ConsentPurpose
from samspill.employers import selectors, services
from samspill.employers.tests.helpers import (
    OPPORTUNITY_DATA,
    START,
    build_objects,
    give_consent,
    make_opportunity,
    make_pathway,
    withdraw_consent,
)
from samspill.pathways.models import PathwayEvent
from samspill.testing.database import fingerprint

pytestmark = pytest.mark.django_db


def _events(pathway, kind):
    return list(PathwayEvent.objects.filter(pathway=pathway, kind=kind))


# ---------------------------------------------------------------------------------------------------------------
# Bad input: clear errors, nothing changed


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("occupation_code", "512", "four-digit STYRK-08"),
        ("occupation_code", "51x0", "four-digit STYRK-08"),
        ("norwegian_level", "D1", "is not a CEFR level"),
        ("norwegian_level", "a2", "is not a CEFR level"),
        ("municipality_number", "390", "four digits"),
        ("hours_per_week", 0, "greater than or equal to 1"),
        ("positions", 0, "greater than or equal to 1"),
    ],
)
def test_an_opportunity_with_bad_values_is_refused_and_nothing_is_stored(world, field, value, message):
    before = fingerprint()
    with pytest.raises(ApplicationError) as error:
        make_opportunity(world, **{field: value})
    assert message in " ".join(error.value.field_errors[field])
    assert fingerprint() == before


@pytest.mark.parametrize("code", ["5610", "56.1", "56,101", "A56", "56.1010", ""])
def test_an_industry_code_must_be_a_division_or_a_five_digit_sn2007_code(world, code):
    before = fingerprint()
    with pytest.raises(ApplicationError) as error:
        services.employer_profile_save(
            actor=world.user("employer_contact"),
            organisation=world.organisations["employer"],
            data={"industry_code": code, "size_band": "10-49"},
        )
    assert "industry_code" in error.value.field_errors
    assert fingerprint() == before


@pytest.mark.parametrize("code", ["56", "56.101", "10.710"])
def test_good_industry_codes_are_stored(world, code):
    profile = services.employer_profile_save(
        actor=world.user("owner"),
        organisation=world.organisations["employer"],
        data={"industry_code": code, "size_band": "1-9", "workplace_mentors": 1, "adaptation_possible": True},
    )
    assert profile.industry_code == code
    assert profile.municipality_number == world.organisations["employer"].municipality_number


def test_only_an_employer_organisation_has_an_employer_profile(world):
    with pytest.raises(ApplicationError) as error:
        services.employer_profile_save(
            actor=world.user("owner"), organisation=world.organisations["school"], data={"industry_code": "85"}
        )
    assert "organisation" in error.value.field_errors


def test_an_employer_contact_registers_opportunities_only_for_their_own_employer(world):
    with pytest.raises(ApplicationError):
        services.opportunity_create(
            actor=world.user("employer_contact"), employer=world.organisations["school"], data=OPPORTUNITY_DATA
        )
    with pytest.raises(PermissionDenied):
        services.opportunity_create(
            actor=world.user("partner"), employer=world.organisations["employer"], data=OPPORTUNITY_DATA
        )


def test_a_placement_cannot_end_before_it_started(world):
    objects = build_objects(world)
    before = fingerprint()
    with pytest.raises(ApplicationError) as error:
        services.placement_end(
            actor=world.user("owner"),
            placement=objects.placement,
            end_date=START - dt.timedelta(days=1),
            end_reason="completed",
        )
    assert "cannot end before it started" in error.value.field_errors["end_date"][0]
    with pytest.raises(ApplicationError) as error:
        services.placement_end(actor=world.user("owner"), placement=objects.placement, end_date=START, end_reason="x")
    assert "end_reason" in error.value.field_errors
    assert fingerprint() == before


def test_a_candidate_needs_the_consent_to_share_with_the_employer(world):
    pathway = make_pathway(world)
    opportunity = make_opportunity(world)
    before = fingerprint()
    with pytest.raises(ApplicationError) as error:
        services.candidate_propose(actor=world.user("owner"), opportunity=opportunity, pathway=pathway)
    assert "has not consented to share" in error.value.field_errors["pathway"][0]
    assert fingerprint() == before


def test_only_those_who_follow_the_participant_up_write_on_the_pathway(world):
    objects = build_objects(world)
    for persona in ("colleague_without_access", "other_organisation", "employer_contact", "participant"):
        with pytest.raises(PermissionDenied):
            services.placement_update(
                actor=world.user(persona), placement=objects.placement, data={"follow_up_interval_days": 7}
            )


def test_a_pathway_has_one_placement_at_a_time(world):
    objects = build_objects(world)
    with pytest.raises(ApplicationError) as error:
        services.placement_start(
            actor=world.user("owner"),
            pathway=objects.pathway,
            opportunity=objects.opportunity,
            data={"start_date": START, "hours_per_week": 10},
        )
    assert "already has a placement" in error.value.field_errors["pathway"][0]


def test_a_contact_cannot_be_logged_in_the_future(world):
    with pytest.raises(ApplicationError) as error:
        services.employer_contact_record(
            actor=world.user("owner"),
            employer=world.organisations["employer"],
            data={"date": clock.today() + dt.timedelta(days=2), "kind": "visit", "outcome": "x"},
        )
    assert "date" in error.value.field_errors


# ---------------------------------------------------------------------------------------------------------------
# Events


def test_placements_and_contacts_write_events_with_their_dates(world):
    objects = build_objects(world)
    (start,) = _events(objects.pathway, "placement_start")
    assert start.effective_date == START
    assert start.data["placement"] == str(objects.placement.pk)
    assert start.data["occupation_code"] == "7512"
    (contact,) = _events(objects.pathway, "employer_contact")
    assert contact.effective_date == dt.date(2025, 2, 20)
    assert contact.data["employer"] == str(world.organisations["employer"].pk)

    services.placement_end(
        actor=world.user("owner"), placement=objects.placement, end_date=dt.date(2025, 6, 30), end_reason="hired"
    )
    (end,) = _events(objects.pathway, "placement_end")
    assert (end.effective_date, end.data["end_reason"]) == (dt.date(2025, 6, 30), "hired")


def test_a_contact_without_a_pathway_writes_no_event(world):
    pathway = make_pathway(world)
    services.employer_contact_record(
        actor=world.user("colleague_without_access"),
        employer=world.organisations["employer"],
        data={"date": dt.date(2025, 2, 1), "kind": "phone", "outcome": "Call back in May."},
    )
    assert not _events(pathway, "employer_contact")
    assert not selectors.pathway_has_employer_contact(pathway=pathway)


def test_the_selectors_for_the_stage_machine(world):
    objects = build_objects(world)
    assert selectors.pathway_has_employer_contact(pathway=objects.pathway)
    assert selectors.pathway_active_placement(pathway=objects.pathway) == objects.placement
    with time_machine.travel(dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC)):  # before the start date
        assert selectors.pathway_active_placement(pathway=objects.pathway) is None
    # 23:30 UTC the evening before is already the start date in Oslo, where the placement's dates are kept.
    evening_before = dt.datetime.combine(START - dt.timedelta(days=1), dt.time(23, 30), tzinfo=dt.UTC)
    with time_machine.travel(evening_before):
        assert clock.today() == START
        assert selectors.pathway_active_placement(pathway=objects.pathway) == objects.placement
    services.placement_end(
        actor=world.user("owner"), placement=objects.placement, end_date=dt.date(2025, 4, 1), end_reason="completed"
    )
    assert selectors.pathway_active_placement(pathway=objects.pathway) is None


def test_the_follow_up_schedule(world):
    objects = build_objects(world)
    placement = objects.placement
    assert selectors.follow_up_dates(placement, today=START) == [
        START + dt.timedelta(days=14 * n) for n in (1, 2, 3, 4)
    ]
    placement.end_date = START + dt.timedelta(days=30)
    assert selectors.follow_up_dates(placement, today=START) == [
        START + dt.timedelta(days=14),
        START + dt.timedelta(28),
    ]


# ---------------------------------------------------------------------------------------------------------------
# What consent shows the employer


def test_the_employer_sees_the_candidate_only_while_the_consent_is_active(world):
    objects = build_objects(world)
    employer = world.user("employer_contact")
    assert list(selectors.candidates_for_actor(actor=employer, opportunity=objects.opportunity)) == [objects.candidate]
    withdraw_consent(world, objects.employer_consent)
    assert not selectors.candidates_for_actor(actor=employer, opportunity=objects.opportunity).exists()
    # The job specialist still sees the candidate.
    assert selectors.candidates_for_actor(actor=world.user("owner"), opportunity=objects.opportunity).exists()


def test_consent_to_another_employer_shows_nothing(world):
    objects = build_objects(world)
    withdraw_consent(world, objects.employer_consent)
    give_consent(world, ConsentPurpose.SHARE_EMPLOYER, "school")  # a consent naming another organisation
    employer = world.user("employer_contact")
    assert not selectors.candidates_for_actor(actor=employer, opportunity=objects.opportunity).exists()


def test_the_employer_sees_the_placement_and_the_person_only_by_consent(world):
    objects = build_objects(world)
    employer = world.user("employer_contact")
    read = selectors.placement_read(actor=employer, placement_id=objects.placement.pk)
    assert read.participant == world.participant
    assert AccessLog.objects.filter(actor=employer, purpose="share_employer").count() == 1

    withdraw_consent(world, objects.employer_consent)
    read = selectors.placement_read(actor=employer, placement_id=objects.placement.pk)
    assert read.participant is None
    assert AccessLog.objects.filter(actor=employer).count() == 1
    assert selectors.placement_names_visible(actor=employer, placements=[objects.placement]) == {}


def test_others_do_not_see_the_opportunities_and_placements(world):
    objects = build_objects(world)
    for persona in ("partner", "mentor", "researcher", "administrator", "other_participant"):
        user = world.user(persona)
        assert not selectors.opportunities_for_actor(user).exists(), persona
        assert not selectors.placements_for_actor(user).exists(), persona
    assert list(selectors.placements_for_actor(world.user("participant"))) == [objects.placement]
