"""The API docs page at /api/docs: Swagger UI from the files django-ninja ships, served by us, under our CSP.

No CDN and no inline script: the page loads ``swagger-ui-bundle.js`` and our ``docs.js`` from /api/docs/assets/,
and passes the schema address and CSRF token in ``data-`` attributes. Without JavaScript the page lists the
operations, rendered on the server from the same OpenAPI schema.
"""

from pathlib import Path

import ninja
from django.http import FileResponse, HttpRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from ninja.openapi.docs import DocsBase

from samspill.api.errors import not_found_message

_NINJA_STATIC = Path(ninja.__file__).resolve().parent / "static" / "ninja"
_OWN_STATIC = Path(__file__).resolve().parent / "static" / "api"

# name -> (file, content type). Only these are served.
DOCS_ASSETS = {
    "swagger-ui-bundle.js": (_NINJA_STATIC / "swagger-ui-bundle.js", "text/javascript; charset=utf-8"),
    "swagger-ui.css": (_NINJA_STATIC / "swagger-ui.css", "text/css; charset=utf-8"),
    "favicon.png": (_NINJA_STATIC / "favicon.png", "image/png"),
    "docs.js": (_OWN_STATIC / "docs.js", "text/javascript; charset=utf-8"),
    "docs.css": (_OWN_STATIC / "docs.css", "text/css; charset=utf-8"),
}
_METHODS = ("get", "post", "put", "patch", "delete")


class SelfHostedSwagger(DocsBase):
    def render_page(self, request: HttpRequest, api, **kwargs):
        schema = api.get_openapi_schema(path_params=kwargs)
        operations = [
            {
                "method": method.upper(),
                "path": path,
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
            }
            for path, item in schema["paths"].items()
            for method in _METHODS
            if (operation := item.get(method))
        ]
        context = {
            "api": api,
            "openapi_url": self.get_openapi_url(api, kwargs),
            "operations": operations,
        }
        return render(request, "api/docs.html", context)


def docs_asset(request: HttpRequest, name: str):
    if request.method not in ("GET", "HEAD"):
        response = JsonResponse(
            {"detail": _("This method is not allowed here. Allowed: %(methods)s.") % {"methods": "GET, HEAD"}},
            status=405,
        )
        response["Allow"] = "GET, HEAD"
        return response
    entry = DOCS_ASSETS.get(name)
    if entry is None or not entry[0].is_file():
        return JsonResponse({"detail": not_found_message()}, status=404)
    path, content_type = entry
    response = FileResponse(path.open("rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"
    return response
