"""The rule from events to monthly states (research/trajectories.py), on hand-made histories."""

import datetime as dt

from samspill.research.trajectories import Event, add_months, person_sequence

START = dt.date(2024, 1, 10)


def event(kind, day, **data):
    return Event("p1", kind, day, data)


def months(events, n=12, today=dt.date(2026, 1, 1)):
    return person_sequence(events, months=n, today=today)[1]


def test_month_k_is_the_state_on_the_15th_day_of_its_month():
    # Month 0 is read on 24 Jan, month 1 on 24 Feb...: a placement from 20 Feb counts from month 1, one from
    # 26 Feb only from month 2.
    early = [
        event("pathway_start", START),
        event("placement_start", dt.date(2024, 2, 20), placement="a", opportunity_kind="job"),
    ]
    late = [
        event("pathway_start", START),
        event("placement_start", dt.date(2024, 2, 26), placement="a", opportunity_kind="job"),
    ]
    assert months(early, 3) == ["inactive", "employed", "employed"]
    assert months(late, 3) == ["inactive", "inactive", "employed"]


def test_priority_decides_overlaps_and_spells_end_with_their_end_event():
    history = [
        event("pathway_start", START),
        event("benefit_start", START, benefit="introduction"),
        event("enrolment_start", START, referral="r1", programme_kind="introduction"),
        event("enrolment_start", dt.date(2024, 3, 1), referral="r2", programme_kind="norwegian"),
        event("placement_start", dt.date(2024, 5, 1), placement="w", opportunity_kind="language_practice"),
        event("placement_end", dt.date(2024, 7, 1), placement="w"),
        event("enrolment_end", dt.date(2024, 8, 1), referral="r2"),
        event("enrolment_end", dt.date(2024, 9, 1), referral="r1"),
        event("placement_start", dt.date(2024, 10, 1), placement="j", opportunity_kind="subsidised_job"),
        event("placement_end", dt.date(2024, 11, 1), placement="j"),
    ]
    # Jan–Feb introduction (over benefits); Mar–Apr language course (over introduction); May–Jun work trial;
    # Jul language course again; Aug introduction; Sep benefits; Oct employed; from Nov benefits again.
    assert months(history, 12) == [
        "introduction",
        "introduction",
        "language_course",
        "language_course",
        "work_trial",
        "work_trial",
        "language_course",
        "introduction",
        "benefits",
        "employed",
        "benefits",
        "benefits",
    ]


def test_closed_outcomes_last_until_a_later_pathway_and_a_move_away_ends_observation():
    employed = [
        event("pathway_start", START),
        event("stage_move", dt.date(2024, 4, 1), to="closed", outcome="employed"),
        event("pathway_start", dt.date(2024, 7, 1)),
    ]
    # Read on the 24th: Mar 24 is before the close on 1 Apr, Jul 24 after the new pathway of 1 Jul.
    assert months(employed, 8) == ["inactive"] * 3 + ["employed"] * 3 + ["inactive"] * 2
    moved = [event("pathway_start", START), event("stage_move", dt.date(2024, 4, 1), to="closed", outcome="moved")]
    assert months(moved, 6) == ["inactive", "inactive", "inactive", None, None, None]
    launched = [event("pathway_start", START), event("stage_move", dt.date(2024, 2, 1), to="launch")]
    assert months(launched, 3) == ["inactive", "self_employed", "self_employed"]


def test_months_after_today_are_void_and_people_without_a_pathway_have_no_sequence():
    assert months([event("pathway_start", START)], 6, today=dt.date(2024, 3, 30)) == ["inactive"] * 3 + [None] * 3
    assert person_sequence([event("benefit_start", START, benefit="other")], months=6, today=START) is None


def test_add_months_keeps_the_day_or_the_last_day_of_a_short_month():
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 11, 15), 3) == dt.date(2025, 2, 15)
