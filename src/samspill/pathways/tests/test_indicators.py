"""SE fidelity and co-creation indicators, each checked against numbers worked out by hand on a small office built
through the services. The arithmetic is in the comments next to each expected value.

The office (NAV Sandefjord), "today" = 2025-06-30:

=====  ==============  ==========  ============  ===========================================================
path   participant     specialist  started       what happens
=====  ==============  ==========  ============  ===========================================================
P1     Amina (world)   owner       2025-01-06    employment; contact 01-20 (day 14); placement 03-03 every 14
                                                 days; through every stage; closed employed 06-02 from follow-up
P2     Bilal           owner       2025-02-03    employment; contact 03-20 (day 45); placement 04-01 every 60 days;
                                                 closed employed 06-16 straight from engagement
P3     Chen            colleague   2025-03-03    employment; contact 03-10 (day 7); open
P4     Dina            owner       2025-04-07    entrepreneurship; open
P5     Emil            owner       2025-05-05    employment; closed dropped out 05-20 (day 15)
P6     Farah           owner       2025-06-02    employment; open, no contact
P7     Yonas (world)   other org.  2025-02-03    employment, in Ålesund kommune: outside everything below
=====  ==============  ==========  ============  ===========================================================

Contact log in the 8-week window (2025-05-06 … 2025-06-30): owner: visit 05-12, meeting 06-10, phone 06-20 (not
face to face); colleague: visits 06-02, 06-09, 06-16, 06-23, meetings 06-24, 06-25; other org.: visit 06-10.
Before the window: owner visit 04-01 and the pathway contacts above.
"""

import datetime as dt
from dataclasses import dataclass

import pytest
import time_machine
from django.test import Client

from samspill.access.selectors import access_participant, access_pathway
from samspill.core.roles import ConsentPurpose, Purpose
from samspill.employers.services import employer_contact_record, placement_start
from samspill.employers.tests.helpers import give_consent, make_opportunity, make_programme
from samspill.pathways.indicators import indicators_for_actor
from samspill.pathways.services import (
    activity_agree,
    activity_propose,
    agreement_sign,
    agreement_version_create,
    goal_add,
    pathway_create,
    pathway_member_add,
    pathway_move,
    stage_note_save,
)
from samspill.pathways.stages import Outcome, Path, PathwayRole, Stage
from samspill.people.services import participant_create, profile_item_add
from samspill.programmes.services import referral_create, referral_transition

TODAY = dt.date(2025, 6, 30)
NOW = dt.datetime(2025, 6, 30, 10, 0, tzinfo=dt.UTC)


@dataclass
class Office:
    world: object
    p1: object
    p2: object
    p3: object
    p4: object
    p5: object
    p6: object
    p7: object


def _pathway(world, persona, participant, path, started):
    actor = world.user(persona)
    access = access_participant(actor, participant.pk, Purpose.CASE_MANAGEMENT)
    return pathway_create(actor=actor, participant_access=access, path=path, started_on=started)


def _person(world, given, family, specialist="owner"):
    return participant_create(
        actor=world.user(specialist),
        organisation=world.organisations["nav"]
        if specialist != "other_organisation"
        else world.organisations["kommune"],
        data={
            "given_name": given,
            "family_name": family,
            "birth_date": dt.date(1990, 1, 1),
            "municipality_number": "3907",
            "assigned_specialist": world.user(specialist),
        },
    )


def _move(world, pathway, to, date, persona="owner", **kwargs):
    access = access_pathway(world.user(persona), pathway.pk)
    return pathway_move(actor=world.user(persona), access=access, to_stage=to, effective_date=date, **kwargs)


def _contact(world, persona, date, kind, pathway=None):
    return employer_contact_record(
        actor=world.user(persona),
        employer=world.organisations["employer"],
        pathway=pathway,
        data={"date": date, "kind": kind, "outcome": "Talked about openings."},
    )


