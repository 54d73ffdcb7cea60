"""Benchmark: job suggestions for a whole caseload, single-participant latency, and a capacity-constrained mentor
assignment, each against a plain baseline measured in the same run.

    .venv/bin/python benchmarks/matching.py            # 100,000 x 20,000 jobs; 10,000 x 3,000 mentors (~5 min)
    .venv/bin/python benchmarks/matching.py --quick    # 10,000 x 20,000 jobs; 2,000 x 600 mentors (~1 min)
    --wait-idle 300   waits up to 300 s for the load average to drop first

Data: one synthetic world from a fixed seed. 400 ISCO-like occupation codes in a 4-level tree, 3,000 skills in
pools per sub-major group (ESCO-like essential/optional relations, 10-25 of each per occupation) plus transversal
skills; opportunities and participants in 30 towns of southern Norway weighted by population, with jitter;
popularity of occupations, Norwegian levels, hours, licences, radii, education, preferences drawn with plausible
shapes. The same participants (their first 10,000) are assigned to mentors.

What is compared:

* top-10 opportunities for every participant: the engine's batch path (``JobMatcher.top_k``: numba, inverted skill
  index, both cores) against a plain numpy brute force that builds the full (chunk x opportunities) score matrix
  with the same formulas (scipy.sparse for the skill counts, everything else numpy broadcasting) and takes the top
  10 with argpartition. The baseline runs on the first ``--baseline-n`` participants and is extrapolated linearly
  (its cost is the same per chunk); the two must agree on every top-10 list, which the script checks.
* single participant: ``JobMatcher.suggest`` (index built once, as the web process keeps it) over 200 participants,
  median and p95, and the one-shot ``suggest_jobs`` that also indexes the 20,000 opportunities.
* mentors: ``MentorMatcher.top_k`` (k candidates each) then ``assign_pairs`` (OR-Tools min-cost flow, most people
  assigned first, then the best total), against greedy-by-score on the same candidates; and, on a subset, the
  score-only flow against scipy's ``linear_sum_assignment`` on the expanded matrix (one column per free place),
  which must reach the same total.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from samspill.matching.engine import (  # noqa: E402
    InMemoryTaxonomy,
    JobMatcher,
    MentorFeatures,
    MentorMatcher,
    OpportunityFeatures,
    ParticipantFeatures,
    assign_pairs,
    suggest_jobs,
)
from samspill.matching.engine.features import OPPORTUNITY_KINDS  # noqa: E402
from samspill.matching.engine.taxonomy import typical_education_level  # noqa: E402

SEED = 20240601

TOWNS = [  # (name, lat, lon, population in thousands)
    ("Oslo", 59.91, 10.75, 700),
    ("Bergen", 60.39, 5.32, 290),
    ("Stavanger", 58.97, 5.73, 145),
    ("Sandnes", 58.85, 5.74, 80),
    ("Bærum", 59.89, 10.52, 130),
    ("Asker", 59.83, 10.43, 95),
    ("Lillestrøm", 59.96, 11.05, 90),
    ("Drammen", 59.74, 10.20, 100),
    ("Kristiansand", 58.15, 7.99, 115),
    ("Fredrikstad", 59.22, 10.93, 85),
    ("Sarpsborg", 59.28, 11.11, 58),
    ("Skien", 59.21, 9.61, 55),
    ("Porsgrunn", 59.14, 9.66, 37),
    ("Tønsberg", 59.27, 10.41, 58),
    ("Sandefjord", 59.13, 10.22, 65),
    ("Larvik", 59.05, 10.03, 48),
    ("Moss", 59.43, 10.66, 50),
    ("Halden", 59.12, 11.39, 32),
    ("Ski", 59.72, 10.84, 50),
    ("Jessheim", 60.14, 11.17, 42),
    ("Arendal", 58.46, 8.77, 45),
    ("Hamar", 60.79, 11.07, 32),
    ("Lillehammer", 61.12, 10.47, 29),
    ("Gjøvik", 60.80, 10.69, 31),
    ("Kongsberg", 59.67, 9.65, 28),
    ("Horten", 59.42, 10.48, 28),
    ("Haugesund", 59.41, 5.27, 38),
    ("Elverum", 60.88, 11.56, 22),
    ("Mandal", 58.03, 7.46, 16),
    ("Egersund", 58.45, 6.00, 15),
]
LANGUAGES = ["ar", "so", "ti", "fa", "prs", "uk", "pl", "ur", "ku", "en", "fr", "es", "ru", "th", "vi"]
TOPICS = ["cv", "interview", "network", "norwegian", "workplace culture", "business", "education", "family life"]
FIELDS = ["0111", "0413", "0414", "0521", "0613", "0713", "0715", "0722", "0731", "0912", "0913", "1013", "1015"]


# ---------------------------------------------------------------------- the synthetic world


class World:
    def __init__(self, n_participants: int, n_opportunities: int, n_mentors: int, seed: int = SEED) -> None:
        rng = np.random.default_rng(seed)
        self.rng = rng
        self._occupations(rng)
        self._skills(rng)
        self.taxonomy = InMemoryTaxonomy(self.occupation_skills)
        weights = np.array([t[3] for t in TOWNS], dtype=float)
        self.town_p = weights / weights.sum()
        self.opportunities = self._opportunities(rng, n_opportunities)
        self.participants = self._participants(rng, n_participants)
        self.mentors = self._mentors(rng, n_mentors)

    def _occupations(self, rng) -> None:
        codes: set[str] = set()
        majors = rng.choice(np.arange(1, 10), size=4000, p=np.array([3, 8, 7, 6, 12, 3, 9, 7, 10]) / 65)
        for major in majors:
            sub = f"{major}{rng.integers(1, 6)}"
            minor = f"{sub}{rng.integers(1, 5)}"
            codes.add(f"{minor}{rng.integers(1, 7)}")
            if len(codes) == 400:
                break
        self.codes = sorted(codes)
        rank = rng.permutation(len(self.codes))
        pop = 1.0 / (rank + 8.0)
        self.code_p = pop / pop.sum()

    def _skills(self, rng) -> None:
        n_skills = 3000
        subs = sorted({c[:2] for c in self.codes})
        pool_size = (n_skills - 100) // len(subs)
        pools = {s: 100 + i * pool_size + np.arange(pool_size) for i, s in enumerate(subs)}
        self.pools = pools
        self.occupation_skills = {}
        for code in self.codes:
            pool = pools[code[:2]]
            chosen = rng.choice(pool, size=min(len(pool), 40), replace=False)
            n_ess, n_opt = rng.integers(10, 26), rng.integers(10, 26)
            transversal = rng.choice(100, size=rng.integers(0, 4), replace=False)
            essential = [f"esco:{s}" for s in chosen[: min(n_ess, 20)]] + [f"esco:{s}" for s in transversal]
            optional = [f"esco:{s}" for s in chosen[20 : 20 + min(n_opt, 20)]]
            self.occupation_skills[code] = (essential, optional)

    def _place(self, rng, n):
        towns = rng.choice(len(TOWNS), size=n, p=self.town_p)
        lat = np.array([TOWNS[t][1] for t in towns]) + rng.normal(0, 0.05, n)
        lon = np.array([TOWNS[t][2] for t in towns]) + rng.normal(0, 0.09, n)
        return list(zip(lat.tolist(), lon.tolist(), strict=True))

    def _opportunities(self, rng, n) -> list[OpportunityFeatures]:
        occ = rng.choice(len(self.codes), size=n, p=self.code_p)
        kinds = rng.choice(len(OPPORTUNITY_KINDS), size=n, p=[0.5, 0.2, 0.15, 0.05, 0.1])
        places = self._place(rng, n)
        out = []
        for i in range(n):
            code = self.codes[occ[i]]
            kind = OPPORTUNITY_KINDS[kinds[i]]
            major = int(code[0])
            if kind == "language_practice":
                nor = int(rng.integers(0, 3))
            elif major <= 3:
                nor = int(rng.integers(3, 6))
            else:
                nor = int(rng.integers(1, 5))
            pool = self.pools[code[:2]]
            typical = typical_education_level(code)
            out.append(
                OpportunityFeatures(
                    id=f"o{i}",
                    occupation=code,
                    kind=kind,
                    norwegian_level=nor,
                    language_support=bool(rng.random() < 0.3),
                    hours_per_week=float(rng.choice([15.0, 20.0, 30.0, 37.5], p=[0.1, 0.2, 0.2, 0.5])),
                    requires_driving_licence=bool(rng.random() < 0.15),
                    requires_right_to_work=bool(rng.random() < 0.97),
                    location=places[i],
                    essential_skills={f"esco:{s}" for s in rng.choice(pool, size=rng.integers(0, 3))},
                    optional_skills={f"esco:{s}" for s in rng.choice(pool, size=rng.integers(0, 4))},
                    education_level=None if rng.random() < 0.6 else int(np.clip(typical + rng.integers(-1, 2), 0, 8)),
                    education_field=None if rng.random() < 0.7 else FIELDS[major % len(FIELDS)],
                    job_quality=None if rng.random() < 0.3 else float(rng.beta(5, 3)),
                    positions=1 if rng.random() < 0.7 else int(rng.integers(2, 6)),
                )
            )
        return out

    def _participants(self, rng, n) -> list[ParticipantFeatures]:
        places = self._place(rng, n)
        nor = rng.choice(7, size=n, p=[0.1, 0.2, 0.25, 0.25, 0.12, 0.06, 0.02])
        edu = rng.choice(9, size=n, p=[0.05, 0.1, 0.15, 0.25, 0.05, 0.05, 0.2, 0.12, 0.03])
        out = []
        for i in range(n):
            n_exp = int(rng.choice(4, p=[0.2, 0.4, 0.3, 0.1]))
            exp_codes = [self.codes[j] for j in rng.choice(len(self.codes), size=n_exp, p=self.code_p)]
            skills: set[str] = set()
            for code in exp_codes:
                essential, optional = self.occupation_skills[code]
                both = essential + optional
                skills.update(rng.choice(both, size=min(len(both), int(rng.integers(3, 12))), replace=False))
            skills.update(f"esco:{s}" for s in rng.choice(100, size=rng.integers(0, 5), replace=False))
            prefs = set()
            for _ in range(int(rng.choice(3, p=[0.4, 0.4, 0.2]))):
                code = self.codes[rng.choice(len(self.codes), p=self.code_p)]
                prefs.add(code if rng.random() < 0.7 else code[:2])
            mother = LANGUAGES[int(rng.integers(0, 9))]
            out.append(
                ParticipantFeatures(
                    id=f"p{i}",
                    norwegian_level=int(nor[i]),
                    norwegian_support=bool(rng.random() < 0.5),
                    right_to_work=bool(rng.random() < 0.95),
                    driving_licence=bool(rng.random() < 0.35),
                    max_hours_per_week=[None, None, None, 20.0, 30.0, 37.5][int(rng.integers(0, 6))],
                    commuting_radius_km=None if rng.random() < 0.1 else float(rng.choice([10, 20, 30, 50, 80])),
                    home=places[i],
                    skills=skills,
                    experience={c: float(rng.gamma(2.0, 2.0)) for c in exp_codes},
                    education_level=None if rng.random() < 0.1 else int(edu[i]),
                    education_field=None if rng.random() < 0.6 else FIELDS[int(rng.integers(0, len(FIELDS)))],
                    preferred_occupations=prefs,
                    preferred_kinds={OPPORTUNITY_KINDS[k] for k in rng.choice(5, size=rng.integers(0, 3))},
                    languages={"en": int(rng.integers(0, 6))} if rng.random() < 0.5 else {},
                    mother_tongue=mother,
                    mentor_topics={TOPICS[k] for k in rng.choice(len(TOPICS), size=rng.integers(0, 4), replace=False)},
                    preferred_mentor_kinds=set()
                    if rng.random() < 0.6
                    else {["migrant_peer", "native_professional"][i % 2]},
                    country_of_origin=["SY", "SO", "ER", "AF", "UA", "PL"][int(rng.integers(0, 6))],
                    gender=["female", "male"][int(rng.integers(0, 2))],
                )
            )
        return out

    def _mentors(self, rng, n) -> list[MentorFeatures]:
        places = self._place(rng, n)
        out = []
        for i in range(n):
            peer = rng.random() < 0.4
            code = self.codes[rng.choice(len(self.codes), p=self.code_p)]
            if peer:
                languages = {LANGUAGES[int(rng.integers(0, 9))]: 6, "no": int(rng.integers(3, 7))}
            else:
                languages = {"no": 6, "en": int(rng.integers(3, 6))}
            capacity = int(rng.choice([1, 2, 3, 4, 5], p=[0.2, 0.3, 0.25, 0.15, 0.1]))
            out.append(
                MentorFeatures(
                    id=f"m{i}",
                    kind="migrant_peer" if peer else "native_professional",
                    occupation=code if rng.random() < 0.8 else code[:2],
                    languages=languages,
                    topics={TOPICS[k] for k in rng.choice(len(TOPICS), size=rng.integers(1, 5), replace=False)},
                    capacity=capacity,
                    active_mentees=int(rng.integers(0, 2)) if capacity > 1 else 0,
                    location=places[i],
                    meets_online=bool(rng.random() < 0.2),
                )
            )
        return out


# ---------------------------------------------------------------------- plain numpy baseline (jobs)


def baseline_top_k(matcher: JobMatcher, encoded, k: int, chunk: int = 128):
    """Full score matrix per chunk of participants, same formulas as the engine, numpy broadcasting only (plus
    scipy.sparse for the skill counts), argpartition for the top k."""
    import scipy.sparse as sp

    # The matcher keeps the catalogue sorted by latitude; put it back in catalogue order.
    o_orig, _z, *sorted_arrays, inv_ptr, inv_opp, inv_w = matcher._o
    back = np.argsort(o_orig)
    o_occ, o_kind, o_nor, o_sup, o_hours, o_lic, o_rtw, o_known, o_u, o_den, o_edu, o_field, o_q, o_pos = (
        a[back] for a in sorted_arrays
    )
    inv_opp = o_orig[inv_opp]
    (
        p_nor, p_sup, p_rtw, p_lic, p_hours, p_known, p_u, p_cosr, skill_ptr, skill_idx, exp_ptr, exp_row,
        exp_years, pref_ptr, pref_row, p_kinds, p_edu, p_field,
    ) = encoded.arrays  # fmt: skip
    sim, fields = matcher._shared()
    w = matcher._w
    n_o, n_s = len(o_occ), len(inv_ptr) - 1
    # skill x opportunity weights (2 essential, 1 optional)
    w_mat = sp.csr_matrix((inv_w, inv_opp, inv_ptr), shape=(n_s, n_o))
    sim0 = np.vstack([sim, np.zeros((1, sim.shape[1]))])  # a zero row for padding
    pad = sim0.shape[0] - 1
    fields0 = np.hstack([fields, np.zeros((fields.shape[0], 1))])
    fields0 = np.vstack([fields0, np.zeros((1, fields0.shape[1]))])

    def padded(ptr, values, fill, dtype):
        counts = np.diff(ptr)
        width = max(1, int(counts.max(initial=0)))
        out = np.full((len(counts), width), fill, dtype=dtype)
        for j in range(width):
            has = counts > j
            out[has, j] = values[ptr[:-1][has] + j]
        return out, counts

    exp_rows_all, _ = padded(exp_ptr, exp_row, pad, np.int64)
    exp_years_all, _ = padded(exp_ptr, exp_years, 0.0, np.float64)
    pref_rows_all, pref_counts = padded(pref_ptr, pref_row, pad, np.int64)
    n_p = len(p_nor)
    out_i = np.full((n_p, k), -1, dtype=np.int64)
    out_s = np.full((n_p, k), -np.inf)
    o_field_col = np.where(o_field >= 0, o_field, fields0.shape[1] - 1)
    for start in range(0, n_p, chunk):
        sl = slice(start, min(n_p, start + chunk))
        b = sl.stop - sl.start
        mask = (o_pos > 0)[None, :] & (~o_rtw[None, :] | p_rtw[sl, None]) & (~o_lic[None, :] | p_lic[sl, None])
        mask &= o_hours[None, :] <= p_hours[sl, None]
        eff = np.minimum(6, p_nor[sl, None] + (p_sup[sl, None] | o_sup[None, :]))
        mask &= eff >= o_nor[None, :]
        d = p_u[sl, 0, None] * o_u[None, :, 0] + p_u[sl, 1, None] * o_u[None, :, 1] + p_u[sl, 2, None] * o_u[None, :, 2]
        mask &= ~(p_known[sl, None] & o_known[None, :]) | (d >= p_cosr[sl, None])
        # skills
        lo, hi = skill_ptr[sl.start], skill_ptr[sl.stop]
        p_mat = sp.csr_matrix(
            (np.ones(hi - lo), skill_idx[lo:hi], skill_ptr[sl.start : sl.stop + 1] - lo), shape=(b, n_s)
        )
        acc = (p_mat @ w_mat).toarray()
        f_skills = np.divide(acc, o_den[None, :], out=np.zeros_like(acc), where=o_den[None, :] > 0)
        # occupation and experience
        f_occ = np.zeros((b, n_o))
        total = np.zeros((b, n_o))
        for j in range(exp_rows_all.shape[1]):
            v = sim0[exp_rows_all[sl, j]][:, o_occ]
            np.maximum(f_occ, v, out=f_occ)
            total += exp_years_all[sl, j, None] * v
        f_exp = np.minimum(1.0, total / 5.0)
        occ_part = np.zeros((b, n_o))
        for j in range(pref_rows_all.shape[1]):
            np.maximum(occ_part, sim0[pref_rows_all[sl, j]][:, o_occ], out=occ_part)
        occ_part = np.where(pref_counts[sl, None] > 0, occ_part, 0.5)
        kinds = p_kinds[sl, None]
        kind_part = np.where(kinds == 0, 0.5, ((kinds >> o_kind[None, :]) & 1).astype(np.float64))
        f_pref = 0.5 * occ_part + 0.5 * kind_part
        gap = (p_edu[sl, None] - o_edu[None, :]).astype(np.float64)
        level = np.where(
            gap < 0, np.maximum(0.0, 1.0 + 0.5 * gap), np.where(gap <= 1, 1.0, np.maximum(0.0, 1.0 - 0.25 * (gap - 1)))
        )
        f_row = np.where(p_field[sl] >= 0, p_field[sl], fields0.shape[0] - 1)
        fsim = fields0[f_row][:, o_field_col]
        has_field = (o_field >= 0)[None, :]
        known = (p_field[sl] >= 0)[:, None]
        level = np.where(has_field, np.where(known, level * (0.5 + 0.5 * fsim), level * 0.5), level)
        f_qual = np.where((p_edu[sl] < 0)[:, None], 0.5, level)
        score = np.zeros((b, n_o))
        for weight, value in zip(w, (f_skills, f_occ, f_exp, f_pref, f_qual, o_q[None, :]), strict=True):
            score += weight * value
        score = np.where(mask, score, -np.inf)
        top = np.argpartition(-score, k - 1, axis=1)[:, :k] if n_o > k else np.tile(np.arange(n_o), (b, 1))
        top_s = np.take_along_axis(score, top, axis=1)
        order = np.lexsort((top, -top_s), axis=1)
        top, top_s = np.take_along_axis(top, order, axis=1), np.take_along_axis(top_s, order, axis=1)
        # argpartition picks any of several equal scores at the k-th place; the engine keeps the earliest
        # opportunities, so settle those ties the same way (a few rows per chunk)
        kth = top_s[:, -1]
        ties = np.flatnonzero(
            np.isfinite(kth) & ((score == kth[:, None]).sum(axis=1) > (top_s == kth[:, None]).sum(axis=1))
        )
        for r in ties:
            better = np.flatnonzero(score[r] > kth[r])
            equal = np.flatnonzero(score[r] == kth[r])[: k - len(better)]
            chosen = np.concatenate([better[np.lexsort((better, -score[r, better]))], equal])
            top[r], top_s[r] = chosen, score[r, chosen]
        out_i[sl, : top.shape[1]] = np.where(np.isfinite(top_s), top, -1)
        out_s[sl, : top.shape[1]] = top_s
    return out_i, out_s


# ---------------------------------------------------------------------- mentor baselines


def greedy_assign(pairs, capacities):
    order = np.lexsort((pairs.cols, pairs.rows, -pairs.scores))
    caps = np.array(capacities, dtype=np.int64)
    taken = np.zeros(len(pairs.participants), dtype=np.bool_)
    total, count = 0.0, 0
    for t in order:
        i, j = pairs.rows[t], pairs.cols[t]
        if not taken[i] and caps[j] > 0:
            taken[i] = True
            caps[j] -= 1
            total += pairs.scores[t]
            count += 1
    return total, count


def lsa_expanded(pairs, capacities):
    """scipy's Hungarian algorithm on a participants x places matrix (a mentor with c free places is c columns);
    ineligible pairs score 0, so a 0 is "unassigned". Maximises the total score only."""
    from scipy.optimize import linear_sum_assignment

    caps = np.asarray(capacities)
    columns = np.repeat(np.arange(len(caps)), caps)
    first = np.concatenate([[0], np.cumsum(caps)[:-1]])
    n_p = len(pairs.participants)
    matrix = np.zeros((n_p, len(columns)))
    for i, j, s in zip(pairs.rows, pairs.cols, pairs.scores, strict=True):
        matrix[i, first[j] : first[j] + caps[j]] = np.rint(s * 1e6)
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    values = matrix[rows, cols]
    return float(values.sum() / 1e6), int((values > 0).sum())


# ---------------------------------------------------------------------- driver


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f}"


def _wait_idle(limit: float) -> None:
    deadline = time.time() + limit
    while time.time() < deadline and os.getloadavg()[0] > 0.5:
        time.sleep(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--participants", type=int)
    parser.add_argument("--opportunities", type=int, default=20_000)
    parser.add_argument("--baseline-n", type=int, default=5_000, help="participants the numpy baseline runs on")
    parser.add_argument("--mentor-participants", type=int)
    parser.add_argument("--mentors", type=int)
    parser.add_argument("--mentor-k", type=int, default=30, help="candidate mentors per participant")
    parser.add_argument("--wait-idle", type=float, default=0)
    args = parser.parse_args()
    n_p = args.participants or (10_000 if args.quick else 100_000)
    n_mp = args.mentor_participants or (2_000 if args.quick else 10_000)
    n_m = args.mentors or (600 if args.quick else 3_000)
    if args.wait_idle:
        _wait_idle(args.wait_idle)
    load_before = _load()
    import numba

    rows: list[tuple[str, str, str, str]] = []

    t = time.perf_counter()
    world = World(max(n_p, n_mp), args.opportunities, n_m)
    print(
        f"synthetic world: {n_p:,} participants, {len(world.opportunities):,} opportunities, {n_m:,} mentors, "
        f"{len(world.codes)} occupations, seed {SEED} ({time.perf_counter() - t:.1f} s to generate)"
    )
    print(
        f"{os.cpu_count()} CPUs, numba {numba.__version__} with {numba.get_num_threads()} threads; "
        f"1-minute load average before: {load_before}"
    )

    # ---- jobs: batch
    t = time.perf_counter()
    matcher = JobMatcher(taxonomy=world.taxonomy).fit(world.opportunities)
    t_fit = time.perf_counter() - t
    t = time.perf_counter()
    matcher.top_k(world.participants[:64], k=10)  # loads the kernel from numba's cache (or compiles it)
    t_warm = time.perf_counter() - t
    participants = world.participants[:n_p]
    t = time.perf_counter()
    encoded = matcher.encode(participants)
    t_encode = time.perf_counter() - t
    t = time.perf_counter()
    top = matcher.top_k(encoded, k=10)
    t_engine = time.perf_counter() - t
    eligible = (top.index >= 0).sum(axis=1)

    n_b = min(args.baseline_n, n_p)
    sub = matcher.encode(participants[:n_b])
    t = time.perf_counter()
    engine_sub = matcher.top_k(sub, k=10)
    t_engine_sub = time.perf_counter() - t
    t = time.perf_counter()
    b_index, b_score = baseline_top_k(matcher, sub, 10)
    t_base = time.perf_counter() - t
    same_lists = float(np.mean(np.all(b_index == engine_sub.index, axis=1)))
    same_scores = float(np.mean(np.all(b_score == engine_sub.score, axis=1)))
    finite = np.isfinite(b_score)
    max_diff = float(np.max(np.abs(b_score[finite] - engine_sub.score[finite]), initial=0.0))
    t_base_full = t_base * n_p / n_b

    print(
        f"\nJobMatcher.fit (index {len(world.opportunities):,} opportunities): {t_fit:.2f} s; kernel load/compile: "
        f"{t_warm:.2f} s; encode {n_p:,} participants: {t_encode:.2f} s"
    )
    print(
        f"participants with 10 eligible opportunities: {np.mean(eligible == 10):.1%}; with none: "
        f"{np.mean(eligible == 0):.1%}"
    )
    print(
        f"baseline vs engine on the first {n_b:,}: identical top-10 lists for {same_lists:.2%} of participants, "
        f"identical scores for {same_scores:.2%}, max score difference {max_diff:.1e}"
    )
    rows.append(
        (
            f"top-10 jobs, {n_p:,} x {len(world.opportunities):,}",
            f"{t_engine:.1f} s",
            f"{t_base_full:.0f} s (extrapolated from {n_b:,}: {t_base:.1f} s)",
            f"{t_base_full / t_engine:.1f}x",
        )
    )
    rows.append(
        (
            f"  same, first {n_b:,} participants",
            f"{t_engine_sub:.2f} s",
            f"{t_base:.2f} s",
            f"{t_base / t_engine_sub:.1f}x",
        )
    )
    pairs_per_s = n_p * len(world.opportunities) / t_engine
    print(f"engine: {pairs_per_s / 1e6:.0f} M pairs/s")

    # ---- jobs: one participant
    sample = world.participants[:200]
    times = []
    for p in sample:
        t = time.perf_counter()
        matcher.suggest(p, top=10)
        times.append(time.perf_counter() - t)
    times_ms = np.array(times) * 1000
    cold = []
    for p in sample[:5]:
        t = time.perf_counter()
        suggest_jobs(p, world.opportunities, taxonomy=world.taxonomy, top=10)
        cold.append(time.perf_counter() - t)
    rows.append(
        (
            "suggest (fitted index), 1 participant",
            f"median {np.median(times_ms):.1f} ms, p95 {np.percentile(times_ms, 95):.1f} ms",
            "",
            "",
        )
    )
    rows.append(("suggest_jobs one-shot (indexes 20k)", f"median {np.median(cold) * 1000:.0f} ms", "", ""))

    # ---- mentors
    mps = world.participants[:n_mp]
    t = time.perf_counter()
    mentor_matcher = MentorMatcher(taxonomy=world.taxonomy).fit(world.mentors)
    t_mfit = time.perf_counter() - t
    t = time.perf_counter()
    candidates = mentor_matcher.top_k(mps, k=args.mentor_k)
    t_candidates = time.perf_counter() - t
    pairs = candidates.pairs()
    caps = mentor_matcher.capacities_
    t = time.perf_counter()
    result = assign_pairs(pairs, caps)
    t_flow = time.perf_counter() - t
    t = time.perf_counter()
    g_total, g_count = greedy_assign(pairs, caps)
    t_greedy = time.perf_counter() - t
    reasons: dict[str, int] = {}
    for reason in result.unassigned.values():
        reasons[reason] = reasons.get(reason, 0) + 1
    print(
        f"\nmentors: fit {t_mfit:.2f} s; {len(pairs.rows):,} candidate pairs (top {args.mentor_k} each); "
        f"{int(caps.sum()):,} free places for {n_mp:,} participants"
    )
    print(
        f"min-cost flow: {len(result.assigned):,} assigned, total score {result.total_score:.2f}; unassigned: "
        + ", ".join(f"{v:,} {k}" for k, v in sorted(reasons.items()))
    )
    print(f"greedy by score: {g_count:,} assigned, total score {g_total:.2f}")
    assert all(result.capacity_used[r] <= c for r, c in zip(pairs.resources, caps, strict=True))
    # Does the top-k truncation change the answer? Same assignment with 3x the candidates.
    wide = mentor_matcher.top_k(mps, k=3 * args.mentor_k).pairs()
    wide_result = assign_pairs(wide, caps)
    print(
        f"with top {3 * args.mentor_k} candidates: {len(wide_result.assigned):,} assigned, total score "
        f"{wide_result.total_score:.2f}"
    )
    rows.append((f"mentor candidates, {n_mp:,} x {n_m:,} (top {args.mentor_k})", f"{t_candidates:.1f} s", "", ""))
    rows.append(
        (
            f"mentor assignment, {n_mp:,} x {n_m:,}",
            f"{t_flow:.2f} s: {len(result.assigned):,} assigned, score {result.total_score:.1f}",
            f"greedy {t_greedy:.2f} s: {g_count:,} assigned, score {g_total:.1f}",
            f"+{len(result.assigned) - g_count:,} people",
        )
    )

    # ---- optimality against the Hungarian algorithm on a subset (score-only objective)
    n_sub = min(n_mp, 3_000)
    sub_m = n_sub * n_m // n_mp
    sub_matcher = MentorMatcher(taxonomy=world.taxonomy).fit(world.mentors[:sub_m])
    sub_pairs = sub_matcher.top_k(mps[:n_sub], k=args.mentor_k).pairs()
    sub_caps = sub_matcher.capacities_
    t = time.perf_counter()
    flow_sub = assign_pairs(sub_pairs, sub_caps, prefer_count=False)
    t_flow_sub = time.perf_counter() - t
    t = time.perf_counter()
    lsa_total, lsa_count = lsa_expanded(sub_pairs, sub_caps)
    t_lsa = time.perf_counter() - t
    flow_total = sum(round(s * 1e6) for s in flow_sub.scores.values()) / 1e6
    print(
        f"score-only optimum on {n_sub:,} x {sub_m:,} ({int(sub_caps.sum()):,} places): flow {flow_total:.6f} "
        f"({len(flow_sub.assigned):,} assigned), linear_sum_assignment {lsa_total:.6f} ({lsa_count:,} assigned)"
    )
    rows.append(
        (
            f"score-only optimum, {n_sub:,} x {sub_m:,}",
            f"flow {t_flow_sub:.2f} s",
            f"Hungarian (expanded) {t_lsa:.2f} s",
            f"{t_lsa / t_flow_sub:.0f}x",
        )
    )

    print(f"\n{'task':<44}{'samspill engine':<44}{'baseline':<46}ratio")
    print("-" * 140)
    for task, engine, base, ratio in rows:
        print(f"{task:<44}{engine:<44}{base:<46}{ratio}")
    print(
        f"\n1-minute load average before: {load_before}, after: {_load()} (other processes on the 2 vCPUs slow both "
        "sides; compare ratios)"
    )


if __name__ == "__main__":
    main()
