"""Translations from day one: Norwegian bokmål complete, the participant's pages complete in Arabic, the catalogues
up to date with the code, and the compiled catalogues up to date with the sources."""

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "samspill"
LOCALE = PACKAGE / "locale"

# What a participant sees: their own pages, the forms and words on them, and the frame around them.
PARTICIPANT_PAGES = (
    "web/templates/web/",
    "people/templates/people/me.html",
    "people/templates/people/participant_detail.html",
    "people/templates/people/participant_form.html",
    "consent/templates/consent/",
    "audit/templates/audit/",
    "accounts/templates/accounts/login.html",
    "accounts/templates/accounts/password_change.html",
    "accounts/forms.py",
    "people/models.py",
    "people/forms.py",
    "people/validators.py",
    "consent/forms.py",
    "consent/views.py",
    "core/roles.py",
    "web/forms.py",
    # The pathway as the participant sees it: their pathways, the plan, the agreement, the stages.
    "pathways/templates/pathways/",
    "pathways/forms.py",
    "pathways/stages.py",
    "pathways/models.py",
    # Their mentors: the participant accepts, declines, ends and records sessions, and sees their network.
    "peers/",
)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{\{ ?(\w+) ?\}\}|%[sd]")


def _catalogue(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.po", "rb") as handle:
        return read_po(handle, locale=language)


def _messages(catalogue):
    return [m for m in catalogue if m.id and not m.context == "obsolete"]


def _is_translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return all(s.strip() for s in strings) and "fuzzy" not in message.flags


def _ids(message):
    return message.id if isinstance(message.id, tuple | list) else (message.id,)


def test_norwegian_is_complete():
    missing = [_ids(m)[0] for m in _messages(_catalogue("nb")) if not _is_translated(m)]
    assert not missing, f"{len(missing)} strings have no Norwegian translation, e.g. {missing[:10]}"


def test_arabic_covers_every_participant_page():
    missing = []
    for message in _messages(_catalogue("ar")):
        on_participant_page = any(path.startswith(PARTICIPANT_PAGES) for path, _line in message.locations)
        if on_participant_page and not _is_translated(message):
            missing.append((_ids(message)[0], message.locations[0][0]))
    assert not missing, f"{len(missing)} participant-page strings have no Arabic translation, e.g. {missing[:10]}"


@pytest.mark.parametrize("language", ["nb", "ar"])
def test_translations_keep_their_placeholders(language):
    wrong = []
    for message in _messages(_catalogue(language)):
        if not _is_translated(message):
            continue
        source = set(PLACEHOLDER.findall(" ".join(_ids(message))))
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        for string in strings:
            found = set(PLACEHOLDER.findall(string))
            # Plural forms may drop the count ("one participant"), never invent or rename a placeholder.
            if not found <= source or (len(strings) == 1 and found != source):
                wrong.append((_ids(message)[0], string))
    assert not wrong, wrong[:10]


@pytest.mark.parametrize("language", ["nb", "ar"])
def test_compiled_catalogues_match_their_sources(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for message in _messages(_catalogue(language)):
        if not _is_translated(message) or isinstance(message.id, tuple | list):
            continue
        found = compiled.pgettext(message.context, message.id) if message.context else compiled.gettext(message.id)
        if found != message.string:
            stale.append(message.id)
    assert not stale, f"run `make messages`: the .mo file is older than the .po file, e.g. {stale[:5]}"


def test_catalogues_list_every_string_in_the_code(tmp_path):
    """Extracts the strings again from a copy of the code and compares: a new string must be in the catalogue."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI") == "true":
            pytest.fail("GNU gettext (xgettext) is missing; `make test` installs it")
        pytest.skip("GNU gettext (xgettext) is not installed")
    copy = tmp_path / "samspill"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "samspill",
            "makemessages",
            "-l",
            "nb",
            "--no-obsolete",
            "--ignore",
            "testing/*",
            "--ignore",
            "*/tests/*",
            "--no-location",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    with open(copy / "locale" / "nb" / "LC_MESSAGES" / "django.po", "rb") as handle:
        extracted = {_ids(m)[0] for m in _messages(read_po(handle))}
    committed = {_ids(m)[0] for m in _messages(_catalogue("nb"))}
    new = sorted(extracted - committed)
    assert not new, f"run `make messages` and translate: {len(new)} new strings, e.g. {new[:10]}"
