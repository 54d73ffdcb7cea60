"""Sequence indicators against TraMineR 2.2-12 (seqient, seqST, seqici) and field indicators on hand-made data."""

import math

import numpy as np
import pandas as pd
import pytest

from samspill.analysis.sequences.data import StateSequences
from samspill.analysis.sequences.indicators import (
    complexity,
    indicator_table,
    months_in,
    months_to_first,
    n_spells,
    n_transitions,
    relapse_into_inactivity,
    revolving_door_count,
    turbulence,
    within_entropy,
)


def mvad(shared_data):
    frame = pd.read_csv(shared_data / "sequences" / "mvad.csv")
    return StateSequences.from_wide(frame, columns=slice(16, 86), ids="id")  # seqdef(mvad, 17:86), unweighted


def test_indicators_reproduce_traminer_on_all_712_sequences(shared_data):
    seqs = mvad(shared_data)
    reference = pd.read_csv(shared_data / "sequences/reference-traminer-2.2-12/mvad_indicators.csv")
    np.testing.assert_allclose(within_entropy(seqs).to_numpy(), reference["entropy"], rtol=1e-6)
    np.testing.assert_allclose(turbulence(seqs).to_numpy(), reference["turbulence"], rtol=1e-6)
    np.testing.assert_allclose(complexity(seqs).to_numpy(), reference["complexity"], rtol=1e-6)


def test_published_entropy_and_complexity_of_first_five(shared_data):
    seqs = mvad(shared_data)
    # TraMineR documentation (JSS 40(4) / vignette), values as printed.
    entropy = [0.07241, 0.386625, 0.612431, 0.476115, 0.363752]
    cplx = [0.045813, 0.074855, 0.163179, 0.117475, 0.072607]
    assert within_entropy(seqs).iloc[:5].tolist() == pytest.approx(entropy, abs=5e-6)
    assert complexity(seqs).iloc[:5].tolist() == pytest.approx(cplx, abs=5e-7)


def coded(rows, alphabet):
    return StateSequences(codes=np.array(rows), alphabet=alphabet)


def test_turbulence_by_hand():
    seqs = coded([[0, 0, 1, 1, 0, 0], [0, 0, 0, 0, 0, -1], [0, 0, 1, -1, -1, -1], [-1] * 6], ("A", "B", "C"))
    # A/2-B/2-A/2: distinct subsequences of ABA = {'', A, B, AB, BA, AA, ABA} = 7; durations 2,2,2 -> variance 0,
    # maximum (3 - 1)(1 - 2)^2 = 2 -> T = log2(7 * 3 / 1) = log2 21.
    # A/5: phi = 2, var = vmax = 0 -> T = 1.  A/2-B/1: phi = 4, var = 0.25 = vmax -> T = 2.  Empty: NaN.
    values = turbulence(seqs).to_numpy()
    assert values[:3].tolist() == pytest.approx([math.log2(21), 1.0, 2.0])
    assert np.isnan(values[3])
    # type 2 (seqivardur type=2) counts the unvisited C as a zero spell: mean 6/4, var (3 * 0.5^2 + 1.5^2)/4 = 0.75,
    # max ((3-1)(1-1.5)^2 + (6-3+1-1.5)^2 + 1 * 1.5^2) / 4 = 2.25 -> T = log2(7 * 3.25 / 1.75) = log2 13.
    assert turbulence(seqs, type=2).iloc[0] == pytest.approx(math.log2(13))


def test_normalised_turbulence_is_one_for_the_alphabet_cycle():
    seqs = coded([[0, 1, 2, 0, 1, 2], [1, 1, 1, 1, 1, 1], [0, 0, 1, 1, 2, 2]], ("A", "B", "C"))
    values = turbulence(seqs, norm=True).to_numpy()
    assert values[0] == pytest.approx(1.0) and values[1] == 0.0 and 0 < values[2] < 1


def test_entropy_transitions_and_spells_with_void_and_missing():
    seqs = coded([[0, 1, 0, 1, -1, -1], [2, 2, 2, 2, 2, 2], [-1] * 6], ("A", "B", "C"))
    # A-B-A-B (4 observed periods): p = (1/2, 1/2) -> log 2 / log 3; 3 transitions over 3 possible.
    assert within_entropy(seqs).tolist() == pytest.approx([math.log(2) / math.log(3), 0.0, 0.0])
    assert within_entropy(seqs, norm=False).iloc[0] == pytest.approx(math.log(2))
    assert n_transitions(seqs).tolist() == [3, 0, 0]
    assert n_transitions(seqs, norm=True).tolist() == [1.0, 0.0, 0.0]
    assert n_spells(seqs).tolist() == [4, 1, 0]
    assert complexity(seqs).iloc[0] == pytest.approx(math.sqrt(math.log(2) / math.log(3)))
    # TraMineR's with.missing=FALSE: the missing month is skipped, so A-*-A is a single A spell.
    frame = pd.DataFrame([["A", None, "A", "B"]])
    with_gap = StateSequences.from_wide(frame)
    assert with_gap.has_missing
    assert n_spells(with_gap).tolist() == [2] and n_transitions(with_gap).tolist() == [1]


