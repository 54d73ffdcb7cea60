"""Forms for the pathway pages. They only parse and present; the services validate and decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.core.languages import CEFR_LEVELS
from samspill.pathways.stages import ActivityKind, ActivityStatus, BenefitKind, Outcome, Path, PathwayRole, Stage
from samspill.web.forms import DateInput, LanguageField

BLANK = [("", _("— choose —"))]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class PathwayCreateForm(forms.Form):
    path = forms.ChoiceField(label=_("Path"), choices=Path.choices, widget=forms.RadioSelect, required=False)
    started_on = forms.DateField(
        label=_("Start date"), required=False, widget=DateInput, help_text=_("Leave empty for today.")
    )


class MoveForwardForm(forms.Form):
    move = forms.CharField(widget=forms.HiddenInput, initial="forward")
    to_stage = forms.CharField(widget=forms.HiddenInput, required=False)
    effective_date = forms.DateField(
        label=_("Date of the move"), required=False, widget=DateInput, help_text=_("Leave empty for today.")
    )
    org_number = forms.RegexField(
        label=_("Organisation number of the business"),
        regex=r"^\d{9}$",
        required=False,
        help_text=_("Nine digits, from the Brønnøysund Register Centre."),
        error_messages={"invalid": _("An organisation number has nine digits.")},
    )

    def __init__(self, *args, next_stage=None, **kwargs):
        super().__init__(*args, **kwargs)
        if next_stage is not None and next_stage != Stage.LAUNCH:
            del self.fields["org_number"]  # asked for only when the business is launched


class MoveBackForm(forms.Form):
    move = forms.CharField(widget=forms.HiddenInput, initial="back")
    to_stage = forms.ChoiceField(label=_("Back to stage"), choices=(), required=False)
    effective_date = forms.DateField(
        label=_("Date of the move"), required=False, widget=DateInput, help_text=_("Leave empty for today.")
    )
    reason = forms.CharField(label=_("Why does the pathway move back?"), required=False, widget=forms.Textarea)

    def __init__(self, *args, stages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].choices = BLANK + [(str(stage), stage.label) for stage in stages]


class CloseForm(forms.Form):
    move = forms.CharField(widget=forms.HiddenInput, initial="close")
    outcome = forms.ChoiceField(label=_("Outcome"), choices=BLANK + list(Outcome.choices), required=False)
    effective_date = forms.DateField(
        label=_("Date of closing"), required=False, widget=DateInput, help_text=_("Leave empty for today.")
    )
    reason = forms.CharField(label=_("Note (optional)"), required=False, widget=forms.Textarea)


MOVE_FORMS = {"forward": MoveForwardForm, "back": MoveBackForm, "close": CloseForm}


class StageNoteForm(forms.Form):
    interpreter_used = forms.BooleanField(label=_("An interpreter was used"), required=False)
    interpreter_language = LanguageField(label=_("Interpreter language"))
    norwegian_level = forms.ChoiceField(
        label=_("Norwegian level (CEFR)"), choices=BLANK + [(level, level) for level in CEFR_LEVELS], required=False
    )
    vocational_norwegian = forms.CharField(
        label=_("Vocational Norwegian"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Words and phrases of the trade, language training at the workplace."),
    )
    participant_words = forms.CharField(
        label=_("In the participant's own words"), required=False, widget=forms.Textarea
    )
    participant_agrees = forms.BooleanField(label=_("The participant agrees with this stage"), required=False)
    workplace_mediation = forms.CharField(
        label=_("Workplace mediation notes"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Cultural understanding: what was explained or agreed with the workplace."),
    )

    def __init__(self, *args, fields=None, **kwargs):
        super().__init__(*args, **kwargs)
        if fields is not None:
            for name in list(self.fields):
                if name not in fields:
                    del self.fields[name]


class MemberForm(forms.Form):
    username = forms.CharField(label=_("Username"), required=False, max_length=150)
    role = forms.ChoiceField(
        label=_("Role on the pathway"),
        choices=BLANK + [(r.value, r.label) for r in PathwayRole if r != PathwayRole.PARTICIPANT],
        required=False,
    )


class AgreementForm(forms.Form):
    text = forms.CharField(label=_("Agreement text"), required=False, widget=forms.Textarea(attrs={"rows": 10}))
    language = LanguageField(label=_("Language of the text"))


class ConfidentialityForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I will keep what I learn about the participant confidential."),
        error_messages={"required": _("Tick the box to make the declaration.")},
    )


class GoalForm(forms.Form):
    text = forms.CharField(label=_("The goal, in your own words"), required=False, widget=forms.Textarea)
    language = LanguageField(label=_("Language of the goal"))


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of activity"), choices=BLANK + list(ActivityKind.choices), required=False)
    title = forms.CharField(label=_("Title"), required=False, max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    owner_role = forms.ChoiceField(
        label=_("Who is responsible"),
        choices=[("", _("— me —")), *PathwayRole.choices],
        required=False,
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput)
    meeting_at = forms.DateTimeField(
        label=_("Meeting time"), required=False, widget=DateTimeInput, help_text=_("For meetings only.")
    )
    interpreter = forms.BooleanField(label=_("With an interpreter"), required=False)
    meeting_language = LanguageField(label=_("Meeting language"))


class ActivityStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=(), required=False)

    def __init__(self, *args, statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        order = list(ActivityStatus)
        self.fields["status"].choices = [(s.value, s.label) for s in sorted(statuses, key=order.index)] or list(
            ActivityStatus.choices
        )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class BoardFilterForm(forms.Form):
    path = forms.ChoiceField(label=_("Path"), choices=[("", _("Both paths")), *Path.choices], required=False)
    attention = forms.ChoiceField(label=_("Needs attention"), choices=(), required=False)

    def __init__(self, *args, attention_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attention"].choices = [("", _("All open pathways")), *attention_choices]


class BenefitPeriodForm(forms.Form):
    benefit = forms.ChoiceField(label=_("Benefit"), choices=BenefitKind.choices)
    start = forms.DateField(label=_("From"), widget=DateInput)
    end = forms.DateField(label=_("To"), required=False, widget=DateInput, help_text=_("Leave empty if it goes on."))