def build_office(world) -> Office:
    owner, participant = world.user("owner"), world.user("participant")
    employer = world.organisations["employer"]
    opportunity = make_opportunity(world, positions=5)

    # P1: Amina, through every stage, closed employed from follow-up.
    p1 = _pathway(world, "owner", world.participant, Path.EMPLOYMENT, dt.date(2025, 1, 6))
    agreement_version_create(actor=owner, access=access_pathway(owner, p1.pk), text="We work together.", language="nb")
    agreement_sign(actor=participant, access=access_pathway(participant, p1.pk))
    agreement_sign(actor=owner, access=access_pathway(owner, p1.pk))
    p1 = _move(world, p1, Stage.VOCATIONAL_PROFILING, dt.date(2025, 1, 13))
    owner_on_amina = access_participant(owner, world.participant.pk, Purpose.CASE_MANAGEMENT)
    profile_item_add(actor=owner, access=owner_on_amina, section="skills", data={"name": "Baking"})
    stage_note_save(
        actor=participant,
        access=access_pathway(participant, p1.pk),
        stage=Stage.VOCATIONAL_PROFILING,
        data={"participant_words": "Jeg vil jobbe i et bakeri."},
    )
    p1 = _move(world, p1, Stage.JOB_FINDING, dt.date(2025, 1, 15))
    _contact(world, "owner", dt.date(2025, 1, 20), "visit", pathway=p1)
    p1 = _move(world, p1, Stage.EMPLOYER_ENGAGEMENT, dt.date(2025, 1, 21))
    placement_start(
        actor=owner,
        pathway=p1,
        opportunity=opportunity,
        data={"start_date": dt.date(2025, 3, 3), "hours_per_week": 20, "follow_up_interval_days": 14},
    )
    p1 = _move(world, p1, Stage.JOB_SUPPORT, dt.date(2025, 3, 3))
    p1 = _move(world, p1, Stage.FOLLOW_UP, dt.date(2025, 4, 1))
    # The team: an employer and the school join.
    access = access_pathway(owner, p1.pk)
    pathway_member_add(
        actor=owner,
        access=access,
        user=world.user("employer_contact"),
        role=PathwayRole.EMPLOYER,
        organisation=employer,
    )
    pathway_member_add(
        actor=owner,
        access=access,
        user=world.user("partner"),
        role=PathwayRole.SCHOOL,
        organisation=world.organisations["school"],
    )
    # The plan: a1 by the specialist, agreed by the participant; a2 by the participant alone; a3 by the
    # participant, agreed by the specialist. Goals: one by the participant, one noted by the specialist.
    a1 = activity_propose(actor=owner, access=access, data={"kind": "cv", "title": "Write the CV"})
    activity_agree(actor=participant, access=access_pathway(participant, p1.pk), activity_id=a1.pk)
    activity_propose(
        actor=participant, access=access_pathway(participant, p1.pk), data={"kind": "meeting", "title": "Visit"}
    )
    a3 = activity_propose(
        actor=participant, access=access_pathway(participant, p1.pk), data={"kind": "cv", "title": "Cover letter"}
    )
    activity_agree(actor=owner, access=access, activity_id=a3.pk)
    goal_add(actor=participant, access=access_pathway(participant, p1.pk), text="Å bli baker.")
    goal_add(actor=owner, access=access, text="Fast jobb innen ett år.")
    # Referrals: to Supported Employment, declined; to Norwegian, completed; to Supported Employment again, accepted.
    give_consent(world, ConsentPurpose.SHARE_PARTNER, "school")
    partner = world.user("partner")
    se = make_programme(world, name="Supported Employment", kind="supported_employment", seats=5)
    norwegian = make_programme(world, name="Norwegian for work", kind="norwegian", seats=5)
    r1 = referral_create(actor=owner, pathway=p1, programme=se)
    referral_transition(actor=partner, referral=r1, to="declined", reason="Full.")
    r2 = referral_create(actor=owner, pathway=p1, programme=norwegian)
    referral_transition(actor=partner, referral=r2, to="accepted")
    referral_transition(actor=partner, referral=r2, to="started", effective_date=dt.date(2025, 4, 7))
    referral_transition(actor=partner, referral=r2, to="completed", effective_date=dt.date(2025, 5, 30))
    r3 = referral_create(actor=owner, pathway=p1, programme=se)
    referral_transition(actor=partner, referral=r3, to="accepted")
    p1 = _move(world, p1, Stage.CLOSED, dt.date(2025, 6, 2), outcome=Outcome.EMPLOYED)

    # P2: Bilal, closed employed from engagement.
    p2 = _pathway(world, "owner", _person(world, "Bilal", "Rahimi"), Path.EMPLOYMENT, dt.date(2025, 2, 3))
    _contact(world, "owner", dt.date(2025, 3, 20), "phone", pathway=p2)
    placement_start(
        actor=owner,
        pathway=p2,
        opportunity=opportunity,
        data={"start_date": dt.date(2025, 4, 1), "hours_per_week": 30, "follow_up_interval_days": 60},
    )
    activity_propose(actor=owner, access=access_pathway(owner, p2.pk), data={"kind": "cv", "title": "CV"})
    p2 = _move(world, p2, Stage.CLOSED, dt.date(2025, 6, 16), outcome=Outcome.EMPLOYED)

    # P3: Chen, the colleague's.
    colleague = world.user("colleague_with_access")
    p3 = _pathway(
        world,
        "colleague_with_access",
        _person(world, "Chen", "Li", "colleague_with_access"),
        Path.EMPLOYMENT,
        dt.date(2025, 3, 3),
    )
    _contact(world, "colleague_with_access", dt.date(2025, 3, 10), "visit", pathway=p3)
    goal_add(actor=colleague, access=access_pathway(colleague, p3.pk), text="Lager.")

    # P4, P5, P6.
    p4 = _pathway(world, "owner", _person(world, "Dina", "Ali"), Path.ENTREPRENEURSHIP, dt.date(2025, 4, 7))
    p5 = _pathway(world, "owner", _person(world, "Emil", "Berg"), Path.EMPLOYMENT, dt.date(2025, 5, 5))
    p5 = _move(world, p5, Stage.CLOSED, dt.date(2025, 5, 20), outcome=Outcome.DROPPED)
    p6 = _pathway(world, "owner", _person(world, "Farah", "Noor"), Path.EMPLOYMENT, dt.date(2025, 6, 2))

    # P7: another organisation's, with a contact: outside the office's numbers.
    p7 = _pathway(world, "other_organisation", world.other_participant, Path.EMPLOYMENT, dt.date(2025, 2, 3))
    _contact(world, "other_organisation", dt.date(2025, 6, 10), "visit", pathway=p7)

    # The rest of the contact log.
    _contact(world, "owner", dt.date(2025, 4, 1), "visit")
    _contact(world, "owner", dt.date(2025, 5, 12), "visit")
    _contact(world, "owner", dt.date(2025, 6, 10), "meeting")
    _contact(world, "owner", dt.date(2025, 6, 20), "phone")
    for day, kind in ((2, "visit"), (9, "visit"), (16, "visit"), (23, "visit"), (24, "meeting"), (25, "meeting")):
        _contact(world, "colleague_with_access", dt.date(2025, 6, day), kind)
    return Office(world, p1, p2, p3, p4, p5, p6, p7)


