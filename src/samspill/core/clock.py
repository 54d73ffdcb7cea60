"""The platform's clock and id source. Everything that stamps a time or makes an id asks here, so that the demo
can build a world in simulated time with seeded ids and come out identical on every run."""

import contextlib
import datetime as dt
import random
import threading
import uuid

from django.utils import timezone

_state = threading.local()


def now() -> dt.datetime:
    """Timezone-aware UTC now, or the simulated time inside :func:`simulated`."""
    simulated_clock = getattr(_state, "clock", None)
    if simulated_clock is None:
        return timezone.now()
    current = simulated_clock["at"]
    simulated_clock["at"] = current + simulated_clock["step"]
    return current


def today() -> dt.date:
    """Today's calendar date where the platform works (``TIME_ZONE``), not in UTC: between midnight in Oslo and
    midnight in UTC the two differ, and a placement that starts "today" must count as started."""
    return timezone.localdate(now())


def new_uuid() -> uuid.UUID:
    rng = getattr(_state, "rng", None)
    if rng is None:
        return uuid.uuid4()
    return uuid.UUID(int=rng.getrandbits(128), version=4)


@contextlib.contextmanager
def simulated(*, start: dt.datetime, seed: int, step: dt.timedelta = dt.timedelta(milliseconds=1)):
    """Time starts at ``start`` and moves ``step`` on every reading; ids come from a generator seeded with
    ``seed``. For the demo generator only."""
    if start.tzinfo is None:
        raise ValueError("start must be timezone-aware")
    _state.clock = {"at": start.astimezone(dt.UTC), "step": step}
    _state.rng = random.Random(seed)
    try:
        yield
    finally:
        _state.clock = None
        _state.rng = None


def set_simulated_time(at: dt.datetime) -> None:
    """Inside :func:`simulated`, jump to a later moment of the story being simulated."""
    if getattr(_state, "clock", None) is None:
        raise RuntimeError("set_simulated_time only works inside clock.simulated()")
    _state.clock["at"] = at.astimezone(dt.UTC)
