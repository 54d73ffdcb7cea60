"""Reading and checking the publishers' files. Nothing here touches the database: each reader returns plain rows or
raises ``FileRejected``, which names the file and the line (or item) of each problem, so that the services can
write a file whole or not at all.

A reader goes through the whole file before it gives up, and reports up to ``MAX_PROBLEMS`` problems: whoever fixes
a file wants to see all that is wrong with it at once, not one line per attempt.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from samspill.core.errors import ApplicationError

MAX_PROBLEMS = 20
LABEL_LENGTH = 255  # models.LABEL_LENGTH; repeated here so that the readers need no models

ESCO_OCCUPATION_URI = "http://data.europa.eu/esco/occupation/"
ESCO_SKILL_URI = "http://data.europa.eu/esco/skill/"
RELATION_TYPES = ("essential", "optional")


class FileRejected(ApplicationError):
    """A file that cannot be loaded, with every problem found (up to ``MAX_PROBLEMS``)."""

    def __init__(self, file_name: str, problems: list[str], total: int | None = None):
        self.file_name = file_name
        self.problems = list(problems)
        total = total if total is not None else len(problems)
        header = ngettext(
            "%(file)s was not loaded (nothing was changed); %(count)d problem:",
            "%(file)s was not loaded (nothing was changed); %(count)d problems:",
            total,
        ) % {"file": file_name, "count": total}
        lines = [header, *(f"  {problem}" for problem in self.problems)]
        if total > len(self.problems):
            lines.append("  " + _("… and %(count)d more.") % {"count": total - len(self.problems)})
        super().__init__("\n".join(lines))


class _Problems:
    def __init__(self, file_name: str):
        self.file_name = file_name
        self.items: list[str] = []
        self.total = 0

    def add(self, where: str, message: str) -> None:
        self.total += 1
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(f"{where}: {message}")

    def fatal(self, where: str, message: str):
        self.add(where, message)
        return FileRejected(self.file_name, self.items, self.total)

    def raise_if_any(self) -> None:
        if self.total:
            raise FileRejected(self.file_name, self.items, self.total)


def _line(number: int) -> str:
    return _("line %(line)d") % {"line": number}


def _label_problem(value: str, column: str) -> str | None:
    if not value:
        return _("%(column)s is empty") % {"column": column}
    if len(value) > LABEL_LENGTH:
        return _("%(column)s is longer than %(max)d characters") % {"column": column, "max": LABEL_LENGTH}
    return None


def _labels_problem(preferred: str, alternatives: list[str]) -> str | None:
    """ESCO's preferredLabel and altLabels columns: the first problem, or None."""
    return _label_problem(preferred, "preferredLabel") or next(
        (p for p in (_label_problem(a, "altLabels") for a in alternatives) if p), None
    )


def _csv_rows(stream, *, where: str, required: tuple[str, ...], problems: _Problems, delimiter: str = ","):
    """Yields ``(line_number, {column: value})`` for each record; missing columns and undecodable text stop the
    file, a record with the wrong number of fields is a problem of its line."""
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        try:
            header = [name.strip() for name in next(reader)]
        except StopIteration:
            raise problems.fatal(where, _("the file is empty")) from None
        missing = [name for name in required if name not in header]
        if missing:
            raise problems.fatal(
                where,
                _("missing column(s) %(missing)s; the header has %(header)s")
                % {"missing": ", ".join(missing), "header": ", ".join(header) or "—"},
            )
        width = len(header)
        for row in reader:
            if not row or row == [""]:
                continue
            if len(row) != width:
                problems.add(
                    f"{where}, {_line(reader.line_num)}",
                    _("%(found)d fields where the header has %(expected)d") % {"found": len(row), "expected": width},
                )
                continue
            yield reader.line_num, dict(zip(header, row, strict=True))
    except UnicodeDecodeError as error:
        raise problems.fatal(where, _("the text is not UTF-8 (%(error)s)") % {"error": error}) from error
    except csv.Error as error:
        raise problems.fatal(f"{where}, {_line(reader.line_num)}", str(error)) from error


# ---------------------------------------------------------------------------------------------------------------
# ESCO


@dataclass
class EscoData:
    language: str
    occupations: list[dict] = field(default_factory=list)
    skills: list[dict] = field(default_factory=list)
    isco_groups: list[dict] = field(default_factory=list)
    relations: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@contextmanager
