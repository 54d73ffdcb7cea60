"""The agreement (samarbeidsavtale) as a PDF, with its headings in the participant's language.

Rendered with fpdf2; its text shaping (HarfBuzz, through uharfbuzz) joins Arabic letters and lays out right-to-left
text, and fpdf2's bidi algorithm orders mixed Arabic and Latin runs (a Norwegian name in an Arabic sentence). The
font is DejaVu Sans from Debian's ``fonts-dejavu-core`` (installed by ``scripts/system-deps.sh``): one font with
Latin, Cyrillic and Arabic glyphs, so nothing is downloaded at run time. ``SAMSPILL_PDF_FONT`` (and
``SAMSPILL_PDF_FONT_BOLD``) in the environment or settings point at another TrueType font.
"""

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from samspill.core import clock
from samspill.pathways.models import AgreementVersion
from samspill.pathways.services import required_signatories
from samspill.pathways.stages import PathwayRole

FONT_DIRECTORIES = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")
REGULAR, BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
RTL_LANGUAGES = frozenset({"ar", "fa", "prs", "ps", "ur", "he", "ckb", "sd", "ug", "yi", "dv"})
DEFAULT_LANGUAGE = "nb"


def _font_path(setting: str, filename: str) -> Path:
    configured = getattr(settings, setting, "") or os.environ.get(setting, "")
    candidates = [Path(configured)] if configured else [Path(d) / filename for d in FONT_DIRECTORIES]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise ImproperlyConfigured(
        f"No font for the agreement PDF: install Debian's fonts-dejavu-core (scripts/system-deps.sh) or set "
        f"{setting} to a TrueType font with Latin and Arabic glyphs. Looked in: {', '.join(map(str, candidates))}"
    )


def is_rtl(language: str) -> bool:
    code = (language or "").lower()
    if code in RTL_LANGUAGES:
        return True
    try:
        return Locale.parse(code).text_direction == "rtl"
    except (ValueError, TypeError, UnknownLocaleError):
        return False


def text_direction(text: str, default: str = "ltr") -> str:
    """The direction of a paragraph from its first letter with a strong direction (the Unicode bidi rule P2)."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return default


def document_language(participant) -> str:
    """The language of the headings: the participant's preferred language when the platform is translated into
    it, else Norwegian bokmål."""
    available = {code for code, _name in settings.LANGUAGES}
    preferred = (participant.preferred_language or "").lower()
    return preferred if preferred in available else DEFAULT_LANGUAGE


@dataclass(frozen=True)
class AgreementPdf:
    content: bytes
    filename: str
    language: str


def _display_name(user) -> str:
    return user.get_full_name() or user.username


def agreement_pdf(version: AgreementVersion) -> AgreementPdf:
    """The agreement version as a PDF: participant, version, the text, and each party with their signature and
    its date (or "not signed"). The caller got ``version`` through the gate (``access_pathway``)."""
    from fpdf import FPDF

    pathway = version.pathway
    participant = pathway.participant
    language = document_language(participant)
    participant_name = f"{participant.given_name} {participant.family_name}".strip()
    signatures = {s.party: s for s in version.signatures.select_related("user")}
    parties = sorted(required_signatories(pathway) | set(signatures), key=list(PathwayRole).index)

    with translation.override(language):
        rtl = is_rtl(language)
        align = "R" if rtl else "L"
        direction = "rtl" if rtl else "ltr"
        pdf = FPDF(format="A4")
        pdf.set_margins(20, 20, 20)
        pdf.set_auto_page_break(True, margin=20)
        pdf.add_font("body", "", _font_path("SAMSPILL_PDF_FONT", REGULAR))
        pdf.add_font("body", "B", _font_path("SAMSPILL_PDF_FONT_BOLD", BOLD))
        pdf.set_lang(language)
        title = _("Cooperation agreement")
        pdf.set_title(f"{title} – {participant_name}")
        pdf.set_creator("Samspill")
        pdf.add_page()

        def heading(text, size=13):
            pdf.set_text_shaping(True, direction=text_direction(text, direction))
            pdf.set_font("body", "B", size)
            pdf.multi_cell(0, size * 0.55, text, align=align, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)

        def line(text, *, size=11, text_align=align):
            pdf.set_text_shaping(True, direction=text_direction(text, direction))
            pdf.set_font("body", "", size)
            pdf.multi_cell(0, size * 0.55, text, align=text_align, new_x="LMARGIN", new_y="NEXT")

        heading(title, 18)
        line(_("Participant: %(name)s") % {"name": participant_name})
        line(
            _("Version %(number)s, written %(date)s")
            % {"number": version.number, "date": date_format(localtime(version.created_at).date(), "DATE_FORMAT")}
        )
        line(_("Job specialist: %(name)s") % {"name": _display_name(pathway.responsible_specialist)})
        pdf.ln(4)

        heading(_("The agreement"))
        text_default = "rtl" if is_rtl(version.language) else "ltr"
        for paragraph in version.text.replace("\r\n", "\n").split("\n"):
            if paragraph.strip():
                # Each paragraph runs in its own direction: an Arabic agreement may quote a Norwegian sentence.
                line(paragraph, text_align="R" if text_direction(paragraph, text_default) == "rtl" else "L")
            else:
                pdf.ln(3)
        pdf.ln(4)

        heading(_("Parties and signatures"))
        for party in parties:
            signature = signatures.get(party)
            if signature is None:
                line(_("%(party)s: not signed") % {"party": PathwayRole(party).label})
            else:
                line(
                    _("%(party)s: %(name)s, signed %(date)s")
                    % {
                        "party": PathwayRole(party).label,
                        "name": _display_name(signature.user),
                        "date": date_format(localtime(signature.signed_at).date(), "DATE_FORMAT"),
                    }
                )
        pdf.ln(6)
        line(
            _("Made by Samspill on %(date)s.") % {"date": date_format(localtime(clock.now()).date(), "DATE_FORMAT")},
            size=8,
        )
        content = bytes(pdf.output())
    filename = f"agreement-v{version.number}-{language}.pdf"
    return AgreementPdf(content=content, filename=filename, language=language)
