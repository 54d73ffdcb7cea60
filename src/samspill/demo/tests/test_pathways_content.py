"""The demo's pathway histories, checked on the build shared with test_content.py (conftest.py)."""

from collections import Counter, defaultdict

import pytest

from samspill.access.selectors import participants_for_actor, pathways_for_actor
from samspill.accounts.models import User
from samspill.core.roles import OrganisationKind, Purpose
from samspill.demo.generator import DEMO_EMPLOYER, DEMO_NOW, DEMO_PARTNER, EMPLOYERS, ORGANISATIONS, OSLO, TODAY
from samspill.employers.models import Candidate, EmployerContact, EmployerProfile, Opportunity, Placement
from samspill.pathways.models import Activity, Pathway, PathwayEvent, PathwayMember
from samspill.pathways.selectors import needs_attention
from samspill.pathways.services import agreement_is_signed
from samspill.pathways.stages import STAGES, ActivityStatus, EventKind, Outcome, Path, PathwayRole, Stage
from samspill.programmes.models import Programme, ProgrammeKind, Referral, ReferralStatus
from samspill.programmes.selectors import referrals_for_actor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_output")]


def user(username: str) -> User:
    return User.objects.get(username=username)


def test_pathways_exist_in_every_stage_of_both_paths():
    for path, stages in STAGES.items():
        present = set(Pathway.objects.filter(path=path).values_list("stage", flat=True))
        assert present == set(stages), path
    paths = Counter(Pathway.objects.values_list("path", flat=True))
    assert 0.05 < paths[Path.ENTREPRENEURSHIP] / sum(paths.values()) < 0.15


def test_closed_pathways_have_an_outcome_and_open_ones_none():
    closed = Pathway.objects.filter(stage=Stage.CLOSED)
    assert not closed.filter(outcome="").exists() and not closed.filter(closed_on=None).exists()
    assert not Pathway.objects.exclude(stage=Stage.CLOSED).exclude(outcome="").exists()
    assert set(closed.values_list("outcome", flat=True)) == set(Outcome.values)


def test_events_are_in_date_order_and_never_after_the_end_of_the_story():
    events = defaultdict(list)
    for row in PathwayEvent.objects.order_by("recorded_at").values("pathway_id", "effective_date", "recorded_at"):
        events[row["pathway_id"]].append(row)
    assert len(events) == Pathway.objects.count()
    for rows in events.values():
        dates = [row["effective_date"] for row in rows]
        assert dates == sorted(dates)
        for row in rows:
            assert row["effective_date"] == row["recorded_at"].astimezone(OSLO).date() <= TODAY
            assert row["recorded_at"] <= DEMO_NOW


def test_each_pathway_is_in_the_stage_its_last_move_went_to():
    last = {}
    for pathway_id, kind, data in (
        PathwayEvent.objects.filter(kind__in=[EventKind.PATHWAY_START, EventKind.STAGE_MOVE])
        .order_by("recorded_at")
        .values_list("pathway_id", "kind", "data")
    ):
        last[pathway_id] = data["stage"] if kind == EventKind.PATHWAY_START else data["to"]
    for pathway in Pathway.objects.all():
        assert pathway.stage == last[pathway.pk]


def test_moves_back_have_reasons_and_some_return_to_benefits():
    back = PathwayEvent.objects.filter(kind=EventKind.STAGE_MOVE, data__back=True)
    assert back.count() >= 10 and not back.filter(reason="").exists()
    assert PathwayEvent.objects.filter(kind=EventKind.BENEFIT_START).exists()
    assert PathwayEvent.objects.filter(kind=EventKind.ENROLMENT_START).exists()
    assert PathwayEvent.objects.filter(kind=EventKind.ENROLMENT_END).exists()


def test_plans_are_co_created():
    activities = Activity.objects.all()
    assert len(set(activities.values_list("kind", flat=True))) >= 12
    assert set(activities.values_list("status", flat=True)) == set(ActivityStatus.values)
    assert activities.filter(proposed_by_participant=True).exists()
    assert activities.filter(agreements__party=PathwayRole.PARTICIPANT).exists()
    assert activities.filter(comments__isnull=False).exists()
    goals = [goal for pathway in Pathway.objects.prefetch_related("goals") for goal in pathway.goals.all()]
    assert any(goal.by_participant for goal in goals)
    assert len({goal.language for goal in goals}) >= 4  # some in the participant's own language
    notes = [note for pathway in Pathway.objects.prefetch_related("stage_notes") for note in pathway.stage_notes.all()]
    assert any(note.interpreter_used and note.interpreter_language for note in notes)
    assert any(note.workplace_mediation for note in notes) and any(note.vocational_norwegian for note in notes)
    assert all(note.participant_words for note in notes)


