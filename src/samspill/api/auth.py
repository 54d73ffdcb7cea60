"""Who is calling: a personal access token (integrations) or the browser session (with CSRF on unsafe methods).

The token is tried first. A request that sends an ``Authorization`` header is judged by that header alone: a wrong,
revoked or expired token is a 401 even when a session cookie comes along, so an integration never silently runs as
whoever is signed in in the same browser.
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from samspill.accounts.services import token_authenticate

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class PersonalAccessToken(HttpBearer):
    """``Authorization: Bearer ssp_…``: a personal access token made with ``samspill token create``."""

    openapi_bearerFormat = "ssp_…"
    openapi_description = (
        "A personal access token, sent as `Authorization: Bearer ssp_…`. Make one with "
        "`samspill token create --username U --name N`; it is shown once. Requests with a token need no CSRF token."
    )

    def __call__(self, request: HttpRequest):
        header = request.headers.get("Authorization")
        if not header:
            return None
        scheme, _sep, raw = header.strip().partition(" ")
        if scheme.lower() != "bearer":
            raise AuthenticationError()
        return self.authenticate(request, raw.strip())

    def authenticate(self, request: HttpRequest, token: str):
        user = token_authenticate(token)
        if user is None:
            raise AuthenticationError()
        request.user = user
        return user


class BrowserSession(APIKeyCookie):
    """The signed-in browser session. POST, PATCH and DELETE must carry the CSRF token (``X-CSRFToken``)."""

    param_name = settings.SESSION_COOKIE_NAME
    openapi_description = (
        "The session of a person signed in through the web pages. Unsafe methods (POST, PATCH, DELETE) must send "
        "the CSRF token in the `X-CSRFToken` header."
    )

    def __init__(self):
        super().__init__(csrf=False)  # checked below, and only for a signed-in session

    def __call__(self, request: HttpRequest):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        if request.method not in SAFE_METHODS and not getattr(request, "_ninja_csrf_exempt", False):
            if check_csrf(request) is not None:
                raise HttpError(
                    403,
                    _(
                        "The security check (CSRF) failed: send the CSRF token in the X-CSRFToken header. "
                        "Reload the page and try again."
                    ),
                )
        if getattr(user, "must_change_password", False):
            raise HttpError(403, _("Choose a new password before you continue."))
        return user

    def authenticate(self, request: HttpRequest, key):  # pragma: no cover - __call__ does the work
        return None


def api_auth() -> list:
    return [PersonalAccessToken(), BrowserSession()]
