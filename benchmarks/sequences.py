"""Benchmark: optimal matching (OM) with TRATE substitution costs, full distance matrix, samspill vs sequenzo.

    python benchmarks/sequences.py           # mvad (712 x 70) and a synthetic N=4000, L=72, 8-state Markov sample
    python benchmarks/sequences.py --quick   # mvad and a synthetic N=1500 sample, fewer repeats

Run it with the project's interpreter (``.venv/bin/python``). It creates ``var/bench/sequenzo-venv`` on first use
(reused afterwards) and pip-installs the ``sequenzo`` package there, so the two libraries never share a process.

Fairness rules:

* Each implementation runs in its own fresh subprocess, so peak memory (``VmHWM``, the resident-set high-water
  mark) is per implementation. We print the whole-process peak and the growth above the baseline measured after the
  imports, the data and a warm-up call: the growth is what the computation itself needs.
* Both get the same data from one ``.npz`` file, each in its library's native form (sequenzo: a DataFrame and
  ``SequenceData``; samspill: a ``StateSequences`` built from the codes). Building those is not timed.
* Both compute the TRATE costs themselves and then OM with indel 1, as in TraMineR's documentation
  (``seqdist(mseq, method="OM", indel=1, sm="TRATE")``), including de-duplication and the N x N result.
* Both are warmed up on a few rows first. numba's one-off compile time is measured separately, in a process with an
  empty numba cache; the timed runs use the on-disk cache (``cache=True``) as users do after the first call.
* Both use all cores by default (OpenMP in sequenzo, numba threads here). Times are the best of the repeats.

The table ends with the agreement between the two matrices (they must agree to 1e-6 relative) and, for mvad,
with the TraMineR 2.2-12 reference matrix.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / "var" / "bench" / "sequenzo-venv"
SHARED = Path(os.environ.get("SAMSPILL_SHARED_DATA", ROOT.parent / "shared" / "data"))
MVAD = SHARED / "sequences" / "mvad.csv"
MVAD_REFERENCE = SHARED / "sequences" / "reference-traminer-2.2-12" / "mvad_om_trate_indel1_full.csv"


# ---------------------------------------------------------------------- worker side (runs in a subprocess)


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} not in /proc/self/status")


def _rss_mb() -> float:
    return _status_mb("VmRSS")


def _peak_mb() -> float:
    # VmHWM, not getrusage's ru_maxrss: ru_maxrss survives fork+exec, so a worker would inherit the driver's peak.
    return _status_mb("VmHWM")


def _import_distance_modules_only() -> None:
    """Makes ``samspill.analysis.sequences`` importable without running its ``__init__``, which also imports the
    plotting and clustering modules (matplotlib, pandas, scipy: ~100 MB that do not depend on N and that computing
    distances never uses). The driver prints what that full import costs, so nothing is hidden."""
    import importlib.util
    import types

    spec = importlib.util.find_spec("samspill.analysis")
    package = "samspill.analysis.sequences"
    stub = types.ModuleType(package)
    stub.__path__ = [str(Path(spec.origin).parent / "sequences")]
    sys.modules[package] = stub


def _worker(impl: str, data_path: str, out_path: str, repeats: int) -> None:
    import numpy as np

    data = np.load(data_path, allow_pickle=False)
    codes = data["codes"]
    alphabet = [str(a) for a in data["alphabet"]]
    result: dict[str, object] = {}
    if impl == "samspill":
        _import_distance_modules_only()
        from samspill.analysis.sequences.data import StateSequences
        from samspill.analysis.sequences.distances import seqdist

        seqs = StateSequences(codes=codes, alphabet=tuple(alphabet))
        start = time.perf_counter()
        seqdist(seqs.subset(np.arange(min(20, len(seqs)))), "OM", sm="TRATE", indel=1)
        result["first_call_s"] = time.perf_counter() - start
        result["distinct"] = len(seqs.unique()[0])

        def compute():
            return seqdist(seqs, "OM", sm="TRATE", indel=1)

    else:
        import pandas as pd
        from sequenzo import SequenceData, get_distance_matrix

        columns = [f"t{t + 1}" for t in range(codes.shape[1])]
        frame = pd.DataFrame(np.asarray(alphabet, dtype=object)[codes], columns=columns)
        frame.insert(0, "id", np.arange(len(frame)))
        with contextlib.redirect_stdout(io.StringIO()):
            seqs = SequenceData(frame, time=columns, states=alphabet, id_col="id")
            small = SequenceData(frame.iloc[:20], time=columns, states=alphabet, id_col="id")
            start = time.perf_counter()
            get_distance_matrix(small, method="OM", sm="TRATE", indel=1, as_numpy=True)
            result["first_call_s"] = time.perf_counter() - start

        def compute():
            with contextlib.redirect_stdout(io.StringIO()):
                return np.asarray(get_distance_matrix(seqs, method="OM", sm="TRATE", indel=1, as_numpy=True))

    result["baseline_rss_mb"] = _rss_mb()
    result["baseline_peak_mb"] = _peak_mb()
    times = []
    matrix = None
    for _ in range(repeats):
        matrix = None  # never hold two results at once
        start = time.perf_counter()
        matrix = compute()
        times.append(time.perf_counter() - start)
    result["times_s"] = times
    result["peak_rss_mb"] = _peak_mb()
    np.save(out_path, matrix)
    print(json.dumps(result))


def _compile_worker() -> None:
    """First call of seqdist in a process whose numba cache directory is empty: the one-off compile time."""
    import numpy as np

    _import_distance_modules_only()
    from samspill.analysis.sequences.data import StateSequences
    from samspill.analysis.sequences.distances import seqdist

    rng = np.random.default_rng(0)
    seqs = StateSequences(codes=rng.integers(0, 4, size=(30, 20)), alphabet=("a", "b", "c", "d"))
    start = time.perf_counter()
    seqdist(seqs, "OM", sm="TRATE", indel=1)
    first = time.perf_counter() - start
    start = time.perf_counter()
    seqdist(seqs, "OM", sm="TRATE", indel=1)
    print(json.dumps({"compile_s": first, "second_call_s": time.perf_counter() - start}))


# ---------------------------------------------------------------------- driver side


def ensure_sequenzo() -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {VENV} and installing sequenzo (first run only) ...", flush=True)
        VENV.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "sequenzo"], check=True
        )
    version = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('sequenzo'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(f"sequenzo {version} in {VENV}")
    return python


def markov_sample(n: int, length: int, n_states: int, seed: int = 20240601):
    """A reproducible sample of sticky first-order Markov chains (85% stay, the rest Dirichlet-distributed)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    transition = rng.dirichlet(np.full(n_states, 0.5), size=n_states) * 0.15 + np.eye(n_states) * 0.85
    transition /= transition.sum(axis=1, keepdims=True)
    codes = np.empty((n, length), dtype=np.int16)
    codes[:, 0] = rng.integers(0, n_states, n)
    cumulative = np.cumsum(transition, axis=1)
    for t in range(1, length):
        u = rng.random(n)
        codes[:, t] = (u[:, None] > cumulative[codes[:, t - 1]]).sum(axis=1)
    return codes, [f"s{k}" for k in range(n_states)]


