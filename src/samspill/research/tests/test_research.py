import datetime as dt
import io
from io import StringIO

import pandas as pd
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from samspill.access.selectors import access_participant
from samspill.audit.models import AccessLog
from samspill.consent.models import Consent
from samspill.consent.services import consent_withdraw
from samspill.core.errors import ApplicationError, PermissionDenied
from samspill.core.roles import Purpose
from samspill.research.models import AnalysisRun, ContextTable, ContextValue, ResearchProject, RunArtifact, RunStatus
from samspill.research.selectors import cohort_extract, pseudonym
from samspill.research.services import (
    analysis_run_request,
    cohort_create,
    context_table_import,
    research_project_create,
)
from samspill.research.tests.conftest import PEOPLE, WITHOUT_CONSENT

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 1)


def everyone(world, **filters):
    return cohort_create(
        actor=world.user("researcher"),
        project=world.project,
        name=filters.pop("name", "Alle"),
        filters=filters,
        months=24,
    )


def test_the_extract_holds_pseudonymised_sequences_of_consenting_people_only(research_world):
    w = research_world
    extract = cohort_extract(actor=w.user("researcher"), cohort=everyone(w), today=TODAY)
    assert len(extract.frame) == PEOPLE - len(WITHOUT_CONSENT)
    assert list(extract.frame.columns) == ["pseudonym", *[f"m{k:02d}" for k in range(1, 25)]]
    consenting = [p for i, p in enumerate(w.people) if i not in WITHOUT_CONSENT]
    assert set(extract.frame["pseudonym"]) == {pseudonym(w.project, p.pk) for p in consenting}
    # Person 4 (introduction programme for 9 months, then a job from month 10) read by the rule of
    # research/trajectories.py: month 0 is read 14 days after the start (5 Feb 2023 + 36 days).
    row = extract.frame.set_index("pseudonym").loc[pseudonym(w.project, w.people[4].pk)]
    assert list(row[:12]) == ["introduction"] * 9 + ["inactive"] + ["employed"] * 2
    # Each person in it has one research read in their access log, the others none.
    logged = set(AccessLog.objects.filter(purpose=Purpose.RESEARCH).values_list("participant_id", flat=True))
    assert logged == {p.pk for p in consenting}


def test_a_withdrawn_consent_leaves_the_person_out_of_the_next_extract(research_world):
    w = research_world
    cohort = everyone(w)
    person = w.people[5]
    owner = w.user("owner")
    consent = Consent.objects.get(participant=person, purpose="research")
    consent_withdraw(
        actor=owner, access=access_participant(owner, person.pk, Purpose.CASE_MANAGEMENT), consent_id=consent.pk
    )
    extract = cohort_extract(actor=w.user("researcher"), cohort=cohort, today=TODAY)
    assert pseudonym(w.project, person.pk) not in set(extract.frame["pseudonym"])
    assert len(extract.frame) == PEOPLE - len(WITHOUT_CONSENT) - 1


def test_a_recorded_exemption_covers_everyone_and_pseudonyms_differ_between_projects(research_world):
    w = research_world
    with pytest.raises(ApplicationError) as error:
        research_project_create(
            actor=None, title="Register", institution=w.organisations["university"], legal_basis="exemption"
        )
    assert "legal_basis_reference" in error.value.field_errors
    project = research_project_create(
        actor=None,
        title="Register",
        institution=w.organisations["university"],
        legal_basis="exemption",
        legal_basis_reference="Dispensasjon fra taushetsplikt, sak 24/1234, 1.3.2024",
        members=[w.user("researcher")],
    )
    cohort = cohort_create(actor=w.user("researcher"), project=project, name="Alle", filters={}, months=24)
    extract = cohort_extract(actor=w.user("researcher"), cohort=cohort, today=TODAY)
    assert len(extract.frame) == PEOPLE
    assert pseudonym(project, w.people[3].pk) != pseudonym(w.project, w.people[3].pk)


def test_cohort_filters_are_validated_and_applied(research_world):
    w = research_world
    with pytest.raises(ApplicationError) as error:
        everyone(w, municipality_numbers=["39O7"], started_from="2024-01-01", started_to="2023-01-01")
    assert {"municipality_numbers", "started_to"} <= set(error.value.field_errors)
    with pytest.raises(ApplicationError):
        cohort_create(actor=w.user("researcher"), project=w.project, name="Kort", filters={}, months=3)
    assert not w.project.cohorts.exists()
    odd = everyone(w, name="3907", municipality_numbers=["3907"], started_to="2023-04-30")
    extract = cohort_extract(actor=w.user("researcher"), cohort=odd, today=TODAY)
    # Odd-numbered people live in 3907; people 0–12 started by 5 Jan 2023 + 9 × 12 days = 23 Apr 2023.
    expected = {pseudonym(w.project, w.people[i].pk) for i in range(1, 13, 2) if i not in WITHOUT_CONSENT}
    assert set(extract.frame["pseudonym"]) == expected


