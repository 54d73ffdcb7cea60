from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.core.roles import ConsentPurpose


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("What do you agree to?"), choices=ConsentPurpose.choices)
    recipient_organisation = forms.ChoiceField(
        label=_("Share with organisation"),
        required=False,
        help_text=_("For sharing with an employer or a partner service."),
    )
    recipient_user = forms.ChoiceField(
        label=_("Share with mentor"), required=False, help_text=_("For sharing with a peer mentor.")
    )

    def __init__(self, *args, organisations=(), mentors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient_organisation"].choices = [
            ("", _("— none —")),
            *((str(o.pk), f"{o.name} ({o.get_kind_display()})") for o in organisations),
        ]
        self.fields["recipient_user"].choices = [("", _("— none —")), *((str(u.pk), str(u)) for u in mentors)]
