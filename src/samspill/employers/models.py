"""Employers, their opportunities, the job specialists' contact log, candidates proposed for an opportunity and
placements. Business rules are in services; the database adds the constraints that must hold whatever the code."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samspill.core.languages import CEFR_LEVELS
from samspill.core.models import BaseModel
from samspill.core.validators import municipality_number_validator

CEFR_CHOICES = [(level, level) for level in CEFR_LEVELS]

industry_code_validator = RegexValidator(
    r"^\d{2}(\.\d{3})?$",
    _(
        "An industry code is an SN2007 (NACE) code: a two-digit division such as 56, or a five-digit code "
        "written with a dot, such as 56.101."
    ),
    code="industry_code",
)
occupation_code_validator = RegexValidator(
    r"^\d{4}$",
    _("An occupation code is the four-digit STYRK-08 code, for example 5120 for cooks."),
    code="occupation_code",
)


class SizeBand(models.TextChoices):
    MICRO = "1-9", _("1–9 employees")
    SMALL = "10-49", _("10–49 employees")
    MEDIUM = "50-249", _("50–249 employees")
    LARGE = "250+", _("250 employees or more")


class OpportunityKind(models.TextChoices):
    JOB = "job", _("Job")
    LANGUAGE_PRACTICE = "language_practice", _("Internship / language practice")
    WORK_TRIAL = "work_trial", _("Work trial")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
    SUBSIDISED_JOB = "subsidised_job", _("Wage-subsidised job")


class OpportunityStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FILLED = "filled", _("Filled")
    CLOSED = "closed", _("Closed")


class ContactKind(models.TextChoices):
    VISIT = "visit", _("Visit")
    PHONE = "phone", _("Phone call")
    EMAIL = "email", _("Email")
    MEETING = "meeting", _("Meeting")


class SubsidyKind(models.TextChoices):
    NONE = "none", _("None")
    WAGE_SUBSIDY = "wage_subsidy", _("Wage subsidy")
    WORK_TRIAL = "work_trial", _("Work trial")
    OTHER = "other", _("Other")


class PlacementEndReason(models.TextChoices):
    COMPLETED = "completed", _("Completed as planned")
    HIRED = "hired", _("Hired on ordinary terms")
    PARTICIPANT_LEFT = "participant_left", _("The participant left")
    EMPLOYER_ENDED = "employer_ended", _("The employer ended it")
    HEALTH = "health", _("Health reasons")
    OTHER = "other", _("Other")


class EmployerProfile(BaseModel):
    """What the job specialists need to know about an organisation of kind employer."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="employer_profile"
    )
    industry_code = models.CharField(_("industry code (SN2007)"), max_length=6, validators=[industry_code_validator])
    size_band = models.CharField(_("number of employees"), max_length=8, choices=SizeBand.choices)
    municipality_number = models.CharField(
        _("municipality number"), max_length=4, validators=[municipality_number_validator]
    )
    workplace_mentors = models.PositiveSmallIntegerField(
        _("workplace mentors"), default=0, validators=[MaxValueValidator(999)]
    )
    language_practice_places = models.PositiveSmallIntegerField(
        _("language practice places"), default=0, validators=[MaxValueValidator(999)]
    )
    adaptation_possible = models.BooleanField(_("can adapt the workplace"), default=False)
    description = models.TextField(_("about the workplace"), blank=True, max_length=4000)


class Opportunity(BaseModel):
    employer = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="opportunities")
    kind = models.CharField(_("kind"), max_length=24, choices=OpportunityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    occupation_code = models.CharField(
        _("occupation code (STYRK-08)"), max_length=4, validators=[occupation_code_validator]
    )
    occupation_title = models.CharField(_("occupation"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    norwegian_level = models.CharField(
        _("required Norwegian level (CEFR)"), max_length=2, choices=CEFR_CHOICES, blank=True
    )
    hours_per_week = models.DecimalField(
        _("hours per week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    municipality_number = models.CharField(
        _("place (municipality number)"), max_length=4, validators=[municipality_number_validator]
    )
    positions = models.PositiveSmallIntegerField(
        _("positions"), default=1, validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    status = models.CharField(
        _("status"), max_length=8, choices=OpportunityStatus.choices, default=OpportunityStatus.OPEN
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("opportunity")


class Candidate(BaseModel):
    """A participant proposed for an opportunity by their job specialist. The employer sees the candidate only
    while the participant's consent to share with the employer is active."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="candidates")
    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.PROTECT, related_name="+")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("note to the employer"), blank=True, max_length=2000)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "pathway"], name="candidate_once_per_opportunity")
        ]


class EmployerContact(BaseModel):
    """One entry of a job specialist's employer contact log."""

    employer = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind of contact"), max_length=8, choices=ContactKind.choices)
    pathway = models.ForeignKey("pathways.Pathway", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    outcome = models.TextField(_("outcome"), max_length=4000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-date", "-created_at"]


class Placement(BaseModel):
    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.PROTECT, related_name="+")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.PROTECT, related_name="placements")
    start_date = models.DateField(_("start date"))
    hours_per_week = models.DecimalField(
        _("hours per week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    subsidy_kind = models.CharField(_("subsidy"), max_length=16, choices=SubsidyKind.choices, default=SubsidyKind.NONE)
    adaptation_plan = models.TextField(_("adaptation plan"), blank=True, max_length=4000)
    on_the_job_supports = models.TextField(_("on-the-job support"), blank=True, max_length=4000)
    follow_up_interval_days = models.PositiveSmallIntegerField(
        _("follow-up every (days)"), default=14, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.CharField(_("end reason"), max_length=24, choices=PlacementEndReason.choices, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-start_date", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="placement_ends_after_start",
            )
        ]
