"""StateSequences (TraMineR seqdef) and transition rates (seqtrate) on the real mvad and biofam data and on small
hand-made cases for the missing-value rules and the constructors' error messages."""

import numpy as np
import pandas as pd
import pytest

from samspill.analysis.sequences import StateSequences, transition_rates

REFERENCE = "sequences/reference-traminer-2.2-12"


def _mvad(shared_data, **kwargs):
    # R's seqdef(mvad, 17:86): 1-based columns 17..86 are Python positions 16..85.
    return StateSequences.from_wide(pd.read_csv(shared_data / "sequences" / "mvad.csv"), slice(16, 86), **kwargs)


def test_mvad_as_traminer_defines_it(shared_data):
    seqs = _mvad(shared_data)
    reference = pd.read_csv(shared_data / REFERENCE / "mvad_statd.csv", index_col=0)
    assert len(seqs) == 712
    assert seqs.codes.shape == (712, 70) and seqs.codes.dtype == np.int16
    # TraMineR's alphabet order (R collation: case-insensitive), as in every reference file.
    assert seqs.alphabet == tuple(reference.index) == ("employment", "FE", "HE", "joblessness", "school", "training")
    assert seqs.columns == tuple(reference.columns)
    assert seqs.columns[0] == "Sep.93" and seqs.columns[-1] == "Jun.99"
    assert seqs.n_states == 6 and not seqs.has_missing and seqs.missing_code is None
    assert np.all(seqs.lengths == 70)
    assert np.all(seqs.weights == 1.0)
    assert list(seqs.ids[:3]) == [0, 1, 2]
    assert seqs.labels == seqs.alphabet
    assert len(seqs.colors) == 6 and all(c.startswith("#") and len(c) == 7 for c in seqs.colors)
    raw = pd.read_csv(shared_data / "sequences" / "mvad.csv")
    assert seqs.alphabet[seqs.codes[0, 0]] == raw.iloc[0, 16]


def test_state_distribution_matches_seqstatd(shared_data):
    seqs = _mvad(shared_data)
    reference = pd.read_csv(shared_data / REFERENCE / "mvad_statd.csv", index_col=0).to_numpy()
    ours = np.stack([(seqs.codes == k).mean(axis=0) for k in range(seqs.n_states)])
    np.testing.assert_allclose(ours, reference, rtol=1e-12)


def test_transition_rates_match_seqtrate(shared_data):
    reference = pd.read_csv(shared_data / REFERENCE / "mvad_trate.csv", index_col=0).to_numpy()
    np.testing.assert_allclose(transition_rates(_mvad(shared_data)), reference, rtol=1e-12, atol=1e-15)


def test_unique_finds_the_490_distinct_mvad_sequences(shared_data):
    seqs = _mvad(shared_data, weights="weight", ids="id")
    distinct, inverse = seqs.unique()
    assert len(distinct) == 490
    np.testing.assert_array_equal(distinct.codes[inverse], seqs.codes)
    assert distinct.weights.sum() == pytest.approx(seqs.weights.sum())
    # First appearances, in input order, keep their ids.
    assert distinct.ids[0] == seqs.ids[0]
    assert inverse[0] == 0
    counts = np.bincount(inverse)
    assert counts.sum() == 712 and counts.max() > 1


def test_biofam_numeric_states_sort_numerically(shared_data):
    biofam = pd.read_csv(shared_data / "sequences" / "biofam.csv")
    seqs = StateSequences.from_wide(biofam, slice(9, 25))  # R's 10:25
    assert seqs.alphabet == ("0", "1", "2", "3", "4", "5", "6", "7")
    assert seqs.columns[0] == "a15" and len(seqs.columns) == 16
    assert seqs.alphabet[seqs.codes[1, 1]] == str(biofam.iloc[1, 10])


def test_alphabet_sorting_follows_r_collation():
    seqs = StateSequences.from_wide([["b", "B", "a"], ["A", "c", "b"]])
    assert seqs.alphabet == ("a", "A", "b", "B", "c")
    given = StateSequences.from_wide([["x", "y"]], alphabet=["y", "x", "z"])
    assert given.alphabet == ("y", "x", "z")
    assert given.codes.tolist() == [[1, 0]]


def test_missing_value_rules_follow_seqdef_defaults():
    rows = [
        [None, "a", None, "b", None],  # left missing, gap, right missing
        ["a", "a", "b", "b", "b"],
        [None, None, None, None, None],
    ]
    seqs = StateSequences.from_wide(rows)
    # left=NA and gap=NA become the missing state '*', right='DEL' becomes void.
    assert seqs.alphabet == ("a", "b", "*") and seqs.has_missing and seqs.missing_code == 2
    assert seqs.codes.tolist() == [[2, 0, 2, 1, -1], [0, 0, 1, 1, 1], [-1, -1, -1, -1, -1]]
    assert seqs.lengths.tolist() == [4, 5, 0]
    assert seqs.labels[-1] == "missing"
    assert seqs.observed_alphabet == ("a", "b")