def _zip(path: Path, problems: _Problems) -> Iterator[zipfile.ZipFile]:
    try:
        with zipfile.ZipFile(path) as archive:
            yield archive
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise problems.fatal(
            Path(path).name, _("not a readable ZIP archive (%(error)s)") % {"error": error or type(error).__name__}
        ) from error


def _member(archive: zipfile.ZipFile, *names: str) -> str | None:
    """The archive's entry with one of these names, in any folder (some downloads nest the CSV files)."""
    by_name = {Path(entry).name: entry for entry in archive.namelist()}
    for name in names:
        if name in by_name:
            return by_name[name]
    return None


def _text(archive: zipfile.ZipFile, entry: str):
    return io.TextIOWrapper(archive.open(entry), encoding="utf-8-sig", newline="")


def _labels(value: str) -> list[str]:
    seen: dict[str, None] = {}
    for label in value.split("\n"):
        label = label.strip()
        if label:
            seen.setdefault(label, None)
    return list(seen)


def read_esco(classification_zip: Path, relations_zip: Path | None, language: str) -> EscoData:
    """ESCO's CSV download for one language (``occupations_<language>.csv``, ``skills_<language>.csv``,
    ``ISCOGroups_<language>.csv``) and its ``occupationSkillRelations.csv``, which may be in the same archive."""
    data = EscoData(language=language)
    problems = _Problems(Path(classification_zip).name)
    with _zip(classification_zip, problems) as archive:
        entries = {}
        for kind in ("occupations", "skills", "ISCOGroups"):
            entries[kind] = _member(archive, f"{kind}_{language}.csv")
            if entries[kind] is None:
                found = sorted(
                    {
                        m.group(1)
                        for m in (re.match(r"occupations_(\w+)\.csv$", Path(e).name) for e in archive.namelist())
                        if m
                    }
                )
                raise problems.fatal(
                    Path(classification_zip).name,
                    _("there is no %(file)s in the archive (languages in it: %(languages)s)")
                    % {"file": f"{kind}_{language}.csv", "languages": ", ".join(found) or "—"},
                )
        with _text(archive, entries["ISCOGroups"]) as stream:
            data.isco_groups = _esco_isco(stream, f"ISCOGroups_{language}.csv", problems)
        isco_units = {group["code"] for group in data.isco_groups if len(group["code"]) == 4}
        with _text(archive, entries["occupations"]) as stream:
            data.occupations = _esco_occupations(stream, f"occupations_{language}.csv", isco_units, problems)
        with _text(archive, entries["skills"]) as stream:
            data.skills = _esco_skills(stream, f"skills_{language}.csv", problems)
        inside = _member(archive, "occupationSkillRelations.csv", f"occupationSkillRelations_{language}.csv")
        if relations_zip is None and inside is not None:
            with _text(archive, inside) as stream:
                data.relations = _esco_relations(stream, "occupationSkillRelations.csv", data, problems)
    if relations_zip is not None:
        problems.raise_if_any()  # the classification first: relations are checked against it
        problems = _Problems(Path(relations_zip).name)
        with _zip(relations_zip, problems) as archive:
            entry = _member(archive, "occupationSkillRelations.csv", f"occupationSkillRelations_{language}.csv")
            if entry is None:
                raise problems.fatal(
                    Path(relations_zip).name, _("there is no occupationSkillRelations.csv in the archive")
                )
            with _text(archive, entry) as stream:
                data.relations = _esco_relations(stream, "occupationSkillRelations.csv", data, problems)
    elif inside is None:
        raise problems.fatal(
            Path(classification_zip).name,
            _("there is no occupationSkillRelations.csv in the archive: give the relations archive too"),
        )
    problems.raise_if_any()
    return data


def _esco_isco(stream, where: str, problems: _Problems) -> list[dict]:
    groups: dict[str, dict] = {}
    lines: dict[str, int] = {}
    for line, row in _csv_rows(stream, where=where, required=("code", "preferredLabel"), problems=problems):
        at = f"{where}, {_line(line)}"
        code, label = row["code"].strip(), row["preferredLabel"].strip()
        if not re.fullmatch(r"\d{1,4}", code):
            problems.add(at, _("code %(code)r is not an ISCO-08 code (1 to 4 digits)") % {"code": code})
            continue
        if code in groups:
            problems.add(
                at, _("code %(code)s appears twice (first on line %(first)d)") % {"code": code, "first": lines[code]}
            )
            continue
        if problem := _label_problem(label, "preferredLabel"):
            problems.add(at, problem)
            continue
        groups[code] = {"code": code, "parent_code": code[:-1], "label": label}
        lines[code] = line
    for code, group in groups.items():
        if group["parent_code"] and group["parent_code"] not in groups:
            problems.add(
                f"{where}, {_line(lines[code])}",
                _("the parent group %(parent)s of %(code)s is missing")
                % {"parent": group["parent_code"], "code": code},
            )
    return list(groups.values())


