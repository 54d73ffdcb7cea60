"""Reads of the research layer. Person-level data leaves here only as pseudonymised monthly sequences, built
through the gate (``research_participants``) and logged per person (``research_extract_log``)."""

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass

import pandas as pd
from django.db.models import Min, QuerySet

from samspill.access.selectors import (
    access_research_project,
    research_extract_log,
    research_participants,
    research_projects_for_actor,
)
from samspill.core.errors import NotFound, as_uuid
from samspill.pathways.selectors import research_events
from samspill.research.models import AnalysisRun, Cohort, ContextTable, ContextValue, ResearchProject, RunArtifact
from samspill.research.trajectories import Event, add_months, person_sequence

__all__ = ["access_research_project", "research_projects_for_actor"]


def pseudonym(project: ResearchProject, participant_id) -> str:
    """The person's pseudonym in this project: a keyed hash (HMAC-SHA-256) of their id, cut to 16 hex digits."""
    digest = hmac.new(bytes.fromhex(project.pseudonym_key), as_uuid(participant_id).bytes, hashlib.sha256)
    return digest.hexdigest()[:16]


def month_columns(months: int) -> list[str]:
    return [f"m{k + 1:02d}" for k in range(months)]


def cohort_get(*, project: ResearchProject, cohort_id) -> Cohort:
    cohort = project.cohorts.filter(pk=as_uuid(cohort_id)).first()
    if cohort is None:
        raise NotFound()
    return cohort


def context_table_get(*, project: ResearchProject, table_id) -> ContextTable:
    table = project.context_tables.filter(pk=as_uuid(table_id)).first()
    if table is None:
        raise NotFound()
    return table


def run_get(*, project: ResearchProject, run_id) -> AnalysisRun:
    run = project.runs.select_related("cohort", "context_table").filter(pk=as_uuid(run_id)).first()
    if run is None:
        raise NotFound()
    return run


def runs_of_project(*, project: ResearchProject) -> QuerySet[AnalysisRun]:
    return project.runs.select_related("cohort", "requested_by")


def artifact_get(*, run: AnalysisRun, name: str) -> RunArtifact:
    artifact = run.artifacts.filter(name=name).first()
    if artifact is None:
        raise NotFound()
    return artifact


@dataclass(frozen=True)
class Extract:
    """A cohort's pseudonymised sequences: one row per person, ``m01``… the monthly states (None = void), and
    the context variables linked to each sequence."""

    frame: pd.DataFrame
    months: list[str]
    context: list[str]


def _cohort_people(actor, cohort: Cohort):
    filters = cohort.filters or {}
    people = research_participants(actor, cohort.project)
    if filters.get("municipality_numbers"):
        people = people.filter(municipality_number__in=filters["municipality_numbers"])
    pathways_filter = {}
    if filters.get("organisation_ids"):
        pathways_filter["pathways__organisation_id__in"] = filters["organisation_ids"]
    if filters.get("path"):
        pathways_filter["pathways__path"] = filters["path"]
    people = people.filter(pathways__isnull=False, **pathways_filter)
    people = people.annotate(first_start=Min("pathways__started_on"))
    if filters.get("started_from"):
        people = people.filter(first_start__gte=dt.date.fromisoformat(filters["started_from"]))
    if filters.get("started_to"):
        people = people.filter(first_start__lte=dt.date.fromisoformat(filters["started_to"]))
    return dict(people.values_list("pk", "municipality_number").distinct())


def _context_values(table: ContextTable | None) -> dict:
    if table is None:
        return {}
    values = {}
    for municipality, month, variable, value in ContextValue.objects.filter(table=table).values_list(
        "municipality_number", "month", "variable", "value"
    ):
        values[municipality, month, variable] = value
    return values


def cohort_extract(*, actor, cohort: Cohort, today: dt.date, context_table: ContextTable | None = None) -> Extract:
    """The cohort's monthly sequences under the project's pseudonyms (the rule in research/trajectories.py), with
    each context variable's mean over the observed months and its value in the first month. Logs one research
    read per person."""
    people = _cohort_people(actor, cohort)
    events: dict = {pk: [] for pk in people}
    for participant_id, pathway_id, kind, date, data in research_events(participant_ids=list(people)):
        events[participant_id].append(Event(str(pathway_id), kind, date, data))
    months = month_columns(cohort.months)
    variables = list(context_table.variables) if context_table else []
    context = _context_values(context_table)
    rows = []
    for participant_id, person_events in events.items():
        built = person_sequence(person_events, months=cohort.months, today=today)
        if built is None:
            continue
        start, states = built
        if states[0] is None:  # started too recently to have a first month observed
            continue
        row = {"pseudonym": pseudonym(cohort.project, participant_id), **dict(zip(months, states, strict=True))}
        for variable in variables:
            observed = [
                context.get((people[participant_id], add_months(start, k).replace(day=1), variable))
                for k, state in enumerate(states)
                if state is not None
            ]
            known = [value for value in observed if value is not None]
            row[f"{variable}_mean"] = sum(known) / len(known) if known else None
            row[f"{variable}_start"] = observed[0] if observed else None
        rows.append(row)
    research_extract_log(actor=actor, participant_ids=list(events))
    context_columns = [f"{v}_{suffix}" for v in variables for suffix in ("mean", "start")]
    frame = pd.DataFrame(rows, columns=["pseudonym", *months, *context_columns])
    frame = frame.sort_values("pseudonym", kind="stable").reset_index(drop=True)
    return Extract(frame=frame, months=months, context=context_columns)
