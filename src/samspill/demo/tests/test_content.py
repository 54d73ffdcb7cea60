"""What the demo promises, checked on one build made in the test database for the content tests (conftest.py), rolled
back after them."""

import datetime as dt
import unicodedata
from collections import Counter

import pytest
from django.conf import settings
from django.db.models import Count
from django.utils import translation

from samspill.access.selectors import participants_for_actor
from samspill.accounts.models import Organisation, Team, User
from samspill.audit.models import AccessLog, ChangeLog
from samspill.consent.models import Consent
from samspill.core.roles import ConsentPurpose, OrganisationKind, Purpose, Role
from samspill.demo.catalogue import BY_CODE
from samspill.demo.generator import (
    DEFAULT_PARTICIPANTS,
    DEMO_ACCOUNTS,
    DEMO_NOW,
    DEMO_USERNAMES,
    PLATFORM_START,
    database_is_empty,
    demo_present,
)
from samspill.people.models import (
    CaseLegalBasis,
    Education,
    HealthInformation,
    LanguageSkill,
    Participant,
    ResidenceBasis,
    WorkExperience,
)
from samspill.people.validators import validate_national_id

# One build for this module and test_pathways_content.py: the ``demo_output`` fixture in conftest.py.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_output")]


def user(username: str) -> User:
    return User.objects.get(username=username)


def test_it_has_at_least_500_participants():
    assert Participant.objects.count() == DEFAULT_PARTICIPANTS >= 500
    assert demo_present() and not database_is_empty()


def test_it_prints_every_account_with_its_password(demo_output):
    lines = demo_output.splitlines()
    assert "http://127.0.0.1:8000/" in demo_output
    for account in DEMO_ACCOUNTS:
        row = next(line for line in lines if f" {account.username} " in line)
        with translation.override("en"):
            assert row.split()[0] == str(account.role.label).split()[0]
        assert row.rstrip().endswith(settings.SAMSPILL_DEMO_PASSWORD)


def test_organisations_in_both_regions_and_of_every_kind():
    numbers = Organisation.objects.values_list("municipality_number", flat=True)
    counties = Counter(number[:2] for number in numbers)
    assert counties["39"] and counties["40"] and counties["15"]  # Vestfold, Telemark, Møre og Romsdal
    kinds = Counter(Organisation.objects.values_list("kind", flat=True))
    assert set(kinds) == set(OrganisationKind.values)
    assert kinds[OrganisationKind.EMPLOYER] >= 30
    employers = Organisation.objects.filter(kind=OrganisationKind.EMPLOYER)
    assert {o.municipality_number[:2] for o in employers} == {"39", "40", "15"}


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.username)
def test_every_role_has_its_demo_account(account):
    demo_user = user(account.username)
    assert demo_user.memberships.filter(role=account.role).exists()
    assert demo_user.check_password(settings.SAMSPILL_DEMO_PASSWORD)
    assert not demo_user.must_change_password


def test_only_the_demo_accounts_can_log_in():
    usable = [u.username for u in User.objects.all() if u.has_usable_password()]
    assert sorted(usable) == sorted(DEMO_USERNAMES)


def test_countries_of_origin_are_varied():
    countries = Counter(Participant.objects.values_list("citizenship", flat=True))
    assert len(countries) >= 10
    assert max(countries.values()) < 0.4 * DEFAULT_PARTICIPANTS
    assert {"SY", "UA", "ER", "AF", "SO", "PL"} <= set(countries)


def test_caseloads_stay_within_supported_employment_fidelity():
    specialists = User.objects.filter(memberships__role=Role.JOB_SPECIALIST).distinct()
    loads = {s.username: participants_for_actor(s, purpose=Purpose.CASE_MANAGEMENT).count() for s in specialists}
    assert max(loads.values()) <= 25
    assert 15 <= loads["jobbspesialist"] <= 25
    unassigned = Participant.objects.filter(assigned_specialist__isnull=True, assigned_team__isnull=True)
    assert not unassigned.exists()
    assert Team.objects.annotate(n=Count("members")).filter(n=0).count() == 0


def test_the_demo_participant_is_in_the_demo_specialists_caseload():
    participant = Participant.objects.get(user__username="deltaker")
    caseload = participants_for_actor(user("jobbspesialist"), purpose=Purpose.CASE_MANAGEMENT)
    assert caseload.filter(pk=participant.pk).exists()
    assert list(participants_for_actor(user("deltaker"), purpose=Purpose.SELF_SERVICE)) == [participant]
    assert participants_for_actor(user("koordinator"), purpose=Purpose.CASE_MANAGEMENT).filter(pk=participant.pk)
    history = Consent.objects.filter(participant=participant)
    assert history.filter(withdrawn_at__isnull=False).exists()
    assert history.filter(given_by=participant.user).count() == history.count()