def _esco_occupations(stream, where: str, isco_units: set[str], problems: _Problems) -> list[dict]:
    rows: dict[str, dict] = {}
    lines: dict[str, int] = {}
    required = ("conceptUri", "iscoGroup", "preferredLabel", "altLabels")
    for line, row in _csv_rows(stream, where=where, required=required, problems=problems):
        at = f"{where}, {_line(line)}"
        uri = row["conceptUri"].strip()
        isco = row["iscoGroup"].strip()
        code = row.get("code", "").strip()
        label = row["preferredLabel"].strip()
        if not uri.startswith(ESCO_OCCUPATION_URI) or len(uri) > LABEL_LENGTH:
            problems.add(at, _("conceptUri %(uri)r is not an ESCO occupation") % {"uri": uri})
            continue
        if uri in rows:
            problems.add(at, _("%(uri)s appears twice (first on line %(first)d)") % {"uri": uri, "first": lines[uri]})
            continue
        if isco not in isco_units:
            problems.add(at, _("iscoGroup %(code)r is not an ISCO-08 unit group of the file") % {"code": isco})
            continue
        if code and not (re.fullmatch(r"\d{4}(\.\d+)+", code) and code.startswith(isco + ".")):
            problems.add(
                at, _("code %(code)r is not an ESCO code under ISCO-08 group %(isco)s") % {"code": code, "isco": isco}
            )
            continue
        alt_labels = _labels(row["altLabels"])
        problem = _labels_problem(label, alt_labels)
        if problem:
            problems.add(at, problem)
            continue
        rows[uri] = {
            "uri": uri,
            "code": code,
            "isco_code": isco,
            "preferred_label": label,
            "alt_labels": alt_labels,
            "description": row.get("description", "").strip(),
        }
        lines[uri] = line
    return list(rows.values())


def _esco_skills(stream, where: str, problems: _Problems) -> list[dict]:
    rows: dict[str, dict] = {}
    lines: dict[str, int] = {}
    required = ("conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels")
    for line, row in _csv_rows(stream, where=where, required=required, problems=problems):
        at = f"{where}, {_line(line)}"
        uri = row["conceptUri"].strip()
        label = row["preferredLabel"].strip()
        skill_type, reuse_level = row["skillType"].strip(), row["reuseLevel"].strip()
        if not uri.startswith(ESCO_SKILL_URI) or len(uri) > LABEL_LENGTH:
            problems.add(at, _("conceptUri %(uri)r is not an ESCO skill") % {"uri": uri})
            continue
        if uri in rows:
            problems.add(at, _("%(uri)s appears twice (first on line %(first)d)") % {"uri": uri, "first": lines[uri]})
            continue
        if len(skill_type) > 32 or len(reuse_level) > 32:
            problems.add(at, _("skillType or reuseLevel is longer than 32 characters"))
            continue
        alt_labels = _labels(row["altLabels"])
        problem = _labels_problem(label, alt_labels)
        if problem:
            problems.add(at, problem)
            continue
        rows[uri] = {
            "uri": uri,
            "preferred_label": label,
            "alt_labels": alt_labels,
            "skill_type": skill_type,
            "reuse_level": reuse_level,
            "description": row.get("description", "").strip(),
        }
        lines[uri] = line
    return list(rows.values())


