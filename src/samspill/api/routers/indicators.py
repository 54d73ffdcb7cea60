"""Indicators for coordinators and job specialists: Supported Employment fidelity and co-creation, computed by
samspill.pathways.indicators over what the access gate lets the caller see. Lists only: nothing is logged."""

import datetime as dt
import uuid

from ninja import Router, Schema
from pydantic import Field

from samspill.api.schemas import Message, ValidationErrors
from samspill.core import clock
from samspill.core.errors import NotFound
from samspill.pathways.selectors import indicators_for_actor

router = Router(tags=["indicators"])


class IndicatorSchema(Schema):
    key: str = Field(description="A stable name, e.g. `caseload` or `employer_contacts_per_week`.")
    label: str = Field(description="The indicator's name, in the language of the request.")
    value: float | None = Field(description="The value; a share is a number from 0 to 1. Null: nothing to compute.")
    unit: str = Field(description="pathways, days, per_week, share, count or mean.")
    target: float | None = Field(description="The target where the Supported Employment fidelity scale sets one.")
    comparison: str = Field(description="`at_most` or `at_least` when there is a target, else empty.")
    met: bool | None = Field(description="Whether the value meets the target; null without a target or a value.")
    basis: int = Field(description="How many items (pathways, contacts, placements…) the value is computed over.")
    definition: str = Field(description="How the value is computed, in the language of the request.")


class FidelityGroupSchema(Schema):
    id: uuid.UUID | int
    name: str
    indicators: list[IndicatorSchema]


class PathwayCoCreationSchema(Schema):
    id: uuid.UUID
    stage: str
    values: dict[str, float | None] = Field(description="Indicator key -> value, as in `co_creation`.")


class IndicatorReport(Schema):
    today: dt.date
    offices: list[FidelityGroupSchema] = Field(description="SE fidelity per office you coordinate.")
    specialists: list[FidelityGroupSchema] = Field(
        description="SE fidelity per job specialist: all of your offices' as coordinator, yourself as job specialist."
    )
    co_creation: list[IndicatorSchema] = Field(description="Co-creation over all pathways in scope.")
    pathways: list[PathwayCoCreationSchema] = Field(description="Co-creation per pathway.")


@router.get(
    "/indicators/",
    response={200: IndicatorReport, 401: Message, 404: Message, 422: ValidationErrors},
    operation_id="indicators_get",
    url_name="indicators_get",
    summary="SE fidelity and co-creation indicators",
    description="For coordinators (every pathway of the organisations they coordinate, per office and per job "
    "specialist) and job specialists (their own caseload). Each indicator comes with its target, where the "
    "Supported Employment fidelity scale has one, and its definition. Others get 404.",
)
def indicators_get(request):
    report = indicators_for_actor(actor=request.auth, today=clock.today())
    if report is None:
        raise NotFound()

    def group(g):
        return {"id": g.id, "name": g.name, "indicators": [i.as_dict() for i in g.indicators]}

    return {
        "today": report.today,
        "offices": [group(g) for g in report.offices],
        "specialists": [group(g) for g in report.specialists],
        "co_creation": [i.as_dict() for i in report.co_creation],
        "pathways": [{"id": r.pathway.pk, "stage": r.pathway.stage, "values": r.values} for r in report.pathways],
    }
