import getpass

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from samspill.accounts.selectors import organisation_get
from samspill.accounts.services import membership_add, user_create
from samspill.core.errors import ApplicationError
from samspill.core.roles import Role


class Command(BaseCommand):
    help = "Add a user with a role in an organisation. The password is asked for, or read from --password-file."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--organisation", required=True, help="The organisation's id (see `samspill organisation list`)."
        )
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument("--password-file", help="A file holding the first password; it must be changed at login.")

    def handle(self, *args, **options):
        organisation = organisation_get(organisation_id=options["organisation"])
        if organisation is None:
            raise CommandError(_("No organisation has this id. `samspill organisation list` shows them."))
        if options["password_file"]:
            with open(options["password_file"], encoding="utf-8") as handle:
                password = handle.read().strip()
        else:
            password = getpass.getpass(_("First password (the user must change it): "))
        try:
            with transaction.atomic():
                user = user_create(
                    actor=None,
                    username=options["username"],
                    password=password,
                    first_name=options["first_name"],
                    last_name=options["last_name"],
                    email=options["email"],
                    must_change_password=True,
                )
                membership_add(actor=None, user=user, organisation=organisation, role=Role(options["role"]))
        except ApplicationError as error:
            raise CommandError(error.as_text()) from error
        self.stdout.write(
            _("Added %(username)s as %(role)s in %(organisation)s.")
            % {"username": user.username, "role": Role(options["role"]).label, "organisation": organisation.name}
        )
