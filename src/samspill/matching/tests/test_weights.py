"""An organisation's own weights: set by its coordinator, validated, audited, and used by the suggestions."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from samspill.audit.models import AccessLog, ChangeLog
from samspill.core.errors import ApplicationError, NotFound
from samspill.matching import selectors
from samspill.matching.engine import FACTORS, Weights
from samspill.matching.models import OrganisationWeights
from samspill.matching.selectors import organisation_weights, suggestions_for
from samspill.matching.services import matching_weights_set
from samspill.matching.tests.helpers import case_access
from samspill.testing.database import fingerprint

pytestmark = pytest.mark.django_db


def _nav(world):
    return world.organisations["nav"].pk


def test_a_coordinator_sets_relative_weights_that_the_suggestions_use(matching_world):
    w = matching_world
    before = suggestions_for(actor=w.user("owner"), access=case_access(w), kind="job")[0].suggestion
    assert before.contributions["occupation"] == pytest.approx(
        FACTORS["job"]["occupation"].default * before.values["occupation"]
    )

    # Everything on job quality: relative numbers, rescaled to sum to 1; factors left out keep their default.
    zeros = {name: 0 for name in FACTORS["job"]}
    matching_weights_set(
        actor=w.user("coordinator"), organisation_id=_nav(w), matcher="job", weights={**zeros, "job_quality": 60}
    )
    assert organisation_weights(organisation_id=_nav(w), matcher="job") == Weights.from_mapping(
        "job", {**zeros, "job_quality": 1}
    )
    after = suggestions_for(actor=w.user("owner"), access=case_access(w), kind="job")[0].suggestion
    assert after.score == pytest.approx(after.values["job_quality"])
    assert set(after.contributions) == set(FACTORS["job"])  # every factor is still shown, most with 0
    change = ChangeLog.objects.get(entity="matching.OrganisationWeights")
    assert change.actor == w.user("coordinator") and change.changes["weights"][1]["job_quality"] == 60

    # The other matchers and other organisations keep the defaults.
    assert organisation_weights(organisation_id=_nav(w), matcher="mentor") == Weights.default("mentor")
    assert organisation_weights(organisation_id=w.organisations["kommune"].pk, matcher="job") == Weights.default("job")

    # Back to the defaults: the row goes, and that is recorded too.
    matching_weights_set(actor=w.user("coordinator"), organisation_id=_nav(w), matcher="job", weights={})
    assert not OrganisationWeights.objects.exists()
    assert ChangeLog.objects.filter(entity="matching.OrganisationWeights", action="delete").count() == 1
    assert suggestions_for(actor=w.user("owner"), access=case_access(w), kind="job")[0].suggestion == before


@pytest.mark.parametrize(
    "weights, field",
    [
        ({"skills": -1}, "skills"),
        ({"skills": 101}, "skills"),
        ({"skills": "much"}, "skills"),
        ({"skills": float("nan")}, "skills"),
        ({"country_of_origin": 10}, "country_of_origin"),  # there is no such factor, and there never will be
        ({name: 0 for name in FACTORS["job"]}, "__all__"),
    ],
)
def test_bad_weights_are_refused_in_words_and_change_nothing(matching_world, weights, field):
    w = matching_world
    matching_weights_set(actor=w.user("coordinator"), organisation_id=_nav(w), matcher="job", weights={"skills": 50})
    before = fingerprint()
    with pytest.raises(ApplicationError) as error:
        matching_weights_set(actor=w.user("coordinator"), organisation_id=_nav(w), matcher="job", weights=weights)
    assert field in error.value.field_errors
    assert fingerprint() == before


@pytest.mark.parametrize("persona", ["owner", "colleague_without_access", "other_organisation", "administrator"])
def test_only_the_organisations_coordinator_sets_its_weights(matching_world, persona):
    w = matching_world
    with pytest.raises(NotFound):
        matching_weights_set(actor=w.user(persona), organisation_id=_nav(w), matcher="job", weights={"skills": 50})
    assert not OrganisationWeights.objects.exists()


def test_the_weights_page_saves_resets_and_explains_errors(matching_world):
    w = matching_world
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(w.user("coordinator"))
    page = client.get("/matching/weights/").content.decode()
    assert "essential ones counting double" in page  # each factor's documentation
    assert page.count('type="number"') == sum(len(f) for f in FACTORS.values())
    saved = client.post(f"/matching/weights/{_nav(w)}/job/", {"w-skills": "40,5", "w-job_quality": "0"}, follow=True)
    assert "The weights are saved." in saved.content.decode()
    assert OrganisationWeights.objects.get().weights["skills"] == 40.5
    refused = client.post(f"/matching/weights/{_nav(w)}/job/", {"w-skills": "lots"}, follow=True)
    assert "Enter a number from 0 to 100." in refused.content.decode()
    assert OrganisationWeights.objects.get().weights["skills"] == 40.5
    client.post(f"/matching/weights/{_nav(w)}/job/", {"w-skills": "10", "reset": "1"})
    assert not OrganisationWeights.objects.exists()
    assert client.post(f"/matching/weights/{_nav(w)}/colour/", {"w-skills": "1"}).status_code == 302
    assert not OrganisationWeights.objects.exists()


def test_the_fitted_job_matcher_is_reused_until_something_it_depends_on_changes(matching_world, monkeypatch):
    from samspill.employers.tests.helpers import make_opportunity

    w = matching_world
    selectors._fitted.clear()
    fits = []
    original = selectors.JobMatcher.fit
    monkeypatch.setattr(
        selectors.JobMatcher, "fit", lambda self, items: fits.append(len(items)) or original(self, items)
    )
    first = suggestions_for(actor=w.user("owner"), access=case_access(w), kind="job")
    again = suggestions_for(actor=w.user("owner"), access=case_access(w), kind="job")
    assert fits == [1] and [s.suggestion for s in again] == [s.suggestion for s in first]
    make_opportunity(w, kind="job", title="Second baker", norwegian_level="")  # a new opportunity: refit
    assert len(suggestions_for(actor=w.user("owner"), access=case_access(w), kind="job")) == 2 and fits == [1, 2]
    matching_weights_set(actor=w.user("coordinator"), organisation_id=_nav(w), matcher="job", weights={"skills": 90})
    suggestions_for(actor=w.user("owner"), access=case_access(w), kind="job")  # new weights: refit
    assert fits == [1, 2, 2]


def test_the_match_command_prints_the_same_suggestions_as_json(matching_world, capsys):
    w = matching_world
    reads = AccessLog.objects.filter(actor=w.user("owner"), participant=w.participant).count()
    call_command("match", "jobs", "--participant", str(w.participant.pk), "--format", "json", "--as", "owner")
    document = json.loads(capsys.readouterr().out)
    # The command reads as the person named, through the gate, and the read is logged in their name.
    assert AccessLog.objects.filter(actor=w.user("owner"), participant=w.participant).count() == reads + 1
    expected = suggestions_for(actor=w.user("owner"), access=case_access(w), kind="job", top=10)
    assert document["suggestions"] == json.loads(json.dumps([item.as_dict() for item in expected]))
    first = document["suggestions"][0]
    assert first["target"] == {"id": str(w.opportunity.pk), "title": "Baker", "detail": "Vestfold Bakeri AS"}
    assert sum(f["contribution"] for f in first["factors"]) == pytest.approx(first["score"], abs=1e-12)

    call_command("match", "mentors", "--participant", str(w.participant.pk), "--top", "1", "--as", "owner")
    assert "1. " in capsys.readouterr().out


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--as", "colleague_without_access"], "No participant"),
        (["--as", "nobody"], "No participant"),
        ([], "Say whose access to use"),
    ],
)
def test_the_match_command_refuses_without_access(matching_world, arguments, message, monkeypatch):
    monkeypatch.delenv("SAMSPILL_USER", raising=False)
    w = matching_world
    before = AccessLog.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("match", "jobs", "--participant", str(w.participant.pk), *arguments)
    assert AccessLog.objects.count() == before
