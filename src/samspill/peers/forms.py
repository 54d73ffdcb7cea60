from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.peers.models import EndReason, MentorKind, MentorTopic
from samspill.web.forms import DateInput

ENDINGS = [(r.value, r.label) for r in EndReason if r.value in ("goal_reached", "no_contact", "moved", "other")]


class MentorProfileForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of mentor"), choices=MentorKind.choices)
    field_occupation_code = forms.CharField(label=_("Field (occupation code, STYRK-08)"), required=False, max_length=4)
    languages = forms.CharField(
        label=_("Languages"),
        help_text=_("Language code and level, separated by commas, e.g. nb:native, ar:C1, en:B2."),
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=MentorTopic.choices, widget=forms.CheckboxSelectMultiple
    )
    capacity = forms.IntegerField(label=_("How many participants at a time"), min_value=1, max_value=20)
    availability = forms.CharField(label=_("Availability"), required=False, max_length=200)
    municipality_number = forms.CharField(label=_("Municipality number"), max_length=4)
    active = forms.BooleanField(label=_("Taking new participants"), required=False)

    def profile_data(self) -> dict:
        data = dict(self.cleaned_data)
        languages = []
        for item in data["languages"].split(","):
            code, _sep, level = item.strip().partition(":")
            if code:
                languages.append({"language": code.strip(), "level": level.strip()})
        data["languages"] = languages
        return data


class EndForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why it ends"), choices=ENDINGS)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput)
    minutes = forms.IntegerField(label=_("Minutes"), min_value=5, max_value=600)
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=MentorTopic.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
