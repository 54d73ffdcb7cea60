from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samspill.accounts.selectors import organisation_get, user_get_by_username
from samspill.core.errors import ApplicationError, NotFound, as_uuid
from samspill.research.models import LegalBasis
from samspill.research.services import research_project_create


class Command(BaseCommand):
    help = "Add a research project at a research institution, with its legal basis and its researchers."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="Add a research project.")
        add.add_argument("title")
        add.add_argument(
            "--institution", required=True, help="The research institution's id (see 'organisation list')."
        )
        add.add_argument("--legal-basis", required=True, choices=LegalBasis.values)
        add.add_argument("--reference", default="", help="The decision behind an exemption: who, case number, date.")
        add.add_argument("--member", action="append", default=[], help="A researcher's username (repeat).")

    def handle(self, *args, action, **options):
        try:
            institution = organisation_get(organisation_id=as_uuid(options["institution"]))
        except NotFound:
            institution = None
        members = []
        for username in options["member"]:
            user = user_get_by_username(username=username)
            if user is None:
                raise CommandError(_("No user called %(name)s.") % {"name": username})
            members.append(user)
        try:
            project = research_project_create(
                actor=None,
                title=options["title"],
                institution=institution,
                legal_basis=options["legal_basis"],
                legal_basis_reference=options["reference"],
                members=members,
            )
        except ApplicationError as error:
            raise CommandError(error.as_text()) from error
        self.stdout.write(_("Added %(title)s (%(id)s).") % {"title": project.title, "id": project.pk})
