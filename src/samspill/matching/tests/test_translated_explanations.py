"""The engine explains in English ``Text``; the platform shows it in the job specialist's language through its own
catalogue (the engine's ``gettext_noop`` templates are extracted by makemessages)."""

import pytest
from django.test import Client
from django.utils import translation

from samspill.matching.engine import Text
from samspill.matching.selectors import explained, suggestions_for
from samspill.matching.tests.helpers import case_access

pytestmark = pytest.mark.django_db

# The bokmål of the engine's "no topics named" (the participant has named no mentor topics).
NO_TOPICS_NB = "ingen temaer oppgitt"


def _notes(shown) -> dict[str, str]:
    notes = [note for _label, _value, note in shown.contributions]
    return dict(zip(shown.suggestion.contributions, notes, strict=True))


def test_notes_and_constraints_are_shown_in_bokmal(matching_world):
    w = matching_world
    with translation.override("nb"):
        (mentor,) = suggestions_for(actor=w.user("owner"), access=case_access(w), kind="mentor")
        assert _notes(mentor)["topics"] == NO_TOPICS_NB
        assert {f["factor"]: f["note"] for f in mentor.as_dict()["factors"]}["topics"] == NO_TOPICS_NB
        assert any(c.startswith("kapasitet: ") for c in mentor.constraints)
        (job,) = suggestions_for(actor=w.user("owner"), access=case_access(w), kind="job")
        assert any(c.startswith("norsk: ") for c in job.constraints)
    # The engine's own suggestion stays English: feedback stores it, and the tests of the engine read it.
    assert mentor.suggestion.notes["topics"] == "no topics named"
    assert isinstance(mentor.suggestion.notes["topics"], Text)

    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    client.force_login(w.user("owner"))
    page = client.get(f"/participants/{w.participant.pk}/suggestions/").content.decode()
    assert NO_TOPICS_NB in page and "no topics named" not in page


def test_in_english_the_explanations_are_the_engines(matching_world):
    w = matching_world
    with translation.override("en"):
        (mentor,) = suggestions_for(actor=w.user("owner"), access=case_access(w), kind="mentor")
        assert _notes(mentor)["topics"] == "no topics named"
        # The engine's English, with its codes named.
        engine = [
            str(c).replace("migrant_peer", "Peer with own migration background") for c in mentor.suggestion.constraints
        ]
        assert mentor.constraints == engine
        assert all(type(note) is str for _label, _value, note in mentor.contributions)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(w.user("owner"))
    page = client.get(f"/participants/{w.participant.pk}/suggestions/").content.decode()
    assert "no topics named" in page


def test_explained_leaves_a_plain_str_as_it_is():
    with translation.override("nb"):
        assert explained("stored English") == "stored English"
        assert explained("") == ""


def test_codes_in_the_explanations_are_shown_by_their_names(matching_world):
    from samspill.matching.services import wishes_save

    w = matching_world
    wishes_save(actor=w.user("owner"), access=case_access(w), data={"opportunity_kinds": ["work_trial"]})
    with translation.override("nb"):
        (job,) = suggestions_for(actor=w.user("owner"), access=case_access(w), kind="job")
        note = _notes(job)["preferences"]
    assert "Jobb" in note and "job" not in note.replace("Jobb", ""), note