def _esco_relations(stream, where: str, data: EscoData, problems: _Problems) -> list[dict]:
    occupations = {row["uri"] for row in data.occupations}
    skills = {row["uri"] for row in data.skills}
    seen: dict[tuple[str, str], int] = {}
    dangling: Counter[str] = Counter()
    relations = []
    required = ("occupationUri", "relationType", "skillType", "skillUri")
    for line, row in _csv_rows(stream, where=where, required=required, problems=problems):
        at = f"{where}, {_line(line)}"
        occupation, skill = row["occupationUri"].strip(), row["skillUri"].strip()
        relation_type, skill_type = row["relationType"].strip(), row["skillType"].strip()
        if not occupation.startswith(ESCO_OCCUPATION_URI) or len(occupation) > LABEL_LENGTH:
            problems.add(at, _("occupationUri %(uri)r is not an ESCO occupation") % {"uri": occupation})
            continue
        if not skill.startswith(ESCO_SKILL_URI) or len(skill) > LABEL_LENGTH:
            problems.add(at, _("skillUri %(uri)r is not an ESCO skill") % {"uri": skill})
            continue
        if occupation not in occupations or skill not in skills:
            # ESCO v1.1.1 itself has 67 relations of an occupation that its classification no longer lists: they are
            # kept as published (nothing finds them), and reported.
            dangling[occupation if occupation not in occupations else skill] += 1
        if relation_type not in RELATION_TYPES:
            problems.add(at, _("relationType %(value)r is neither essential nor optional") % {"value": relation_type})
            continue
        if len(skill_type) > 32:
            problems.add(at, _("skillType is longer than 32 characters"))
            continue
        key = (occupation, skill)
        if key in seen:
            problems.add(
                at, _("the same occupation and skill appear twice (first on line %(first)d)") % {"first": seen[key]}
            )
            continue
        seen[key] = line
        relations.append(
            {"occupation_uri": occupation, "skill_uri": skill, "relation_type": relation_type, "skill_type": skill_type}
        )
    for uri, count in sorted(dangling.items()):
        data.warnings.append(
            ngettext(
                "%(file)s: %(count)d relation names %(uri)s, which the classification does not list; kept.",
                "%(file)s: %(count)d relations name %(uri)s, which the classification does not list; kept.",
                count,
            )
            % {"file": where, "count": count, "uri": uri}
        )
    return relations


# ---------------------------------------------------------------------------------------------------------------
# Statistics Norway's KLASS JSON (STYRK-08, SN2007)


@dataclass
class ClassificationData:
    name: str
    valid_from: str
    items: list[dict]


def _styrk_shape(level: int, code: str) -> str | None:
    """The parent code an item of this level and code must have, or None when the code has the wrong form."""
    if not 1 <= level <= 4 or not re.fullmatch(rf"\d{{{level}}}", code):
        return None
    return code[:-1]


_SN2007_FORMS = {1: r"[A-U]", 2: r"\d\d", 3: r"\d\d\.\d", 4: r"\d\d\.\d\d", 5: r"\d\d\.\d\d\d"}


def _sn2007_shape(level: int, code: str) -> str | None:
    form = _SN2007_FORMS.get(level)
    if form is None or not re.fullmatch(form, code):
        return None
    if level == 1:
        return ""
    if level == 2:
        return "?"  # a section letter, which the code does not show
    return code[: {3: 2, 4: 4, 5: 5}[level]]


SCHEMES = {
    "styrk": (_styrk_shape, 4, "STYRK-08"),
    "sn2007": (_sn2007_shape, 5, "SN2007"),
}


