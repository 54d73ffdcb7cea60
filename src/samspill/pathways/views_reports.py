"""Pages for the coordinators' indicators, the import of historical events and the agreement as PDF. Thin: the
gate decides who sees what, pathways.indicators, pathways.imports and pathways.documents do the work."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from samspill.access.selectors import PathwayLevel, access_pathway, actor_organisation_ids
from samspill.core import clock
from samspill.core.errors import NotFound
from samspill.core.roles import Role
from samspill.pathways.documents import agreement_pdf as render_agreement_pdf
from samspill.pathways.imports import MAX_FILE_BYTES, events_import_csv, may_import
from samspill.pathways.indicators import AT_MOST, CO_CREATION_KEYS, DEFINITIONS, FIDELITY_KEYS, indicators_for_actor
from samspill.pathways.stages import EventKind

# The participant and their case workers read the agreement; other team members (employer, mentor...) see it on
# the pathway pages but get no document to take away.
PDF_LEVELS = frozenset({PathwayLevel.CASE, PathwayLevel.SELF})


def _number(value, decimals=1) -> str:
    return number_format(round(value, decimals), decimal_pos=decimals if value != int(value) else 0)


def format_value(unit: str, value) -> str:
    """An indicator's value as a person reads it: a share as a percentage, days and counts as numbers."""
    if value is None:
        return "–"
    if unit == "share":
        return _("%(percent)s %%") % {"percent": _number(value * 100)}
    return _number(value, 2 if unit in ("per_week", "mean") else 1)


def format_target(definition) -> str:
    if definition.target is None:
        return ""
    target = format_value(definition.unit, definition.target)
    if definition.comparison == AT_MOST:
        return _("at most %(target)s") % {"target": target}
    return _("at least %(target)s") % {"target": target}


def _cells(indicators) -> list[dict]:
    return [
        {
            "key": indicator.key,
            "label": indicator.definition.label,
            "value": format_value(indicator.definition.unit, indicator.value),
            "target": format_target(indicator.definition),
            "met": indicator.met,
            "basis": indicator.basis,
        }
        for indicator in indicators
    ]


@login_required
@require_GET
def indicators(request):
    report = indicators_for_actor(actor=request.user, today=clock.today())
    if report is None:
        raise Http404
    context = {
        "report": report,
        "fidelity_labels": [DEFINITIONS[key].label for key in FIDELITY_KEYS],
        "fidelity_tables": [
            (_("Offices"), [(group, _cells(group.indicators)) for group in report.offices]),
            (_("Job specialists"), [(group, _cells(group.indicators)) for group in report.specialists]),
        ],
        "co_creation": _cells(report.co_creation),
        "co_creation_labels": [DEFINITIONS[key].label for key in CO_CREATION_KEYS],
        "pathways": [
            (
                row.pathway,
                [format_value(DEFINITIONS[key].unit, row.values[key]) for key in CO_CREATION_KEYS],
            )
            for row in report.pathways
        ],
        "definitions": [
            (DEFINITIONS[key], format_target(DEFINITIONS[key])) for key in (*FIDELITY_KEYS, *CO_CREATION_KEYS)
        ],
        # Coordinators also see how good the job suggestions have been (matching:evaluation, loaded with htmx).
        "matcher_evaluation": bool(actor_organisation_ids(request.user, Role.COORDINATOR)),
    }
    return render(request, "pathways/indicators.html", context)


class EventsImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("UTF-8, with a comma or semicolon between the columns; at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB: split it into smaller files."))
        return upload


@login_required
@require_http_methods(["GET", "POST"])
def events_import(request):
    if not may_import(request.user):
        raise Http404
    form = EventsImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = events_import_csv(actor=request.user, file=form.cleaned_data["file"])
        if result.ok:
            messages.success(
                request,
                _("%(events)s events imported for %(pathways)s pathways.")
                % {"events": result.imported, "pathways": result.pathways},
            )
            return redirect("pathways:events_import")
    context = {"form": form, "result": result, "kinds": EventKind.choices}
    return render(request, "pathways/events_import.html", context)


@login_required
@require_GET
def agreement_pdf(request, pathway_id):
    with transaction.atomic():  # no agreement yet: the 404 leaves no access-log row behind
        try:
            access = access_pathway(request.user, pathway_id, require=lambda a: a.level in PDF_LEVELS)
        except NotFound as exc:
            raise Http404 from exc
        version = access.pathway.agreement_versions.order_by("-number").first()
        if version is None:
            raise Http404
    document = render_agreement_pdf(version)
    response = HttpResponse(document.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["Cache-Control"] = "no-store"
    return response