@pytest.fixture
def office(world):
    with time_machine.travel(NOW):
        yield build_office(world)


def _values(indicators) -> dict:
    return {indicator.key: indicator.value for indicator in indicators}


@pytest.mark.django_db
def test_fidelity_per_job_specialist_and_office_match_the_hand_computed_values(office):
    world = office.world
    with time_machine.travel(NOW):
        report = indicators_for_actor(actor=world.user("coordinator"), today=TODAY)
    specialists = {group.id: _values(group.indicators) for group in report.specialists}
    assert set(specialists) == {world.user("owner").pk, world.user("colleague_with_access").pk}
    owner = specialists[world.user("owner").pk]
    colleague = specialists[world.user("colleague_with_access").pk]
    (nav,) = report.offices
    assert nav.id == world.organisations["nav"].pk
    office_values = _values(nav.indicators)

    # Caseload: open pathways. owner: P4, P6 = 2; colleague: P3 = 1; office: 3 open / 2 specialists = 1.5.
    assert (owner["caseload"], colleague["caseload"], office_values["caseload"]) == (2, 1, 1.5)

    # Days to first employer contact, median. owner: P1 14 (01-06→01-20), P2 45 (02-03→03-20: 25 + 20);
    # median(14, 45) = 29.5. colleague: P3 7 (03-03→03-10). office: median(7, 14, 45) = 14.
    assert owner["days_to_first_employer_contact"] == 29.5
    assert colleague["days_to_first_employer_contact"] == 7
    assert office_values["days_to_first_employer_contact"] == 14

    # Open employment pathways without a contact: P6 (P5 is closed; P4 is entrepreneurship).
    assert (owner["pathways_without_employer_contact"], colleague["pathways_without_employer_contact"]) == (1, 0)
    assert office_values["pathways_without_employer_contact"] == 1

    # Face-to-face contacts in 05-06…06-30, per week. owner: 05-12 visit + 06-10 meeting = 2 → 2 / 8 = 0.25;
    # colleague: 4 visits + 2 meetings = 6 → 6 / 8 = 0.75; office: 8 / 8 / 2 specialists = 0.5.
    assert (owner["employer_contacts_per_week"], colleague["employer_contacts_per_week"]) == (0.25, 0.75)
    assert office_values["employer_contacts_per_week"] == 0.5

    # Placements with a follow-up at least monthly: P1 (every 14 days) yes, P2 (every 60 days) no → 1 / 2.
    assert owner["placements_with_follow_up_schedule"] == 0.5
    assert colleague["placements_with_follow_up_schedule"] is None  # no placements
    assert office_values["placements_with_follow_up_schedule"] == 0.5

    # Time-unlimited follow-up: closed employed P1 (from follow-up) and P2 (from engagement) → 1 / 2.
    assert owner["time_unlimited_follow_up"] == 0.5
    assert colleague["time_unlimited_follow_up"] is None
    assert office_values["time_unlimited_follow_up"] == 0.5

    # Zero exclusion: employment pathways not dropped within 30 days. owner: P1, P2, P5, P6, P5 dropped on day 15
    # → 3 / 4 = 0.75; colleague: 1 / 1; office: 4 / 5 = 0.8.
    assert (owner["zero_exclusion"], colleague["zero_exclusion"], office_values["zero_exclusion"]) == (0.75, 1, 0.8)

    # SE referrals decided: r1 declined, r3 accepted → 1 / 2 not declined. The Norwegian one is not SE.
    assert owner["se_referrals_not_declined"] == 0.5
    assert colleague["se_referrals_not_declined"] is None
    assert office_values["se_referrals_not_declined"] == 0.5


