"""The stage machine: every allowed and refused move, entry criteria with reasons, an event for each move."""

import datetime as dt

import pytest
from django.db import transaction

from samspill.access.selectors import access_participant, access_pathway
from samspill.core.errors import ApplicationError, NotFound, PermissionDenied
from samspill.core.roles import Purpose
from samspill.pathways.models import PathwayEvent
from samspill.pathways.services import (
    activity_propose,
    activity_set_status,
    agreement_is_signed,
    agreement_sign,
    agreement_version_create,
    confidentiality_declare,
    pathway_create,
    pathway_member_add,
    pathway_move,
    stage_note_save,
)
from samspill.pathways.stages import STAGES, ActivityStatus, EventKind, Outcome, Path, PathwayRole, Stage
from samspill.people.services import profile_item_add
from samspill.testing.database import fingerprint

START = dt.date(2026, 1, 5)


def _access(world, persona, pathway):
    return access_pathway(world.user(persona), pathway.pk)


def _open(world, path=Path.EMPLOYMENT):
    owner = world.user("owner")
    participant_access = access_participant(owner, world.participant.pk, Purpose.CASE_MANAGEMENT)
    return pathway_create(actor=owner, participant_access=participant_access, path=path, started_on=START)


def _move(world, pathway, to, persona="owner", **kwargs):
    kwargs.setdefault("effective_date", START + dt.timedelta(days=10))
    return pathway_move(actor=world.user(persona), access=_access(world, persona, pathway), to_stage=to, **kwargs)


def _sign_agreement(world, pathway, text="We agree to work together towards a job."):
    agreement_version_create(
        actor=world.user("owner"), access=_access(world, "owner", pathway), text=text, language="nb"
    )
    agreement_sign(actor=world.user("participant"), access=_access(world, "participant", pathway))
    agreement_sign(actor=world.user("owner"), access=_access(world, "owner", pathway))


def _profile(world, pathway):
    owner_participant = access_participant(world.user("owner"), world.participant.pk, Purpose.CASE_MANAGEMENT)
    profile_item_add(actor=world.user("owner"), access=owner_participant, section="skills", data={"name": "Baking"})
    stage_note_save(
        actor=world.user("participant"),
        access=_access(world, "participant", pathway),
        stage=Stage.VOCATIONAL_PROFILING,
        data={"participant_words": "Jeg vil jobbe i et bakeri."},
    )


@pytest.mark.django_db
def test_a_new_pathway_starts_at_the_first_stage_with_an_event(world):
    pathway = _open(world)
    assert pathway.stage == Stage.ENGAGEMENT and pathway.stage_since == START
    event = PathwayEvent.objects.get(pathway=pathway)
    assert (event.kind, event.effective_date, event.actor) == (EventKind.PATHWAY_START, START, world.user("owner"))
    roles = set(pathway.members.values_list("role", flat=True))
    assert roles == {PathwayRole.JOB_SPECIALIST, PathwayRole.PARTICIPANT}
    with pytest.raises(ApplicationError):
        _open(world)  # one pathway per participant and path


@pytest.mark.django_db
def test_profiling_needs_a_signed_agreement_and_job_finding_a_vocational_profile(world):
    pathway = _open(world)
    with pytest.raises(ApplicationError) as refused:
        _move(world, pathway, Stage.VOCATIONAL_PROFILING)
    assert "agreement signed" in refused.value.message
    _sign_agreement(world, pathway)
    pathway = _move(world, pathway, Stage.VOCATIONAL_PROFILING)
    with pytest.raises(ApplicationError) as refused:
        _move(world, pathway, Stage.JOB_FINDING, effective_date=START + dt.timedelta(days=20))
    assert "vocational profile" in refused.value.message
    _profile(world, pathway)
    pathway = _move(world, pathway, Stage.JOB_FINDING, effective_date=START + dt.timedelta(days=20))
    kinds = list(PathwayEvent.objects.filter(pathway=pathway).order_by("recorded_at").values_list("kind", flat=True))
    assert kinds == [EventKind.PATHWAY_START, EventKind.AGREEMENT_SIGNED, EventKind.STAGE_MOVE, EventKind.STAGE_MOVE]