# EMP employment, UNB/ALT two benefit schemes, EDU education, INA inactivity.
FIELD = ("EMP", "UNB", "ALT", "EDU", "INA")
E, U, A, D, N, V = 0, 1, 2, 3, 4, -1  # N = INA (inactive), V = void
FIELD_ROWS = [
    [N, N, E, E, U, E, U, U],  # 0: first job in month 2; two job -> benefit moves; inactivity only before activity
    [U, U, U, U, U, U, U, U],  # 1: never employed: censored after 8 months
    [D, E, N, N, U, E, V, V],  # 2: job, 2 months inactive, benefits (gap 2); relapse after the job; ends after 6
    [E, U, E, U, V, V, V, V],  # 3: two immediate revolving doors, 4 months observed
    [V, V, V, V, V, V, V, V],  # 4: empty sequence
    [E, U, A, E, A, D, N, N],  # 5: UNB -> ALT is one benefit episode; second door after the next job; relapse
]


@pytest.fixture
def field():
    return StateSequences(codes=np.array(FIELD_ROWS), alphabet=FIELD, ids=[f"p{i}" for i in range(6)])


def test_months_to_first_job_with_censoring(field):
    result = months_to_first(field, "EMP")
    assert list(result.index) == [f"p{i}" for i in range(6)]
    np.testing.assert_array_equal(result["months"].to_numpy(), [2, np.nan, 1, 0, np.nan, 0])
    assert result["reached"].tolist() == [True, False, True, True, False, True]
    assert result["observed"].tolist() == [8, 8, 6, 4, 0, 8]
    assert months_in(field, ["EMP"]).tolist() == [3, 0, 2, 2, 0, 2]
    assert months_in(field, ["UNB", "ALT"]).tolist() == [3, 8, 1, 2, 0, 3]


def test_revolving_doors(field):
    assert revolving_door_count(field, "EMP", ["UNB", "ALT"]).tolist() == [2, 0, 1, 2, 0, 2]
    # Straight from a job onto benefits only: row 2's two inactive months in between no longer count.
    assert revolving_door_count(field, "EMP", ["UNB", "ALT"], max_gap=0).tolist() == [2, 0, 0, 2, 0, 2]
    assert revolving_door_count(field, "EMP", ["UNB", "ALT"], max_gap=2).tolist() == [2, 0, 1, 2, 0, 2]
    # Labels or indices work like alphabet codes.
    assert revolving_door_count(field, [0], [1, 2]).tolist() == [2, 0, 1, 2, 0, 2]


def test_relapse_into_inactivity(field):
    assert relapse_into_inactivity(field, ["EMP", "EDU"], "INA").tolist() == [0, 0, 1, 0, 0, 1]


def test_state_arguments_are_checked(field):
    with pytest.raises(ValueError, match="both groups"):
        revolving_door_count(field, ["EMP"], ["EMP", "UNB"])
    with pytest.raises(ValueError, match="unknown state"):
        months_in(field, "job")
    with pytest.raises(ValueError, match="max_gap"):
        revolving_door_count(field, "EMP", "UNB", max_gap=-1)


def test_indicator_table(field, shared_data):
    table = indicator_table(
        field,
        employment_states="EMP",
        benefit_states=["UNB", "ALT"],
        active_states=["EMP", "EDU"],
        inactive_states="INA",
    )
    assert list(table.columns) == [
        "entropy",
        "turbulence",
        "complexity",
        "n_transitions",
        "n_spells",
        "months_to_employment",
        "employment_reached",
        "months_in_employment",
        "months_on_benefits",
        "revolving_doors",
        "relapses",
    ]
    assert table["revolving_doors"].tolist() == [2, 0, 1, 2, 0, 2]
    assert table.loc["p1", "employment_reached"] == False  # noqa: E712 - numpy bool
    basic = indicator_table(mvad(shared_data))
    assert basic.shape == (712, 5) and basic.index[0] == 1
