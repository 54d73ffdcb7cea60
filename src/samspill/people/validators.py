"""Validation of identity and profile values, with messages a caseworker or participant understands."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samspill.core import clock
from samspill.core.countries import is_country_code
from samspill.core.languages import CEFR_LEVELS, is_language_code

_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _check_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    remainder = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    if remainder == 11:
        return 0
    if remainder == 10:
        return None  # no valid check digit exists for these digits
    return remainder


def national_id_birth_date(value: str) -> dt.date | None:
    """The birth date encoded in a Norwegian fødselsnummer or D-number (day + 40), or None if it encodes none."""
    day, month, year2, individual = int(value[0:2]), int(value[2:4]), int(value[4:6]), int(value[6:9])
    if day > 40:
        day -= 40  # D-number
    if month > 80:
        month -= 80  # synthetic numbers of Skatteetaten's test population (Tenor)
    elif month > 40:
        month -= 40  # synthetic numbers of NAV's test population
    if individual <= 499:
        century = 1900
    elif individual <= 749 and year2 >= 54:
        century = 1800
    elif individual >= 900 and year2 >= 40:
        century = 1900
    else:
        century = 2000
    try:
        return dt.date(century + year2, month, day)
    except ValueError:
        return None


def validate_national_id(value: str) -> None:
    """Norwegian national identity number (fødselsnummer) or D-number: 11 digits, a real date, two check digits."""
    if not (len(value) == 11 and value.isdigit()):
        raise ValidationError(_("A national identity number has exactly 11 digits."), code="national_id_format")
    if national_id_birth_date(value) is None:
        raise ValidationError(
            _("The first six digits of a national identity number must be a real date (DDMMYY)."),
            code="national_id_date",
        )
    k1 = _check_digit(value[:9], _WEIGHTS_1)
    k2 = _check_digit(value[:9] + str(k1), _WEIGHTS_2) if k1 is not None else None
    if k1 is None or k2 is None or value[9] != str(k1) or value[10] != str(k2):
        raise ValidationError(
            _("This national identity number is not valid: its check digits do not match. Check for a typo."),
            code="national_id_checksum",
        )


def validate_country_code(value: str) -> None:
    if not is_country_code(value):
        raise ValidationError(
            _("“%(value)s” is not a country code. Use the two-letter ISO 3166 code, for example SY or UA."),
            params={"value": value},
            code="country",
        )


def validate_language_code(value: str) -> None:
    if not is_language_code(value):
        raise ValidationError(
            _("“%(value)s” is not a language code. Use the ISO 639 code, for example ar, ti or uk."),
            params={"value": value},
            code="language",
        )


def validate_cefr_level(value: str) -> None:
    if value not in CEFR_LEVELS:
        raise ValidationError(
            _("“%(value)s” is not a CEFR level. Use one of A1, A2, B1, B2, C1 or C2."),
            params={"value": value},
            code="cefr",
        )


def validate_occupation_code(value: str) -> None:
    if not (len(value) == 4 and value.isdigit()):
        raise ValidationError(
            _("An occupation code is the four-digit STYRK-08 code, for example 5120 for cooks."),
            code="occupation_code",
        )


def validate_not_in_future(value: dt.date) -> None:
    if value > clock.today():
        raise ValidationError(_("This date is in the future."), code="future_date")


def make_synthetic_national_id(birth_date: dt.date, individual: int) -> str | None:
    """A valid number for a synthetic person (month + 80, as in Skatteetaten's test population), or None when
    this individual number has no valid check digit or belongs to another century than ``birth_date`` (the
    individual number tells the century: 000–499 is 1900–1999, for instance). Used by the demo and the tests;
    never a real person."""
    base = f"{birth_date.day:02d}{birth_date.month + 80:02d}{birth_date.year % 100:02d}{individual:03d}"
    k1 = _check_digit(base, _WEIGHTS_1)
    if k1 is None:
        return None
    k2 = _check_digit(base + str(k1), _WEIGHTS_2)
    if k2 is None:
        return None
    value = base + str(k1) + str(k2)
    return value if national_id_birth_date(value) == birth_date else None
