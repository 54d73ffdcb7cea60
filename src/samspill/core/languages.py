"""ISO 639 language codes for the languages people speak, named in the user's language from CLDR (Babel)."""

from babel import Locale

from samspill.core.countries import _locale


def _codes() -> frozenset[str]:
    # Two-letter ISO 639-1 codes plus the three-letter codes that matter for migrants to Norway and that have no
    # two-letter code (Dari, Tigre, Oromo has om, Kurmanji...): CLDR knows them all.
    english = Locale.parse("en").languages
    return frozenset(code for code in english if code.isalpha() and code.islower() and len(code) in (2, 3))


LANGUAGE_CODES = _codes()

# The Common European Framework of Reference levels, lowest first.
CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")


def language_name(code: str, language: str | None = None) -> str:
    if not code:
        return ""
    return _locale(language).languages.get(code, code)


def language_choices(language: str | None = None) -> list[tuple[str, str]]:
    names = _locale(language).languages
    return sorted(((c, names.get(c, c)) for c in LANGUAGE_CODES), key=lambda item: item[1].casefold())


def is_language_code(code: str) -> bool:
    return code in LANGUAGE_CODES
