"""Forms parse and present; people.services validates and writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.accounts.selectors import specialists_of_organisations, teams_of_organisations
from samspill.people.models import CEFR_CHOICES, Education, LanguageSkill, Participant, Skill, WorkExperience
from samspill.people.services import PARTICIPANT_FIELDS
from samspill.web.forms import CountryField, DateInput, LanguageField

COUNTRY_FIELDS = ("country_of_birth", "citizenship", "country")
LANGUAGE_FIELDS = ("preferred_language", "interpreter_language", "language")
DATE_FIELDS = ("birth_date", "arrival_date")

# The form shows the fields in the order the service knows them.
PROFILE_FIELDS = PARTICIPANT_FIELDS


def _formfield(model_field, **kwargs):
    if model_field.name in COUNTRY_FIELDS:
        return CountryField(label=model_field.verbose_name.capitalize(), required=not model_field.blank)
    if model_field.name in LANGUAGE_FIELDS:
        return LanguageField(label=model_field.verbose_name.capitalize(), required=not model_field.blank)
    field = model_field.formfield(**kwargs)
    if field is not None:
        field.label = field.label[:1].upper() + field.label[1:]
        if model_field.name in DATE_FIELDS:
            field.widget = DateInput()
    return field


class _ServiceModelForm(forms.ModelForm):
    """Model forms used only for rendering and type conversion: views pass cleaned_data to a service, which
    validates again and writes in a transaction. Model validation is left to the service."""

    formfield_callback = _formfield

    def _post_clean(self):
        pass


def participant_form_class(fields):
    return forms.modelform_factory(Participant, form=_ServiceModelForm, fields=list(fields))


def participant_form(*, fields, organisation_ids, data=None, instance=None):
    form = participant_form_class(fields)(data=data, instance=instance)
    if "assigned_specialist" in form.fields:
        form.fields["assigned_specialist"].queryset = specialists_of_organisations(organisation_ids=organisation_ids)
    if "assigned_team" in form.fields:
        form.fields["assigned_team"].queryset = teams_of_organisations(organisation_ids=organisation_ids)
    return form


class LanguageSkillForm(_ServiceModelForm):
    class Meta:
        model = LanguageSkill
        fields = ["language", "is_mother_tongue", *LanguageSkill.CEFR_SKILLS]


class EducationForm(_ServiceModelForm):
    class Meta:
        model = Education
        fields = ["level", "field", "country", "completed_year", "recognition_status"]


class WorkExperienceForm(_ServiceModelForm):
    class Meta:
        model = WorkExperience
        fields = ["title", "occupation_code", "years", "country", "description"]


class SkillForm(_ServiceModelForm):
    class Meta:
        model = Skill
        fields = ["name"]


SECTION_FORMS = {"educations": EducationForm, "experiences": WorkExperienceForm, "skills": SkillForm}


class HealthForm(forms.Form):
    work_limitations = forms.CharField(
        label=_("Health-related work limitations"), required=False, widget=forms.Textarea, max_length=4000
    )
    adaptation_needs = forms.CharField(
        label=_("Adaptations needed at work"), required=False, widget=forms.Textarea, max_length=4000
    )
    follow_up_by_health_service = forms.BooleanField(label=_("Followed up by a health service"), required=False)


class CaseloadFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    mine = forms.BooleanField(label=_("Only assigned to me"), required=False)
    municipality = forms.CharField(label=_("Municipality number"), required=False, max_length=4)
    country_of_birth = CountryField(label=_("Country of birth"))
    mother_tongue = LanguageField(label=_("Mother tongue"))
    interpreter_needed = forms.BooleanField(label=_("Needs an interpreter"), required=False)
    team = forms.ChoiceField(label=_("Team"), required=False)

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("— all —")), *((str(t.pk), t.name) for t in teams)]


CEFR_BLANK_CHOICES = [("", _("not assessed")), *CEFR_CHOICES]
for _name in LanguageSkill.CEFR_SKILLS:
    LanguageSkillForm.base_fields[_name].choices = CEFR_BLANK_CHOICES
