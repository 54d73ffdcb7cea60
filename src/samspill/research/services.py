"""Writes of the research layer: projects, cohorts, context tables, analysis runs and their execution."""

import csv
import datetime as dt
import io
import re

from django.db import transaction
from django.utils.translation import gettext as _

from samspill.access.selectors import actor_organisation_ids, research_projects_for_actor
from samspill.accounts.selectors import organisation_get
from samspill.audit.services import change_record, snapshot
from samspill.core import clock
from samspill.core.errors import ApplicationError, PermissionDenied
from samspill.core.roles import OrganisationKind, Role
from samspill.pathways.stages import Path
from samspill.research import analysis
from samspill.research.models import (
    AnalysisRun,
    Cohort,
    ContextTable,
    ContextValue,
    LegalBasis,
    ResearchProject,
    RunArtifact,
    RunStatus,
)
from samspill.research.selectors import cohort_extract

MIN_COHORT_SIZE = 20
# A later cohort that differs from an earlier one by 1 to 4 people could reveal them by subtracting the results.
MIN_DIFFERENCE = 5
MAX_CONTEXT_BYTES = 5 * 1024 * 1024
MUNICIPALITY = re.compile(r"^\d{4}$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
VARIABLE = re.compile(r"^[a-z][a-z0-9_]{0,40}$")


def _may_manage_projects(actor) -> bool:
    return actor is None or bool(actor_organisation_ids(actor, Role.ADMINISTRATOR))


def research_project_create(
    *, actor, title: str, institution, legal_basis: str, legal_basis_reference: str = "", members=()
) -> ResearchProject:
    """A research project at a research institution. ``actor`` is an administrator (None from the command line)."""
    if not _may_manage_projects(actor):
        raise PermissionDenied(_("Only administrators create research projects."))
    errors = {}
    if not title.strip():
        errors["title"] = [_("Give the project a title.")]
    if institution is None or institution.kind != OrganisationKind.RESEARCH_INSTITUTION:
        errors["institution"] = [_("Choose a research institution.")]
    if legal_basis not in LegalBasis.values:
        errors["legal_basis"] = [_("Choose the legal basis: consent or a recorded decision.")]
    elif legal_basis == LegalBasis.EXEMPTION and not legal_basis_reference.strip():
        errors["legal_basis_reference"] = [_("Name the decision: who made it, its case number and date.")]
    members = list(members)
    if institution is not None and not errors.get("institution"):
        outsiders = [u.username for u in members if institution.pk not in actor_organisation_ids(u, Role.RESEARCHER)]
        if outsiders:
            errors["members"] = [_("Not a researcher at the institution: %(names)s.") % {"names": ", ".join(outsiders)}]
    if errors:
        raise ApplicationError.for_fields(errors)
    with transaction.atomic():
        project = ResearchProject.objects.create(
            title=title.strip(),
            institution=institution,
            legal_basis=legal_basis,
            legal_basis_reference=legal_basis_reference.strip(),
            # Two random UUIDs: 244 random bits, and reproducible in the seeded demo.
            pseudonym_key=clock.new_uuid().hex + clock.new_uuid().hex,
        )
        project.members.set(members)
        change_record(
            actor=actor,
            instance=project,
            action="create",
            after={**snapshot(project, ["title", "legal_basis", "legal_basis_reference"]), "members": len(members)},
        )
    return project


def _require_member(actor, project: ResearchProject) -> None:
    if not research_projects_for_actor(actor).filter(pk=project.pk).exists():
        raise PermissionDenied(_("Only the project's researchers can do this."))


def _clean_filters(data: dict) -> tuple[dict, dict]:
    errors, filters = {}, {}
    organisation_ids = [str(value) for value in data.get("organisation_ids") or []]
    for organisation_id in organisation_ids:
        organisation = organisation_get(organisation_id=organisation_id)
        if organisation is None:
            errors["organisation_ids"] = [_("One of the organisations does not exist.")]
            break
    if organisation_ids:
        filters["organisation_ids"] = sorted(organisation_ids)
    numbers = [str(value).strip() for value in data.get("municipality_numbers") or [] if str(value).strip()]
    wrong = [number for number in numbers if not MUNICIPALITY.match(number)]
    if wrong:
        errors["municipality_numbers"] = [
            _("A municipality number has four digits: %(wrong)s.") % {"wrong": ", ".join(wrong)}
        ]
    elif numbers:
        filters["municipality_numbers"] = sorted(set(numbers))
    path = data.get("path") or ""
    if path and path not in Path.values:
        errors["path"] = [_("Choose employment or entrepreneurship, or both.")]
    elif path:
        filters["path"] = path
    dates = {}
    for key in ("started_from", "started_to"):
        value = data.get(key)
        if value in (None, ""):
            continue
        try:
            dates[key] = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        except ValueError:
            errors[key] = [_("Write the date as YYYY-MM-DD.")]
            continue
        filters[key] = dates[key].isoformat()
    if len(dates) == 2 and dates["started_from"] > dates["started_to"]:
        errors["started_to"] = [_("The end of the period is before its start.")]
    return filters, errors


def cohort_create(*, actor, project: ResearchProject, name: str, filters: dict, months: int = 36) -> Cohort:
    """A cohort: a named set of filters on pathways (who is in it is decided when an analysis runs)."""
    _require_member(actor, project)
    cleaned, errors = _clean_filters(filters)
    if not name.strip():
        errors["name"] = [_("Give the cohort a name.")]
    elif project.cohorts.filter(name=name.strip()).exists():
        errors["name"] = [_("The project already has a cohort with this name.")]
    if not isinstance(months, int) or not 6 <= months <= 120:
        errors["months"] = [_("Follow the cohort for 6 to 120 months.")]
    if errors:
        raise ApplicationError.for_fields(errors)
    with transaction.atomic():
        cohort = Cohort.objects.create(
            project=project, name=name.strip(), filters=cleaned, months=months, created_by=actor
        )
        change_record(actor=actor, instance=cohort, action="create", after={"name": cohort.name, **cleaned})
    return cohort


def context_table_import(*, actor, project: ResearchProject, name: str, content: bytes) -> ContextTable:
    """A municipality × month table from CSV: columns ``municipality`` (4 digits), ``month`` (YYYY-MM) and one or
    more numeric variables. Any wrong row rejects the whole file, with the line numbers; nothing is stored then."""
    _require_member(actor, project)
    errors: list[str] = []
    if not name.strip():
        raise ApplicationError.for_fields({"name": [_("Give the table a name.")]})
    if project.context_tables.filter(name=name.strip()).exists():
        raise ApplicationError.for_fields({"name": [_("The project already has a context table with this name.")]})
    if len(content) > MAX_CONTEXT_BYTES:
        raise ApplicationError.for_fields({"file": [_("The file is larger than 5 MB.")]})
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ApplicationError.for_fields({"file": [_("The file is not UTF-8 text.")]}) from exc
    reader = csv.reader(io.StringIO(text), delimiter=";" if text.split("\n", 1)[0].count(";") else ",")
    header = [column.strip() for column in next(reader, [])]
    if header[:2] != ["municipality", "month"] or len(header) < 3:
        raise ApplicationError.for_fields(
            {"file": [_("The first line must be: municipality, month, then the name of each variable.")]}
        )
    variables = header[2:]
    bad = [v for v in variables if not VARIABLE.match(v)]
    if bad or len(set(variables)) != len(variables):
        raise ApplicationError.for_fields(
            {
                "file": [
                    _("Variable names are lower-case letters, digits and _, each once: %(names)s.")
                    % {"names": ", ".join(bad or variables)}
                ]
            }
        )
    values, seen = [], set()
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            errors.append(
                _("Line %(line)s: %(found)s fields, expected %(expected)s.")
                % {"line": line, "found": len(row), "expected": len(header)}
            )
            continue
        municipality, month_text, *cells = (cell.strip() for cell in row)
        month_match = MONTH.match(month_text)
        if not MUNICIPALITY.match(municipality):
            errors.append(_("Line %(line)s: the municipality number must have four digits.") % {"line": line})
            continue
        if not month_match or not 1 <= int(month_match.group(2)) <= 12:
            errors.append(_("Line %(line)s: write the month as YYYY-MM.") % {"line": line})
            continue
        month = dt.date(int(month_match.group(1)), int(month_match.group(2)), 1)
        if (municipality, month) in seen:
            errors.append(_("Line %(line)s: this municipality and month came earlier in the file.") % {"line": line})
            continue
        seen.add((municipality, month))
        for variable, cell in zip(variables, cells, strict=True):
            if cell == "":
                continue  # an unknown value stays unknown
            try:
                number = float(cell.replace(",", "."))
            except ValueError:
                errors.append(_("Line %(line)s: %(variable)s is not a number.") % {"line": line, "variable": variable})
                continue
            values.append((municipality, month, variable, number))
    if not seen and not errors:
        errors.append(_("The file has no rows."))
    if errors:
        raise ApplicationError(_("The file was not imported; nothing was stored."), field_errors={"file": errors})
    with transaction.atomic():
        table = ContextTable.objects.create(project=project, name=name.strip(), variables=variables, uploaded_by=actor)
        ContextValue.objects.bulk_create(
            [
                ContextValue(table=table, municipality_number=m, month=month, variable=v, value=x)
                for m, month, v, x in values
            ],
            batch_size=1000,
        )
        change_record(actor=actor, instance=table, action="create", after={"name": table.name, "rows": len(seen)})
    return table


def analysis_run_request(
    *,
    actor,
    project: ResearchProject,
    cohort: Cohort,
    parameters: dict,
    context_table: ContextTable | None = None,
    background: bool = True,
) -> AnalysisRun:
    """Queues an analysis of ``cohort`` as a background job (``samspill db_worker`` runs it). With
    ``background=False`` nothing is queued and the caller runs :func:`analysis_run_execute` itself (the demo
    build, which must not leave jobs behind)."""
    _require_member(actor, project)
    if cohort.project_id != project.pk or (context_table is not None and context_table.project_id != project.pk):
        raise PermissionDenied(_("The cohort and the context table must belong to the project."))
    cleaned = analysis.clean_parameters(parameters)
    with transaction.atomic():
        run = AnalysisRun.objects.create(
            project=project, cohort=cohort, context_table=context_table, requested_by=actor, parameters=cleaned
        )
        change_record(actor=actor, instance=run, action="create", after={"cohort": cohort.name, **cleaned})
        if background:
            transaction.on_commit(lambda: _enqueue(run))
    return run


def _enqueue(run: AnalysisRun) -> None:
    from samspill.research.tasks import run_analysis

    run_analysis.enqueue(str(run.pk))


def _progress(run: AnalysisRun, fraction: float, step: str) -> None:
    run.progress, run.step = round(fraction, 3), step
    AnalysisRun.objects.filter(pk=run.pk).update(progress=run.progress, step=step)


def _refuse_differencing(run: AnalysisRun, members: list[str]) -> None:
    mine = set(members)
    for earlier in AnalysisRun.objects.filter(project=run.project, status=RunStatus.DONE).exclude(pk=run.pk):
        difference = len(mine ^ set(earlier.members))
        if 0 < difference < MIN_DIFFERENCE:
            raise ApplicationError(
                _(
                    "This cohort differs from the one of an earlier analysis (%(cohort)s) by fewer than "
                    "%(minimum)s people; comparing the two results could reveal them. Widen or narrow the cohort."
                )
                % {"cohort": earlier.cohort.name, "minimum": MIN_DIFFERENCE}
            )


def analysis_run_execute(*, run_id) -> AnalysisRun:
    """The body of the background job: extract, checks, distances, clusters, tables and figures, with progress.
    A failure is recorded on the run with its reason; nothing partial is kept."""
    run = AnalysisRun.objects.select_related("project", "cohort", "context_table", "requested_by").get(pk=run_id)
    if run.status != RunStatus.QUEUED:
        return run
    AnalysisRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, started_at=clock.now())
    try:
        _progress(run, 0.02, _("Building the monthly sequences"))
        with transaction.atomic():
            extract = cohort_extract(
                actor=run.requested_by, cohort=run.cohort, today=clock.today(), context_table=run.context_table
            )
        members = list(extract.frame["pseudonym"])
        if len(members) < MIN_COHORT_SIZE:
            raise ApplicationError(
                _("The cohort has fewer than %(minimum)s people: too few to analyse without revealing anyone.")
                % {"minimum": MIN_COHORT_SIZE}
            )
        _refuse_differencing(run, members)
        result = analysis.analyse(
            extract, run.parameters, progress=lambda fraction, step: _progress(run, 0.05 + 0.9 * fraction, step)
        )
        with transaction.atomic():
            for name, (content_type, data) in result.artifacts.items():
                RunArtifact.objects.create(run=run, name=name, content_type=content_type, data=data)
            AnalysisRun.objects.filter(pk=run.pk).update(
                status=RunStatus.DONE,
                progress=1.0,
                step="",
                members=sorted(members),
                results=result.tables,
                finished_at=clock.now(),
            )
    except ApplicationError as error:
        _fail(run, str(error.message))
    except Exception as error:  # noqa: BLE001 - a failed job must say so on its page, not vanish in a log
        _fail(run, _("The analysis stopped with an internal error: %(error)s") % {"error": type(error).__name__})
        raise
    run.refresh_from_db()
    return run


def _fail(run: AnalysisRun, message: str) -> None:
    RunArtifact.objects.filter(run=run).delete()
    AnalysisRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, error=message, finished_at=clock.now())
