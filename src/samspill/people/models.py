from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samspill.core.models import BaseModel
from samspill.core.validators import municipality_number_validator
from samspill.people.validators import (
    CEFR_LEVELS,
    validate_cefr_level,
    validate_country_code,
    validate_language_code,
    validate_national_id,
    validate_occupation_code,
)

CEFR_CHOICES = [(level, level) for level in CEFR_LEVELS]


class ResidenceBasis(models.TextChoices):
    REFUGEE = "refugee", _("Refugee or collective protection")
    FAMILY = "family", _("Family immigration")
    WORK = "work", _("Work")
    EDUCATION = "education", _("Education")
    EEA = "eea", _("EU/EEA registration")
    CITIZEN = "citizen", _("Norwegian citizen")
    OTHER = "other", _("Other")


class CaseLegalBasis(models.TextChoices):
    """Case management rests on law, not on consent."""

    INTRODUCTION_ACT = "introduction_act", _("Integration Act (introduction programme)")
    NAV_ACT_14A = "nav_act_14a", _("NAV Act § 14 a (work-oriented follow-up)")
    LABOUR_MARKET_ACT = "labour_market_act", _("Labour Market Act (labour market measures)")
    SOCIAL_SERVICES_ACT = "social_services_act", _("Social Services Act")


class HoursPreference(models.TextChoices):
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")
    EITHER = "either", _("Full or part time")


class Participant(BaseModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="participant"
    )
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    assigned_specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("job specialist"),
    )
    assigned_team = models.ForeignKey(
        "accounts.Team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("team"),
    )

    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    birth_date = models.DateField(_("birth date"))
    national_id = models.CharField(
        _("national identity number"), max_length=11, blank=True, validators=[validate_national_id]
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    country_of_birth = models.CharField(
        _("country of birth"), max_length=2, blank=True, validators=[validate_country_code]
    )
    citizenship = models.CharField(_("citizenship"), max_length=2, blank=True, validators=[validate_country_code])
    arrival_date = models.DateField(_("arrival in Norway"), null=True, blank=True)
    residence_basis = models.CharField(_("residence basis"), max_length=16, choices=ResidenceBasis.choices, blank=True)
    municipality_number = models.CharField(
        _("municipality number"), max_length=4, validators=[municipality_number_validator]
    )
    case_legal_basis = models.CharField(
        _("legal basis for case management"),
        max_length=32,
        choices=CaseLegalBasis.choices,
        default=CaseLegalBasis.INTRODUCTION_ACT,
    )

    preferred_language = models.CharField(
        _("preferred language"), max_length=3, blank=True, validators=[validate_language_code]
    )
    interpreter_needed = models.BooleanField(_("needs an interpreter"), default=False)
    interpreter_language = models.CharField(
        _("interpreter language"), max_length=3, blank=True, validators=[validate_language_code]
    )

    hours_preference = models.CharField(
        _("working hours"), max_length=16, choices=HoursPreference.choices, default=HoursPreference.EITHER
    )
    commuting_radius_km = models.PositiveSmallIntegerField(
        _("commuting radius (km)"), null=True, blank=True, validators=[MaxValueValidator(500)]
    )
    driving_licence = models.BooleanField(_("has a driving licence"), default=False)
    childcare_constraint = models.BooleanField(_("childcare limits working hours"), default=False)
    preferences_note = models.TextField(_("job wishes in own words"), blank=True, max_length=4000)

    class Meta:
        ordering = ["family_name", "given_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["national_id"],
                condition=~models.Q(national_id=""),
                name="participant_unique_national_id",
                violation_error_message=_("A participant with this national identity number is already registered."),
            ),
        ]

    def __str__(self):
        return f"{self.given_name} {self.family_name}"

    @property
    def full_name(self):
        return f"{self.given_name} {self.family_name}"


def _cefr_field(label):
    return models.CharField(label, max_length=2, choices=CEFR_CHOICES, blank=True, validators=[validate_cefr_level])


class LanguageSkill(BaseModel):
    """Self-assessed or tested level per CEFR skill; blank where not assessed."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=3, validators=[validate_language_code])
    is_mother_tongue = models.BooleanField(_("mother tongue"), default=False)
    listening = _cefr_field(_("listening"))
    reading = _cefr_field(_("reading"))
    spoken_interaction = _cefr_field(_("spoken interaction"))
    spoken_production = _cefr_field(_("spoken production"))
    writing = _cefr_field(_("writing"))

    CEFR_SKILLS = ("listening", "reading", "spoken_interaction", "spoken_production", "writing")

    class Meta:
        ordering = ["-is_mother_tongue", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "language"],
                name="language_once_per_participant",
                violation_error_message=_("This language is already on the profile."),
            ),
        ]


class EducationLevel(models.TextChoices):
    NONE = "none", _("No formal education")
    PRIMARY = "primary", _("Primary school")
    LOWER_SECONDARY = "lower_secondary", _("Lower secondary school")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary school")
    VOCATIONAL = "vocational", _("Vocational education or trade certificate")
    BACHELOR = "bachelor", _("Bachelor's degree or equivalent")
    MASTER = "master", _("Master's degree or equivalent")
    DOCTORATE = "doctorate", _("Doctorate")


class RecognitionStatus(models.TextChoices):
    NOT_APPLIED = "not_applied", _("Not applied for")
    PENDING = "pending", _("Application pending")
    RECOGNISED = "recognised", _("Recognised")
    PARTLY = "partly", _("Partly recognised")
    REFUSED = "refused", _("Not recognised")
    NOT_NEEDED = "not_needed", _("Not needed")


class Education(BaseModel):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="educations")
    level = models.CharField(_("level"), max_length=16, choices=EducationLevel.choices)
    field = models.CharField(_("field"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, validators=[validate_country_code])
    completed_year = models.PositiveSmallIntegerField(
        _("year completed"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1940), MaxValueValidator(2100)],
    )
    recognition_status = models.CharField(
        _("recognition in Norway"),
        max_length=16,
        choices=RecognitionStatus.choices,
        default=RecognitionStatus.NOT_APPLIED,
    )

    class Meta:
        ordering = ["-completed_year"]


class WorkExperience(BaseModel):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="experiences")
    occupation_code = models.CharField(
        _("occupation code (STYRK-08)"), max_length=4, blank=True, validators=[validate_occupation_code]
    )
    title = models.CharField(_("job title"), max_length=200)
    years = models.DecimalField(
        _("years"), max_digits=4, decimal_places=1, validators=[MinValueValidator(0), MaxValueValidator(70)]
    )
    country = models.CharField(_("country"), max_length=2, validators=[validate_country_code])
    description = models.TextField(_("what the work involved"), blank=True, max_length=4000)

    class Meta:
        ordering = ["-years"]


class Skill(BaseModel):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="skills")
    name = models.CharField(_("skill"), max_length=200)
    esco_uri = models.URLField(_("ESCO skill"), blank=True, max_length=300)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "name"],
                name="skill_once_per_participant",
                violation_error_message=_("This skill is already on the profile."),
            )
        ]


class HealthInformation(BaseModel):
    """Special-category data (GDPR art. 9): only the gate's special-category accessor returns it."""

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="health")
    work_limitations = models.TextField(_("health-related work limitations"), blank=True, max_length=4000)
    adaptation_needs = models.TextField(_("adaptations needed at work"), blank=True, max_length=4000)
    follow_up_by_health_service = models.BooleanField(_("followed up by a health service"), default=False)

    SPECIAL_CATEGORY = True
