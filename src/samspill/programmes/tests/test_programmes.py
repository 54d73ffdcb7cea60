"""The programme catalogue and referrals: the workflow, enrolment events, capacity and what consent shows."""

import datetime as dt

import pytest

from samspill.audit.models import AccessLog
from samspill.core.errors import ApplicationError, PermissionDenied
from samspill.core.roles import ConsentPurpose
from samspill.employers.tests.helpers import give_consent, make_pathway, make_programme, withdraw_consent
from samspill.pathways.models import PathwayEvent
from samspill.programmes import selectors, services
from samspill.testing.database import fingerprint

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(world):
    pathway = make_pathway(world)
    consent = give_consent(world, ConsentPurpose.SHARE_PARTNER, "school")
    programme = make_programme(world, seats=1)
    referral = services.referral_create(actor=world.user("owner"), pathway=pathway, programme=programme)
    referral.consent = consent
    return referral


def _move(world, referral, to, persona="partner", **kwargs):
    return services.referral_transition(actor=world.user(persona), referral=referral, to=to, **kwargs)


def test_a_referral_without_consent_is_refused_with_a_clear_error(world):
    pathway = make_pathway(world)
    programme = make_programme(world)
    before = fingerprint()
    with pytest.raises(ApplicationError) as error:
        services.referral_create(actor=world.user("owner"), pathway=pathway, programme=programme)
    (message,) = error.value.field_errors["pathway"]
    assert "must consent to share their profile with Sandefjord voksenopplæring" in message
    assert fingerprint() == before


def test_a_withdrawn_consent_no_longer_allows_a_referral(world):
    pathway = make_pathway(world)
    consent = give_consent(world, ConsentPurpose.SHARE_PARTNER, "school")
    withdraw_consent(world, consent)
    with pytest.raises(ApplicationError):
        services.referral_create(actor=world.user("owner"), pathway=pathway, programme=make_programme(world))


def test_only_the_participants_specialists_refer(world):
    pathway = make_pathway(world)
    give_consent(world, ConsentPurpose.SHARE_PARTNER, "school")
    programme = make_programme(world)
    for persona in ("colleague_without_access", "other_organisation", "partner", "participant"):
        with pytest.raises(PermissionDenied):
            services.referral_create(actor=world.user(persona), pathway=pathway, programme=programme)


def test_the_whole_workflow_writes_enrolment_events(world, referral):
    _move(world, referral, "accepted")
    _move(world, referral, "started", effective_date=dt.date(2025, 4, 1))
    _move(world, referral, "completed", persona="owner", effective_date=dt.date(2025, 9, 30))
    referral.refresh_from_db()
    assert (referral.status, referral.started_on, referral.completed_on) == (
        "completed",
        dt.date(2025, 4, 1),
        dt.date(2025, 9, 30),
    )
    events = PathwayEvent.objects.filter(pathway=referral.pathway, kind__startswith="enrolment")
    assert [(e.kind, e.effective_date) for e in events] == [
        ("enrolment_start", dt.date(2025, 4, 1)),
        ("enrolment_end", dt.date(2025, 9, 30)),
    ]
    assert events[0].data["programme_kind"] == "norwegian"


@pytest.mark.parametrize(
    ("path", "target", "message"),
    [
        ([], "started", "cannot become started. It can become: accepted, declined"),
        ([], "completed", "cannot become completed"),
        ([], "proposed", "cannot become proposed"),
        (["accepted"], "accepted", "cannot become accepted"),
        (["accepted", "started"], "declined", "It can become: completed"),
        (["declined"], "accepted", "declined, which is final"),
        (["accepted", "started", "completed"], "started", "completed, which is final"),
    ],
)
def test_illegal_moves_are_refused_and_nothing_changes(world, referral, path, target, message):
    for step in path:
        _move(world, referral, step, effective_date=dt.date(2025, 4, 1))
    before = fingerprint()
    with pytest.raises(ApplicationError) as error:
        _move(world, referral, target, effective_date=dt.date(2025, 5, 1))
    assert message in error.value.field_errors["to"][0]
    assert fingerprint() == before