def mvad_sample():
    import pandas as pd

    from samspill.analysis.sequences import StateSequences

    seqs = StateSequences.from_wide(pd.read_csv(MVAD), slice(16, 86))  # R's seqdef(mvad, 17:86)
    return seqs.codes, list(seqs.alphabet)


def run(python: Path, args: list[str], env: dict | None = None) -> dict:
    proc = subprocess.run([str(python), str(Path(__file__).resolve()), *args], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"worker failed ({' '.join(args)}):\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller synthetic sample and fewer repeats")
    parser.add_argument("--verbose", action="store_true", help="print every worker's measurements")
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=0,
        metavar="SECONDS",
        help="wait up to this long for the 1-minute load average to drop below 0.3 before measuring",
    )
    options = parser.parse_args()

    deadline = time.monotonic() + options.wait_idle
    while os.getloadavg()[0] >= 0.3 and time.monotonic() < deadline:
        time.sleep(5)
    load_before = os.getloadavg()[0]

    import numpy as np

    sequenzo_python = ensure_sequenzo()
    ours_python = Path(sys.executable)
    datasets = [("mvad", *mvad_sample())]
    n_synthetic = 1500 if options.quick else 4000
    datasets.append((f"markov N={n_synthetic}", *markov_sample(n_synthetic, 72, 8)))

    run(ours_python, ["--compile-worker"])  # fills numba's on-disk cache if the sources changed since the last run
    with tempfile.TemporaryDirectory() as cache_dir:
        env = dict(os.environ, NUMBA_CACHE_DIR=cache_dir)
        compiled = run(ours_python, ["--compile-worker"], env=env)
    package_import = subprocess.run(
        [
            str(ours_python),
            "-c",
            "import numpy, numba; hwm = lambda: int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0]);"
            "a = hwm(); import samspill.analysis.sequences; print((hwm() - a) / 1024)",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(
        f"importing the whole samspill.analysis.sequences package (plots, clustering) adds {float(package_import):.0f}"
        " MB; the samspill worker imports only the distance modules"
    )
    print(
        f"numba compile time (empty cache, first seqdist call): {compiled['compile_s']:.1f} s; "
        f"the same call once compiled: {compiled['second_call_s'] * 1000:.1f} ms"
    )

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, codes, alphabet in datasets:
            data_path = Path(tmp) / "data.npz"
            np.savez(data_path, codes=codes, alphabet=np.asarray(alphabet))
            results = {}
            for impl, python in (("sequenzo", sequenzo_python), ("samspill", ours_python)):
                big = codes.shape[0] > 2000
                repeats = 1 if (impl == "sequenzo" and big) or options.quick else 3
                out_path = Path(tmp) / f"{impl}.npy"
                print(f"  {name}: {impl} ({repeats} run(s)) ...", flush=True)
                info = run(python, ["--worker", impl, str(data_path), str(out_path), str(repeats)])
                if options.verbose:
                    print("   ", json.dumps(info))
                info["matrix"] = np.load(out_path)
                results[impl] = info
            ours, theirs = results["samspill"]["matrix"], results["sequenzo"]["matrix"]
            diff = np.abs(ours - theirs)
            rel = diff / np.maximum(np.abs(theirs), 1e-300)
            reference = None
            if name == "mvad" and MVAD_REFERENCE.exists():
                import pandas as pd

                ref = pd.read_csv(MVAD_REFERENCE).to_numpy()
                reference = float(np.max(np.abs(ours - ref) / np.maximum(ref, 1e-300)))
            distinct = results["samspill"]["distinct"]
            cells = distinct * (distinct - 1) / 2 * codes.shape[1] ** 2
            rows.append((name, codes.shape, distinct, cells, results, float(diff.max()), float(rel.max()), reference))

    print()
    header = f"{'data':<16}{'N x L':>10}{'distinct':>10}  {'impl':<9}{'time s':>9}{'Gcells/s':>10}"
    header += f"{'peak RSS MB':>13}{'growth MB':>11}"
    print(header)
    print("-" * len(header))
    for name, shape, distinct, cells, results, max_abs, max_rel, reference in rows:
        for impl in ("sequenzo", "samspill"):
            info = results[impl]
            best = min(info["times_s"])
            growth = info["peak_rss_mb"] - info["baseline_rss_mb"]
            label = name if impl == "sequenzo" else ""
            dims = f"{shape[0]}x{shape[1]}" if impl == "sequenzo" else ""
            dist = str(distinct) if impl == "sequenzo" else ""
            print(
                f"{label:<16}{dims:>10}{dist:>10}  {impl:<9}{best:>9.3f}{cells / best / 1e9:>10.2f}"
                f"{info['peak_rss_mb']:>13.0f}{growth:>11.0f}"
            )
        t_ratio = min(results["sequenzo"]["times_s"]) / min(results["samspill"]["times_s"])
        m_ratio = results["sequenzo"]["peak_rss_mb"] / results["samspill"]["peak_rss_mb"]
        print(
            f"{'':<16}sequenzo/samspill: time {t_ratio:.1f}x, peak memory {m_ratio:.2f}x; "
            f"agreement max abs {max_abs:.2e}, max rel {max_rel:.2e}"
            + (f"; vs TraMineR 2.2-12 max rel {reference:.2e}" if reference is not None else "")
        )
    print()
    print("Gcells/s = distinct pairs x L x L / time (the DP cells a full OM needs; both de-duplicate).")
    print(
        f"{os.cpu_count()} CPUs; 1-minute load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
        " (other processes on the machine slow both implementations and make timings noisy)"
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        _worker(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    elif len(sys.argv) > 1 and sys.argv[1] == "--compile-worker":
        _compile_worker()
    else:
        main()
