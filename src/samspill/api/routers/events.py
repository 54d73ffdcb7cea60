"""Import of historical pathway events from a CSV file (samspill.pathways.imports): all rows or none."""

from django.utils.translation import gettext as _
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from samspill.access.selectors import actor_roles
from samspill.api.schemas import Message, ValidationErrors
from samspill.core.errors import PermissionDenied
from samspill.core.roles import Role
from samspill.pathways.services import events_import_csv

router = Router(tags=["events"])
_CSV_FILE = File(None, description="The CSV file (UTF-8, `,` or `;` between columns, at most 2 MB).")
_MAX_FILE_BYTES = 2 * 1024 * 1024


class ImportSummary(Schema):
    imported: int
    pathways: int


@router.post(
    "/events/import",
    response={201: ImportSummary, 401: Message, 403: Message, 413: Message, 422: ValidationErrors},
    operation_id="events_import",
    url_name="events_import",
    summary="Import historical pathway events (CSV)",
    description="For job specialists and coordinators, on the pathways they manage. Send the file as "
    "`multipart/form-data` in the field `file`: UTF-8 (with or without BOM), `,` or `;` between columns, a "
    "header line with `kind`, `effective_date` (YYYY-MM-DD), `pathway_id` (or `national_id` and `path`), and "
    "optional `data` (a JSON object) and `reason`. Every row is checked; one wrong row rejects the whole file "
    'with 422 and one item per problem, `loc` = `["body", "file", LINE]` (line 1 is the header, 0 the file as '
    "a whole). Nothing is stored then. Otherwise every event is stored, marked as imported.",
)
def events_import(request, file: UploadedFile | None = _CSV_FILE):
    actor = request.auth
    if not actor_roles(actor) & {Role.JOB_SPECIALIST, Role.COORDINATOR}:
        raise PermissionDenied(_("Only job specialists and coordinators can import pathway events."))
    if file is None:
        return Status(
            422,
            {
                "detail": [
                    {"loc": ["body", "file"], "msg": _("Send the CSV file in the field “file”."), "type": "missing"}
                ]
            },
        )
    if file.size > _MAX_FILE_BYTES:
        return Status(413, {"detail": _("The file is larger than 2 MB: split it into smaller files.")})
    result = events_import_csv(actor=actor, file=file)
    if not result.ok:
        items = [
            {"loc": ["body", "file", error.line], "msg": error.message, "type": "invalid_row"}
            for error in result.errors
        ]
        return Status(422, {"detail": items})
    return Status(201, {"imported": result.imported, "pathways": result.pathways})
