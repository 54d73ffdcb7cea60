"""Builders for the employers and programmes tests and persona cases, on top of the ``world`` personas. All data
is synthetic."""

import datetime as dt
from dataclasses import dataclass

from samspill.access.selectors import access_participant
from samspill.consent.selectors import consents_of_participant
from samspill.consent.services import consent_give, consent_withdraw
from samspill.core.roles import ConsentPurpose, Purpose
from samspill.employers.services import opportunity_create
from samspill.pathways.services import pathway_create
from samspill.programmes.services import programme_create

START = dt.date(2025, 3, 3)


def make_pathway(world, participant=None, actor=None):
    participant = participant or world.participant
    actor = actor or world.user("owner")
    access = access_participant(actor, participant.pk, Purpose.CASE_MANAGEMENT)
    return pathway_create(actor=actor, participant_access=access, path="employment", started_on=dt.date(2025, 1, 6))


def give_consent(world, purpose: ConsentPurpose, organisation_key: str):
    """world.participant shares with the organisation; an active consent already given is reused."""
    actor = world.user("participant")
    access = access_participant(actor, world.participant.pk, Purpose.SELF_SERVICE)
    existing = (
        consents_of_participant(participant=world.participant)
        .filter(
            purpose=purpose, recipient_organisation=world.organisations[organisation_key], withdrawn_at__isnull=True
        )
        .first()
    )
    if existing is not None:
        return existing
    return consent_give(
        actor=actor, access=access, purpose=purpose, recipient_organisation=world.organisations[organisation_key]
    )


def withdraw_consent(world, consent):
    actor = world.user("participant")
    access = access_participant(actor, world.participant.pk, Purpose.SELF_SERVICE)
    return consent_withdraw(actor=actor, access=access, consent_id=consent.pk)


OPPORTUNITY_DATA = {
    "kind": "language_practice",
    "title": "Bakery assistant",
    "occupation_code": "7512",
    "occupation_title": "Bakers, pastry-cooks and confectionery makers",
    "norwegian_level": "A2",
    "hours_per_week": 20,
    "municipality_number": "3907",
    "positions": 2,
}


def make_opportunity(world, **overrides):
    return opportunity_create(
        actor=world.user("employer_contact"),
        employer=world.organisations["employer"],
        data={**OPPORTUNITY_DATA, **overrides},
    )


def make_programme(world, **overrides):
    data = {
        "name": "Norwegian for work",
        "kind": "norwegian",
        "eligibility": "Adults with a residence permit.",
        "seats": 1,
        **overrides,
    }
    return programme_create(actor=world.user("partner"), provider=world.organisations["school"], data=data)


@dataclass
class Objects:
    pathway: object
    opportunity: object
    candidate: object
    placement: object
    contact: object
    programme: object
    referral: object
    employer_consent: object
    partner_consent: object


def build_objects(world, *, employer_consent=None) -> Objects:
    """A pathway for world.participant (job specialist: owner) with one of everything: an opportunity at the
    employer with the participant as candidate, an active placement, a logged contact, a programme at the school
    and a proposed referral to it. The participant shares with the employer and the school."""
    from samspill.employers.services import candidate_propose, employer_contact_record, placement_start
    from samspill.programmes.services import referral_create

    owner = world.user("owner")
    pathway = make_pathway(world)
    employer_consent = employer_consent or give_consent(world, ConsentPurpose.SHARE_EMPLOYER, "employer")
    partner_consent = give_consent(world, ConsentPurpose.SHARE_PARTNER, "school")
    opportunity = make_opportunity(world)
    candidate = candidate_propose(actor=owner, opportunity=opportunity, pathway=pathway, note="Keen baker.")
    placement = placement_start(
        actor=owner,
        pathway=pathway,
        opportunity=opportunity,
        data={"start_date": START, "hours_per_week": 20, "on_the_job_supports": "Weekly check-in with the mentor."},
    )
    contact = employer_contact_record(
        actor=owner,
        employer=world.organisations["employer"],
        pathway=pathway,
        data={"date": dt.date(2025, 2, 20), "kind": "visit", "outcome": "They can take one person in March."},
    )
    programme = make_programme(world, seats=5)
    referral = referral_create(actor=owner, pathway=pathway, programme=programme, note="Needs B1 for the job.")
    return Objects(
        pathway=pathway,
        opportunity=opportunity,
        candidate=candidate,
        placement=placement,
        contact=contact,
        programme=programme,
        referral=referral,
        employer_consent=employer_consent,
        partner_consent=partner_consent,
    )
