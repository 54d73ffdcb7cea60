"""Forms parse and present; employers.services validates and writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.employers.models import (
    CEFR_CHOICES,
    EmployerContact,
    EmployerProfile,
    Opportunity,
    OpportunityKind,
    OpportunityStatus,
    Placement,
    PlacementEndReason,
)
from samspill.web.forms import DateInput

DATE_FIELDS = ("date", "start_date", "end_date")


def _formfield(model_field, **kwargs):
    field = model_field.formfield(**kwargs)
    if field is not None:
        field.label = field.label[:1].upper() + field.label[1:]
        if model_field.name in DATE_FIELDS:
            field.widget = DateInput()
    return field


class _ServiceModelForm(forms.ModelForm):
    """Rendering and type conversion only: the service validates again and writes in a transaction."""

    formfield_callback = _formfield

    def _post_clean(self):
        pass


def _pathway_label(pathway) -> str:
    participant = pathway.participant
    return f"{participant.family_name}, {participant.given_name} ({pathway.get_path_display()})"


class PathwayChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _pathway_label(obj)


class EmployerProfileForm(_ServiceModelForm):
    class Meta:
        model = EmployerProfile
        fields = [
            "industry_code",
            "size_band",
            "municipality_number",
            "workplace_mentors",
            "language_practice_places",
            "adaptation_possible",
            "description",
        ]
        help_texts = {"industry_code": _("SN2007: a division such as 56, or a five-digit code such as 56.101.")}


class OpportunityForm(_ServiceModelForm):
    employer = forms.ModelChoiceField(label=_("Employer"), queryset=None)

    class Meta:
        model = Opportunity
        fields = [
            "kind",
            "title",
            "occupation_code",
            "occupation_title",
            "description",
            "norwegian_level",
            "hours_per_week",
            "municipality_number",
            "positions",
            "status",
        ]
        help_texts = {"occupation_code": _("The four-digit STYRK-08 code, for example 5120 for cooks.")}

    def __init__(self, *args, employers, with_employer: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if with_employer:
            self.fields["employer"].queryset = employers
            self.order_fields(["employer"])
        else:
            del self.fields["employer"]
        self.fields["norwegian_level"].choices = [("", _("no requirement")), *CEFR_CHOICES]


class CandidateForm(forms.Form):
    pathway = PathwayChoiceField(label=_("Participant"), queryset=None)
    note = forms.CharField(label=_("Note to the employer"), required=False, max_length=2000, widget=forms.Textarea)

    def __init__(self, *args, pathways, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pathway"].queryset = pathways


class ContactForm(_ServiceModelForm):
    employer = forms.ModelChoiceField(label=_("Employer"), queryset=None)
    pathway = PathwayChoiceField(label=_("Participant (optional)"), queryset=None, required=False)

    class Meta:
        model = EmployerContact
        fields = ["date", "kind", "outcome"]

    def __init__(self, *args, employers, pathways, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers
        self.fields["pathway"].queryset = pathways
        self.order_fields(["date", "kind", "employer", "pathway", "outcome"])


class PlacementStartForm(_ServiceModelForm):
    pathway = PathwayChoiceField(label=_("Participant"), queryset=None)
    opportunity = forms.ModelChoiceField(label=_("Opportunity"), queryset=None)

    class Meta:
        model = Placement
        fields = [
            "start_date",
            "hours_per_week",
            "subsidy_kind",
            "adaptation_plan",
            "on_the_job_supports",
            "follow_up_interval_days",
        ]

    def __init__(self, *args, pathways, opportunities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pathway"].queryset = pathways
        self.fields["opportunity"].queryset = opportunities
        self.fields["opportunity"].label_from_instance = lambda o: f"{o.title} — {o.employer.name}"
        self.order_fields(["pathway", "opportunity"])


class PlacementUpdateForm(_ServiceModelForm):
    class Meta:
        model = Placement
        fields = ["hours_per_week", "subsidy_kind", "adaptation_plan", "on_the_job_supports", "follow_up_interval_days"]


class PlacementEndForm(forms.Form):
    end_date = forms.DateField(label=_("End date"), widget=DateInput())
    end_reason = forms.ChoiceField(label=_("Why did it end?"), choices=PlacementEndReason.choices)


class OpportunityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("— all —")), *OpportunityStatus.choices]
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("— all —")), *OpportunityKind.choices])
