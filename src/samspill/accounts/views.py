from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samspill.access.selectors import actor_roles
from samspill.accounts.forms import LoginForm, PasswordChangeForm, TokenForm
from samspill.accounts.selectors import tokens_of_user, users_of_coordinator
from samspill.accounts.services import token_create, token_revoke, user_password_change, user_password_reset
from samspill.core.errors import ApplicationError, NotFound
from samspill.core.roles import Role
from samspill.web.forms import apply_errors


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request):
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user_password_change(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, _("Your password is changed."))
            return redirect("web:home")
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            _row, new_token = token_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            apply_errors(form, error)
        else:
            form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "tokens": tokens_of_user(actor=request.user), "new_token": new_token},
    )


@login_required
@require_POST
def token_revoke_view(request, token_id):
    try:
        token_revoke(actor=request.user, token_id=token_id)
    except NotFound as exc:
        raise Http404 from exc
    messages.success(request, _("The token is revoked and can no longer be used."))
    return redirect("accounts:tokens")


def _require_coordinator(request):
    if Role.COORDINATOR not in actor_roles(request.user):
        raise Http404


@login_required
def users(request):
    _require_coordinator(request)
    return render(request, "accounts/users.html", {"people": users_of_coordinator(actor=request.user)})


@login_required
@require_POST
def user_password_reset_view(request, user_id):
    _require_coordinator(request)
    try:
        temporary = user_password_reset(actor=request.user, user_id=user_id)
    except NotFound as exc:
        raise Http404 from exc
    return render(
        request,
        "accounts/password_reset_done.html",
        {"temporary_password": temporary, "people": users_of_coordinator(actor=request.user)},
    )
