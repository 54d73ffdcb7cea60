"""The researcher's pages. Thin: the gate finds the project, services do the work, and nothing here shows a
person — only disclosure-controlled tables, figures and the pseudonymised extract."""

import io

import pandas as pd
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samspill.accounts.selectors import organisations_list
from samspill.core.errors import ApplicationError, NotFound, PermissionDenied
from samspill.research import selectors, services
from samspill.research.forms import CohortForm, ContextTableForm, RunForm
from samspill.research.models import RunStatus
from samspill.web.forms import apply_errors

FIGURES = {"chronogram.png", "chronogram.svg", "chronogram_clusters.png", "chronogram_clusters.svg"}
TABLES = {"clusters", "states"}


def _project(request, project_id):
    try:
        return selectors.access_research_project(request.user, project_id)
    except NotFound as exc:
        raise Http404 from exc


def _run(project, run_id):
    try:
        return selectors.run_get(project=project, run_id=run_id)
    except NotFound as exc:
        raise Http404 from exc


@login_required
@require_GET
def projects(request):
    listed = selectors.research_projects_for_actor(request.user)
    return render(request, "research/projects.html", {"projects": listed})


def _run_form(project, data=None):
    return RunForm(data, cohorts=project.cohorts.all(), context_tables=project.context_tables.all())


@login_required
@require_GET
def project(request, project_id):
    project = _project(request, project_id)
    context = {
        "project": project,
        "cohorts": project.cohorts.all(),
        "context_tables": project.context_tables.all(),
        "runs": selectors.runs_of_project(project=project),
        "run_form": _run_form(project),
    }
    return render(request, "research/project.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def cohort_new(request, project_id):
    project = _project(request, project_id)
    form = CohortForm(request.POST or None, organisations=organisations_list(actor=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.cohort_create(
                actor=request.user,
                project=project,
                name=form.cleaned_data["name"],
                filters=form.filters(),
                months=form.cleaned_data["months"],
            )
        except ApplicationError as error:
            apply_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The cohort is saved."))
            return redirect("research:project", project_id=project.pk)
    return render(request, "research/cohort_form.html", {"project": project, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def context_new(request, project_id):
    project = _project(request, project_id)
    form = ContextTableForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.context_table_import(
                actor=request.user,
                project=project,
                name=form.cleaned_data["name"],
                content=form.cleaned_data["file"].read(),
            )
        except ApplicationError as error:
            apply_errors(form, error)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The context table is imported."))
            return redirect("research:project", project_id=project.pk)
    return render(request, "research/context_form.html", {"project": project, "form": form})


@login_required
@require_http_methods(["POST"])
def run_new(request, project_id):
    project = _project(request, project_id)
    form = _run_form(project, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            cohort = selectors.cohort_get(project=project, cohort_id=data["cohort"])
            table = (
                selectors.context_table_get(project=project, table_id=data["context_table"])
                if data["context_table"]
                else None
            )
            run = services.analysis_run_request(
                actor=request.user,
                project=project,
                cohort=cohort,
                context_table=table,
                parameters={"method": data["method"], "sm": data["sm"], "clusters": data["clusters"]},
            )
        except ApplicationError as error:
            apply_errors(form, error)
        except (NotFound, PermissionDenied) as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The analysis is queued."))
            return redirect("research:run_detail", project_id=project.pk, run_id=run.pk)
    context = {
        "project": project,
        "cohorts": project.cohorts.all(),
        "context_tables": project.context_tables.all(),
        "runs": selectors.runs_of_project(project=project),
        "run_form": form,
    }
    return render(request, "research/project.html", context, status=422)


def _run_context(project, run):
    return {"project": project, "run": run, "finished": run.status in (RunStatus.DONE, RunStatus.FAILED)}


@login_required
@require_GET
def run_detail(request, project_id, run_id):
    project = _project(request, project_id)
    return render(request, "research/run.html", _run_context(project, _run(project, run_id)))


@login_required
@require_GET
def run_status(request, project_id, run_id):
    """The progress part of the run page; htmx asks for it every two seconds until the run has finished."""
    project = _project(request, project_id)
    run = _run(project, run_id)
    response = render(request, "research/run_status.html", _run_context(project, run))
    if run.status == RunStatus.DONE:
        response["HX-Refresh"] = "true"  # the results replace the progress bar: load the whole page once
    return response


@login_required
@require_GET
def run_figure(request, project_id, run_id, name):
    project = _project(request, project_id)
    run = _run(project, run_id)
    if name not in FIGURES:
        raise Http404
    try:
        artifact = selectors.artifact_get(run=run, name=name)
    except NotFound as exc:
        raise Http404 from exc
    return HttpResponse(bytes(artifact.data), content_type=artifact.content_type)


def _table_frame(table: dict) -> pd.DataFrame:
    return pd.DataFrame(
        [row["cells"] for row in table["rows"]], index=[row["label"] for row in table["rows"]], columns=table["columns"]
    )


@login_required
@require_GET
def run_download(request, project_id, run_id, what):
    """Tables as CSV (hidden cells empty) and the pseudonymised extract as TraMineR-ready wide CSV, Parquet or
    Stata."""
    project = _project(request, project_id)
    run = _run(project, run_id)
    if run.status != RunStatus.DONE:
        raise Http404
    stem = f"samspill-{run.pk.hex[:8]}"
    if what.removesuffix(".csv") in TABLES and what.endswith(".csv"):
        body = _table_frame(run.results[what.removesuffix(".csv")]).to_csv().encode()
        return _attachment(body, "text/csv; charset=utf-8", f"{stem}-{what}")
    try:
        parquet = bytes(selectors.artifact_get(run=run, name="extract.parquet").data)
    except NotFound as exc:
        raise Http404 from exc
    frame = pd.read_parquet(io.BytesIO(parquet))
    if what == "sequences.csv":
        # TraMineR reads this with read.csv(); void months are empty and become NA (seqdef's right="DEL").
        return _attachment(frame.to_csv(index=False).encode(), "text/csv; charset=utf-8", f"{stem}-sequences.csv")
    if what == "sequences.parquet":
        return _attachment(parquet, "application/vnd.apache.parquet", f"{stem}-sequences.parquet")
    if what == "sequences.dta":
        buffer = io.BytesIO()
        months = [c for c in frame.columns if c.startswith("m") and c[1:].isdigit()]
        frame[months] = frame[months].fillna("")
        frame.to_stata(buffer, write_index=False, version=118)
        return _attachment(buffer.getvalue(), "application/x-stata-dta", f"{stem}-sequences.dta")
    raise Http404


def _attachment(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
