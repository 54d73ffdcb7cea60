"""The two paths to work and their stages, in order. Pure data: the rules that move between them are in services."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Path(models.TextChoices):
    EMPLOYMENT = "employment", _("Employment (Supported Employment)")
    ENTREPRENEURSHIP = "entrepreneurship", _("Entrepreneurship")


class Stage(models.TextChoices):
    # Supported Employment's five-stage process, with follow-up after placement as its own stage.
    ENGAGEMENT = "engagement", _("Engagement and agreement")
    VOCATIONAL_PROFILING = "vocational_profiling", _("Vocational profiling")
    JOB_FINDING = "job_finding", _("Job finding")
    EMPLOYER_ENGAGEMENT = "employer_engagement", _("Employer engagement")
    JOB_SUPPORT = "job_support", _("On- and off-the-job support")
    # Entrepreneurship
    IDEA = "idea", _("Business idea")
    TRAINING = "training", _("Start-up training")
    BUSINESS_PLAN = "business_plan", _("Business plan")
    REGISTRATION = "registration", _("Registration")
    LAUNCH = "launch", _("Launch")
    # Both
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", _("Closed")


STAGES = {
    Path.EMPLOYMENT: (
        Stage.ENGAGEMENT,
        Stage.VOCATIONAL_PROFILING,
        Stage.JOB_FINDING,
        Stage.EMPLOYER_ENGAGEMENT,
        Stage.JOB_SUPPORT,
        Stage.FOLLOW_UP,
        Stage.CLOSED,
    ),
    Path.ENTREPRENEURSHIP: (
        Stage.IDEA,
        Stage.TRAINING,
        Stage.BUSINESS_PLAN,
        Stage.REGISTRATION,
        Stage.LAUNCH,
        Stage.FOLLOW_UP,
        Stage.CLOSED,
    ),
}


class Outcome(models.TextChoices):
    EMPLOYED = "employed", _("Employed")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    EDUCATION = "education", _("In education")
    OTHER = "other", _("Other")
    MOVED = "moved", _("Moved away")
    DROPPED = "dropped", _("Dropped out")


class PathwayRole(models.TextChoices):
    """The part an actor plays on one pathway (a team member may come from any organisation)."""

    PARTICIPANT = "participant", _("Participant")
    JOB_SPECIALIST = "job_specialist", _("Job specialist")
    NAV = "nav", _("NAV adviser")
    MUNICIPALITY = "municipality", _("Municipality (introduction programme)")
    SCHOOL = "school", _("Adult education")
    HEALTH = "health", _("Health service")
    EMPLOYER = "employer", _("Employer")
    MENTOR = "mentor", _("Peer mentor")
    PARTNER = "partner", _("Partner service")


class ActivityKind(models.TextChoices):
    JOB_SEARCH = "job_search", _("Job search")
    APPLICATION = "application", _("Job application")
    LANGUAGE_COURSE = "language_course", _("Norwegian course")
    VOCATIONAL_NORWEGIAN = "vocational_norwegian", _("Vocational Norwegian")
    WORK_TRIAL = "work_trial", _("Work trial")
    MEETING = "meeting", _("Meeting")
    HEALTH_FOLLOW_UP = "health_follow_up", _("Health follow-up")
    FINANCIAL_GUIDANCE = "financial_guidance", _("Financial guidance")
    CREDENTIAL_RECOGNITION = "credential_recognition", _("Recognition of credentials")
    BUSINESS_COURSE = "business_course", _("Business course")
    BUSINESS_PLAN = "business_plan", _("Writing the business plan")
    BUSINESS_REGISTRATION = "business_registration", _("Registering the business")
    MENTOR_SESSION = "mentor_session", _("Mentor session")
    CV = "cv", _("CV")
    OTHER = "other", _("Other")


class ActivityStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVITY_TRANSITIONS = {
    ActivityStatus.PROPOSED: {ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS, ActivityStatus.CANCELLED},
    ActivityStatus.PLANNED: {ActivityStatus.IN_PROGRESS, ActivityStatus.DONE, ActivityStatus.CANCELLED},
    ActivityStatus.IN_PROGRESS: {ActivityStatus.DONE, ActivityStatus.CANCELLED},
    ActivityStatus.DONE: set(),
    ActivityStatus.CANCELLED: set(),
}
FINAL_ACTIVITY_STATUSES = {ActivityStatus.DONE, ActivityStatus.CANCELLED}


class EventKind(models.TextChoices):
    """What the research layer turns into monthly states. Every event has an effective date."""

    PATHWAY_START = "pathway_start", _("Pathway started")
    STAGE_MOVE = "stage_move", _("Stage changed")
    ACTIVITY_STATUS = "activity_status", _("Activity status changed")
    AGREEMENT_SIGNED = "agreement_signed", _("Agreement signed")
    ENROLMENT_START = "enrolment_start", _("Enrolment started")
    ENROLMENT_END = "enrolment_end", _("Enrolment ended")
    PLACEMENT_START = "placement_start", _("Placement started")
    PLACEMENT_END = "placement_end", _("Placement ended")
    BENEFIT_START = "benefit_start", _("Benefit period started")
    BENEFIT_END = "benefit_end", _("Benefit period ended")
    EMPLOYER_CONTACT = "employer_contact", _("Employer contact")


class BenefitKind(models.TextChoices):
    """Income support periods that matter for trajectories (returns to benefits after a job, for instance)."""

    INTRODUCTION = "introduction", _("Introduction benefit")
    QUALIFICATION = "qualification", _("Qualification benefit")
    WORK_ASSESSMENT = "work_assessment", _("Work assessment allowance (AAP)")
    UNEMPLOYMENT = "unemployment", _("Unemployment benefit")
    SOCIAL_ASSISTANCE = "social_assistance", _("Financial social assistance")
    OTHER = "other", _("Other benefit")