def test_an_unknown_status_and_a_missing_date_are_clear_errors(world, referral):
    before = fingerprint()
    with pytest.raises(ApplicationError) as error:
        _move(world, referral, "paused")
    assert "Choose one of" in error.value.field_errors["to"][0]
    _move(world, referral, "accepted")
    before = fingerprint()
    with pytest.raises(ApplicationError) as error:
        _move(world, referral, "started")
    assert "effective_date" in error.value.field_errors
    _move(world, referral, "started", effective_date=dt.date(2025, 4, 1))
    before = fingerprint()
    with pytest.raises(ApplicationError) as error:
        _move(world, referral, "completed", effective_date=dt.date(2025, 3, 1))
    assert "cannot end before it started" in error.value.field_errors["effective_date"][0]
    assert fingerprint() == before


def test_only_the_provider_accepts_or_declines(world, referral):
    for persona in ("owner", "coordinator", "participant", "employer_contact"):
        with pytest.raises(PermissionDenied):
            _move(world, referral, "accepted", persona=persona)


def test_free_capacity_counts_referrals_started_and_not_completed(world, referral):
    programme = referral.programme
    assert selectors.programme_get(programme_id=programme.pk).free_seats == 1
    _move(world, referral, "accepted")
    assert selectors.programme_free_seats(programme) == 1
    _move(world, referral, "started", effective_date=dt.date(2025, 4, 1))
    assert selectors.programme_get(programme_id=programme.pk).free_seats == 0
    # A second referral (another participant) cannot start while the only seat is taken.
    other_owner = world.user("other_organisation")
    from samspill.access.selectors import access_participant
    from samspill.consent.services import consent_give
    from samspill.pathways.services import pathway_create

    access = access_participant(other_owner, world.other_participant.pk, "case_management")
    other_pathway = pathway_create(actor=other_owner, participant_access=access, path="employment")
    consent_give(
        actor=other_owner,
        access=access,
        purpose=ConsentPurpose.SHARE_PARTNER,
        recipient_organisation=world.organisations["school"],
    )
    second = services.referral_create(actor=other_owner, pathway=other_pathway, programme=programme)
    _move(world, second, "accepted")
    with pytest.raises(ApplicationError) as error:
        _move(world, second, "started", effective_date=dt.date(2025, 4, 2))
    assert "no free seats" in error.value.field_errors["to"][0]
    _move(world, referral, "completed", effective_date=dt.date(2025, 6, 1))
    assert selectors.programme_free_seats(programme) == 1
    _move(world, second, "started", effective_date=dt.date(2025, 6, 2))


def test_the_provider_sees_the_person_only_while_the_consent_is_active(world, referral):
    partner = world.user("partner")
    read = selectors.referral_read(actor=partner, referral_id=referral.pk)
    assert read.participant == world.participant
    assert AccessLog.objects.filter(actor=partner, purpose="share_partner").count() == 1
    assert (world.participant.pk, referral.programme.provider_id) in selectors.shared_pairs(partner)

    withdraw_consent(world, referral.consent)
    read = selectors.referral_read(actor=partner, referral_id=referral.pk)
    assert read.participant is None
    assert AccessLog.objects.filter(actor=partner).count() == 1
    assert not selectors.shared_pairs(partner)
    # The referral itself stays in the inbox, and the provider can still complete its work.
    assert list(selectors.referral_inbox(actor=partner)) == [referral]
    _move(world, referral, "declined", reason="No longer wanted.")


def test_the_catalogue_is_kept_by_administrators_and_providers(world):
    programme = make_programme(world)
    services.programme_update(actor=world.user("administrator"), programme=programme, data={"seats": 10})
    for persona in ("owner", "employer_contact", "participant"):
        with pytest.raises(PermissionDenied):
            services.programme_update(actor=world.user(persona), programme=programme, data={"seats": 3})
    with pytest.raises(ApplicationError) as error:
        services.programme_create(
            actor=world.user("partner"),
            provider=world.organisations["nav"],
            data={"name": "X", "kind": "mentor", "seats": 1},
        )
    assert "provider" in error.value.field_errors
    with pytest.raises(ApplicationError) as error:
        make_programme(world, kind="yoga")
    assert "kind" in error.value.field_errors
