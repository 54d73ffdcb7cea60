"""Research projects, their cohorts, context tables and analysis runs. Nothing here names a person: cohorts are
filters, runs keep pseudonyms (keyed hashes per project) and disclosure-controlled results."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samspill.core.models import BaseModel


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("The participants' consent to research")
    EXEMPTION = "exemption", _("A recorded decision (exemption from confidentiality or ethics approval)")


class ResearchProject(BaseModel):
    title = models.CharField(_("title"), max_length=200)
    institution = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    legal_basis = models.CharField(_("legal basis"), max_length=16, choices=LegalBasis.choices)
    # With an exemption the decision must be traceable: who decided, case number and date, in words.
    legal_basis_reference = models.CharField(_("reference of the decision"), max_length=300, blank=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="research_projects", blank=True)
    # The key of the keyed hash that makes pseudonyms: the same person has the same pseudonym in every extract of
    # this project, and unrelated pseudonyms in other projects. Never shown.
    pseudonym_key = models.CharField(max_length=64, editable=False)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class Alignment(models.TextChoices):
    PATHWAY_START = "pathway_start", _("Months since the first pathway started")


class Cohort(BaseModel):
    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(_("name"), max_length=120)
    # Filters on pathways: organisation ids, municipality numbers, path, first start between two dates.
    filters = models.JSONField(default=dict)
    months = models.PositiveSmallIntegerField(_("months followed"), default=36)
    alignment = models.CharField(max_length=16, choices=Alignment.choices, default=Alignment.PATHWAY_START)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="one_cohort_name_per_project")]

    def __str__(self):
        return self.name


class ContextTable(BaseModel):
    """Area-level context (e.g. the unemployment rate) by municipality and month, linked to each sequence."""

    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="context_tables")
    name = models.CharField(_("name"), max_length=120)
    variables = models.JSONField(default=list)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="one_context_name_per_project")]

    def __str__(self):
        return self.name


class ContextValue(models.Model):
    table = models.ForeignKey(ContextTable, on_delete=models.CASCADE, related_name="values")
    municipality_number = models.CharField(max_length=4)
    month = models.DateField()  # the first day of the month
    variable = models.CharField(max_length=64)
    value = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["table", "municipality_number", "month", "variable"], name="one_context_value_per_cell"
            )
        ]


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class AnalysisRun(BaseModel):
    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="runs")
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="runs")
    context_table = models.ForeignKey(ContextTable, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    parameters = models.JSONField(default=dict)
    status = models.CharField(max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.FloatField(default=0.0)
    step = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The sorted pseudonyms of the cohort as run: a later cohort that differs by a handful of people is refused.
    members = models.JSONField(default=list)
    results = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at"]


class RunArtifact(models.Model):
    """A figure or the pseudonymised extract of a run, kept in the database so that both backends serve it."""

    run = models.ForeignKey(AnalysisRun, on_delete=models.CASCADE, related_name="artifacts")
    name = models.CharField(max_length=64)
    content_type = models.CharField(max_length=64)
    data = models.BinaryField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "name"], name="one_artifact_name_per_run")]