def test_missing_value_rules_delete_and_fill():
    rows = [[None, "a", "NA", "b", ""]]
    deleted = StateSequences.from_wide(rows, left="DEL", gap="DEL")
    assert deleted.codes.tolist() == [[0, 1, -1, -1, -1]] and not deleted.has_missing
    filled = StateSequences.from_wide(rows, left="z", gap="DEL", right="NA")
    assert filled.alphabet == ("a", "b", "z", "*")
    assert filled.codes.tolist() == [[2, 0, 1, 3, -1]]


def test_subset_and_immutability():
    seqs = StateSequences.from_wide([["a", "b"], ["b", "b"], ["a", "a"]], weights=[1.0, 2.0, 3.0], ids=["x", "y", "z"])
    assert seqs.subset([2, 0]).ids.tolist() == ["z", "x"]
    assert seqs.subset(np.array([False, True, True])).weights.tolist() == [2.0, 3.0]
    assert seqs.subset(slice(1, None)).codes.tolist() == [[1, 1], [0, 0]]
    with pytest.raises(ValueError):
        seqs.codes[0, 0] = 1
    assert len(seqs) == 3 and "3 sequences" in repr(seqs)
    frame = seqs.to_frame()
    assert frame.loc["y"].tolist() == ["b", "b"]


def test_from_spells_builds_sequences_with_gaps_and_ends():
    spells = pd.DataFrame(
        {
            "pid": [1, 1, 2, 2],
            "start": [1, 4, 2, 3],
            "end": [3, 6, 2, 5],
            "state": ["work", "school", "work", "jobless"],
        }
    )
    seqs = StateSequences.from_spells(spells, id="pid", start="start", end="end", state="state")
    assert seqs.columns == ("1", "2", "3", "4", "5", "6")
    assert seqs.ids.tolist() == [1, 2]
    frame = seqs.to_frame()
    assert frame.loc[1].tolist() == ["work", "work", "work", "school", "school", "school"]
    # id 2: nothing in period 1 (left: missing state), nothing in period 6 (right: void).
    assert frame.loc[2].tolist() == ["*", "work", "jobless", "jobless", "jobless", None]


def test_from_spells_rejects_overlaps_and_fractional_periods():
    spells = pd.DataFrame({"pid": [7, 7], "start": [1, 3], "end": [3, 5], "state": ["a", "b"]})
    with pytest.raises(ValueError, match=r"spells of id 7 overlap in period 3"):
        StateSequences.from_spells(spells, id="pid", start="start", end="end", state="state")
    fractional = spells.assign(start=[1.0, 3.5], end=[2, 5])
    with pytest.raises(ValueError, match=r"column 'start' must hold integer periods; row 1 has 3.5"):
        StateSequences.from_spells(fractional, id="pid", start="start", end="end", state="state")
    backwards = spells.assign(start=[1, 5], end=[2, 4])
    with pytest.raises(ValueError, match="ends in period 4 before it starts in period 5"):
        StateSequences.from_spells(backwards, id="pid", start="start", end="end", state="state")


def test_from_long_pivots_person_periods():
    long = pd.DataFrame({"pid": ["p", "p", "q", "q", "q"], "t": [2, 1, 1, 2, 3], "s": ["b", "a", "a", "c", "c"]})
    seqs = StateSequences.from_long(long, id="pid", time="t", state="s", weights={"p": 2.0, "q": 1.0})
    assert seqs.ids.tolist() == ["p", "q"]
    assert seqs.columns == ("1", "2", "3")
    assert seqs.to_frame().to_numpy().tolist() == [["a", "b", None], ["a", "c", "c"]]
    assert seqs.weights.tolist() == [2.0, 1.0]
    duplicated = pd.concat([long, long.iloc[[0]]])
    with pytest.raises(ValueError, match=r"id 'p' has several rows for t = 2"):
        StateSequences.from_long(duplicated, id="pid", time="t", state="s")


def test_bad_input_is_explained():
    with pytest.raises(ValueError, match=r"ragged input: row 1 has 3 periods but row 2 has 2"):
        StateSequences.from_wide([["a", "b", "c"], ["a", "b"]])
    with pytest.raises(ValueError, match=r"row 2 \(id 'q'\), column 'T2': state 'c' is not in the alphabet"):
        StateSequences.from_wide([["a", "b"], ["a", "c"]], alphabet=["a", "b"], ids=["p", "q"])
    with pytest.raises(ValueError, match="2 labels given for 3 states"):
        StateSequences.from_wide([["a", "b", "c"]], labels=["A", "B"])
    with pytest.raises(ValueError, match="weights must be finite and non-negative; row 2 has -1"):
        StateSequences.from_wide([["a"], ["b"]], weights=[1.0, -1.0])
    with pytest.raises(ValueError, match="columns not in the data"):
        StateSequences.from_wide(pd.DataFrame({"x": ["a"]}), ["y"])
    with pytest.raises(ValueError, match="reserved for missing states"):
        StateSequences.from_wide([["*", "a"]])
    with pytest.raises(ValueError, match="a state follows a void position"):
        StateSequences(codes=[[0, -1, 1]], alphabet=("a", "b"))