def read_klass(path: Path, scheme: str) -> ClassificationData:
    """A classification as Statistics Norway's KLASS gives it: an object whose ``items`` (or ``codes`` or
    ``classificationItems``) list has ``code``, ``parentCode``, ``level`` and ``name``."""
    shape, max_level, scheme_name = SCHEMES[scheme]
    name = Path(path).name
    problems = _Problems(name)
    try:
        document = json.loads(Path(path).read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise problems.fatal(name, _("the text is not UTF-8 (%(error)s)") % {"error": error}) from error
    except json.JSONDecodeError as error:
        raise problems.fatal(
            f"{name}, {_line(error.lineno)}",
            _("not valid JSON: %(error)s (column %(column)d)") % {"error": error.msg, "column": error.colno},
        ) from error
    except OSError as error:
        raise problems.fatal(name, str(error)) from error
    items = document
    if isinstance(document, dict):
        items = next((document[key] for key in ("items", "codes", "classificationItems") if key in document), None)
    if not isinstance(items, list) or not items:
        raise problems.fatal(
            name,
            _('expected a JSON object with a non-empty list of items ("items", as KLASS gives), found %(found)s')
            % {"found": type(items).__name__ if items is not None else _("no such list")},
        )
    rows: dict[str, dict] = {}
    where_of: dict[str, str] = {}
    for number, item in enumerate(items, start=1):
        at = _("item %(number)d") % {"number": number}
        if not isinstance(item, dict):
            problems.add(at, _("not an object"))
            continue
        code = str(item.get("code") or "").strip()
        at = f"{at} ({code})" if code else at
        try:
            level = int(item.get("level"))
        except (TypeError, ValueError):
            problems.add(at, _("level %(level)r is not a number") % {"level": item.get("level")})
            continue
        parent_code = str(item.get("parentCode") or "").strip()
        label = str(item.get("name") or "").strip()
        expected_parent = shape(level, code)
        if expected_parent is None or level > max_level:
            problems.add(
                at,
                _("code %(code)r is not a %(scheme)s code of level %(level)d")
                % {"code": code, "scheme": scheme_name, "level": level},
            )
            continue
        if expected_parent != "?" and parent_code != expected_parent:
            problems.add(
                at,
                _("parentCode %(parent)r should be %(expected)r")
                % {"parent": parent_code, "expected": expected_parent},
            )
            continue
        if code in rows:
            problems.add(
                at, _("code %(code)s appears twice (first at %(first)s)") % {"code": code, "first": where_of[code]}
            )
            continue
        if problem := _label_problem(label, "name"):
            problems.add(at, problem)
            continue
        rows[code] = {"code": code, "parent_code": parent_code, "level": level, "name": label}
        where_of[code] = at
    for code, row in rows.items():
        parent = rows.get(row["parent_code"])
        if row["parent_code"] and (parent is None or parent["level"] != row["level"] - 1):
            problems.add(
                where_of[code],
                _("the parent %(parent)s is not an item of level %(level)d in the file")
                % {"parent": row["parent_code"], "level": row["level"] - 1},
            )
    problems.raise_if_any()
    meta = document if isinstance(document, dict) else {}
    return ClassificationData(
        name=str(meta.get("name") or scheme_name),
        valid_from=str(meta.get("validFrom") or ""),
        items=list(rows.values()),
    )


# ---------------------------------------------------------------------------------------------------------------
# NAV's job titles


# STYRK-08's "unknown or unidentifiable occupation": titles under it say nothing about an occupation.
UNKNOWN_STYRK = "0000"
NAV_GAZETTEER_SOURCE = "nav"


def split_titles(value: str) -> list[str]:
    """NAV lists a code's titles in one field, separated by commas; a title may itself hold a comma ("Leder innen
    skogbruk, gartnerier mv.", "Avdelingsingeniør, sivil (maskin- og marinteknikk)"), so a piece that starts in lower
    case, or that closes a parenthesis the title before it left open, belongs to that title. The file has an
    unclosed parenthesis or two, so an open one alone does not swallow the titles after it."""
    titles: list[str] = []
    for piece in value.split(","):
        text = piece.strip()
        if not text:
            continue
        closes = titles and titles[-1].count("(") > titles[-1].count(")") and ")" in text.split("(")[0]
        if titles and (text[0].islower() or closes):
            titles[-1] = f"{titles[-1]}, {text}"
        else:
            titles.append(text)
    return titles


def read_nav_gazetteer(path: Path) -> list[dict]:
    """NAV's job seekers by occupation (``;``-separated, UTF-8 with BOM): the titles (``yrkesbetegnelse``) of the rows
    coded in STYRK-08 (``isco_versjon`` ISCO-08, from 2012), one row per code and title."""
    name = Path(path).name
    problems = _Problems(name)
    titles: dict[tuple[str, str], None] = {}
    try:
        stream = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed below)
    except OSError as error:
        raise problems.fatal(name, str(error)) from error
    with stream:
        required = ("yrkeskode", "yrkesbetegnelse", "isco_versjon")
        for line, row in _csv_rows(stream, where=name, required=required, problems=problems, delimiter=";"):
            if row["isco_versjon"].strip() != "ISCO-08":
                continue
            code = row["yrkeskode"].strip()
            if not re.fullmatch(r"\d{4}", code):
                problems.add(
                    f"{name}, {_line(line)}", _("yrkeskode %(code)r is not a four-digit STYRK-08 code") % {"code": code}
                )
                continue
            if code == UNKNOWN_STYRK:
                continue
            for title in split_titles(row["yrkesbetegnelse"]):
                if title == "*":  # NAV's mark for "no titles listed"
                    continue
                if problem := _label_problem(title, "yrkesbetegnelse"):
                    problems.add(f"{name}, {_line(line)}", problem)
                    continue
                titles.setdefault((code, title), None)
    problems.raise_if_any()
    if not titles:
        raise problems.fatal(name, _("no row is coded in STYRK-08 (isco_versjon ISCO-08)"))
    return [{"styrk_code": code, "title": title, "source": NAV_GAZETTEER_SOURCE} for code, title in titles]