def test_sharing_by_consent_reaches_the_demo_employer_mentor_and_partner():
    candidates = participants_for_actor(user("arbeidsgiver"), purpose=Purpose.SHARE_EMPLOYER)
    assert 1 <= candidates.count() <= 10
    mentees = participants_for_actor(user("mentor"), purpose=Purpose.SHARE_MENTOR)
    assert 1 <= mentees.count() <= 2
    assert participants_for_actor(user("partner"), purpose=Purpose.SHARE_PARTNER).exists()
    for username in ("forsker", "admin"):
        for purpose in Purpose:
            assert not participants_for_actor(user(username), purpose=purpose).exists()


def test_consents_have_a_history():
    consents = Consent.objects.all()
    purposes = Counter(consents.values_list("purpose", flat=True))
    assert set(purposes) == set(ConsentPurpose.values)
    research = consents.filter(purpose=ConsentPurpose.RESEARCH, withdrawn_at__isnull=True)
    assert research.values("participant").distinct().count() > DEFAULT_PARTICIPANTS / 2
    withdrawn = consents.filter(withdrawn_at__isnull=False)
    assert withdrawn.exists()
    assert all(c.withdrawn_at > c.given_at for c in withdrawn)


def test_identities_are_synthetic_valid_and_unique():
    ids = [n for n in Participant.objects.values_list("national_id", flat=True) if n]
    assert len(ids) == len(set(ids))
    assert DEFAULT_PARTICIPANTS * 0.85 < len(ids) < DEFAULT_PARTICIPANTS  # the newly arrived have none yet
    for value in ids:
        validate_national_id(value)
        assert int(value[2:4]) > 80  # the synthetic-number month range: never a real person's number


def test_names_are_written_in_latin_letters():
    for given, family in Participant.objects.values_list("given_name", "family_name"):
        for char in given + family:
            assert char in " -'" or "LATIN" in unicodedata.name(char), (given, family)


def test_profiles_are_complete_and_consistent():
    participants = Participant.objects.all()
    assert LanguageSkill.objects.filter(language="nb").values("participant").distinct().count() == len(participants)
    assert LanguageSkill.objects.filter(is_mother_tongue=True).count() == len(participants)
    assert Education.objects.values("participant").distinct().count() == len(participants)
    assert {code for code in WorkExperience.objects.values_list("occupation_code", flat=True)} <= set(BY_CODE)
    assert len(set(Education.objects.values_list("recognition_status", flat=True))) >= 5
    assert HealthInformation.objects.exists()
    assert participants.filter(interpreter_needed=True).exclude(interpreter_language="").exists()
    eea = participants.filter(citizenship__in=["PL", "LT", "RO"])
    assert eea.exists() and set(eea.values_list("residence_basis", flat=True)) == {ResidenceBasis.EEA}
    introduction = participants.filter(case_legal_basis=CaseLegalBasis.INTRODUCTION_ACT)
    assert set(introduction.values_list("residence_basis", flat=True)) <= {
        ResidenceBasis.REFUGEE,
        ResidenceBasis.FAMILY,
    }
    assert set(introduction.values_list("organisation__kind", flat=True)) == {OrganisationKind.MUNICIPALITY}
    for participant in participants.exclude(arrival_date=None):
        assert participant.birth_date < participant.arrival_date <= DEMO_NOW.date()
        assert participant.arrival_date <= participant.created_at.date()


def test_the_change_log_tells_who_did_what_and_when():
    participants = Participant.objects.count()
    created = ChangeLog.objects.filter(entity="people.Participant", action="create")
    assert created.count() == participants
    assert not created.filter(actor=None).exists()
    staff = set(
        User.objects.filter(memberships__role__in=[Role.JOB_SPECIALIST, Role.COORDINATOR]).values_list("pk", flat=True)
    )
    assert set(created.values_list("actor_id", flat=True)) <= staff
    assert not ChangeLog.objects.filter(entity="accounts.Organisation").exclude(actor=None).exists()
    assert AccessLog.objects.filter(purpose=Purpose.SHARE_EMPLOYER).exists()
    first, last = PLATFORM_START, DEMO_NOW
    for model, column in ((ChangeLog, "at"), (AccessLog, "at"), (Participant, "created_at"), (Consent, "given_at")):
        times = model.objects.values_list(column, flat=True)
        assert first <= min(times) and max(times) <= last + dt.timedelta(minutes=5), model
