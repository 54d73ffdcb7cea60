"""Every error the API returns is JSON, in words a user understands, in one of two shapes.

* ``{"detail": "A sentence."}`` for 400 (body is not JSON), 401, 403, 404, 405 and 413;
* ``{"detail": [{"loc": ["body", "national_id"], "msg": "A sentence.", "type": "a_code"}, ...]}`` for 422, one
  item per problem. ``loc`` starts with where the value came from (``body``, ``query``, ``path``) and names the
  field, then the position inside lists (``["body", "languages", 0, "listening"]``). The same shape comes from the
  schema validation of django-ninja and from an :class:`~samspill.core.errors.ApplicationError` raised by a
  service, so a client handles both alike.

Messages are translated (``gettext``); the ``type`` codes are stable and meant for programs.
"""

import json
import re
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from samspill.core.errors import ApplicationError, NotFound, PermissionDenied

# The ``type`` of a field error that a service reported (services report messages, not codes).
SERVICE_ERROR_TYPE = "invalid"


class BodyNotJSON(ValueError):
    """The request body could not be read as JSON."""

    def __init__(self, error: ValueError):
        super().__init__(str(error))
        self.line = getattr(error, "lineno", None)
        self.column = getattr(error, "colno", None)


class JSONParser(Parser):
    """ninja's JSON parser, with a cause we can tell apart from other parse failures."""

    def parse_body(self, request: HttpRequest):
        try:
            return json.loads(request.body)
        except ValueError as error:  # JSONDecodeError and UnicodeDecodeError are both ValueErrors
            raise BodyNotJSON(error) from error


def not_found_message() -> str:
    """One message for what does not exist and for what the actor may not see."""
    return _("Not found.")


def unauthenticated_message() -> str:
    return _(
        "You are not signed in. Sign in, or send a personal access token in the Authorization header "
        "(Authorization: Bearer ssp_…)."
    )


# pydantic error type -> message. ``%(name)s`` takes a value from the error's context.
_PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "extra_forbidden": gettext_lazy("This field does not exist or cannot be set."),
    "string_type": gettext_lazy("Enter text."),
    "string_too_short": gettext_lazy("Enter at least %(min_length)s characters."),
    "string_too_long": gettext_lazy("Enter at most %(max_length)s characters."),
    "string_pattern_mismatch": gettext_lazy("This value does not have the expected form."),
    "int_type": gettext_lazy("Enter a whole number."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_from_float": gettext_lazy("Enter a whole number."),
    "float_type": gettext_lazy("Enter a number."),
    "float_parsing": gettext_lazy("Enter a number."),
    "decimal_type": gettext_lazy("Enter a number."),
    "decimal_parsing": gettext_lazy("Enter a number."),
    "greater_than_equal": gettext_lazy("Enter a value of at least %(ge)s."),
    "greater_than": gettext_lazy("Enter a value above %(gt)s."),
    "less_than_equal": gettext_lazy("Enter a value of at most %(le)s."),
    "less_than": gettext_lazy("Enter a value below %(lt)s."),
    "bool_type": gettext_lazy("Enter true or false."),
    "bool_parsing": gettext_lazy("Enter true or false."),
    "date_type": gettext_lazy("Enter a date as YYYY-MM-DD, for example 1991-03-14."),
    "date_parsing": gettext_lazy("Enter a date as YYYY-MM-DD, for example 1991-03-14."),
    "date_from_datetime_parsing": gettext_lazy("Enter a date as YYYY-MM-DD, for example 1991-03-14."),
    "date_from_datetime_inexact": gettext_lazy("Enter a date without a time, as YYYY-MM-DD."),
    "uuid_type": gettext_lazy("Enter an id (a UUID, for example 3f2b8c1e-5a47-4c1d-9d0e-2b6f7a8c9d10)."),
    "uuid_parsing": gettext_lazy("Enter an id (a UUID, for example 3f2b8c1e-5a47-4c1d-9d0e-2b6f7a8c9d10)."),
    "list_type": gettext_lazy("Send a list."),
    "dict_type": gettext_lazy("Send a JSON object."),
    "model_type": gettext_lazy("Send a JSON object."),
    "model_attributes_type": gettext_lazy("Send a JSON object."),
    "literal_error": gettext_lazy("Choose one of: %(expected)s."),
    "enum": gettext_lazy("Choose one of: %(expected)s."),
}
# Types raised by our own validators (PydanticCustomError): their message is already translated.
_OWN_TYPES = frozenset({"cefr_level"})


