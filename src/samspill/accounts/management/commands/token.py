"""Personal access tokens for the API, from the command line.

samspill token create --username U --name N [--days 90]   prints the token once; only its digest is stored
samspill token list --username U                          the person's tokens, without the secret
samspill token revoke --username U (--id ID | --prefix ssp_XXXXXX)
"""

import uuid

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.accounts.selectors import tokens_of_user
from samspill.accounts.services import token_create, token_revoke
from samspill.core import clock
from samspill.core.errors import ApplicationError, NotFound


class Command(BaseCommand):
    help = "Create, list and revoke personal access tokens for the API (Authorization: Bearer ssp_…)."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True, metavar="{create,list,revoke}")

        create = commands.add_parser("create", help="Make a token and print it once.")
        create.add_argument("--username", required=True, help="Whose token: the API acts as this person.")
        create.add_argument("--name", required=True, help="What the token is for, e.g. the integration's name.")
        create.add_argument("--days", type=int, default=90, help="Days until the token expires (1–366, default 90).")

        listing = commands.add_parser("list", help="List a person's tokens (never the secret itself).")
        listing.add_argument("--username", required=True)

        revoke = commands.add_parser("revoke", help="Revoke a token at once.")
        revoke.add_argument("--username", required=True)
        which = revoke.add_mutually_exclusive_group(required=True)
        which.add_argument("--id", dest="token_id", help="The token's id, as `token list` shows it.")
        which.add_argument("--prefix", help="The token's first characters, as `token list` shows them.")

    def handle(self, *args, action, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None or not user.is_active:
            raise CommandError(_("There is no active user with the username “%(username)s”.") % {"username": username})
        return getattr(self, f"_{action}")(user, **options)

    def _create(self, user, *, name, days, **options):
        try:
            token, raw = token_create(actor=user, name=name, days_valid=days)
        except ApplicationError as error:
            raise CommandError(error.as_text()) from error
        self.stderr.write(
            _("Token “%(name)s” for %(username)s, valid until %(expires)s. It is shown only now: store it safely.")
            % {"name": token.name, "username": user.username, "expires": token.expires_at.date().isoformat()}
        )
        self.stdout.write(raw)

    def _list(self, user, **options):
        now = clock.now()
        tokens = list(tokens_of_user(actor=user))
        if not tokens:
            self.stdout.write(_("%(username)s has no tokens.") % {"username": user.username})
            return
        for token in tokens:
            if token.revoked_at:
                state = _("revoked %(date)s") % {"date": token.revoked_at.date().isoformat()}
            elif token.expires_at and token.expires_at <= now:
                state = _("expired %(date)s") % {"date": token.expires_at.date().isoformat()}
            elif token.expires_at:
                state = _("valid until %(date)s") % {"date": token.expires_at.date().isoformat()}
            else:
                state = _("valid, never expires")
            used = token.last_used_at.date().isoformat() if token.last_used_at else _("never used")
            self.stdout.write(f"{token.pk}  {token.prefix}…  {token.name}  {state}  ({used})")

    def _revoke(self, user, *, token_id, prefix, **options):
        if prefix:
            active = [
                t
                for t in tokens_of_user(actor=user)
                if t.revoked_at is None and (t.prefix.startswith(prefix) or prefix.startswith(t.prefix))
            ]
            if len(active) != 1:
                if active:
                    message = _("Several active tokens of %(username)s start with “%(prefix)s”: use --id.")
                else:
                    message = _("No active token of %(username)s starts with “%(prefix)s”.")
                raise CommandError(message % {"username": user.username, "prefix": prefix})
            token_id = active[0].pk
        try:
            token_revoke(actor=user, token_id=uuid.UUID(str(token_id)))
        except (NotFound, ValueError) as error:
            raise CommandError(
                _("%(username)s has no active token with this id.") % {"username": user.username}
            ) from error
        self.stdout.write(_("Revoked."))
