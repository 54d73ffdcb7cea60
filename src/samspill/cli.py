"""The ``samspill`` console command: Django's management commands with Samspill's settings, plus ``samspill
sequences``, which works on files alone."""

import os
import sys

# Shown after Django's list of subcommands: ``sequences`` is not a management command (it must run without a
# database or settings), so Django does not know it.
_EXTRA_HELP = """
[samspill.analysis] (files only: no database or settings needed; 'samspill sequences --help')
    sequences
"""


def main(argv: list[str] | None = None) -> int | None:
    argv = list(sys.argv if argv is None else argv)
    # Before any Django import or settings: researchers run this on a laptop with a register extract and nothing
    # else, and a broken or missing platform configuration must not stop them.
    if argv[1:2] == ["sequences"]:
        from samspill.analysis.sequences.cli import main as sequences_main

        return sequences_main(argv[2:], prog="samspill sequences")
    if argv[1:3] == ["help", "sequences"]:
        from samspill.analysis.sequences.cli import main as sequences_main

        return sequences_main(["--help", *argv[3:]], prog="samspill sequences")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samspill.config.settings")
    from django.core.management import execute_from_command_line

    argv[0] = "samspill"
    execute_from_command_line(argv)
    if argv[1:] in ([], ["help"], ["--help"], ["-h"]):
        sys.stdout.write(_EXTRA_HELP)
    return None


if __name__ == "__main__":
    sys.exit(main())
