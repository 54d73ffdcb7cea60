"""The researcher's part of the demo: a project at the demo university with the demo researcher, a cohort of
everyone who consented to research, a municipality × month unemployment table (synthetic, in the range of NAV's
registered unemployment for the region), and one finished analysis, so that ``forsker`` sees results at once."""

import datetime as dt
import math
import random

from samspill.core import clock
from samspill.research.services import (
    analysis_run_execute,
    analysis_run_request,
    cohort_create,
    context_table_import,
    research_project_create,
)

PROJECT_TITLE = "Veier til arbeid for innvandrere i Vestfold, Telemark og Møre og Romsdal"
FIRST_MONTH = dt.date(2022, 1, 1)


def _unemployment_csv(municipalities, *, last: dt.date, rng: random.Random) -> bytes:
    lines = ["municipality,month,unemployment_rate"]
    for number in sorted(municipalities):
        level = rng.uniform(1.6, 3.4)
        month = FIRST_MONTH
        index = 0
        while month <= last:
            # Higher in winter, a slow drift, and noise: what registered unemployment looks like month by month.
            seasonal = 0.35 * math.cos(2 * math.pi * (month.month - 1) / 12)
            value = max(0.5, level + seasonal + 0.01 * index + rng.gauss(0, 0.08))
            lines.append(f"{number},{month:%Y-%m},{value:.2f}")
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
            index += 1
    return ("\n".join(lines) + "\n").encode()


def build_research(*, researcher, institution, municipalities, today: dt.date, seed: int) -> None:
    project = research_project_create(
        actor=None, title=PROJECT_TITLE, institution=institution, legal_basis="consent", members=[researcher]
    )
    cohort = cohort_create(actor=researcher, project=project, name="Alle med forskningssamtykke", filters={}, months=36)
    cohort_create(
        actor=researcher,
        project=project,
        name="Sysselsettingsveien, startet 2024",
        filters={"path": "employment", "started_from": "2024-01-01", "started_to": "2024-12-31"},
        months=24,
    )
    table = context_table_import(
        actor=researcher,
        project=project,
        name="Registrert ledighet (syntetisk)",
        content=_unemployment_csv(municipalities, last=today.replace(day=1), rng=random.Random(seed)),
    )
    run = analysis_run_request(
        actor=researcher,
        project=project,
        cohort=cohort,
        context_table=table,
        parameters={"method": "OM", "sm": "TRATE", "clusters": 4},
        background=False,
    )
    clock.now()  # the run starts a moment after it was asked for
    analysis_run_execute(run_id=run.pk)
