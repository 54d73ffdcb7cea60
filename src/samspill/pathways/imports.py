"""Historical pathway events from a CSV file: benefit periods, enrolments, placements, stage moves… that happened
before the platform was used, or in systems that do not talk to it.

The file is all or nothing: every row is checked first, and one wrong row rejects the whole file with a message
per wrong row, naming its line; only a file without errors is written, in one transaction, each event with
``source="import"``.

The file:

* UTF-8, with or without a byte-order mark; the separator is ``,`` or ``;`` (what the header line uses);
* a header line naming the columns, in any order: ``kind``, ``effective_date``, and either ``pathway_id`` or both
  ``national_id`` (the participant's national identity number) and ``path`` (``employment`` or
  ``entrepreneurship``); optional ``data`` (a JSON object) and ``reason``;
* one event per line after it.

A row is wrong when its kind is not an event kind, its date is not an ISO date (YYYY-MM-DD) or lies in the future,
its pathway cannot be found among the pathways the actor manages (missing and not-yours look the same), its data is
not a JSON object, a stage move does not name a stage of the pathway's path in ``data.to``, or an end (benefit,
enrolment, placement) comes before every start of the same period in the file. Periods are matched by pathway,
kind and the ``benefit``, ``programme`` or ``placement`` value in ``data`` (empty when absent).
"""

import csv
import datetime as dt
import io
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from samspill.access.selectors import access_pathway, actor_roles, participants_for_actor, pathways_for_actor
from samspill.core import clock
from samspill.core.errors import PermissionDenied
from samspill.core.roles import Purpose, Role
from samspill.pathways.stages import STAGES, EventKind, Path

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 10_000
MAX_DATA_CHARS = 2000
IMPORT_SOURCE = "import"

# End kind -> (start kind, the data key that tells periods apart).
PAIRS = {
    EventKind.BENEFIT_END: (EventKind.BENEFIT_START, "benefit"),
    EventKind.ENROLMENT_END: (EventKind.ENROLMENT_START, "programme"),
    EventKind.PLACEMENT_END: (EventKind.PLACEMENT_START, "placement"),
}
START_KINDS = {start: key for start, key in PAIRS.values()}
COLUMNS = {"pathway_id", "national_id", "path", "kind", "effective_date", "data", "reason"}


@dataclass(frozen=True)
class RowError:
    line: int  # the line of the file, the header being line 1; 0 for the file as a whole
    message: str

    def __str__(self) -> str:
        if self.line:
            return _("Line %(line)s: %(message)s") % {"line": self.line, "message": self.message}
        return self.message


@dataclass
class ImportResult:
    imported: int = 0
    pathways: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    line: int
    pathway_id: uuid.UUID
    kind: EventKind
    effective_date: dt.date
    data: dict
    reason: str


def may_import(actor) -> bool:
    return bool(actor_roles(actor) & {Role.JOB_SPECIALIST, Role.COORDINATOR})


def manageable_pathways(actor):
    """The pathways the actor manages: those of the participants they follow up on case management. A list:
    nothing is logged."""
    case = participants_for_actor(actor, purpose=Purpose.CASE_MANAGEMENT).values("pk")
    return pathways_for_actor(actor).filter(participant_id__in=case)


