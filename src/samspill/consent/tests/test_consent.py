import pytest
from django.test import Client

from samspill.access.selectors import access_participant, participants_for_actor
from samspill.consent.services import consent_give, consent_withdraw
from samspill.core.errors import ApplicationError, NotFound, PermissionDenied
from samspill.core.roles import ConsentPurpose, Purpose


def _self_access(world):
    return access_participant(world.user("participant"), world.participant.pk, Purpose.SELF_SERVICE)


@pytest.mark.django_db
def test_withdrawing_removes_the_person_from_that_purposes_selector_at_once(world):
    employer = world.user("employer_contact")
    assert not participants_for_actor(employer, purpose=Purpose.SHARE_EMPLOYER).exists()
    consent = consent_give(
        actor=world.user("participant"),
        access=_self_access(world),
        purpose=ConsentPurpose.SHARE_EMPLOYER,
        recipient_organisation=world.organisations["employer"],
    )
    shared = participants_for_actor(employer, purpose=Purpose.SHARE_EMPLOYER)
    assert list(shared) == [world.participant]
    access = access_participant(employer, world.participant.pk, Purpose.SHARE_EMPLOYER)
    assert not access.can_see("national_id") and not access.special_category

    consent_withdraw(actor=world.user("participant"), access=_self_access(world), consent_id=consent.pk)
    assert not participants_for_actor(employer, purpose=Purpose.SHARE_EMPLOYER).exists()
    with pytest.raises(NotFound):
        access_participant(employer, world.participant.pk, Purpose.SHARE_EMPLOYER)
    # Other purposes and recipients are untouched: the partner never had consent, case management goes on.
    assert not participants_for_actor(world.user("partner"), purpose=Purpose.SHARE_PARTNER).exists()
    assert world.participant in participants_for_actor(world.user("owner"))


@pytest.mark.django_db
def test_a_consent_for_one_employer_does_not_open_another(world):
    consent_give(
        actor=world.user("participant"),
        access=_self_access(world),
        purpose=ConsentPurpose.SHARE_PARTNER,
        recipient_organisation=world.organisations["school"],
    )
    assert list(participants_for_actor(world.user("partner"), purpose=Purpose.SHARE_PARTNER)) == [world.participant]
    assert not participants_for_actor(world.user("employer_contact"), purpose=Purpose.SHARE_EMPLOYER).exists()


@pytest.mark.django_db
def test_a_consent_to_one_employer_is_not_seen_by_another_employer(world):
    from samspill.accounts.services import membership_add, organisation_create, user_create
    from samspill.core.roles import OrganisationKind, Role

    rival = organisation_create(
        actor=None, name="Annen Bedrift AS", kind=OrganisationKind.EMPLOYER, municipality_number="3907"
    )
    rival_contact = user_create(actor=None, username="rival", password=None)
    membership_add(actor=None, user=rival_contact, organisation=rival, role=Role.EMPLOYER_CONTACT)
    consent_give(
        actor=world.user("participant"),
        access=_self_access(world),
        purpose=ConsentPurpose.SHARE_EMPLOYER,
        recipient_organisation=world.organisations["employer"],
    )
    assert list(participants_for_actor(world.user("employer_contact"), purpose=Purpose.SHARE_EMPLOYER)) == [
        world.participant
    ]
    assert not participants_for_actor(rival_contact, purpose=Purpose.SHARE_EMPLOYER).exists()
    with pytest.raises(NotFound):
        access_participant(rival_contact, world.participant.pk, Purpose.SHARE_EMPLOYER)


@pytest.mark.django_db
def test_a_mentor_consent_is_seen_by_that_mentor_only(world):
    from samspill.accounts.services import membership_add, user_create
    from samspill.core.roles import Role

    other_mentor = user_create(actor=None, username="other_mentor", password=None)
    membership_add(actor=None, user=other_mentor, organisation=world.organisations["ngo"], role=Role.MENTOR)
    consent_give(
        actor=world.user("participant"),
        access=_self_access(world),
        purpose=ConsentPurpose.SHARE_MENTOR,
        recipient_user=world.user("mentor"),
    )
    assert not participants_for_actor(other_mentor, purpose=Purpose.SHARE_MENTOR).exists()


@pytest.mark.django_db
def test_mentor_consent_names_the_mentor(world):
    consent_give(
        actor=world.user("owner"),
        access=access_participant(world.user("owner"), world.participant.pk, Purpose.CASE_MANAGEMENT),
        purpose=ConsentPurpose.SHARE_MENTOR,
        recipient_user=world.user("mentor"),
    )
    assert list(participants_for_actor(world.user("mentor"), purpose=Purpose.SHARE_MENTOR)) == [world.participant]


@pytest.mark.django_db
def test_history_keeps_every_period(world):
    access = _self_access(world)
    first = consent_give(actor=world.user("participant"), access=access, purpose=ConsentPurpose.RESEARCH)
    consent_withdraw(actor=world.user("participant"), access=access, consent_id=first.pk)
    consent_give(actor=world.user("participant"), access=access, purpose=ConsentPurpose.RESEARCH)
    rows = list(world.participant.consents.order_by("given_at"))
    assert len(rows) == 2 and rows[0].withdrawn_at is not None and rows[1].withdrawn_at is None


@pytest.mark.django_db
def test_bad_consents_are_refused_and_change_nothing(world):
    access = _self_access(world)
    with pytest.raises(ApplicationError) as error:
        consent_give(actor=world.user("participant"), access=access, purpose=ConsentPurpose.SHARE_EMPLOYER)
    assert "recipient_organisation" in error.value.field_errors
    consent_give(actor=world.user("participant"), access=access, purpose=ConsentPurpose.RESEARCH)
    with pytest.raises(ApplicationError):
        consent_give(actor=world.user("participant"), access=access, purpose=ConsentPurpose.RESEARCH)
    assert world.participant.consents.count() == 1


@pytest.mark.django_db
def test_shared_readers_cannot_change_consents(world):
    consent = consent_give(
        actor=world.user("participant"),
        access=_self_access(world),
        purpose=ConsentPurpose.SHARE_EMPLOYER,
        recipient_organisation=world.organisations["employer"],
    )
    employer_access = access_participant(world.user("employer_contact"), world.participant.pk, Purpose.SHARE_EMPLOYER)
    with pytest.raises(PermissionDenied):
        consent_withdraw(actor=world.user("employer_contact"), access=employer_access, consent_id=consent.pk)


@pytest.mark.django_db
def test_the_participant_withdraws_on_their_page_and_the_employer_loses_sight(world):
    consent = consent_give(
        actor=world.user("participant"),
        access=_self_access(world),
        purpose=ConsentPurpose.SHARE_EMPLOYER,
        recipient_organisation=world.organisations["employer"],
    )
    employer = Client()
    employer.force_login(world.user("employer_contact"))
    assert employer.get(f"/participants/{world.participant.pk}/").status_code == 200
    participant = Client()
    participant.force_login(world.user("participant"))
    response = participant.post(f"/participants/{world.participant.pk}/consents/{consent.pk}/withdraw/")
    assert response.status_code == 302
    assert employer.get(f"/participants/{world.participant.pk}/").status_code == 404
    assert "Haddad" not in employer.get("/shared/").content.decode()
