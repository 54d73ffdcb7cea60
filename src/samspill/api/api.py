"""The Samspill HTTP API (django-ninja): routes under /api/v1/, OpenAPI at /api/openapi.json, docs at /api/docs."""

import copy

from ninja import NinjaAPI
from ninja.errors import ValidationError

from samspill.api.auth import api_auth
from samspill.api.docs import SelfHostedSwagger
from samspill.api.errors import JSONParser, install_handlers, pydantic_message
from samspill.api.routers import (
    employers,
    events,
    indicators,
    matching,
    organisations,
    participants,
    pathways,
    programmes,
)

DESCRIPTION = """\
The HTTP API of Samspill, for integrations and the platform's own pages.

**Authentication.** Send a personal access token as `Authorization: Bearer ssp_…` (make one with
`samspill token create --username U --name N`), or use the session of a signed-in browser; a browser must send
its CSRF token in `X-CSRFToken` with POST and PATCH.

**Access.** Every route shows only what you may see: your caseload, yourself, or what a participant shared with
you by consent. An id you may not see gives the same 404 as one that does not exist. Each read of one person's
record is logged, and the person can see who read it.

**Errors** are JSON. `{"detail": "…"}` for 400, 401, 403, 404 and 413; for 422 a list naming each field:
`{"detail": [{"loc": ["body", "national_id"], "msg": "…", "type": "invalid"}]}`. Messages follow the
`Accept-Language` of the request.
"""


class SamspillAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Built once per address prefix: the routes do not change while the process runs."""
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        cache = self.__dict__.setdefault("_samspill_schema_cache", {})
        if path_prefix not in cache:
            cache[path_prefix] = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return copy.deepcopy(cache[path_prefix])

    def validation_error_from_error_contexts(self, error_contexts) -> ValidationError:
        """ninja's validation errors as our items: ``loc`` without the name of the Python parameter that holds
        the body, a translated ``msg``, and never the value that was sent (it may be personal data)."""
        items = []
        for context in error_contexts:
            model = context.model
            source = model.__ninja_param_source__
            flatten = model.__ninja_flatten_map_reverse__
            single_body = getattr(model, "__read_from_single_attr__", None)
            for error in context.pydantic_validation_error.errors(include_url=False):
                loc = tuple(flatten.get(error["loc"], error["loc"]))
                if single_body and loc[:1] == (single_body,):
                    loc = loc[1:]
                loc = (source, *loc)
                items.append({"loc": list(loc), "msg": pydantic_message(error, loc), "type": error["type"]})
        return ValidationError(items)


api = SamspillAPI(
    title="Samspill API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=SelfHostedSwagger(),
    auth=api_auth(),
    parser=JSONParser(),
)
install_handlers(api)
api.add_router("/v1/", participants.router)
api.add_router("/v1/", organisations.router)
api.add_router("/v1/", pathways.router)
api.add_router("/v1/", employers.router)
api.add_router("/v1/", programmes.router)
api.add_router("/v1/", indicators.router)
api.add_router("/v1/", events.router)
api.add_router("/v1/", matching.router)
