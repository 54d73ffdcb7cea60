"""The researcher's whole round in the browser: define a cohort (with a mistake first), start an analysis, watch
its progress while the background worker runs it, read the disclosure-controlled results. axe-core on each page."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from samspill.research.models import AnalysisRun, RunStatus
from samspill.research.tests.conftest import build_research_world
from samspill.testing.personas import build_world


@pytest.fixture
def research_world(live_server, transactional_db):
    return build_research_world(build_world())


def test_a_researcher_defines_a_cohort_runs_an_analysis_and_reads_the_results(
    sign_in, page, live_server, research_world, assert_accessible
):
    world = research_world
    sign_in(world.user("researcher"))
    page.goto(live_server.url + "/research/")
    assert_accessible(page, "research projects")
    page.get_by_role("link", name="Veier til arbeid").click()
    page.get_by_role("link", name="Define a cohort").click()
    page.get_by_label("Name").fill("Alle i Sandefjord")
    page.get_by_label("Municipality numbers").fill("3907, 39")
    page.get_by_label("Months followed").fill("24")
    page.get_by_role("button", name="Save the cohort").click()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page, "cohort form with errors")
    page.get_by_label("Municipality numbers").fill("")
    page.get_by_label("Name").press("Enter")  # by keyboard: Enter submits the form
    page.wait_for_url(f"**/research/{world.project.pk}/")
    assert page.get_by_role("cell", name="Alle i Sandefjord").is_visible()
    assert_accessible(page, "project with a cohort")

    page.get_by_label("Number of clusters").fill("3")
    page.get_by_role("button", name="Start the analysis").click()
    page.wait_for_url("**/runs/**")
    assert page.get_by_role("status").filter(has_text="Waiting to start").is_visible()
    assert page.locator("progress").is_visible()
    assert_accessible(page, "analysis waiting")
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert AnalysisRun.objects.get().status == RunStatus.DONE
    # htmx asks for the status every two seconds; when it is done the page reloads with the results.
    page.get_by_role("table", name="People per cluster").wait_for(timeout=15_000)
    chronogram = page.get_by_role("img", name="Chronogram").first
    expect(chronogram).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=chronogram.element_handle())
    assert "Syntetisk" not in page.content()
    assert_accessible(page, "analysis results")
    with page.expect_download() as download:
        page.get_by_role("link", name="Pseudonymised sequences, TraMineR-ready wide CSV").click()
    assert download.value.suggested_filename.endswith("-sequences.csv")
