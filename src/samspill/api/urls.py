"""Mounted at /api/ by samspill.config.urls. Everything under /api/ answers in JSON, errors included."""

import functools

from django.http import Http404, JsonResponse
from django.urls import URLPattern, path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from samspill.api.api import api
from samspill.api.docs import docs_asset
from samspill.api.errors import not_found_message


def _json_errors(view):
    """ninja answers a wrong method with a plain-text 405, and its root view raises Http404 (an HTML page); we
    answer both in JSON like every other error."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return JsonResponse({"detail": not_found_message()}, status=404)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith("application/json"):
            allowed = response.get("Allow", "")
            replacement = JsonResponse(
                {"detail": _("This method is not allowed here. Allowed: %(methods)s.") % {"methods": allowed}},
                status=405,
            )
            replacement["Allow"] = allowed
            return replacement
        return response

    return wrapper


def _api_urls():
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _json_errors(pattern.callback)
    return patterns, app_name, namespace


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    return JsonResponse({"detail": not_found_message()}, status=404)


urlpatterns = [
    path("docs/assets/<str:name>", docs_asset, name="api-docs-asset"),
    path("", _api_urls()),
    re_path(r"", api_not_found, name="api-not-found"),
]
