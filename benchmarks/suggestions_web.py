"""Benchmark: one participant's suggestions as the web request computes them, on the demo's data.

    .venv/bin/python benchmarks/suggestions_web.py                    # builds the demo in a temporary SQLite file
    DATABASE_URL=sqlite:////path/demo.sqlite3 .venv/bin/python benchmarks/suggestions_web.py   # a built demo

What is compared, for the demo job specialist's participants, each kind in turn (job, mentor, service):

* ``suggestions_for`` as the suggestions page calls it: for jobs, the fitted matcher is kept per process and
  reused while nothing it depends on changed (``matching.selectors._fitted_job_matcher``);
* the baseline: the same call with that cache emptied before each request, i.e. fitting the matcher to every
  open opportunity on every request (what the page did before the cache).

Each participant's case access is read once beforehand (as the view does before calling the selector), so the
times are the selector's own. Prints the median and p95 per request and the ratio. The target of issue 5: well
under 50 ms per request.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _build_demo(folder: Path) -> str:
    url = f"sqlite:///{folder / 'demo.sqlite3'}"
    env = dict(os.environ, DATABASE_URL=url, SAMSPILL_VAR_DIR=str(folder / "var"))
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "samspill", "demo", "--no-serve"],
        cwd=folder,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"built the demo in {time.perf_counter() - started:.0f} s ({url})")
    return url


def _times(call, accesses, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        for access in accesses:
            started = time.perf_counter()
            call(access)
            out.append((time.perf_counter() - started) * 1000)
    return out


def _summary(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"median {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms"


def main() -> None:
    temporary = None
    if not os.environ.get("DATABASE_URL"):
        temporary = tempfile.TemporaryDirectory()
        os.environ["DATABASE_URL"] = _build_demo(Path(temporary.name))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samspill.config.settings")
    import django

    django.setup()
    from samspill.access.selectors import access_participant
    from samspill.accounts.selectors import user_get_by_username
    from samspill.core.roles import Purpose
    from samspill.matching import selectors
    from samspill.people.models import Participant

    specialist = user_get_by_username(username="jobbspesialist")
    participants = Participant.objects.filter(assigned_specialist=specialist).order_by("pk")[:20]
    accesses = [access_participant(specialist, p.pk, Purpose.CASE_MANAGEMENT) for p in participants]
    print(f"{len(accesses)} participants of the demo job specialist; SQLite; {os.cpu_count()} cores")
    for kind in selectors.KINDS:

        def cached(access, kind=kind):
            selectors.suggestions_for(actor=specialist, access=access, kind=kind)

        def refit(access, kind=kind):
            selectors._fitted.clear()
            selectors.suggestions_for(actor=specialist, access=access, kind=kind)

        cached(accesses[0])  # the first request after a change fits; the page keeps the fit from then on
        ours = _times(cached, accesses, repeat=3)
        baseline = _times(refit, accesses, repeat=1)
        ratio = statistics.median(baseline) / statistics.median(ours)
        print(f"{kind:8s} kept fit: {_summary(ours)}")
        print(f"{'':8s} refit each request (baseline): {_summary(baseline)}   ratio {ratio:5.1f}x")
    if temporary is not None:
        temporary.cleanup()


if __name__ == "__main__":
    main()
