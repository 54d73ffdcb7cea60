import uuid

import pytest

from samspill.access.selectors import Level, access_participant, participants_for_actor
from samspill.audit.models import AccessLog
from samspill.core.errors import NotFound
from samspill.core.roles import Purpose

CASE_READERS = {"owner", "colleague_with_access", "coordinator"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona",
    [
        "owner",
        "colleague_with_access",
        "colleague_without_access",
        "coordinator",
        "other_organisation",
        "participant",
        "other_participant",
        "employer_contact",
        "partner",
        "mentor",
        "researcher",
        "administrator",
    ],
)
def test_it_checks_ownership_for_case_management(world, persona):
    actor = world.user(persona)
    listed = set(participants_for_actor(actor, purpose=Purpose.CASE_MANAGEMENT).values_list("pk", flat=True))
    if persona in CASE_READERS:
        assert world.participant.pk in listed
        access = access_participant(actor, world.participant.pk, Purpose.CASE_MANAGEMENT)
        assert access.participant == world.participant
        assert access.level is Level.CASE
        assert AccessLog.objects.filter(actor=actor, participant=world.participant).count() == 1
    else:
        assert world.participant.pk not in listed
        with pytest.raises(NotFound):
            access_participant(actor, world.participant.pk, Purpose.CASE_MANAGEMENT)
        assert not AccessLog.objects.filter(actor=actor).exists()


@pytest.mark.django_db
def test_missing_and_forbidden_raise_the_same_error(world):
    with pytest.raises(NotFound) as missing:
        access_participant(world.user("owner"), uuid.uuid4(), Purpose.CASE_MANAGEMENT)
    with pytest.raises(NotFound) as forbidden:
        access_participant(world.user("owner"), world.other_participant.pk, Purpose.CASE_MANAGEMENT)
    with pytest.raises(NotFound) as malformed:
        access_participant(world.user("owner"), "not-a-uuid", Purpose.CASE_MANAGEMENT)
    assert str(missing.value) == str(forbidden.value) == str(malformed.value)


@pytest.mark.django_db
def test_participant_sees_only_themself(world):
    actor = world.user("participant")
    assert list(participants_for_actor(actor, purpose=Purpose.SELF_SERVICE)) == [world.participant]
    assert access_participant(actor, world.participant.pk, Purpose.SELF_SERVICE).level is Level.SELF
    with pytest.raises(NotFound):
        access_participant(actor, world.other_participant.pk, Purpose.SELF_SERVICE)


@pytest.mark.django_db
def test_researcher_reads_no_person_under_any_purpose(world):
    actor = world.user("researcher")
    for purpose in Purpose:
        assert not participants_for_actor(actor, purpose=purpose).exists()
        with pytest.raises(NotFound):
            access_participant(actor, world.participant.pk, purpose)


@pytest.mark.django_db
def test_special_category_only_for_the_specialists_and_the_person(world):
    def special(persona, purpose=Purpose.CASE_MANAGEMENT):
        return access_participant(world.user(persona), world.participant.pk, purpose).special_category

    assert special("owner") and special("colleague_with_access")
    assert special("participant", Purpose.SELF_SERVICE)
    assert not special("coordinator")


@pytest.mark.django_db
def test_inactive_user_sees_nothing(world):
    owner = world.user("owner")
    owner.is_active = False
    owner.save()
    assert not participants_for_actor(owner).exists()


@pytest.mark.django_db
def test_can_manage_pathway_agrees_with_the_full_case_query(world):
    """``can_manage_pathway`` answers the usual cases from cached roles; it must say exactly what the full query
    behind ``manageable_pathways`` says, for every persona and pathway: assigned specialist, team colleague,
    responsible specialist who is not assigned, a specialist on the pathway team only, coordinator, the rest."""
    from samspill.access.selectors import PathwayLevel, access_pathway, can_manage_pathway, manageable_pathways
    from samspill.accounts.models import User
    from samspill.pathways.services import pathway_create, pathway_member_add
    from samspill.pathways.stages import PathwayRole

    owner = world.user("owner")
    own = pathway_create(
        actor=owner,
        participant_access=access_participant(owner, world.participant.pk, Purpose.CASE_MANAGEMENT),
        path="employment",
        responsible_specialist=world.user("colleague_without_access"),
    )
    pathway_member_add(  # a specialist from another organisation, on this pathway's team only
        actor=owner,
        access=access_pathway(owner, own.pk),
        user=world.user("other_organisation"),
        role=PathwayRole.JOB_SPECIALIST,
    )
    other_specialist = world.user("other_organisation")
    other = pathway_create(
        actor=other_specialist,
        participant_access=access_participant(other_specialist, world.other_participant.pk, Purpose.CASE_MANAGEMENT),
        path="entrepreneurship",
    )
    answers = {}
    for persona in world.users:
        actor = User.objects.get(pk=world.user(persona).pk)  # a fresh object: no cached roles
        listed = set(manageable_pathways(actor).values_list("pk", flat=True))
        for pathway in (own, other):
            fresh = type(pathway).objects.get(pk=pathway.pk)
            answers[persona, pathway.path] = can_manage_pathway(actor, fresh)
            assert answers[persona, pathway.path] == (pathway.pk in listed), (persona, pathway.path)
    managers_of_own = {persona for (persona, path), yes in answers.items() if yes and path == "employment"}
    assert managers_of_own == {
        "owner",
        "colleague_with_access",
        "colleague_without_access",
        "coordinator",
        "other_organisation",
    }
    assert {persona for (persona, path), yes in answers.items() if yes and path == "entrepreneurship"} == {
        "other_organisation"
    }
    assert access_pathway(world.user("participant"), own.pk).level is PathwayLevel.SELF
    assert access_pathway(world.user("colleague_without_access"), own.pk).level is PathwayLevel.CASE
    assert access_pathway(world.user("other_organisation"), own.pk).level is PathwayLevel.CASE