@pytest.mark.django_db
def test_targets_and_definitions_come_with_each_indicator(office):
    with time_machine.travel(NOW):
        report = indicators_for_actor(actor=office.world.user("coordinator"), today=TODAY)
    by_key = {indicator.key: indicator for indicator in report.offices[0].indicators}
    caseload = by_key["caseload"].as_dict()
    assert (caseload["target"], caseload["comparison"], caseload["met"]) == (20, "at_most", True)
    assert by_key["days_to_first_employer_contact"].met is True  # 14 ≤ 30
    assert by_key["employer_contacts_per_week"].met is False  # 0.5 < 6
    assert by_key["zero_exclusion"].met is False  # 0.8 < 1
    assert by_key["time_unlimited_follow_up"].as_dict()["target"] is None
    for indicator in [*report.offices[0].indicators, *report.co_creation]:
        assert indicator.as_dict()["definition"], indicator.key


@pytest.mark.django_db
def test_co_creation_per_pathway_and_in_total(office):
    with time_machine.travel(NOW):
        report = indicators_for_actor(actor=office.world.user("coordinator"), today=TODAY)
    rows = {row.pathway.pk: row.values for row in report.pathways}
    assert set(rows) == {p.pk for p in (office.p1, office.p2, office.p3, office.p4, office.p5, office.p6)}
    p1 = rows[office.p1.pk]
    # Roles: participant, job specialist, employer, school = 4. Kinds: NAV office, employer, education provider = 3
    # (the participant's membership has no organisation).
    assert (p1["actor_roles"], p1["organisation_kinds"]) == (4, 3)
    # Activities a1 (2 parties), a2 (1), a3 (2): 2 / 3. Proposed by the participant: a2, a3 = 2 / 3.
    assert p1["activities_agreed_by_several"] == 0.6667
    assert (p1["participant_proposals"], p1["participant_proposals_share"]) == (2, 0.6667)
    # Goals: 1 of 2 by the participant.
    assert (p1["participant_goals"], p1["participant_goals_share"]) == (1, 0.5)
    # Employer on the team and a placement: 1. Referrals: 1 completed of 3.
    assert p1["employer_involved"] == 1
    assert (p1["referrals_completed"], p1["referrals_completed_share"]) == (1, 0.3333)
    p2 = rows[office.p2.pk]
    # P2: job specialist only (Bilal has no user): 1 role, 1 kind; a placement but no employer on the team: 1.
    assert (p2["actor_roles"], p2["organisation_kinds"], p2["employer_involved"]) == (1, 1, 1)
    assert (p2["activities_agreed_by_several"], p2["participant_goals_share"]) == (0, None)
    assert rows[office.p4.pk]["employer_involved"] == 0

    total = _values(report.co_creation)
    # Roles: (4 + 1 + 1 + 1 + 1 + 1) / 6 = 1.5; kinds: (3 + 5 × 1) / 6 = 1.333… → 1.33.
    assert (total["actor_roles"], total["organisation_kinds"]) == (1.5, 1.33)
    # Activities: a1, a2, a3 on P1 and one on P2 = 4; agreed by several 2 → 0.5; by the participant 2 → 0.5.
    assert (total["activities_agreed_by_several"], total["participant_proposals_share"]) == (0.5, 0.5)
    assert total["participant_proposals"] == 2
    # Goals: 2 on P1 and 1 on P3 = 3, one by the participant → 0.3333.
    assert (total["participant_goals"], total["participant_goals_share"]) == (1, 0.3333)
    # Employer involved: P1 and P2 of 6 pathways → 0.3333.
    assert total["employer_involved"] == 0.3333
    # Referrals: 1 completed of 3.
    assert (total["referrals_completed"], total["referrals_completed_share"]) == (1, 0.3333)


