"""The small history the evaluation tests (test_evaluation.py) and the browser test work on; see test_evaluation.py for
the table of what happens when."""

import datetime as dt
from dataclasses import dataclass

import time_machine

from samspill.access.selectors import access_participant
from samspill.core.roles import Purpose
from samspill.employers.services import opportunity_update, placement_start
from samspill.employers.tests.helpers import make_opportunity
from samspill.pathways.services import pathway_create
from samspill.people.services import language_skills_replace, participant_create, profile_item_add

LEVELS = ("listening", "reading", "spoken_interaction", "spoken_production", "writing")


def at(day: str, hour: int = 10):
    return time_machine.travel(dt.datetime.fromisoformat(f"2025-{day}T{hour:02d}:00:00+01:00"), tick=False)


def norwegian(level: str) -> list[dict]:
    return [{"language": "nb", **dict.fromkeys(LEVELS, level)}]


def person(world, given: str, occupation: str, level: str):
    owner = world.user("owner")
    participant = participant_create(
        actor=owner,
        organisation=world.organisations["nav"],
        data={
            "given_name": given,
            "family_name": "Testesen",
            "birth_date": dt.date(1990, 1, 1),
            "municipality_number": "3907",
            "assigned_specialist": owner,
        },
    )
    access = access_participant(owner, participant.pk, Purpose.CASE_MANAGEMENT)
    language_skills_replace(actor=owner, access=access, languages=norwegian(level))
    profile_item_add(
        actor=owner,
        access=access,
        section="experiences",
        data={
            "occupation_code": occupation,
            "title": "Work",
            "years": 5 if occupation == "7512" else 4,
            "country": "SY",
        },
    )
    profile_item_add(
        actor=owner, access=access, section="educations", data={"level": "upper_secondary", "country": "SY"}
    )
    pathway = pathway_create(actor=owner, participant_access=access, path="employment", started_on=dt.date(2025, 1, 6))
    return participant, pathway


def job(world, occupation: str, level: str = "A2"):
    return make_opportunity(
        world, kind="job", title=f"Job {occupation}", occupation_code=occupation, norwegian_level=level, positions=1
    )


def place(world, pathway, opportunity, day: str):
    return placement_start(
        actor=world.user("owner"),
        pathway=pathway,
        opportunity=opportunity,
        data={"start_date": dt.date.fromisoformat(f"2025-{day}"), "hours_per_week": 20},
    )


@dataclass
class History:
    world: object
    placements: dict
    opportunities: dict
    participants: dict


def build_history(world) -> History:
    people, placements, opportunities = {}, {}, {}
    with at("01-06"):
        for key, given, occupation, level in (
            ("P1", "Amal", "7512", "B1"),
            ("P2", "Bashir", "9112", "A1"),
            ("P3", "Chen", "5120", "B1"),
            ("P4", "Dawit", "8322", "B1"),
            ("P5", "Eva", "4110", "B1"),
        ):
            people[key] = person(world, given, occupation, level)
    with at("01-10", 9):
        for key, occupation, level in (("A", "7513", "A2"), ("B", "9112", "B1"), ("C1", "5120", "A2")):
            opportunities[key] = job(world, occupation, level)
    with at("01-10", 10):  # the same job as C1, registered an hour later
        opportunities["C2"] = job(world, "5120")
    with at("01-10", 11):
        for key, occupation in (("D", "8322"), ("E", "4110"), ("X", "9112"), ("F", "9629")):
            opportunities[key] = job(world, occupation)
    contact = world.user("employer_contact")
    with at("02-01"):
        opportunity_update(actor=contact, opportunity=opportunities["X"], data={"status": "closed"})
    with at("03-03"):
        placements["P1"] = place(world, people["P1"][1], opportunities["A"], "03-03")
    with at("03-10", 9):
        opportunities["L"] = job(world, "7512")
    with at("03-10", 11):
        placements["P2"] = place(world, people["P2"][1], opportunities["B"], "03-10")
    with at("03-17"):
        placements["P3"] = place(world, people["P3"][1], opportunities["C1"], "03-17")
    with at("03-24"):
        placements["P4"] = place(world, people["P4"][1], opportunities["D"], "03-24")
    with at("03-31"):
        placements["P5"] = place(world, people["P5"][1], opportunities["E"], "03-31")
    owner = world.user("owner")
    with at("04-01"):  # P2's Norwegian is assessed again after the start: B2 now, A1 then
        access = access_participant(owner, people["P2"][0].pk, Purpose.CASE_MANAGEMENT)
        language_skills_replace(actor=owner, access=access, languages=norwegian("B2"))
    with at("04-15"):
        opportunity_update(actor=contact, opportunity=opportunities["F"], data={"status": "filled"})
    # Ålesund kommune's own placement (Yonas was registered today, after this 2025 start).
    other = world.user("other_organisation")
    with at("03-03"):
        access = access_participant(other, world.other_participant.pk, Purpose.CASE_MANAGEMENT)
        pathway = pathway_create(
            actor=other, participant_access=access, path="employment", started_on=dt.date(2025, 1, 6)
        )
        placements["kommune"] = placement_start(
            actor=other,
            pathway=pathway,
            opportunity=opportunities["D"],
            data={"start_date": dt.date(2025, 3, 3), "hours_per_week": 20},
        )
    return History(world, placements, opportunities, {key: pair[0] for key, pair in people.items()})