# ---------------------------------------------------------------------------------------------------------------
# Job-exposure matrix: the JRC–Eurofound European Tasks Database


JRC_SOURCE = "Source: European Tasks database, JRC-Eurofound 2021"

# The indices of the European Tasks Database (Bisello, Fana, Fernández-Macías and Torrejón Pérez 2021), in the
# words of its framework: what people do at work (content), how (organisation) and with what (tools). All are 0–1.
# Stored in English with the matrix and translated when shown (selectors.job_quality).
JRC_INDICATORS = {
    "physical": gettext_noop("Physical tasks: strength, dexterity and navigation together"),
    "strength": gettext_noop("Strength: lifting people or heavy loads, tiring or painful positions"),
    "dexterity": gettext_noop("Dexterity: precise or repetitive movements of the hands and fingers"),
    "navigation": gettext_noop("Navigation: moving around in unstructured spaces, such as driving or working at sites"),
    "intellectual": gettext_noop("Intellectual tasks: processing information and solving problems"),
    "inforproc": gettext_noop("Information processing: literacy and numeracy"),
    "uncodified": gettext_noop("Processing uncodified information"),
    "codified": gettext_noop("Processing codified information"),
    "literacy": gettext_noop("Literacy: reading and writing"),
    "business": gettext_noop("Business literacy: forms, invoices, reports"),
    "technical": gettext_noop("Technical literacy: manuals and technical documents"),
    "humanities": gettext_noop("Humanities literacy: books, articles, longer texts"),
    "numeracy": gettext_noop("Numeracy: calculations"),
    "accounting": gettext_noop("Accounting numeracy: simple calculations"),
    "analytic": gettext_noop("Analytic numeracy: advanced mathematics or statistics"),
    "probsolving": gettext_noop("Problem solving"),
    "evaluation": gettext_noop("Gathering and evaluating information"),
    "infogath": gettext_noop("Gathering information"),
    "conceptualisation": gettext_noop("Conceptualising, learning and abstracting"),
    "resolution": gettext_noop("Solving unforeseen problems"),
    "creativity": gettext_noop("Creativity: new ideas, products or methods"),
    "planning": gettext_noop("Planning one's own and others' work"),
    "social": gettext_noop("Social tasks: serving, teaching, selling, managing and caring"),
    "serving": gettext_noop("Serving and attending to customers or the public"),
    "teaching": gettext_noop("Teaching, training and coaching"),
    "selling": gettext_noop("Selling, persuading and influencing"),
    "managing": gettext_noop("Managing and coordinating others"),
    "caring": gettext_noop("Caring for others' welfare"),
    "autonomy": gettext_noop("Autonomy: say over the order, methods and pace of one's work"),
    "latitude": gettext_noop("Latitude: choosing the order, methods and speed of the work"),
    "control": gettext_noop("Control: freedom from direct control by others (higher means less controlled)"),
    "team": gettext_noop("Teamwork"),
    "routine": gettext_noop("Routine: repetitive and standardised work"),
    "repetitiv": gettext_noop("Repetitiveness: short, repeated tasks"),
    "standard": gettext_noop("Standardisation: precise quality standards and procedures"),
    "certainty": gettext_noop("Certainty: the work seldom meets new or unforeseen situations"),
    "machines": gettext_noop("Use of machinery"),
    "ICT": gettext_noop("Use of computers and other ICT"),
    "ICTbasic": gettext_noop("Basic ICT: office software, e-mail, the internet"),
    "ICTadvanced": gettext_noop("Advanced ICT: programming, specialised software"),
}


@dataclass
class MatrixData:
    name: str
    title: str
    source: str
    version: str
    keys: str
    indicators: list[dict]
    values: list[dict]


def _division(value: str) -> str | None:
    """ "1. Crop and animal production…" or "01" → "01"; the JRC labels a division by its number and name."""
    match = re.match(r"\s*(\d{1,2})(?:\.|\s|$)", value)
    return match.group(1).zfill(2) if match else None


