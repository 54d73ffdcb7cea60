from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.pathways.stages import Path
from samspill.research.analysis import COSTS, METHODS
from samspill.web.forms import DateInput


class CohortForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    organisation_ids = forms.MultipleChoiceField(
        label=_("Offices and services"),
        required=False,
        help_text=_("Pathways followed up by these organisations; none chosen means all."),
    )
    municipality_numbers = forms.CharField(
        label=_("Municipality numbers"),
        required=False,
        help_text=_("Four digits each, separated by commas; empty means all."),
    )
    path = forms.ChoiceField(label=_("Path"), required=False, choices=[("", _("Both")), *Path.choices])
    started_from = forms.DateField(label=_("First pathway started on or after"), required=False, widget=DateInput)
    started_to = forms.DateField(label=_("First pathway started on or before"), required=False, widget=DateInput)
    months = forms.IntegerField(label=_("Months followed"), initial=36, min_value=6, max_value=120)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation_ids"].choices = [(str(o.pk), o.name) for o in organisations]

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "organisation_ids": data["organisation_ids"],
            "municipality_numbers": [n.strip() for n in data["municipality_numbers"].split(",") if n.strip()],
            "path": data["path"],
            "started_from": data["started_from"],
            "started_to": data["started_to"],
        }


class ContextTableForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: municipality, month (YYYY-MM), then one column per variable."),
    )


class RunForm(forms.Form):
    cohort = forms.ChoiceField(label=_("Cohort"))
    method = forms.ChoiceField(
        label=_("Distance"),
        choices=[(m, m) for m in METHODS],
        initial="OM",
        help_text=_("OM: optimal matching; HAM: Hamming; DHD: dynamic Hamming; LCS: longest common subsequence."),
    )
    sm = forms.ChoiceField(
        label=_("Substitution costs (OM)"),
        choices=[(c, c) for c in COSTS],
        initial="TRATE",
        help_text=_(
            "TRATE: from transition rates; CONSTANT: 2 for every substitution; INDELSLOG: from state frequencies."
        ),
    )
    clusters = forms.IntegerField(label=_("Number of clusters"), initial=4, min_value=2, max_value=8)
    context_table = forms.ChoiceField(label=_("Context table"), required=False)

    def __init__(self, *args, cohorts=(), context_tables=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].choices = [(str(c.pk), c.name) for c in cohorts]
        self.fields["context_table"].choices = [("", _("None")), *[(str(t.pk), t.name) for t in context_tables]]
