"""The agreement as a PDF in the participant's language: the text, the parties and their signatures, the headings
translated, Arabic shaped and right to left; only the participant and their case workers get it."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.utils import translation
from pypdf import PdfReader

from samspill.access.selectors import access_participant, access_pathway
from samspill.audit.models import AccessLog
from samspill.core.roles import Purpose
from samspill.pathways.documents import agreement_pdf, is_rtl
from samspill.pathways.services import agreement_sign, agreement_version_create, pathway_create

TEXT = "Vi samarbeider om å finne en jobb i et bakeri. Møter hver uke."
ARABIC_TEXT = "نعمل معا للعثور على عمل"


@pytest.fixture
def signed(world):
    owner, participant = world.user("owner"), world.user("participant")
    access = access_participant(owner, world.participant.pk, Purpose.CASE_MANAGEMENT)
    pathway = pathway_create(actor=owner, participant_access=access, path="employment", started_on=dt.date(2025, 1, 6))
    version = agreement_version_create(actor=owner, access=access_pathway(owner, pathway.pk), text=TEXT, language="nb")
    agreement_sign(actor=participant, access=access_pathway(participant, pathway.pk))
    return version


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _heading(language: str) -> str:
    with translation.override(language):
        return translation.gettext("Cooperation agreement")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nb", "en", "ar"])
def test_a_pdf_in_the_participants_language(world, signed, language):
    world.participant.preferred_language = language
    world.participant.save(update_fields=["preferred_language"])
    signed.refresh_from_db()
    document = agreement_pdf(signed)
    assert document.content.startswith(b"%PDF-")
    assert document.language == language
    assert document.filename == f"agreement-v1-{language}.pdf"
    text = _text(document.content)
    assert "Vi samarbeider om å finne en jobb i et bakeri." in text
    assert "Amina Haddad" in text
    assert "Participant Testesen" in text  # the participant's signature
    heading = _heading(language)
    assert heading in text  # pypdf reads the shaped Arabic glyphs back as letters, in logical order
    if language != "en":
        assert heading != "Cooperation agreement", f"the heading is not translated into {language}"


@pytest.mark.django_db
def test_a_language_without_a_translation_falls_back_to_norwegian_and_arabic_text_is_right_to_left(world, signed):
    world.participant.preferred_language = "ti"
    world.participant.save(update_fields=["preferred_language"])
    signed.refresh_from_db()
    assert agreement_pdf(signed).language == "nb"
    assert is_rtl("ar") and is_rtl("fa") and not is_rtl("nb") and not is_rtl("ti")
    owner = world.user("owner")
    version = agreement_version_create(
        actor=owner, access=access_pathway(owner, signed.pathway_id), text=ARABIC_TEXT, language="ar"
    )
    document = agreement_pdf(version)
    assert ARABIC_TEXT in _text(document.content)


PDF_PERSONAS = {"owner", "colleague_with_access", "coordinator", "participant"}


@pytest.mark.django_db
def test_the_participant_and_their_case_workers_download_it_others_get_404_and_nothing_is_logged(world, signed):
    url = f"/pathways/{signed.pathway_id}/agreement/pdf/"
    for persona in [*world.users, "anonymous"]:
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        if persona != "anonymous":
            client.force_login(world.user(persona))
        before = AccessLog.objects.count()
        response = client.get(url)
        if persona in PDF_PERSONAS:
            assert response.status_code == 200, persona
            assert response["Content-Type"] == "application/pdf"
            assert 'filename="agreement-v1-ar.pdf"' in response["Content-Disposition"]
            assert AccessLog.objects.count() == before + 1
        elif persona == "anonymous":
            assert response.status_code == 302
        else:
            assert response.status_code == 404, persona
            assert AccessLog.objects.count() == before, persona


@pytest.mark.django_db
def test_no_agreement_yet_is_404_and_leaves_no_log(world):
    owner = world.user("owner")
    access = access_participant(owner, world.participant.pk, Purpose.CASE_MANAGEMENT)
    pathway = pathway_create(actor=owner, participant_access=access, path="employment")
    client = Client()
    client.force_login(owner)
    before = AccessLog.objects.count()
    assert client.get(f"/pathways/{pathway.pk}/agreement/pdf/").status_code == 404
    assert AccessLog.objects.count() == before


@pytest.mark.django_db
def test_the_agreement_page_offers_the_pdf_to_the_participant(world):
    from django.test import Client

    from samspill.pathways.tests.test_stage_machine import _open, _sign_agreement

    pathway = _open(world)
    _sign_agreement(world, pathway)
    client = Client()
    client.force_login(world.user("participant"))
    page = client.get(f"/pathways/{pathway.pk}/agreement/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert f'href="/pathways/{pathway.pk}/agreement/pdf/"' in page
    assert "تنزيل الاتفاقية بصيغة PDF" in page
    response = client.get(f"/pathways/{pathway.pk}/agreement/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
