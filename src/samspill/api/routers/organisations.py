"""Organisations: not personal data, so every signed-in person may list them (for choosing a recipient of a
consent, an organisation to register a participant in, and so on)."""

from ninja import Query, Router

from samspill.accounts.selectors import organisations_list as select_organisations
from samspill.api.schemas import Message, OrganisationKindParam, OrganisationPage, ValidationErrors

router = Router(tags=["organisations"])


@router.get(
    "/organisations/",
    response={200: OrganisationPage, 401: Message, 422: ValidationErrors},
    operation_id="organisations_list",
    url_name="organisations_list",
    summary="List organisations",
    description="NAV offices, municipalities, employers, schools, health services, NGOs and research institutions "
    "on the platform, by name.",
)
def organisations_list(
    request,
    kind: OrganisationKindParam | None = Query(None, description="Only organisations of this kind."),  # noqa: B008
    search: str = Query("", max_length=100, description="Part of the name."),
    limit: int = Query(50, ge=1, le=200, description="The most items to return (1–200)."),
    offset: int = Query(0, ge=0, description="How many items to skip."),
):
    organisations = select_organisations(actor=request.auth, kind=kind, search=search.strip())
    page = organisations[offset : offset + limit]
    items = [
        {
            "id": organisation.pk,
            "name": organisation.name,
            "kind": organisation.kind,
            "municipality_number": organisation.municipality_number,
            "organisation_number": organisation.organisation_number,
        }
        for organisation in page
    ]
    return {"count": organisations.count(), "limit": limit, "offset": offset, "items": items}