@pytest.mark.django_db
def test_a_changed_agreement_text_needs_new_signatures(world):
    pathway = _open(world)
    _sign_agreement(world, pathway)
    assert agreement_is_signed(pathway)
    agreement_version_create(
        actor=world.user("owner"), access=_access(world, "owner", pathway), text="A changed agreement.", language="ar"
    )
    assert not agreement_is_signed(pathway)
    with pytest.raises(ApplicationError):
        _move(world, pathway, Stage.VOCATIONAL_PROFILING)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["coordinator", "colleague_with_access"])
def test_only_the_parties_sign(world, persona):
    pathway = _open(world)
    agreement_version_create(
        actor=world.user("owner"), access=_access(world, "owner", pathway), text="T", language="nb"
    )
    before = fingerprint(include_access_log=False)
    with pytest.raises(PermissionDenied):
        agreement_sign(actor=world.user(persona), access=_access(world, persona, pathway))
    assert fingerprint(include_access_log=False) == before
    with pytest.raises(NotFound):
        _access(world, "employer_contact", pathway)  # not on the team, no way in


@pytest.mark.django_db
def test_an_employer_on_the_team_is_a_party_and_must_sign(world):
    pathway = _open(world)
    pathway_member_add(
        actor=world.user("owner"),
        access=_access(world, "owner", pathway),
        user=world.user("employer_contact"),
        role=PathwayRole.EMPLOYER,
        organisation=world.organisations["employer"],
    )
    _sign_agreement(world, pathway)
    assert not agreement_is_signed(pathway)
    agreement_sign(actor=world.user("employer_contact"), access=_access(world, "employer_contact", pathway))
    assert agreement_is_signed(pathway)


@pytest.mark.django_db
def test_a_mentor_sees_the_plan_only_after_the_confidentiality_declaration(world):
    pathway = _open(world)
    pathway_member_add(
        actor=world.user("owner"),
        access=_access(world, "owner", pathway),
        user=world.user("mentor"),
        role=PathwayRole.MENTOR,
    )
    with pytest.raises(NotFound):
        _access(world, "mentor", pathway)
    confidentiality_declare(actor=world.user("mentor"), pathway_id=pathway.pk)
    assert _access(world, "mentor", pathway).party == PathwayRole.MENTOR


@pytest.mark.django_db
def test_moves_back_need_a_reason_and_closing_needs_an_outcome(world):
    pathway = _open(world)
    _sign_agreement(world, pathway)
    pathway = _move(world, pathway, Stage.VOCATIONAL_PROFILING)
    with pytest.raises(ApplicationError) as refused:
        _move(world, pathway, Stage.ENGAGEMENT)
    assert "reason" in refused.value.field_errors
    pathway = _move(world, pathway, Stage.ENGAGEMENT, reason="The participant started a full-time Norwegian course.")
    with pytest.raises(ApplicationError) as refused:
        _move(world, pathway, Stage.CLOSED)
    assert "outcome" in refused.value.field_errors
    pathway = _move(world, pathway, Stage.CLOSED, outcome=Outcome.EDUCATION)
    assert (pathway.outcome, pathway.closed_on) == (Outcome.EDUCATION, START + dt.timedelta(days=10))
    pathway = _move(world, pathway, Stage.ENGAGEMENT, reason="Came back after the course.")
    assert (pathway.outcome, pathway.closed_on) == ("", None)
    back = PathwayEvent.objects.filter(pathway=pathway, kind=EventKind.STAGE_MOVE).last()
    assert back.data == {"from": "closed", "to": "engagement", "back": True}
    assert back.reason == "Came back after the course."


@pytest.mark.django_db
def test_refused_moves_change_nothing(world):
    pathway = _open(world)
    before = fingerprint(include_access_log=False)
    for target, kwargs in [
        (Stage.JOB_FINDING, {}),  # skips a stage
        (Stage.VOCATIONAL_PROFILING, {}),  # no agreement
        (Stage.IDEA, {}),  # another path's stage
        ("nowhere", {}),
        (Stage.ENGAGEMENT, {}),  # where it already is
        (Stage.CLOSED, {"outcome": "rich"}),
        (Stage.CLOSED, {"outcome": Outcome.DROPPED, "effective_date": START - dt.timedelta(days=1)}),
    ]:
        with pytest.raises(ApplicationError):
            _move(world, pathway, target, **kwargs)
    assert fingerprint(include_access_log=False) == before


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["participant"])
def test_only_the_job_specialists_move_the_pathway(world, persona):
    pathway = _open(world)
    with pytest.raises(PermissionDenied):
        _move(world, pathway, Stage.CLOSED, persona=persona, outcome=Outcome.DROPPED)
    for outsider in ["colleague_without_access", "other_organisation", "researcher", "administrator"]:
        with pytest.raises(NotFound):
            _access(world, outsider, pathway)


