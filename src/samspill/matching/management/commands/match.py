"""samspill match jobs|mentors|services --participant ID [--top 10] [--format json|text] [--as USERNAME]

The same suggestions as the participant's page, read through the same gate and logged as a read by the person
named with ``--as`` (or the ``SAMSPILL_USER`` environment variable): the command line gives no access of its own.
"""

import argparse
import json
import os

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samspill.access.selectors import access_participant_any_purpose
from samspill.accounts.selectors import user_get_by_username
from samspill.core.errors import NotFound
from samspill.core.roles import Purpose
from samspill.matching.selectors import suggestions_for

KIND_OF_COMMAND = {"jobs": "job", "mentors": "mentor", "services": "service"}
MAX_TOP = 50


def _top(value: str) -> int:
    try:
        top = int(value)
    except ValueError:
        top = 0
    if not 1 <= top <= MAX_TOP:
        raise argparse.ArgumentTypeError(_("--top must be a whole number from 1 to %(max)s.") % {"max": MAX_TOP})
    return top


class Command(BaseCommand):
    help = "Suggest opportunities, peer mentors or programmes for one participant, with the explanation."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=sorted(KIND_OF_COMMAND), help="What to suggest.")
        parser.add_argument("--participant", required=True, help="The participant's id.")
        parser.add_argument("--top", type=_top, default=10, help=f"How many suggestions (1 to {MAX_TOP}).")
        parser.add_argument("--format", choices=("json", "text"), default="text")
        parser.add_argument(
            "--as",
            dest="username",
            default=os.environ.get("SAMSPILL_USER", ""),
            help="The job specialist whose access the command uses and in whose name the read is logged "
            "(default: the SAMSPILL_USER environment variable).",
        )

    def handle(self, *args, what, participant, top, format, username, **options):
        if not username:
            raise CommandError(_("Say whose access to use: --as USERNAME, or set SAMSPILL_USER."))
        actor = user_get_by_username(username=username)
        try:
            if actor is None:
                raise NotFound()
            access = access_participant_any_purpose(actor, participant, purposes=(Purpose.CASE_MANAGEMENT,))
        except NotFound as exc:
            # The same answer for "no such participant" and "not yours to see", as everywhere.
            raise CommandError(
                _("No participant %(id)s that %(user)s follows up.") % {"id": participant, "user": username}
            ) from exc
        shown = suggestions_for(actor=actor, access=access, kind=KIND_OF_COMMAND[what], top=top)
        if format == "json":
            document = {
                "participant": str(access.participant.pk),
                "kind": KIND_OF_COMMAND[what],
                "suggestions": [item.as_dict() for item in shown],
            }
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            return
        if not shown:
            self.stdout.write(_("Nothing to suggest now."))
        for item in shown:
            self.stdout.write(f"{item.rank:>2}. {item.title} — {item.detail}  ({item.suggestion.score:.3f})")
            for label, value, note in item.contributions:
                self.stdout.write(f"      {label}: +{value:.3f}  {note}")
            if item.constraints:
                self.stdout.write("      " + _("Constraints passed:") + " " + "; ".join(item.constraints))