def test_only_the_projects_researchers_act_on_it(research_world):
    w = research_world
    for persona in ("other_researcher", "owner", "coordinator", "administrator"):
        with pytest.raises(PermissionDenied):
            cohort_create(actor=w.user(persona), project=w.project, name="X", filters={}, months=12)
    assert not w.project.cohorts.exists()


CONTEXT = (
    b"municipality,month,unemployment_rate\n3905,2023-02,3.5\n3907,2023-02,4.5\n3905,2023-03,3.0\n3907,2023-03,4.0\n"
)


def test_a_context_table_is_linked_to_each_sequence(research_world):
    w = research_world
    table = context_table_import(actor=w.user("researcher"), project=w.project, name="Ledighet", content=CONTEXT)
    assert table.variables == ["unemployment_rate"] and table.values.count() == 4
    cohort = everyone(w)
    extract = cohort_extract(actor=w.user("researcher"), cohort=cohort, today=TODAY, context_table=table)
    row = extract.frame.set_index("pseudonym").loc[pseudonym(w.project, w.people[2].pk)]  # 3905, from 23 Jan 2023
    # Months read from Jan and Feb 2023 on: January has no value, February 3.5, March 3.0 -> mean 3.25.
    assert row["unemployment_rate_mean"] == pytest.approx(3.25)
    assert pd.isna(row["unemployment_rate_start"])


@pytest.mark.parametrize(
    "content, line",
    [
        (CONTEXT + b"3905,2023-13,1\n", "Line 6"),
        (CONTEXT + b"3905,2023-04\n", "Line 6"),
        (CONTEXT + b"390,2023-04,1\n", "Line 6"),
        (CONTEXT + b"3905,2023-02,9\n", "Line 6"),
        (CONTEXT + b"3905,2023-05,many\n", "Line 6"),
    ],
)
def test_a_wrong_context_file_is_rejected_whole_with_line_numbers(research_world, content, line):
    w = research_world
    with pytest.raises(ApplicationError) as error:
        context_table_import(actor=w.user("researcher"), project=w.project, name="Ledighet", content=content)
    assert any(message.startswith(line) for message in error.value.field_errors["file"])
    assert not ContextTable.objects.exists() and not ContextValue.objects.exists()


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.fixture
def researcher_client(client, research_world):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(research_world.user("researcher"))
    return client


# The worker closes its database connection when it is done, as a worker should: a real transaction per test.
@pytest.mark.django_db(transaction=True)
def test_a_researcher_runs_an_analysis_in_the_background_and_downloads_its_results(researcher_client, research_world):
    w = research_world
    cohort = everyone(w)
    page = reverse("research:project", args=[w.project.pk])
    response = researcher_client.post(
        reverse("research:run_new", args=[w.project.pk]),
        {"cohort": cohort.pk, "method": "OM", "sm": "TRATE", "clusters": 3},
    )
    run = AnalysisRun.objects.get()
    assert response.status_code == 302 and run.status == RunStatus.QUEUED
    status = reverse("research:run_status", args=[w.project.pk, run.pk])
    assert "hx-trigger" in researcher_client.get(status).content.decode()
    run_worker()
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    assert run.results["size"] == PEOPLE - len(WITHOUT_CONSENT)
    clusters = run.results["clusters"]["rows"][0]["cells"]
    shown = [c for c in clusters[:-1] if c is not None]
    assert clusters[-1] == run.results["size"] and all(c >= 5 for c in shown)
    html = researcher_client.get(reverse("research:run_detail", args=[w.project.pk, run.pk])).content.decode()
    assert "People per cluster" in html and "Syntetisk" not in html
    assert researcher_client.get(page).status_code == 200
    png = researcher_client.get(reverse("research:run_figure", args=[w.project.pk, run.pk, "chronogram.png"]))
    assert png.content.startswith(b"\x89PNG")
    download = reverse("research:run_download", args=[w.project.pk, run.pk, "sequences.csv"])
    wide = pd.read_csv(io.BytesIO(researcher_client.get(download).content))
    assert list(wide.columns[:3]) == ["pseudonym", "cluster", "m01"] and len(wide) == run.results["size"]
    stata = researcher_client.get(reverse("research:run_download", args=[w.project.pk, run.pk, "sequences.dta"]))
    assert pd.read_stata(io.BytesIO(stata.content)).shape == wide.shape
    parquet = researcher_client.get(reverse("research:run_download", args=[w.project.pk, run.pk, "sequences.parquet"]))
    assert pd.read_parquet(io.BytesIO(parquet.content)).shape == wide.shape
    states = researcher_client.get(reverse("research:run_download", args=[w.project.pk, run.pk, "states.csv"]))
    table = pd.read_csv(io.BytesIO(states.content), index_col=0)
    values = table.to_numpy().ravel()
    assert not ((values > 0) & (values < 5)).any()  # small counts never leave the platform