@pytest.mark.django_db
def test_a_job_specialist_sees_only_their_own_caseload(office):
    world = office.world
    with time_machine.travel(NOW):
        report = indicators_for_actor(actor=world.user("owner"), today=TODAY)
    assert report.offices == []
    (owner,) = report.specialists
    assert owner.id == world.user("owner").pk
    assert {row.pathway.pk for row in report.pathways} == {
        p.pk for p in (office.p1, office.p2, office.p4, office.p5, office.p6)
    }
    # The same numbers as in the coordinator's row for the owner.
    assert _values(owner.indicators)["caseload"] == 2
    assert _values(owner.indicators)["employer_contacts_per_week"] == 0.25
    # The other organisation's specialist sees only P7: one open pathway, contact on day 127 (02-03 → 06-10).
    with time_machine.travel(NOW):
        other = indicators_for_actor(actor=world.user("other_organisation"), today=TODAY)
    values = _values(other.specialists[0].indicators)
    assert (values["caseload"], values["days_to_first_employer_contact"]) == (1, 127)
    assert values["employer_contacts_per_week"] == 0.12  # 1 visit / 8 = 0.125, rounded to 2 decimals (half to even)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona", ["participant", "employer_contact", "partner", "mentor", "researcher", "administrator"]
)
def test_others_see_no_indicators(world, persona):
    assert indicators_for_actor(actor=world.user(persona), today=TODAY) is None


@pytest.mark.django_db
def test_the_page_and_the_api_show_the_indicators(office):
    world = office.world
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.user("coordinator"))
    with time_machine.travel(NOW):
        page = client.get("/pathways/indicators/")
        api = client.get("/api/v1/indicators/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Supported Employment fidelity" in html and "Time-unlimited follow-up" in html
    assert "Farah Noor" in html and "Yonas" not in html
    assert api.status_code == 200
    body = api.json()
    (nav,) = body["offices"]
    caseload = next(i for i in nav["indicators"] if i["key"] == "caseload")
    assert (caseload["value"], caseload["target"], caseload["met"]) == (1.5, 20, True)
    assert caseload["definition"].startswith("Open pathways")
    assert len(body["pathways"]) == 6


@pytest.mark.django_db
def test_indicator_pages_are_translated(office):
    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    client.force_login(office.world.user("coordinator"))
    with time_machine.travel(NOW):
        response = client.get("/pathways/indicators/")
    assert response.status_code == 200
    assert 'lang="nb"' in response.content.decode()
