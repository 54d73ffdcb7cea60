"""The researcher's part of the demo, on the build shared with the other content tests (conftest.py)."""

import io

import pandas as pd
import pytest
from django.test import Client
from django.urls import reverse

from samspill.accounts.models import User
from samspill.consent.models import Consent
from samspill.research.models import AnalysisRun, ResearchProject, RunStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_output")]


def test_the_demo_researcher_finds_a_finished_analysis_of_everyone_who_consented():
    forsker = User.objects.get(username="forsker")
    project = ResearchProject.objects.get(members=forsker)
    run = AnalysisRun.objects.get(project=project)
    assert run.status == RunStatus.DONE, run.error
    consenting = Consent.objects.filter(purpose="research", withdrawn_at__isnull=True).values("participant").distinct()
    # Everyone with an active research consent and a pathway; people still waiting for one have no sequence.
    assert 0.8 * consenting.count() <= run.results["size"] <= consenting.count()
    assert len(run.results["clusters"]["columns"]) == 4 + 1
    assert project.context_tables.get().values.count() > 1000
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(forsker)
    page = client.get(reverse("research:run_detail", args=[project.pk, run.pk])).content.decode()
    assert "People per cluster" in page
    wide = pd.read_csv(
        io.BytesIO(client.get(reverse("research:run_download", args=[project.pk, run.pk, "sequences.csv"])).content)
    )
    assert len(wide) == run.results["size"] and wide["unemployment_rate_mean"].notna().mean() > 0.9
    # The states the demo histories produce, from introduction programme to employment.
    states = set(pd.unique(wide.filter(regex=r"^m\d+$").stack()))
    assert {"employed", "introduction", "language_course", "benefits", "inactive"} <= states
