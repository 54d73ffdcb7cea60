"""``samspill demo``: migrate, build the synthetic demo ecosystem once, print the demo accounts and serve."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from samspill.demo.generator import (
    DEFAULT_PARTICIPANTS,
    DEFAULT_SEED,
    DEMO_ACCOUNTS,
    build,
    database_is_empty,
    demo_password,
    demo_present,
)

DEFAULT_ADDRESS = "127.0.0.1:8000"


def split_address(address: str) -> tuple[str, str]:
    """``"8000"``, ``"0.0.0.0:8000"`` or ``"[::1]:8000"`` → (host, port)."""
    host, _sep, port = address.rpartition(":") if not address.isdigit() else ("127.0.0.1", "", address)
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise CommandError(_("Give the address as PORT or HOST:PORT, for example 127.0.0.1:8000."))
    return host, port


def _samspill_command() -> list[str]:
    script = Path(sys.executable).with_name("samspill")
    return [str(script)] if script.exists() else [sys.executable, "-m", "samspill"]


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs plain strings, so these are translated when the parser is made
        return _(
            "Builds a synthetic demo ecosystem in the database that DATABASE_URL names (once), prints the demo "
            "accounts and serves Samspill."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help=_("Seed of the synthetic data (default 2026).")
        )
        parser.add_argument(
            "--participants",
            type=int,
            default=DEFAULT_PARTICIPANTS,
            help=_("Number of participants (default 520)."),
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help=_("Delete everything in the database and build the demo again."),
        )
        parser.add_argument(
            "--no-serve", action="store_true", help=_("Build the demo and print the accounts, do not serve.")
        )
        parser.add_argument(
            "--addr",
            default=DEFAULT_ADDRESS,
            help=_("Address to serve on, PORT or HOST:PORT (default 127.0.0.1:8000)."),
        )

    def handle(self, *args, seed, participants, reset, no_serve, addr, **options):
        host, port = split_address(addr)
        if participants < 1:
            raise CommandError(_("The demo needs at least one participant."))
        password = demo_password()
        if not password:
            raise CommandError(_("Set SAMSPILL_DEMO_PASSWORD: the demo accounts need a password."))
        self._make_sqlite_folder()

        self.stdout.write(_("Migrating the database…"))
        call_command("migrate", interactive=False, verbosity=0)
        if reset:
            self.stdout.write(_("Deleting everything in the database (--reset)…"))
            call_command("flush", interactive=False, verbosity=0)

        if demo_present():
            self.stdout.write(_("The database already holds the demo: nothing was added. Use --reset to rebuild it."))
        elif not database_is_empty():
            raise CommandError(
                _(
                    "The database holds data that is not the demo's. Point DATABASE_URL at an empty database, or "
                    "use --reset to delete everything in it first."
                )
            )
        else:
            self.stdout.write(
                _("Building the demo: %(participants)d participants, seed %(seed)d…")
                % {"participants": participants, "seed": seed}
            )
            summary = build(seed=seed, participants=participants, password=password)
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Built in %(seconds).1f s: %(organisations)d organisations, %(users)d users, "
                        "%(participants)d participants, %(consents)d consents."
                    )
                    % {
                        "seconds": summary.seconds,
                        "organisations": summary.organisations,
                        "users": summary.users,
                        "participants": summary.participants,
                        "consents": summary.consents,
                    }
                )
            )

        url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '0') else host}:{port}/"
        self._print_accounts(password)
        if no_serve:
            self.stdout.write(_("Run “samspill demo” to serve it on %(url)s.") % {"url": url})
            return
        self.stdout.write(_("Open %(url)s and sign in with one of these accounts.") % {"url": url})
        # Researchers' analyses are background jobs: a worker runs beside the server and stops with it.
        worker = subprocess.Popen([*_samspill_command(), "db_worker", "--no-reload"], env=os.environ.copy())
        try:
            call_command("runserver", f"{host}:{port}", use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=10)

    def _print_accounts(self, password: str) -> None:
        rows = [(str(account.role.label), account.username, password) for account in DEMO_ACCOUNTS]
        header = (
            pgettext("demo accounts table", "Role"),
            pgettext("demo accounts table", "Username"),
            pgettext("demo accounts table", "Password"),
        )
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(_("Demo accounts")))
        for row in [header, *rows]:
            self.stdout.write("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        self.stdout.write("")

    @staticmethod
    def _make_sqlite_folder() -> None:
        """SQLite makes the database file but not its folder (by default ./var/)."""
        if connection.vendor == "sqlite":
            name = str(settings.DATABASES["default"]["NAME"])
            if name and name != ":memory:" and not name.startswith("file:"):
                Path(name).parent.mkdir(parents=True, exist_ok=True)