@pytest.mark.django_db
def test_entrepreneurship_from_idea_to_launch(world):
    pathway = _open(world, Path.ENTREPRENEURSHIP)
    owner = world.user("owner")
    day = iter(range(1, 100))

    def move(to, **kwargs):
        return _move(world, pathway, to, effective_date=START + dt.timedelta(days=next(day)), **kwargs)

    def done(kind):
        access = _access(world, "owner", pathway)
        activity = activity_propose(actor=owner, access=access, data={"kind": kind, "title": kind})
        for status in (ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS, ActivityStatus.DONE):
            activity_set_status(actor=owner, access=access, activity_id=activity.pk, status=status)

    assert pathway.stage == Stage.IDEA
    _sign_agreement(world, pathway)
    pathway = move(Stage.TRAINING)
    with pytest.raises(ApplicationError, match="business course"):
        move(Stage.BUSINESS_PLAN)
    done("business_course")
    pathway = move(Stage.BUSINESS_PLAN)
    with pytest.raises(ApplicationError, match="business plan"):
        move(Stage.REGISTRATION)
    done("business_plan")
    pathway = move(Stage.REGISTRATION)
    with pytest.raises(ApplicationError, match="organisation number"):
        move(Stage.LAUNCH)
    pathway = move(Stage.LAUNCH, org_number="923456789")
    pathway = move(Stage.FOLLOW_UP)
    pathway = move(Stage.CLOSED, outcome=Outcome.SELF_EMPLOYED)
    moves = PathwayEvent.objects.filter(pathway=pathway, kind=EventKind.STAGE_MOVE)
    assert [m.data["to"] for m in moves] == [s.value for s in STAGES[Path.ENTREPRENEURSHIP][1:]]