def test_employers_profiles_opportunities_contacts_and_placements():
    profiles = EmployerProfile.objects.all()
    assert profiles.count() == len(EMPLOYERS)
    assert all(len(code) == 6 and code[2] == "." for code in profiles.values_list("industry_code", flat=True))
    assert set(Opportunity.objects.values_list("kind", flat=True)) == {
        "job", "language_practice", "work_trial", "apprenticeship", "subsidised_job",
    }  # fmt: skip
    in_job_finding = PathwayEvent.objects.filter(kind=EventKind.STAGE_MOVE, data__to=Stage.JOB_FINDING)
    contacts = EmployerContact.objects.filter(pathway__isnull=False)
    assert contacts.count() >= 2 * in_job_finding.values("pathway").distinct().count()
    placements = Placement.objects.all()
    assert len(set(placements.values_list("subsidy_kind", flat=True))) >= 3
    ended = placements.exclude(end_date=None)
    assert ended.exists() and not ended.filter(end_reason="").exists()
    assert placements.exclude(adaptation_plan="").exists()


def test_programmes_of_every_kind_with_referrals_through_their_workflow():
    programmes = Programme.objects.select_related("provider")
    assert set(programmes.values_list("kind", flat=True)) == set(ProgrammeKind.values)
    assert OrganisationKind.EDUCATION_PROVIDER in {p.provider.kind for p in programmes}
    assert set(Referral.objects.values_list("status", flat=True)) == set(ReferralStatus.values)


def test_the_demo_participants_story():
    pathway = Pathway.objects.get(participant__user__username="deltaker")
    assert pathway.path == Path.EMPLOYMENT
    assert pathway.stage in (Stage.JOB_FINDING, Stage.EMPLOYER_ENGAGEMENT)
    assert agreement_is_signed(pathway)
    assert pathway.goals.filter(by_participant=True).exists() and pathway.goals.count() >= 2
    activities = pathway.activities.all()
    assert activities.filter(proposed_by_participant=True).exists()
    waiting = activities.filter(status="proposed").exclude(agreements__party=PathwayRole.PARTICIPANT)
    assert waiting.exists()
    mentor = PathwayMember.objects.get(pathway=pathway, user__username="mentor", role=PathwayRole.MENTOR)
    assert mentor.active and mentor.confidentiality_declared_at is not None
    assert pathways_for_actor(user("mentor")).filter(pk=pathway.pk).exists()


def test_the_demo_job_specialists_caseload():
    caseload = pathways_for_actor(user("jobbspesialist"))
    stages = set(caseload.values_list("stage", flat=True))
    assert stages == {stage for stages in STAGES.values() for stage in stages}
    lists = needs_attention(caseload, today=TODAY)
    for name, pathways in lists.items():
        assert pathways.exists(), name


def test_the_demo_employer_has_opportunities_a_candidate_and_a_placement():
    employer = user("arbeidsgiver")
    organisation = employer.memberships.get().organisation
    opportunities = Opportunity.objects.filter(employer=organisation)
    assert set(opportunities.values_list("kind", flat=True)) >= {"job", "work_trial", "language_practice"}
    shared = participants_for_actor(employer, purpose=Purpose.SHARE_EMPLOYER)
    candidates = Candidate.objects.filter(opportunity__employer=organisation)
    assert candidates.filter(pathway__participant__in=shared).exists()
    placement = Placement.objects.filter(opportunity__employer=organisation, end_date=None).first()
    assert placement is not None
    team = PathwayMember.objects.filter(pathway=placement.pathway, user=employer, role=PathwayRole.EMPLOYER)
    assert team.filter(active=True).exists() and agreement_is_signed(placement.pathway)
    assert organisation.name == next(name for key, name, *_rest in EMPLOYERS if key == DEMO_EMPLOYER)


def test_the_demo_partner_has_referrals_waiting():
    partner = user("partner")
    referrals = referrals_for_actor(partner)
    assert referrals.filter(status=ReferralStatus.PROPOSED).exists()
    assert referrals.filter(status=ReferralStatus.STARTED).exists()
    names = {r.programme.provider.name for r in referrals}
    assert {key for key, name, *_rest in ORGANISATIONS if name in names} == {DEMO_PARTNER}