def weighted_tertiles(pairs: list[tuple[float, float]]) -> list[float]:
    """The values below which one and two thirds of the weight lie (unweighted when no weight is known)."""
    pairs = sorted(pairs)
    total = sum(weight for _value, weight in pairs)
    cuts, cumulative, result = [total / 3, 2 * total / 3], 0.0, []
    for value, weight in pairs:
        cumulative += weight
        while cuts and cumulative >= cuts[0] - 1e-12:
            result.append(round(value, 6))
            cuts.pop(0)
    return result + [round(pairs[-1][0], 6)] * len(cuts) if pairs else []


def read_jrc_tasks(path: Path, *, readme: Path | None = None) -> MatrixData:
    """The European Tasks Database at ISCO-08 2-digit × NACE 2-digit: tab-separated, columns ``nace``, ``isco``,
    one per index and ``pop`` (employment). Blank cells are values the publisher suppressed."""
    name = Path(path).name
    problems = _Problems(name)
    try:
        stream = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed below)
    except OSError as error:
        raise problems.fatal(name, str(error)) from error
    indicators: list[str] = []
    values: list[dict] = []
    jobs: dict[tuple[str, str], int] = {}
    with stream:
        for line, row in _csv_rows(
            stream, where=name, required=("nace", "isco", "pop"), problems=problems, delimiter="\t"
        ):
            if not indicators:
                indicators = [column for column in row if column not in ("nace", "isco", "pop")]
                if not indicators:
                    raise problems.fatal(name, _("the file has no indicator columns"))
            at = f"{name}, {_line(line)}"
            occupation, industry = _division(row["isco"]), _division(row["nace"])
            if occupation is None or industry is None:
                problems.add(
                    at,
                    _("isco %(isco)r or nace %(nace)r does not start with a two-digit code")
                    % {"isco": row["isco"], "nace": row["nace"]},
                )
                continue
            if (occupation, industry) in jobs:
                problems.add(
                    at,
                    _("ISCO %(isco)s in NACE %(nace)s appears twice (first on line %(first)d)")
                    % {"isco": occupation, "nace": industry, "first": jobs[(occupation, industry)]},
                )
                continue
            jobs[(occupation, industry)] = line
            weight = _number(row["pop"], "pop", at, problems, upper=None)
            if weight is False:
                continue
            parsed = {}
            for indicator in indicators:
                value = _number(row[indicator], indicator, at, problems, upper=1.0)
                if value is False:
                    break
                parsed[indicator] = value
            else:
                values.extend(
                    {
                        "occupation_key": occupation,
                        "industry_key": industry,
                        "indicator": indicator,
                        "value": value,
                        "weight": weight,
                    }
                    for indicator, value in parsed.items()
                )
    problems.raise_if_any()
    if not values:
        raise problems.fatal(name, _("the file has no rows"))
    described = []
    for indicator in indicators:
        pairs = [
            (v["value"], v["weight"] or 0.0) for v in values if v["indicator"] == indicator and v["value"] is not None
        ]
        if pairs and not any(weight for _value, weight in pairs):
            pairs = [(value, 1.0) for value, _weight in pairs]
        described.append(
            {
                "name": indicator,
                "description": JRC_INDICATORS.get(indicator, indicator),
                "tertiles": weighted_tertiles(pairs),
            }
        )
    return MatrixData(
        name="jrc-eurofound-tasks",
        title="European Tasks Database (EU15), ISCO-08 2-digit × NACE 2-digit",
        source=_citation(path, readme),
        version="2021",
        keys="isco2_nace2",
        indicators=described,
        values=values,
    )


def _number(text: str, column: str, at: str, problems: _Problems, *, upper: float | None):
    """The cell as a float, None when blank, False (after noting the problem) when it is not a number in range."""
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        problems.add(at, _("%(column)s %(value)r is not a number") % {"column": column, "value": text})
        return False
    if not math.isfinite(value) or value < 0 or (upper is not None and value > upper + 1e-9):
        problems.add(
            at,
            _("%(column)s %(value)s is outside %(range)s")
            % {"column": column, "value": text, "range": "0–1" if upper is not None else "0–∞"},
        )
        return False
    return value


def _citation(path: Path, readme: Path | None) -> str:
    """The JRC's README asks for a citation line that starts with "Source:"; a newer release may change it."""
    for candidate in [readme] if readme else sorted(Path(path).parent.glob("README*")):
        try:
            text = Path(candidate).read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            continue
        for line in text.splitlines():
            if line.strip().startswith("Source:") and "Tasks" in line:
                return line.strip()
    return JRC_SOURCE


# ---------------------------------------------------------------------------------------------------------------
# Municipalities (GeoJSON)