ALL_STATUSES = list(ActivityStatus)
ALLOWED = {
    ("proposed", "planned"),
    ("proposed", "in_progress"),
    ("proposed", "cancelled"),
    ("planned", "in_progress"),
    ("planned", "done"),
    ("planned", "cancelled"),
    ("in_progress", "done"),
    ("in_progress", "cancelled"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("start", ALL_STATUSES)
def test_every_activity_status_change(world, start):
    pathway = _open(world)
    owner = world.user("owner")
    access = _access(world, "owner", pathway)
    path_to = {
        "proposed": [],
        "planned": ["planned"],
        "in_progress": ["in_progress"],
        "done": ["planned", "done"],
        "cancelled": ["cancelled"],
    }
    for target in ALL_STATUSES:
        activity = activity_propose(actor=owner, access=access, data={"kind": "meeting", "title": "Meeting"})
        for step in path_to[start]:
            activity_set_status(actor=owner, access=access, activity_id=activity.pk, status=step)
        events = PathwayEvent.objects.filter(kind=EventKind.ACTIVITY_STATUS).count()
        if (start, target) in ALLOWED:
            activity_set_status(actor=owner, access=access, activity_id=activity.pk, status=target)
            assert PathwayEvent.objects.filter(kind=EventKind.ACTIVITY_STATUS).count() == events + 1
        else:
            with pytest.raises(ApplicationError):
                activity_set_status(actor=owner, access=access, activity_id=activity.pk, status=target)
            assert PathwayEvent.objects.filter(kind=EventKind.ACTIVITY_STATUS).count() == events


def _employer_contact(world, pathway, day):
    from samspill.employers.services import employer_contact_record

    employer_contact_record(
        actor=world.user("owner"),
        employer=world.organisations["employer"],
        pathway=pathway,
        data={"date": START + dt.timedelta(days=day), "kind": "visit", "outcome": "Open to a language practice."},
    )


def _placement(world, pathway, day):
    from samspill.consent.services import consent_give
    from samspill.core.roles import ConsentPurpose
    from samspill.employers.services import placement_start
    from samspill.employers.tests.helpers import make_opportunity

    consent_give(
        actor=world.user("participant"),
        access=access_participant(world.user("participant"), world.participant.pk, Purpose.SELF_SERVICE),
        purpose=ConsentPurpose.SHARE_EMPLOYER,
        recipient_organisation=world.organisations["employer"],
    )
    return placement_start(
        actor=world.user("owner"),
        pathway=pathway,
        opportunity=make_opportunity(world),
        data={"start_date": START + dt.timedelta(days=day), "hours_per_week": 20},
    )


@pytest.mark.django_db
def test_the_whole_employment_path_with_its_entry_criteria(world):
    pathway = _open(world)
    _sign_agreement(world, pathway)
    pathway = _move(world, pathway, Stage.VOCATIONAL_PROFILING, effective_date=START + dt.timedelta(days=7))
    _profile(world, pathway)
    pathway = _move(world, pathway, Stage.JOB_FINDING, effective_date=START + dt.timedelta(days=21))
    with pytest.raises(ApplicationError, match="employer contact"):
        _move(world, pathway, Stage.EMPLOYER_ENGAGEMENT, effective_date=START + dt.timedelta(days=30))
    _employer_contact(world, pathway, 28)
    pathway = _move(world, pathway, Stage.EMPLOYER_ENGAGEMENT, effective_date=START + dt.timedelta(days=30))
    with pytest.raises(ApplicationError, match="placement"):
        _move(world, pathway, Stage.JOB_SUPPORT, effective_date=START + dt.timedelta(days=45))
    _placement(world, pathway, 44)
    pathway = _move(world, pathway, Stage.JOB_SUPPORT, effective_date=START + dt.timedelta(days=45))
    pathway = _move(world, pathway, Stage.FOLLOW_UP, effective_date=START + dt.timedelta(days=120))
    pathway = _move(
        world, pathway, Stage.CLOSED, outcome=Outcome.EMPLOYED, effective_date=START + dt.timedelta(days=400)
    )
    events = PathwayEvent.objects.filter(pathway=pathway).order_by("effective_date", "recorded_at")
    kinds = [e.kind for e in events if e.kind != EventKind.AGREEMENT_SIGNED]
    assert kinds == [
        EventKind.PATHWAY_START,
        EventKind.STAGE_MOVE,
        EventKind.STAGE_MOVE,
        EventKind.EMPLOYER_CONTACT,
        EventKind.STAGE_MOVE,
        EventKind.PLACEMENT_START,
        EventKind.STAGE_MOVE,
        EventKind.STAGE_MOVE,
        EventKind.STAGE_MOVE,
    ]


def _ready_for_everything(world):
    """A pathway whose every entry criterion holds, so the matrix below tests the rules of movement alone."""
    pathway = _open(world)
    _sign_agreement(world, pathway)
    _profile(world, pathway)
    _employer_contact(world, pathway, 1)
    _placement(world, pathway, 2)
    return pathway


EMPLOYMENT = STAGES[Path.EMPLOYMENT]


@pytest.mark.django_db
@pytest.mark.parametrize("current", EMPLOYMENT)
def test_every_move_from_every_employment_stage(world, current):
    """Forward: exactly the next stage. Back: any earlier stage, only with a reason. Closed: from anywhere, only
    with an outcome. Nothing else, and every allowed move is one event."""
    from samspill.pathways.models import Pathway

    pathway = _ready_for_everything(world)
    Pathway.objects.filter(pk=pathway.pk).update(stage=current, stage_since=START)  # set the scene directly
    index = EMPLOYMENT.index(current)
    for target in EMPLOYMENT:
        position = EMPLOYMENT.index(target)
        attempts = [
            ({}, target == EMPLOYMENT[index + 1] if index + 1 < len(EMPLOYMENT) and target != Stage.CLOSED else False)
        ]
        if position < index:
            attempts = [({}, False), ({"reason": "Back to an earlier stage."}, True)]
        if target == Stage.CLOSED and current != Stage.CLOSED:
            attempts = [({}, False), ({"outcome": Outcome.OTHER}, True)]
        for kwargs, allowed in attempts:
            with transaction.atomic():
                moves = PathwayEvent.objects.filter(kind=EventKind.STAGE_MOVE).count()
                if allowed:
                    moved = _move(world, pathway, target, **kwargs)
                    assert moved.stage == target
                    assert PathwayEvent.objects.filter(kind=EventKind.STAGE_MOVE).count() == moves + 1
                else:
                    with pytest.raises(ApplicationError):
                        _move(world, pathway, target, **kwargs)
                    assert PathwayEvent.objects.filter(kind=EventKind.STAGE_MOVE).count() == moves
                transaction.set_rollback(True)
