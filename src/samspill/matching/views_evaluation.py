"""The evaluation of the job suggestions, shown to coordinators in a section of the indicators page (which loads it
with htmx, so the rest of the page does not wait) and on its own page without JavaScript. Thin: the numbers come
from ``matching.evaluation``; here they are only put into words."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from samspill.analysis.disclosure import THRESHOLD
from samspill.matching.evaluation import (
    BINS,
    CACHE_SECONDS,
    SKIP_OPPORTUNITY_LATER,
    SKIP_PARTICIPANT_LATER,
    UNKNOWN,
    matcher_evaluation_cached,
)

SKIP_LABELS = {
    SKIP_OPPORTUNITY_LATER: gettext_lazy("Left out: the opportunity was registered after the placement started"),
    SKIP_PARTICIPANT_LATER: gettext_lazy("Left out: the participant was registered after the placement started"),
}
# The engine's hard constraints, by the name that starts each failed check.
CONSTRAINT_LABELS = {
    "right to work": gettext_lazy("right to work"),
    "norwegian": gettext_lazy("Norwegian level"),
    "driving licence": gettext_lazy("driving licence"),
    "hours": gettext_lazy("working hours"),
    "distance": gettext_lazy("commuting distance"),
    "positions": gettext_lazy("free positions"),
}


def _number(value, decimals: int = 1) -> str:
    value = round(value, decimals)
    return number_format(value, decimal_pos=decimals if value != int(value) else 0)


def _percent(value) -> str:
    return "–" if value is None else _("%(percent)s %%") % {"percent": _number(value * 100)}


def _count(value) -> str:
    """A count as the page may show it: counts from 1 to 4 are not shown, nor those disclosure control hid (None)."""
    if value is None:
        return _("hidden")
    if 0 < value < THRESHOLD:
        return _("fewer than %(threshold)s") % {"threshold": THRESHOLD}
    return _number(value, 0)


def _share(count, total) -> str:
    if count is None or not total:
        return "–"
    return _percent(count / total)


def _quartiles(values) -> str:
    if values is None:
        return "–"
    q1, median, q3 = values
    return _("%(median)s (%(q1)s–%(q3)s)") % {
        "median": _number(median, 2),
        "q1": _number(q1, 2),
        "q3": _number(q3, 2),
    }


def _distribution_table(distribution, *, key, caption, unknown_label, empty_text) -> dict:
    rows = []
    for row in distribution.rows:
        if row.key == UNKNOWN:
            label = unknown_label
        else:
            last = row.upper == BINS[-1][1]
            template = _("%(lower)s to %(upper)s") if last else _("%(lower)s to under %(upper)s")
            label = template % {"lower": _number(row.lower, 2), "upper": _number(row.upper, 2)}
        rows.append(
            {
                "label": label,
                "suggestions": _count(row.suggestions),
                "suggestions_share": _share(row.suggestions, distribution.suggestions_total),
                "placements": _count(row.placements),
                "placements_share": _share(row.placements, distribution.placements_total),
            }
        )
    known = [row for row in distribution.rows if row.key != UNKNOWN]
    return {
        "key": key,
        "caption": caption,
        "empty_text": empty_text,
        "rows": rows,
        "suggestions_total": _count(distribution.suggestions_total),
        "placements_total": _count(distribution.placements_total),
        "suggestions_quartiles": _quartiles(distribution.suggestions_quartiles),
        "placements_quartiles": _quartiles(distribution.placements_quartiles),
        # Nothing known in either column (no job-exposure matrix loaded, say): no table, a sentence.
        "empty": all(row.suggestions == 0 and row.placements == 0 for row in known),
    }


def evaluation_context(result) -> dict:
    top = result.top
    summary = [
        (
            _("Placements evaluated"),
            _count(result.evaluated),
            _("of %(placements)s in your organisations") % {"placements": _number(result.placements, 0)},
        ),
    ]
    for reason, count in sorted(result.skipped.items()):
        summary.append((SKIP_LABELS.get(reason, reason), _count(count), ""))
    summary += [
        (
            _("The placement was among the top %(top)s suggestions") % {"top": top},
            _percent(result.hit_rate),
            _("equally scored opportunities share the places; in the order the suggestions page lists them: %(listed)s")
            % {"listed": _percent(result.hit_rate_as_listed)},
        ),
        (
            _("%(top)s opportunities drawn at random from those open") % {"top": top},
            _percent(result.baseline_random),
            _("the chance that the placement is among them"),
        ),
        (
            _("%(top)s drawn at random from those open that meet the requirements") % {"top": top},
            _percent(result.baseline_random_eligible),
            _("Norwegian level, hours, distance and the other hard constraints"),
        ),
        (
            _("Rank of the placed opportunity when among the top %(top)s (mean)") % {"top": top},
            "–" if result.mean_rank_of_hits is None else _number(result.mean_rank_of_hits),
            "",
        ),
        (
            _("Rank of the placed opportunity among the open ones that met the requirements (median)"),
            "–" if result.median_rank is None else _number(result.median_rank),
            "",
        ),
        (
            _("Opportunities open when the placement started (mean)"),
            "–" if result.mean_open is None else _number(result.mean_open, 0),
            _("of them meeting the requirements: %(eligible)s")
            % {"eligible": "–" if result.mean_eligible is None else _number(result.mean_eligible, 0)},
        ),
    ]
    reasons = ", ".join(
        f"{CONSTRAINT_LABELS.get(name, name)}: {_count(count)}" for name, count in result.excluded_by.items()
    )
    summary.append(
        (_("Placements the matcher would have left out (requirements not met)"), _count(result.excluded), reasons)
    )
    summary.append(
        (
            _("Profiles read as they were when the placement started"),
            _count(result.profiles_rebuilt),
            _("changed since; the change log tells what they were"),
        )
    )
    return {
        "evaluation": result,
        "top": top,
        "enough": result.evaluated >= THRESHOLD,
        "threshold": THRESHOLD,
        "summary": summary,
        "threshold_below": THRESHOLD - 1,
        "distributions": [
            _distribution_table(
                result.job_quality,
                key="job-quality",
                caption=_("Job quality of the top %(top)s suggestions and of the placements made") % {"top": top},
                unknown_label=_("Not assessed"),
                empty_text=_(
                    "Job quality cannot be compared: no job-exposure matrix is loaded, so no opportunity has been "
                    "assessed."
                ),
            ),
            _distribution_table(
                result.qualification,
                key="qualification",
                caption=_("Use of qualifications in the top %(top)s suggestions and in the placements made")
                % {"top": top},
                unknown_label=_("Education not known"),
                empty_text=_("The use of qualifications cannot be compared: no participant's education is known."),
            ),
        ],
        "computed_at": date_format(timezone.localtime(result.computed_at), "DATETIME_FORMAT"),
        "cache_minutes": CACHE_SECONDS // 60,
    }


@login_required
@require_GET
def evaluation(request):
    """The section for the indicators page (an htmx request), or a page of its own."""
    result = matcher_evaluation_cached(actor=request.user)
    if result is None:
        raise Http404
    template = "matching/_evaluation_section.html" if request.htmx else "matching/evaluation.html"
    return render(request, template, evaluation_context(result))
