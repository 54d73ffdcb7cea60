from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

municipality_number_validator = RegexValidator(
    r"^\d{4}$",
    _("A municipality number has four digits, for example 3907 for Sandefjord."),
    code="municipality",
)
