"""CSV import of historical events: a good file is stored whole; a file with any wrong row is refused whole, each
problem named with its line, and nothing is stored."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from samspill.access.selectors import access_participant
from samspill.core.errors import PermissionDenied
from samspill.core.roles import Purpose
from samspill.pathways.imports import events_import_csv
from samspill.pathways.models import PathwayEvent
from samspill.pathways.services import pathway_create
from samspill.people.services import participant_create
from samspill.testing.database import fingerprint
from samspill.testing.personas import synthetic_national_id

NOW = dt.datetime(2025, 6, 30, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def pathway(world):
    owner = world.user("owner")
    access = access_participant(owner, world.participant.pk, Purpose.CASE_MANAGEMENT)
    return pathway_create(actor=owner, participant_access=access, path="employment", started_on=dt.date(2025, 1, 6))


def _file(text: str, *, bom: bool = False) -> io.BytesIO:
    return io.BytesIO(("\ufeff" if bom else "").encode() + text.encode("utf-8"))


def _imported(pathway):
    return list(
        PathwayEvent.objects.filter(pathway=pathway, source="import").values_list("kind", "effective_date", "data")
    )


@pytest.mark.django_db
def test_a_good_file_imports_every_event_marked_as_imported(world, pathway):
    text = (
        "pathway_id,kind,effective_date,data\n"
        f'{pathway.pk},benefit_start,2024-08-01,"{{""benefit"": ""introduction""}}"\n'
        f'{pathway.pk},benefit_end,2025-01-31,"{{""benefit"": ""introduction""}}"\n'
        f"{pathway.pk},enrolment_start,2024-09-02,\n"
        f'{pathway.pk},stage_move,2025-02-01,"{{""to"": ""vocational_profiling""}}"\n'
    )
    with time_machine.travel(NOW):
        result = events_import_csv(actor=world.user("owner"), file=_file(text))
    assert result.ok and (result.imported, result.pathways) == (4, 1)
    assert sorted(_imported(pathway)) == [
        ("benefit_end", dt.date(2025, 1, 31), {"benefit": "introduction"}),
        ("benefit_start", dt.date(2024, 8, 1), {"benefit": "introduction"}),
        ("enrolment_start", dt.date(2024, 9, 2), {}),
        ("stage_move", dt.date(2025, 2, 1), {"to": "vocational_profiling"}),
    ]
    assert PathwayEvent.objects.filter(source="import", actor=world.user("owner")).count() == 4


@pytest.mark.django_db
def test_semicolons_a_bom_and_a_person_instead_of_a_pathway_id(world):
    owner = world.user("owner")
    participant = participant_create(
        actor=owner,
        organisation=world.organisations["nav"],
        data={
            "given_name": "Olena",
            "family_name": "Kovalenko",
            "birth_date": dt.date(1984, 2, 29),
            "national_id": synthetic_national_id(dt.date(1984, 2, 29)),
            "municipality_number": "3907",
            "assigned_specialist": owner,
        },
    )
    access = access_participant(owner, participant.pk, Purpose.CASE_MANAGEMENT)
    pathway = pathway_create(actor=owner, participant_access=access, path="employment", started_on=dt.date(2025, 1, 6))
    text = (
        "national_id;path;kind;effective_date;reason\n"
        f"{participant.national_id};employment;placement_start;2025-02-03;Språkpraksis på bakeriet\n"
        f"{participant.national_id};employment;placement_end;2025-04-30;\n"
    )
    with time_machine.travel(NOW):
        result = events_import_csv(actor=owner, file=_file(text, bom=True))
    assert result.ok, [str(e) for e in result.errors]
    assert {kind for kind, _date, _data in _imported(pathway)} == {"placement_start", "placement_end"}
    assert PathwayEvent.objects.get(pathway=pathway, kind="placement_start").reason == "Språkpraksis på bakeriet"


@pytest.mark.django_db
def test_every_kind_of_wrong_row_is_reported_with_its_line_and_nothing_is_stored(world, pathway):
    other = world.other_participant
    other_access = access_participant(world.user("other_organisation"), other.pk, Purpose.CASE_MANAGEMENT)
    others = pathway_create(actor=world.user("other_organisation"), participant_access=other_access, path="employment")
    text = (
        "pathway_id,kind,effective_date,data\n"  # line 1
        f"{pathway.pk},benefit_start,2024-08-01,\n"  # 2: good
        f"{pathway.pk},salary_paid,2024-08-01,\n"  # 3: unknown kind
        f"{pathway.pk},benefit_start,01.08.2024,\n"  # 4: not an ISO date
        f"{pathway.pk},benefit_start,2025-07-01,\n"  # 5: in the future
        f"{others.pk},benefit_start,2024-08-01,\n"  # 6: another organisation's pathway
        "not-a-uuid,benefit_start,2024-08-01,\n"  # 7: no such pathway
        f"{pathway.pk},benefit_start,2024-08-01,[1]\n"  # 8: data is not an object
        f'{pathway.pk},stage_move,2024-08-01,"{{""to"": ""launch""}}"\n'  # 9: not a stage of employment
        f"{pathway.pk},benefit_end,2024-07-01,\n"  # 10: ends before the start on line 2
        f"{pathway.pk},benefit_start\n"  # 11: too few values
    )
    before = fingerprint()
    with time_machine.travel(NOW):
        result = events_import_csv(actor=world.user("owner"), file=_file(text))
    assert not result.ok and result.imported == 0
    lines = [error.line for error in result.errors]
    assert lines == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    messages = {error.line: error.message for error in result.errors}
    assert "“salary_paid” is not an event kind" in messages[3]
    assert "YYYY-MM-DD" in messages[4]
    assert "in the future" in messages[5]
    assert "not found among the pathways you follow up" in messages[6] == messages[7]
    assert "JSON object" in messages[8]
    assert "stage move" in messages[9]
    assert "before it starts (2024-08-01, line 2)" in messages[10]
    assert "has 2 values" in messages[11]
    assert str(result.errors[0]).startswith("Line 3: ")
    assert fingerprint() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"pathway_id,kind,effective_date\n", "no events"),
        (b"pathway_id,kind,when\n1,2,3\n", "Unknown columns: when"),
        (b"kind,effective_date\nbenefit_start,2024-01-01\n", "Missing columns"),
        ("pathway_id,kind,effective_date\nx,benefit_start,2024-01-01\n".encode("utf-16"), "not UTF-8"),
    ],
)
def test_files_that_are_wrong_as_a_whole(world, content, message):
    before = fingerprint()
    result = events_import_csv(actor=world.user("owner"), file=io.BytesIO(content))
    assert not result.ok and message in str(result.errors[0])
    assert fingerprint() == before


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["participant", "employer_contact", "partner", "mentor", "researcher"])
def test_only_case_workers_import(world, pathway, persona):
    with pytest.raises(PermissionDenied):
        events_import_csv(actor=world.user(persona), file=_file(f"pathway_id,kind,effective_date\n{pathway.pk},x,y\n"))


@pytest.mark.django_db
def test_the_upload_form_and_the_api(world, pathway):
    good = f"pathway_id,kind,effective_date\n{pathway.pk},benefit_start,2024-08-01\n".encode()
    bad = f"pathway_id,kind,effective_date\n{pathway.pk},benefit_start,2099-08-01\n".encode()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.user("owner"))
    assert client.get("/pathways/events/import/").status_code == 200
    response = client.post("/pathways/events/import/", {"file": SimpleUploadedFile("e.csv", bad, "text/csv")})
    assert response.status_code == 200 and "Line 2: The date 2099-08-01 is in the future." in response.content.decode()
    response = client.post("/pathways/events/import/", {"file": SimpleUploadedFile("e.csv", good, "text/csv")})
    assert response.status_code == 302
    assert len(_imported(pathway)) == 1

    response = client.post("/api/v1/events/import", {"file": SimpleUploadedFile("e.csv", bad, "text/csv")})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "file", 2]
    response = client.post("/api/v1/events/import", {"file": SimpleUploadedFile("e.csv", good, "text/csv")})
    assert response.status_code == 201 and response.json() == {"imported": 1, "pathways": 1}
    assert len(_imported(pathway)) == 2

    participant = Client(HTTP_ACCEPT_LANGUAGE="en")
    participant.force_login(world.user("participant"))
    assert participant.get("/pathways/events/import/").status_code == 404
    denied = participant.post("/api/v1/events/import", {"file": SimpleUploadedFile("e.csv", good, "text/csv")})
    assert denied.status_code == 403
