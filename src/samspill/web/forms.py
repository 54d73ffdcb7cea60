"""Shared form helpers. Forms only parse and present; the services validate and decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.core.countries import country_choices
from samspill.core.errors import ApplicationError
from samspill.core.languages import language_choices


def apply_errors(form: forms.Form, error: ApplicationError) -> None:
    """Shows a service's field errors on the form's own fields, the rest at the top."""
    if not error.field_errors:
        form.add_error(None, error.message)
        return
    for field, messages in error.field_errors.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message if target else f"{field}: {message}")


def error_message(error: ApplicationError) -> str:
    """A service's error as one line, for an action without a form to show it on: the field messages, else the
    general one."""
    details = [str(message) for found in error.field_errors.values() for message in found]
    return " ".join(details) or str(error.message)


class CountryField(forms.ChoiceField):
    """A country select named in the user's language; choices are computed per request, after the language is set."""

    def __init__(self, *, required=False, **kwargs):
        super().__init__(choices=self._choices_now, required=required, **kwargs)

    @staticmethod
    def _choices_now():
        return [("", _("— choose —")), *country_choices()]


class LanguageField(forms.ChoiceField):
    def __init__(self, *, required=False, **kwargs):
        super().__init__(choices=self._choices_now, required=required, **kwargs)

    @staticmethod
    def _choices_now():
        return [("", _("— choose —")), *language_choices()]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
