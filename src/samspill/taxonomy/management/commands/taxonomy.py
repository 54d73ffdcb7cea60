import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samspill.core.errors import ApplicationError
from samspill.taxonomy import services
from samspill.taxonomy.selectors import occupation_search, taxonomy_status


class Command(BaseCommand):
    help = (
        "Load official classifications and the job-exposure matrix from the publishers' files, show what is loaded, "
        "or try the occupation search. Each load checks the whole file first and writes it in one transaction; "
        "running it again with the same file changes nothing."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        esco = sub.add_parser("load-esco", help="ESCO occupations, skills, ISCO-08 groups and their relations.")
        esco.add_argument("--classification", required=True, help="ESCO CSV download for one language (ZIP).")
        esco.add_argument(
            "--relations", help="ESCO relations download (ZIP); not needed when the classification ZIP holds them."
        )
        esco.add_argument("--language", default="en", help="Language of the download, as ESCO names it (en, no, …).")
        for name, text in (
            ("load-styrk", "STYRK-08 from Statistics Norway's KLASS (JSON)."),
            ("load-sn2007", "SN2007 from Statistics Norway's KLASS (JSON)."),
            ("load-gazetteer", "NAV's job seekers by occupation (CSV): the job titles coded in STYRK-08."),
            ("load-municipalities", "Municipalities (GeoJSON): numbers, names and centroids."),
        ):
            sub.add_parser(name, help=text).add_argument("file")
        jem = sub.add_parser("load-jem", help="The JRC-Eurofound European Tasks Database (TSV).")
        jem.add_argument("file")
        jem.add_argument("--readme", help="The JRC's README with the citation line (default: README* beside FILE).")
        sub.add_parser("status", help="What is loaded.")
        search = sub.add_parser("search", help="Try the occupation search.")
        search.add_argument("query")
        search.add_argument("--language", default=None)
        search.add_argument("--limit", type=int, default=10)

    def handle(self, *args, action, **options):
        if action == "status":
            return self._status()
        if action == "search":
            return self._search(options)
        loaders = {
            "load-esco": lambda: services.taxonomy_load_esco(
                actor=None,
                classification_zip=options["classification"],
                relations_zip=options["relations"],
                language=options["language"],
            ),
            "load-styrk": lambda: services.taxonomy_load_styrk(actor=None, path=options["file"]),
            "load-sn2007": lambda: services.taxonomy_load_sn2007(actor=None, path=options["file"]),
            "load-gazetteer": lambda: services.taxonomy_load_gazetteer(actor=None, path=options["file"]),
            "load-jem": lambda: services.taxonomy_load_jem(actor=None, path=options["file"], readme=options["readme"]),
            "load-municipalities": lambda: services.taxonomy_load_municipalities(actor=None, path=options["file"]),
        }
        started = time.perf_counter()
        try:
            result = loaders[action]()
        except ApplicationError as error:
            raise CommandError(error.as_text()) from error
        seconds = time.perf_counter() - started
        for warning in result.warnings:
            self.stderr.write(warning)
        for table, counts in result.tables.items():
            self.stdout.write(
                _("%(table)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, %(deleted)d removed")
                % {"table": table, **vars(counts)}
            )
        if result.changed:
            self.stdout.write(_("Loaded %(file)s in %(seconds).1f s.") % {"file": result.file_name, "seconds": seconds})
        else:
            self.stdout.write(
                _("%(file)s is already loaded: nothing changed (%(seconds).1f s).")
                % {"file": result.file_name, "seconds": seconds}
            )

    def _status(self):
        status = taxonomy_status()
        for table, count in status["tables"].items():
            self.stdout.write(f"{table:<20} {count:>8}")
        for kind, load in status["latest"].items():
            self.stdout.write(
                _("latest %(kind)s load: %(file)s, %(at)s")
                % {"kind": kind, "file": load.file_name, "at": load.created_at.isoformat(timespec="seconds")}
            )
        self.stdout.write(
            _("search: %(search)s; ESCO languages: %(languages)s")
            % {"search": status["search"], "languages": ", ".join(status["esco_languages"]) or "—"}
        )
        self.stdout.write(f"embeddings: {status['embeddings']}")

    def _search(self, options):
        for match in occupation_search(options["query"], language=options["language"], limit=options["limit"]):
            codes = "/".join(code for code in (match.styrk_code or "-", match.esco_code) if code)
            self.stdout.write(f"{match.score:5.1f}  {codes:<14} {match.label}  [{match.source}: {match.matched}]")
