"""Official classifications and the job-exposure matrix, loaded from the publishers' files (services.py).

The big reference tables (ESCO, relations, matrix values) keep plain auto ids: they are public data, never shown by
id, and bulk loads of 100,000 rows need compact keys. Each row is keyed by the publisher's own code or URI, so a
load can compare a file with what is stored and change only what differs. A load is recorded as a ``TaxonomyLoad``
(an entity, with a UUID and a change-log row).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samspill.core.models import BaseModel

LABEL_LENGTH = 255
URI_LENGTH = 255


class LoadKind(models.TextChoices):
    ESCO = "esco", _("ESCO occupations and skills")
    STYRK = "styrk", _("STYRK-08 occupations")
    SN2007 = "sn2007", _("SN2007 industries")
    GAZETTEER = "gazetteer", _("NAV job titles")
    JEM = "jem", _("job-exposure matrix")
    MUNICIPALITIES = "municipalities", _("municipalities")


class TaxonomyLoad(BaseModel):
    """One load that changed something: which file (and its SHA-256), what it changed, who ran it."""

    kind = models.CharField(_("kind"), max_length=16, choices=LoadKind.choices)
    file_name = models.CharField(_("file"), max_length=500)
    sha256 = models.CharField(max_length=64)
    language = models.CharField(_("language"), max_length=8, blank=True)
    counts = models.JSONField(default=dict)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "-created_at"])]


# ---------------------------------------------------------------------------------------------------------------
# ESCO (one row per concept and language: each language is its own download with the same URIs)


class EscoOccupation(models.Model):
    uri = models.CharField(max_length=URI_LENGTH)
    language = models.CharField(max_length=8)
    code = models.CharField(_("ESCO code"), max_length=32, db_index=True)
    isco_code = models.CharField(_("ISCO-08 unit group"), max_length=4, db_index=True)
    preferred_label = models.CharField(_("name"), max_length=LABEL_LENGTH)
    alt_labels = models.JSONField(default=list)
    description = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["uri", "language"], name="esco_occupation_uri_language")]

    def __str__(self):
        return self.preferred_label


class EscoSkill(models.Model):
    uri = models.CharField(max_length=URI_LENGTH)
    language = models.CharField(max_length=8)
    preferred_label = models.CharField(_("name"), max_length=LABEL_LENGTH)
    alt_labels = models.JSONField(default=list)
    skill_type = models.CharField(_("skill type"), max_length=32, blank=True)
    reuse_level = models.CharField(_("reuse level"), max_length=32, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["uri", "language"], name="esco_skill_uri_language")]

    def __str__(self):
        return self.preferred_label


class RelationType(models.TextChoices):
    ESSENTIAL = "essential", _("essential")
    OPTIONAL = "optional", _("optional")


class OccupationSkillRelation(models.Model):
    """Language-independent, so it joins the concepts by URI rather than by a foreign key to one language's row."""

    occupation_uri = models.CharField(max_length=URI_LENGTH)
    skill_uri = models.CharField(max_length=URI_LENGTH, db_index=True)
    relation_type = models.CharField(max_length=16, choices=RelationType.choices)
    skill_type = models.CharField(max_length=32, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["occupation_uri", "skill_uri"], name="esco_relation_occupation_skill")
        ]


class IscoGroup(models.Model):
    """ISCO-08 from ESCO's download (all four levels). The parent is the code less its last digit."""

    code = models.CharField(max_length=4)
    language = models.CharField(max_length=8)
    parent_code = models.CharField(max_length=4, blank=True)
    label = models.CharField(_("name"), max_length=LABEL_LENGTH)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["code", "language"], name="isco_group_code_language")]

    def __str__(self):
        return f"{self.code} {self.label}"


# ---------------------------------------------------------------------------------------------------------------
# Statistics Norway's classifications (KLASS)


class ClassificationItem(models.Model):
    code = models.CharField(_("code"), max_length=8, unique=True)
    parent_code = models.CharField(max_length=8, blank=True)
    level = models.PositiveSmallIntegerField(_("level"))
    name = models.CharField(_("name"), max_length=LABEL_LENGTH)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class StyrkItem(ClassificationItem):
    """STYRK-08, Norway's version of ISCO-08 (levels 1–4)."""


class Sn2007Item(ClassificationItem):
    """SN2007, Norway's version of NACE Rev. 2 (section letter, then 2–5 digit levels)."""


class GazetteerTitle(models.Model):
    """An everyday job title and the STYRK-08 unit group it is coded to, for search in Norwegian."""

    title = models.CharField(_("title"), max_length=LABEL_LENGTH)
    styrk_code = models.CharField(max_length=4, db_index=True)
    source = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "styrk_code", "title"], name="gazetteer_source_code_title")
        ]


# ---------------------------------------------------------------------------------------------------------------
# Geography


class Municipality(models.Model):
    """A municipality and the area-weighted centroid of its land, for commuting distances."""

    number = models.CharField(_("municipality number"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=LABEL_LENGTH)
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number} {self.name}"


# ---------------------------------------------------------------------------------------------------------------
# Job-exposure matrices


class MatrixKeys(models.TextChoices):
    ISCO2 = "isco2", _("ISCO-08 sub-major group (2 digits)")
    ISCO2_NACE2 = "isco2_nace2", _("ISCO-08 sub-major group × NACE division (2 digits each)")
    ISCO4 = "isco4", _("ISCO-08 unit group (4 digits)")
    ISCO4_NACE2 = "isco4_nace2", _("ISCO-08 unit group × NACE division")


class ExposureMatrix(BaseModel):
    """A job-exposure matrix: indicator values by occupation (and industry where the matrix has it).

    ``indicators`` lists ``{"name", "description", "tertiles": [t1, t2]}`` in the file's order; the tertiles
    (employment-weighted where the matrix gives employment) say whether a value is low, medium or high."""

    name = models.CharField(max_length=64, unique=True)
    title = models.CharField(_("title"), max_length=LABEL_LENGTH)
    source = models.TextField(_("source"))
    version = models.CharField(_("version"), max_length=32)
    keys = models.CharField(max_length=16, choices=MatrixKeys.choices)
    indicators = models.JSONField(default=list)

    def __str__(self):
        return self.title


class ExposureValue(models.Model):
    """One indicator of one job. ``industry_key`` is blank when the matrix is by occupation only; ``value`` is null
    where the publisher suppressed it; ``weight`` is the job's employment, for averages over industries."""

    matrix = models.ForeignKey(ExposureMatrix, on_delete=models.CASCADE, related_name="values")
    occupation_key = models.CharField(max_length=8)
    industry_key = models.CharField(max_length=8, blank=True)
    indicator = models.CharField(max_length=64)
    value = models.FloatField(null=True)
    weight = models.FloatField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["matrix", "occupation_key", "industry_key", "indicator"], name="exposure_value_key"
            )
        ]