def test_a_cohort_that_differs_from_an_earlier_one_by_a_few_people_is_refused(research_world):
    w = research_world
    researcher = w.user("researcher")
    first = analysis_run_request(actor=researcher, project=w.project, cohort=everyone(w), parameters={"clusters": 2})
    from samspill.research.services import analysis_run_execute

    assert analysis_run_execute(run_id=first.pk).status == RunStatus.DONE
    # Everyone but the two who started last: two people fewer.
    narrower = everyone(w, name="Nesten alle", started_to="2023-07-13")
    second = analysis_run_request(actor=researcher, project=w.project, cohort=narrower, parameters={"clusters": 2})
    refused = analysis_run_execute(run_id=second.pk)
    assert refused.status == RunStatus.FAILED and "fewer than 5 people" in refused.error
    assert not RunArtifact.objects.filter(run=second).exists() and refused.results == {}


def test_a_cohort_below_the_minimum_is_refused(research_world):
    w = research_world
    small = everyone(w, name="Liten", started_to="2023-03-01")
    run = analysis_run_request(actor=w.user("researcher"), project=w.project, cohort=small, parameters={})
    from samspill.research.services import analysis_run_execute

    failed = analysis_run_execute(run_id=run.pk)
    assert failed.status == RunStatus.FAILED and "fewer than 20 people" in failed.error


def test_bad_run_parameters_are_named(researcher_client, research_world):
    w = research_world
    cohort = everyone(w)
    response = researcher_client.post(
        reverse("research:run_new", args=[w.project.pk]), {"cohort": cohort.pk, "method": "XX", "clusters": 40}
    )
    assert response.status_code == 422 and not AnalysisRun.objects.exists()
    with pytest.raises(ApplicationError) as error:
        analysis_run_request(
            actor=w.user("researcher"), project=w.project, cohort=cohort, parameters={"sm": "FOO", "extra": 1}
        )
    assert {"sm", "extra"} <= set(error.value.field_errors)


@pytest.mark.parametrize(
    "persona, status",
    [
        ("researcher", 200),
        ("other_researcher", 404),
        ("owner", 404),
        ("coordinator", 404),
        ("participant", 404),
        ("administrator", 404),
        ("anonymous", 302),
    ],
)
def test_it_checks_ownership(client, research_world, persona, status):
    w = research_world
    run = analysis_run_request(actor=w.user("researcher"), project=w.project, cohort=everyone(w), parameters={})
    if persona != "anonymous":
        client.force_login(w.user(persona))
    urls = [
        reverse("research:project", args=[w.project.pk]),
        reverse("research:cohort_new", args=[w.project.pk]),
        reverse("research:context_new", args=[w.project.pk]),
        reverse("research:run_detail", args=[w.project.pk, run.pk]),
        reverse("research:run_status", args=[w.project.pk, run.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == status, url
    listing = client.get(reverse("research:projects"))
    if persona == "researcher":
        assert "Veier til arbeid" in listing.content.decode()
    elif persona != "anonymous":
        assert "Veier til arbeid" not in listing.content.decode()


def test_the_command_adds_a_project_and_names_what_is_wrong(research_world):
    w = research_world
    output = StringIO()
    call_command(
        "research_project",
        "add",
        "Kohortstudie",
        "--institution",
        str(w.organisations["university"].pk),
        "--legal-basis",
        "consent",
        "--member",
        "researcher",
        stdout=output,
    )
    assert ResearchProject.objects.filter(title="Kohortstudie", members=w.user("researcher")).exists()
    with pytest.raises(CommandError, match="research institution"):
        call_command(
            "research_project", "add", "X", "--institution", str(w.organisations["nav"].pk), "--legal-basis", "consent"
        )
    with pytest.raises(CommandError, match="Not a researcher"):
        call_command(
            "research_project",
            "add",
            "Y",
            "--institution",
            str(w.organisations["university"].pk),
            "--legal-basis",
            "consent",
            "--member",
            "owner",
        )
