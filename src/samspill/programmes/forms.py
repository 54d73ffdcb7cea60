"""Forms parse and present; programmes.services validates and writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.programmes.models import Programme, ProgrammeKind, ReferralStatus
from samspill.web.forms import DateInput


class _ServiceModelForm(forms.ModelForm):
    """Rendering and type conversion only: the service validates again and writes in a transaction."""

    def _post_clean(self):
        pass


class ProgrammeForm(_ServiceModelForm):
    provider = forms.ModelChoiceField(label=_("Provider"), queryset=None)

    class Meta:
        model = Programme
        fields = ["name", "kind", "description", "eligibility", "seats", "active"]

    def __init__(self, *args, providers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if providers is None:
            del self.fields["provider"]
        else:
            self.fields["provider"].queryset = providers
            self.order_fields(["provider"])


class _PathwayChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.participant.family_name}, {obj.participant.given_name} ({obj.get_path_display()})"


class ReferralForm(forms.Form):
    pathway = _PathwayChoiceField(label=_("Participant"), queryset=None)
    note = forms.CharField(label=_("Note to the provider"), required=False, max_length=2000, widget=forms.Textarea)

    def __init__(self, *args, pathways, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pathway"].queryset = pathways


class TransitionForm(forms.Form):
    effective_date = forms.DateField(label=_("Date"), required=False, widget=DateInput())
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("— all —")), *ProgrammeKind.choices])


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("— all —")), *ReferralStatus.choices])
