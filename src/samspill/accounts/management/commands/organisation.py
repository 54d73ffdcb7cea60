from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samspill.accounts.selectors import organisations_list
from samspill.accounts.services import organisation_create
from samspill.core.errors import ApplicationError
from samspill.core.roles import OrganisationKind


class Command(BaseCommand):
    help = "Add or list organisations (NAV offices, municipalities, employers, schools, …)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="Add an organisation.")
        add.add_argument("name")
        add.add_argument("--kind", required=True, choices=OrganisationKind.values)
        add.add_argument("--municipality", required=True, help="Four-digit municipality number, e.g. 3907.")
        add.add_argument("--organisation-number", default="")
        sub.add_parser("list", help="List organisations.")

    def handle(self, *args, action, **options):
        if action == "list":
            for organisation in organisations_list(actor=None):
                self.stdout.write(
                    f"{organisation.pk}  {organisation.kind:<22} {organisation.municipality_number}  {organisation}"
                )
            return
        try:
            organisation = organisation_create(
                actor=None,
                name=options["name"],
                kind=options["kind"],
                municipality_number=options["municipality"],
                organisation_number=options["organisation_number"],
            )
        except ApplicationError as error:
            raise CommandError(error.as_text()) from error
        self.stdout.write(_("Added %(name)s (%(id)s).") % {"name": organisation.name, "id": organisation.pk})
