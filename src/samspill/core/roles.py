from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    JOB_SPECIALIST = "job_specialist", _("Job specialist")
    COORDINATOR = "coordinator", _("Coordinator")
    EMPLOYER_CONTACT = "employer_contact", _("Employer contact")
    PARTNER_SERVICE = "partner_service", _("Partner service")
    MENTOR = "mentor", _("Peer mentor")
    RESEARCHER = "researcher", _("Researcher")
    ADMINISTRATOR = "administrator", _("Administrator")


class OrganisationKind(models.TextChoices):
    NAV_OFFICE = "nav_office", _("NAV office")
    MUNICIPALITY = "municipality", _("Municipality")
    COUNTY = "county", _("County")
    EMPLOYER = "employer", _("Employer")
    EMPLOYERS_FEDERATION = "employers_federation", _("Employers' federation")
    EDUCATION_PROVIDER = "education_provider", _("Education provider")
    HEALTH_SERVICE = "health_service", _("Health service")
    NGO = "ngo", _("Non-governmental organisation")
    RESEARCH_INSTITUTION = "research_institution", _("Research institution")


class Purpose(models.TextChoices):
    """Why personal data is read. Every person-level access-log row names one."""

    CASE_MANAGEMENT = "case_management", _("Case management")
    SELF_SERVICE = "self_service", _("Your own page")
    SHARE_EMPLOYER = "share_employer", _("Shared with an employer")
    SHARE_MENTOR = "share_mentor", _("Shared with a peer mentor")
    SHARE_PARTNER = "share_partner", _("Shared with a partner service")
    RESEARCH = "research", _("Research")
    PATHWAY_TEAM = "pathway_team", _("Member of the pathway team")


class ConsentPurpose(models.TextChoices):
    SHARE_EMPLOYER = "share_employer", _("Share my profile with an employer")
    SHARE_MENTOR = "share_mentor", _("Share my profile with a peer mentor")
    SHARE_PARTNER = "share_partner", _("Share my profile with a partner service")
    RESEARCH = "research", _("Use my data for research")


# The access purpose that a consent for sharing opens, and the role that may read under it.
SHARING_PURPOSES = {
    ConsentPurpose.SHARE_EMPLOYER: (Purpose.SHARE_EMPLOYER, Role.EMPLOYER_CONTACT),
    ConsentPurpose.SHARE_MENTOR: (Purpose.SHARE_MENTOR, Role.MENTOR),
    ConsentPurpose.SHARE_PARTNER: (Purpose.SHARE_PARTNER, Role.PARTNER_SERVICE),
}
