"""Before any official file is loaded the platform still works: search uses the demo's own catalogue, and the
job-quality summary and distances are simply absent. (conftest.py runs these before the tests on loaded files.)"""

import pytest
from django.core.management import call_command

from samspill.demo.catalogue import BY_CODE
from samspill.taxonomy import selectors

pytestmark = pytest.mark.django_db


def test_search_falls_back_to_the_demo_catalogue():
    assert selectors.taxonomy_status()["search"] == "demo"
    first = selectors.occupation_search("kokk")[0]
    assert (first.styrk_code, first.source, first.label) == ("5120", "demo", "Kokk")
    english = selectors.occupation_search("Bus driver", language="en")[0]
    assert (english.styrk_code, english.label, english.language) == ("8331", "Bus driver", "en")
    assert selectors.occupation_search("lastebilsjåfør", language="nb")[0].styrk_code == "8332"
    assert {m.styrk_code for m in selectors.occupation_search("sykepleier", limit=50)} <= set(BY_CODE)


def test_without_files_there_is_no_summary_and_no_distance():
    assert selectors.job_quality(occupation_code="5120", industry_code="56") is None
    assert selectors.municipality_distance_km("0301", "4601") is None
    assert selectors.skills_for_occupation("5120").occupations == 0
    # The ISCO tree is in the codes themselves, so similarity works without files.
    assert selectors.occupation_similarity("5120", "5131") == 0.5
    assert [level.code for level in selectors.isco_path("5120")] == ["5", "51", "512", "5120"]


def test_status_says_what_is_missing(capsys):
    call_command("taxonomy", "status")
    out = capsys.readouterr().out
    assert "search: demo" in out and "embeddings: off" in out
