"""From events to monthly states: the rule that turns a pathway's events into the sequences researchers analyse.

The rule, as documented in the README:

1. Each event opens or closes a *spell* of a state:

   ==========================================  =====================================================
   event                                        spell
   ==========================================  =====================================================
   placement start, kind job, wage-subsidised   employed, until that placement ends
   job or apprenticeship
   placement start, kind work trial or          work trial, until that placement ends
   internship / language practice
   enrolment in the introduction programme or   introduction programme, until the enrolment ends
   Jobbsjansen
   enrolment in Norwegian training              language course, until the enrolment ends
   enrolment in a qualification programme       education, until the enrolment ends
   (imported enrolments need ``programme_kind``
   in their data)
   benefit period started                       benefits, until a benefit period of that kind ends
   entrepreneurship pathway reaches launch      self-employed, until a later pathway starts
   pathway closed as employed, self-employed    that state, until a later pathway starts
   or in education
   pathway closed as moved away                 the person is no longer observed (the rest is void)
   ==========================================  =====================================================

2. Month *k* of a sequence (k = 0, 1, ...) is the state on the 15th day after the start of its month, counted from
   the first pathway's start date: ``start + k months + 14 days``. A month after the end of observation (today,
   or a move away) is void, so sequences have different lengths.
3. Where several spells cover that day, the state highest in :data:`PRIORITY` wins; where none does, the state is
   *inactive*.
4. Someone whose first month is not observed yet (a pathway started in the last two weeks) has no sequence.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Highest priority first: being employed outweighs everything else the same month, and so on down to inactive.
PRIORITY = (
    "employed",
    "self_employed",
    "education",
    "work_trial",
    "language_course",
    "introduction",
    "benefits",
    "inactive",
)
LABELS = {
    "employed": _("Employed"),
    "self_employed": _("Self-employed"),
    "education": _("In education"),
    "work_trial": _("Work trial"),
    "language_course": _("Language course"),
    "introduction": _("Introduction programme"),
    "benefits": _("Benefits"),
    "inactive": _("Inactive"),
}
# Fixed colours per state, so that every figure of every run reads the same (colour-blind-safe palette).
COLORS = {
    "employed": "#1b7837",
    "self_employed": "#5aae61",
    "education": "#2166ac",
    "work_trial": "#a6dba0",
    "language_course": "#92c5de",
    "introduction": "#f4a582",
    "benefits": "#b2182b",
    "inactive": "#bababa",
}
JOB_STATES = ("employed", "self_employed")
BENEFIT_STATES = ("benefits",)
INACTIVE_STATES = ("inactive",)

PLACEMENT_STATES = {
    "job": "employed",
    "subsidised_job": "employed",
    "apprenticeship": "employed",
    "work_trial": "work_trial",
    "language_practice": "work_trial",
}
ENROLMENT_STATES = {
    "introduction": "introduction",
    "jobbsjansen": "introduction",
    "norwegian": "language_course",
    "qualification": "education",
}
OUTCOME_STATES = {"employed": "employed", "self_employed": "self_employed", "education": "education"}


@dataclass(frozen=True)
class Event:
    """What the rule needs of a pathway event."""

    pathway: str
    kind: str
    date: dt.date
    data: dict


@dataclass(frozen=True)
class Spell:
    state: str
    start: dt.date
    end: dt.date | None  # exclusive; None while it lasts


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last_day))


def _enrolment(data: dict):
    """What tells enrolments apart: the referral on the platform; the programme in imported history."""
    return data.get("referral") or data.get("programme") or data.get("programme_kind")


def spells_from_events(events: list[Event]) -> tuple[list[Spell], dt.date | None]:
    """The spells of one person's events (all their pathways), and the date they stopped being observed (a move
    away) or None."""
    events = sorted(events, key=lambda event: event.date)
    pathway_starts = sorted(event.date for event in events if event.kind == "pathway_start")

    def next_pathway_start(after: dt.date) -> dt.date | None:
        return next((start for start in pathway_starts if start > after), None)

    open_spells: dict[tuple, tuple[str, dt.date]] = {}
    spells: list[Spell] = []
    observed_until = None

    def close(key, when):
        state, start = open_spells.pop(key)
        spells.append(Spell(state, start, when))

    for event in events:
        data = event.data or {}
        if event.kind == "placement_start" and data.get("opportunity_kind") in PLACEMENT_STATES:
            open_spells[("placement", data.get("placement"))] = (PLACEMENT_STATES[data["opportunity_kind"]], event.date)
        elif event.kind == "placement_end" and ("placement", data.get("placement")) in open_spells:
            close(("placement", data.get("placement")), event.date)
        elif event.kind == "enrolment_start" and data.get("programme_kind") in ENROLMENT_STATES:
            open_spells[("enrolment", _enrolment(data))] = (ENROLMENT_STATES[data["programme_kind"]], event.date)
        elif event.kind == "enrolment_end" and ("enrolment", _enrolment(data)) in open_spells:
            close(("enrolment", _enrolment(data)), event.date)
        elif event.kind == "benefit_start":
            open_spells.setdefault(("benefit", data.get("benefit")), ("benefits", event.date))
        elif event.kind == "benefit_end" and ("benefit", data.get("benefit")) in open_spells:
            close(("benefit", data.get("benefit")), event.date)
        elif event.kind == "stage_move" and data.get("to") == "launch":
            spells.append(Spell("self_employed", event.date, next_pathway_start(event.date)))
        elif event.kind == "stage_move" and data.get("to") == "closed":
            outcome = data.get("outcome")
            if outcome in OUTCOME_STATES:
                spells.append(Spell(OUTCOME_STATES[outcome], event.date, next_pathway_start(event.date)))
            elif outcome == "moved" and next_pathway_start(event.date) is None:
                observed_until = event.date
    spells += [Spell(state, start, None) for state, start in open_spells.values()]
    return spells, observed_until


def monthly_states(spells: list[Spell], *, start: dt.date, months: int, observed_until: dt.date) -> list[str | None]:
    """The state of each month from ``start``; None for months after ``observed_until`` (void)."""
    rank = {state: index for index, state in enumerate(PRIORITY)}
    states: list[str | None] = []
    for k in range(months):
        day = add_months(start, k) + dt.timedelta(days=14)
        if day > observed_until:
            states.append(None)
            continue
        covering = [s.state for s in spells if s.start <= day and (s.end is None or day < s.end)]
        states.append(min(covering, key=rank.__getitem__) if covering else "inactive")
    return states


def person_sequence(events: list[Event], *, months: int, today: dt.date) -> tuple[dt.date, list[str | None]] | None:
    """The monthly sequence of one person from their first pathway's start, or None without a pathway."""
    starts = [event.date for event in events if event.kind == "pathway_start"]
    if not starts:
        return None
    spells, moved_on = spells_from_events(events)
    observed_until = min(today, moved_on) if moved_on else today
    start = min(starts)
    return start, monthly_states(spells, start=start, months=months, observed_until=observed_until)