def _read(file) -> tuple[list[str] | None, list[tuple[int, list[str]]], list[RowError]]:
    raw = file.read(MAX_FILE_BYTES + 1)
    if isinstance(raw, str):
        raw = raw.encode()
    if len(raw) > MAX_FILE_BYTES:
        return None, [], [RowError(0, _("The file is larger than 2 MB: split it into smaller files."))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [], [RowError(0, _("The file is not UTF-8 text. Save it as CSV UTF-8 and try again."))]
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        rows = []
        for values in reader:
            if any(value.strip() for value in values):
                rows.append((reader.line_num, values))
            if len(rows) > MAX_ROWS:
                return None, [], [RowError(0, _("The file has more than 10,000 rows: split it into smaller files."))]
    except csv.Error:
        return None, [], [RowError(reader.line_num, _("This line is not valid CSV (check the quotes)."))]
    if header is None:
        return None, [], [RowError(0, _("The file is empty."))]
    return [name.strip().lower() for name in header], rows, []


def _check_header(header: list[str]) -> list[RowError]:
    errors = []
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        errors.append(RowError(1, _("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)}))
    missing = [name for name in ("kind", "effective_date") if name not in header]
    if "pathway_id" not in header and not {"national_id", "path"} <= set(header):
        missing.append(_("pathway_id (or national_id and path)"))
    if missing:
        errors.append(RowError(1, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}))
    if len(set(header)) != len(header):
        errors.append(RowError(1, _("A column is named twice.")))
    return errors


def _resolve_pathway(values: dict, manageable: dict, by_person: dict):
    """The pathway (id, path) named by the row, or None."""
    pathway_id = values.get("pathway_id", "").strip()
    if pathway_id:
        try:
            key = uuid.UUID(pathway_id)
        except ValueError:
            return None
        return (key, manageable[key]) if key in manageable else None
    national_id, path = values.get("national_id", "").strip(), values.get("path", "").strip()
    key = by_person.get((national_id, path)) if national_id and path else None
    return (key, manageable[key]) if key else None


def _check_row(line: int, values: dict, *, today: dt.date, manageable: dict, by_person: dict):
    """The row as an event to write, and its errors."""
    errors = []
    kind = values.get("kind", "").strip()
    if kind not in EventKind.values:
        errors.append(
            _("“%(kind)s” is not an event kind. Use one of: %(kinds)s.")
            % {"kind": kind, "kinds": ", ".join(EventKind.values)}
        )
    effective_date = None
    try:
        effective_date = dt.date.fromisoformat(values.get("effective_date", "").strip())
    except ValueError:
        errors.append(_("The date must be written YYYY-MM-DD, for example 2024-03-01."))
    else:
        if effective_date > today:
            errors.append(_("The date %(date)s is in the future.") % {"date": effective_date.isoformat()})
    resolved = _resolve_pathway(values, manageable, by_person)
    if resolved is None:
        errors.append(_("The pathway was not found among the pathways you follow up."))
    data = {}
    raw_data = values.get("data", "").strip()
    if raw_data:
        if len(raw_data) > MAX_DATA_CHARS:
            errors.append(_("The data column is longer than 2,000 characters."))
        else:
            try:
                data = json.loads(raw_data)
            except ValueError:
                data = None
            if not isinstance(data, dict):
                errors.append(_('The data column must be a JSON object, for example {"benefit": "introduction"}.'))
                data = {}
    if kind == EventKind.STAGE_MOVE and resolved is not None:
        stages = STAGES[Path(resolved[1])]
        if data.get("to") not in stages:
            errors.append(
                _('A stage move names the stage it moved to in data, e.g. {"to": "%(stage)s"}.') % {"stage": stages[1]}
            )
    if errors:
        return None, [RowError(line, message) for message in errors]
    reason = values.get("reason", "").strip()[:2000]
    return _Row(line, resolved[0], EventKind(kind), effective_date, data, reason), []


def _check_pairs(rows: list[_Row]) -> list[RowError]:
    """An end must not come before every start of the same period in the file."""
    starts = defaultdict(list)
    for row in rows:
        if row.kind in START_KINDS:
            starts[(row.pathway_id, row.kind, str(row.data.get(START_KINDS[row.kind], "")))].append(row)
    errors = []
    for row in rows:
        if row.kind not in PAIRS:
            continue
        start_kind, key = PAIRS[row.kind]
        candidates = starts.get((row.pathway_id, start_kind, str(row.data.get(key, ""))), [])
        if candidates and all(start.effective_date > row.effective_date for start in candidates):
            first = min(candidates, key=lambda start: start.effective_date)
            errors.append(
                RowError(
                    row.line,
                    _("The period ends (%(end)s) before it starts (%(start)s, line %(start_line)s).")
                    % {
                        "end": row.effective_date.isoformat(),
                        "start": first.effective_date.isoformat(),
                        "start_line": first.line,
                    },
                )
            )
    return errors


def events_import_csv(*, actor, file) -> ImportResult:
    """Checks every row of ``file`` (a binary or text file object) and, when none is wrong, writes all its events
    in one transaction with ``source="import"``. See the module docstring for the format and the checks."""
    if not may_import(actor):
        raise PermissionDenied(_("Only job specialists and coordinators can import pathway events."))
    header, raw_rows, errors = _read(file)
    if errors:
        return ImportResult(errors=errors)
    errors = _check_header(header)
    if errors:
        return ImportResult(errors=errors)
    if not raw_rows:
        return ImportResult(errors=[RowError(0, _("The file has a header line but no events."))])
    manageable = dict(manageable_pathways(actor).values_list("pk", "path"))
    by_person = {
        (national_id, path): pk
        for pk, path, national_id in manageable_pathways(actor)
        .exclude(participant__national_id="")
        .values_list("pk", "path", "participant__national_id")
    }
    today = clock.today()
    rows = []
    for line, values in raw_rows:
        if len(values) != len(header):
            errors.append(
                RowError(
                    line,
                    _("This line has %(found)s values; the header has %(expected)s.")
                    % {"found": len(values), "expected": len(header)},
                )
            )
            continue
        row, row_errors = _check_row(
            line, dict(zip(header, values, strict=True)), today=today, manageable=manageable, by_person=by_person
        )
        errors += row_errors
        if row is not None:
            rows.append(row)
    errors += _check_pairs(rows)
    if errors:
        return ImportResult(errors=sorted(errors, key=lambda error: error.line))
    from samspill.pathways.services import pathway_event_record  # services re-exports this module's entry point

    with transaction.atomic():
        accesses = {pk: access_pathway(actor, pk) for pk in dict.fromkeys(row.pathway_id for row in rows)}
        for row in rows:
            pathway_event_record(
                actor=actor,
                pathway=accesses[row.pathway_id].pathway,
                kind=row.kind,
                effective_date=row.effective_date,
                data=row.data,
                reason=row.reason,
                source=IMPORT_SOURCE,
            )
    return ImportResult(imported=len(rows), pathways=len(accesses))