def pydantic_message(error: dict, loc: tuple) -> str:
    kind = error["type"]
    if kind in _OWN_TYPES:
        return error["msg"]
    if loc == ("body",) and kind == "missing":
        return _("The request body is empty. Send a JSON object.")
    if loc == ("body",) and kind in ("dict_type", "model_type", "model_attributes_type"):
        return _("The request body must be a JSON object, not a list or a single value.")
    template = _PYDANTIC_MESSAGES.get(kind)
    if template is None:
        return error["msg"]
    try:
        return str(template) % (error.get("ctx") or {})
    except (KeyError, TypeError, ValueError):
        return error["msg"]


_KEY_PART = re.compile(r"[^.\[\]]+")


def field_key_loc(key: str) -> list[str | int]:
    """A service's field key (``national_id``, ``languages[0].listening``, ``__all__``) as a ``loc`` in the body."""
    if key in ("", "__all__"):
        return ["body"]
    return ["body", *(int(part) if part.isdigit() else part for part in _KEY_PART.findall(key))]


def application_error_items(error: ApplicationError) -> list[dict[str, Any]]:
    if not error.field_errors:
        return [{"loc": ["body"], "msg": str(error.message), "type": SERVICE_ERROR_TYPE}]
    return [
        {"loc": field_key_loc(key), "msg": str(message), "type": SERVICE_ERROR_TYPE}
        for key, messages in error.field_errors.items()
        for message in messages
    ]


def _detail(api: NinjaAPI, request: HttpRequest, detail, status: int) -> HttpResponse:
    return api.create_response(request, {"detail": detail}, status=status)


def install_handlers(api: NinjaAPI) -> None:
    """Registers a JSON handler for every error a route can end in."""

    @api.exception_handler(ValidationError)
    def on_validation_error(request, exc: ValidationError):
        # SamspillAPI.validation_error_from_error_contexts already shaped and translated the items.
        return _detail(api, request, exc.errors, 422)

    @api.exception_handler(ApplicationError)
    def on_application_error(request, exc: ApplicationError):
        return _detail(api, request, application_error_items(exc), 422)

    @api.exception_handler(NotFound)
    def on_not_found(request, exc):
        return _detail(api, request, not_found_message(), 404)

    @api.exception_handler(Http404)
    def on_http404(request, exc):
        return _detail(api, request, not_found_message(), 404)

    @api.exception_handler(PermissionDenied)
    def on_permission_denied(request, exc: PermissionDenied):
        return _detail(api, request, str(exc) or _("You are not allowed to do this."), 403)

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request, exc):
        response = _detail(api, request, unauthenticated_message(), 401)
        response["WWW-Authenticate"] = 'Bearer realm="samspill"'
        return response

    @api.exception_handler(HttpError)
    def on_http_error(request, exc: HttpError):
        cause = exc.__cause__
        if isinstance(cause, BodyNotJSON):
            if cause.line is not None:
                message = _(
                    "The request body is not valid JSON (line %(line)s, column %(column)s). Check the quotes, "
                    "commas and brackets, and send it with Content-Type: application/json."
                ) % {"line": cause.line, "column": cause.column}
            else:
                message = _("The request body is not valid JSON: it is not UTF-8 text.")
            return _detail(api, request, message, 400)
        return _detail(api, request, str(exc), exc.status_code)