def read_municipalities(path: Path) -> list[dict]:
    """A GeoJSON FeatureCollection of municipalities (``kommunenummer``, ``kommunenavn`` or ``name``) with Polygon or
    MultiPolygon geometries in WGS84; each becomes its number, name and area-weighted centroid."""
    name = Path(path).name
    problems = _Problems(name)
    try:
        document = json.loads(Path(path).read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise problems.fatal(name, _("the text is not UTF-8 (%(error)s)") % {"error": error}) from error
    except json.JSONDecodeError as error:
        raise problems.fatal(
            f"{name}, {_line(error.lineno)}",
            _("not valid JSON: %(error)s (column %(column)d)") % {"error": error.msg, "column": error.colno},
        ) from error
    except OSError as error:
        raise problems.fatal(name, str(error)) from error
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list) or not features:
        raise problems.fatal(name, _("expected a GeoJSON FeatureCollection with features"))
    rows: dict[str, dict] = {}
    for number, feature in enumerate(features, start=1):
        at = _("feature %(number)d") % {"number": number}
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(properties, dict):
            problems.add(at, _("no properties"))
            continue
        code = str(properties.get("kommunenummer") or properties.get("number") or "").strip()
        label = str(properties.get("kommunenavn") or properties.get("name") or "").strip()
        at = f"{at} ({code})" if code else at
        if not re.fullmatch(r"\d{4}", code):
            problems.add(at, _("kommunenummer %(code)r is not a four-digit municipality number") % {"code": code})
            continue
        if code in rows:
            problems.add(at, _("municipality %(code)s appears twice") % {"code": code})
            continue
        if problem := _label_problem(label, "kommunenavn"):
            problems.add(at, problem)
            continue
        try:
            latitude, longitude = polygon_centroid(feature.get("geometry"))
        except ValueError as error:
            problems.add(at, str(error))
            continue
        rows[code] = {"number": code, "name": label, "latitude": latitude, "longitude": longitude}
    problems.raise_if_any()
    return list(rows.values())


def polygon_centroid(geometry) -> tuple[float, float]:
    """The area-weighted centroid (latitude, longitude) of a Polygon or MultiPolygon, holes subtracted. Longitudes
    are scaled by the cosine of the mean latitude first, so that a degree east weighs what it does on the ground;
    over one municipality that is accurate to well under a kilometre."""
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        raise ValueError(_("the geometry is not a Polygon or MultiPolygon"))
    polygons = geometry.get("coordinates")
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    if not isinstance(polygons, list) or not polygons:
        raise ValueError(_("the geometry has no coordinates"))
    rings = []
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            raise ValueError(_("a polygon has no rings"))
        for index, ring in enumerate(polygon):
            points = []
            for point in ring if isinstance(ring, list) else [None]:
                if (
                    not isinstance(point, list | tuple)
                    or len(point) < 2
                    or not all(isinstance(c, int | float) and math.isfinite(c) for c in point[:2])
                    or not (-180 <= point[0] <= 180 and -90 <= point[1] <= 90)
                ):
                    raise ValueError(_("a coordinate is not a longitude and latitude: %(point)r") % {"point": point})
                points.append((float(point[0]), float(point[1])))
            if len(points) < 4:
                raise ValueError(_("a ring has fewer than four points"))
            rings.append((index == 0, points))
    mean_latitude = sum(lat for _outer, points in rings for _lon, lat in points) / sum(len(p) for _o, p in rings)
    scale = math.cos(math.radians(mean_latitude))
    area = sum_x = sum_y = 0.0
    for outer, points in rings:
        ring_area = ring_x = ring_y = 0.0
        for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
            x0, x1 = x0 * scale, x1 * scale
            cross = x0 * y1 - x1 * y0
            ring_area += cross
            ring_x += (x0 + x1) * cross
            ring_y += (y0 + y1) * cross
        if ring_area == 0:
            continue
        # The ring's own centroid is (ring_x, ring_y) / (3 * ring_area); weigh it by its unsigned area, negative for
        # a hole, whatever the winding order of the file.
        weight = abs(ring_area / 2) * (1 if outer else -1)
        area += weight
        sum_x += weight * ring_x / (3 * ring_area)
        sum_y += weight * ring_y / (3 * ring_area)
    if area <= 0:
        raise ValueError(_("the geometry has no area"))
    return round(sum_y / area, 6), round(sum_x / area / scale, 6)
