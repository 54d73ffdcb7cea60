"""``samspill sequences``: the real console script, run as researchers run it, against TraMineR 2.2-12's results.

Every run is a subprocess of the installed ``samspill`` entry point, so the tests cover the dispatch before Django,
argument parsing, file reading and writing as well as the numbers. Each run pays Python and numba start-up, so
several checks share a run where they can.
"""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.spatial.distance import squareform

from samspill.analysis.sequences.cli import CliError, resolve_columns
from tests.analysis.published import PUBLISHED_WEIGHTED_TRATE

SAMSPILL = Path(sys.executable).with_name("samspill")
RTOL = 1e-6
STATES = "employment,FE,HE,joblessness,school,training"


def run(*args, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(SAMSPILL), "sequences", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture
def mvad(shared_data) -> Path:
    return shared_data / "sequences" / "mvad.csv"


@pytest.fixture
def references(shared_data) -> Path:
    return shared_data / "sequences" / "reference-traminer-2.2-12"


def assert_pairs(matrix: np.ndarray, reference: Path) -> None:
    pairs = pd.read_csv(reference)
    got = matrix[pairs["i"].to_numpy() - 1, pairs["j"].to_numpy() - 1]  # the files count rows from 1
    np.testing.assert_allclose(got, pairs["d"].to_numpy(), rtol=RTOL, atol=0)


# ---------------------------------------------------------------------------------------------------- distances


def test_om_trate_full_matrix_condensed_and_refseq(mvad, references, tmp_path):
    # A settings module that does not exist: `samspill sequences` must not touch Django or the platform settings.
    no_platform = {"DJANGO_SETTINGS_MODULE": "no.such.settings", "DATABASE_URL": "nosuchdb://"}
    options = ["--columns", "17:86", "--method", "OM", "--sm", "TRATE", "--indel", "1"]
    result = ok(
        run(
            "distances",
            mvad,
            *options,
            "--save-costs",
            "sm.csv",
            "--out",
            "D.npy",
            "--progress",
            cwd=tmp_path,
            env=no_platform,
        )
    )
    assert "100%" in result.stderr  # --progress draws even though stderr is a pipe
    costs = pd.read_csv(tmp_path / "sm.csv", index_col=0)
    reference_costs = pd.read_csv(references / "mvad_sm_trate.csv", index_col=0)
    assert costs.index.tolist() == reference_costs.index.tolist() == costs.columns.tolist()
    np.testing.assert_allclose(costs, reference_costs, rtol=RTOL, atol=0)
    full = np.load(tmp_path / "D.npy")
    assert full.dtype == np.float64 and full.shape == (712, 712)
    reference = pd.read_csv(references / "mvad_om_trate_indel1_full.csv").to_numpy()
    np.testing.assert_allclose(full, reference, rtol=RTOL, atol=0)
    assert_pairs(full, references / "mvad_om_trate_indel1.csv")
    # The published values (TraMineR documentation).
    np.testing.assert_allclose([full[0, 1], full[0, 2], full[1, 2]], [138.514183, 113.995045, 71.829689], rtol=RTOL)
    np.testing.assert_allclose(full.max(), 139.888923, rtol=RTOL)

    ok(run("distances", mvad, *options, "--condensed", "--out", "C.npy", "-q", cwd=tmp_path))
    condensed = np.load(tmp_path / "C.npy")
    assert condensed.dtype == np.float32 and condensed.shape == (712 * 711 // 2,)
    np.testing.assert_array_equal(condensed, squareform(full, checks=False).astype(np.float32))

    ok(run("distances", mvad, *options, "--refseq", "3", "--out", "R.npy", "-q", cwd=tmp_path))
    np.testing.assert_array_equal(np.load(tmp_path / "R.npy"), full[:, 2])


PAIR_REFERENCES = {
    "mvad_om_const2_indel1.csv": ["--method", "OM", "--sm", "CONSTANT", "--indel", "1"],  # TraMineR's cval 2
    "mvad_om_indelslog.csv": ["--method", "OM", "--sm", "INDELSLOG"],
    "mvad_omspell_indelslog.csv": ["--method", "OMspell", "--expcost", "0.5", "--sm", "INDELSLOG"],
    "mvad_ham.csv": ["--method", "HAM", "--sm", "CONSTANT"],
    "mvad_dhd.csv": ["--method", "DHD"],
    "mvad_lcs.csv": ["--method", "LCS"],
}


@pytest.mark.parametrize(("reference", "options"), list(PAIR_REFERENCES.items()), ids=list(PAIR_REFERENCES))
def test_pair_references(mvad, references, tmp_path, reference, options):
    ok(run("distances", mvad, "--columns", "17:86", *options, "--out", "D.npy", cwd=tmp_path))
    matrix = np.load(tmp_path / "D.npy")
    assert matrix.shape == (712, 712)
    assert_pairs(matrix, references / reference)


def test_parquet_and_stata_inputs_and_columns_by_name(mvad, references, tmp_path):
    frame = pd.read_csv(mvad)
    frame.to_parquet(tmp_path / "mvad.parquet", index=False)
    with pytest.warns(Warning):  # Stata names cannot hold dots: pandas renames Sep.93 to Sep_93 and says so
        frame.to_stata(tmp_path / "mvad.dta", write_index=False)
    reference = pd.read_csv(references / "mvad_om_trate_indel1_full.csv").to_numpy()
    options = ["--method", "OM", "--sm", "TRATE", "--indel", "1", "-q"]
    ok(run("distances", "mvad.parquet", "--columns", "Sep.93:Jun.99", *options, "--out", "P.npy", cwd=tmp_path))
    ok(run("distances", "mvad.dta", "--columns", "17:86", *options, "--out", "S.npy", cwd=tmp_path))
    for name in ("P.npy", "S.npy"):
        np.testing.assert_allclose(np.load(tmp_path / name), reference, rtol=RTOL, atol=0)


def test_weights_reach_the_costs(mvad, tmp_path):
    from samspill.analysis.sequences.data import StateSequences
    from samspill.analysis.sequences.distances import seqdist

    options = ["--columns", "17:86", "--sm", "TRATE", "--weights", "weight", "--save-costs", "sm.csv"]
    ok(run("distances", mvad, *options, "--out", "W.npy", cwd=tmp_path))
    costs = pd.read_csv(tmp_path / "sm.csv", index_col=0)
    for (a, b), published in PUBLISHED_WEIGHTED_TRATE.items():
        assert round(costs.loc[a, b], 3) == published, (a, b)
    weighted = np.load(tmp_path / "W.npy")
    seqs = StateSequences.from_wide(pd.read_csv(mvad), slice(16, 86), weights="weight")
    np.testing.assert_array_equal(weighted, seqdist(seqs, "OM", sm="TRATE"))
    unweighted = seqdist(StateSequences.from_wide(pd.read_csv(mvad), slice(16, 86)), "OM", sm="TRATE")
    assert not np.allclose(weighted, unweighted)


# ---------------------------------------------------------------------------------------------------- other commands


def test_indicators(mvad, references, tmp_path):
    result = ok(
        run(
            "indicators",
            mvad,
            "--columns",
            "17:86",
            "--id",
            "id",
            "--employment-states",
            "employment",
            "--benefit-states",
            "joblessness",
            "--inactive-states",
            "joblessness",
            "--out",
            "ind.csv",
            "--progress",
            cwd=tmp_path,
        )
    )
    assert "wrote ind.csv" in result.stderr
    table = pd.read_csv(tmp_path / "ind.csv")
    reference = pd.read_csv(references / "mvad_indicators.csv")
    assert table["row"].tolist() == list(range(1, 713))
    assert table["id"].tolist() == pd.read_csv(mvad)["id"].tolist()
    for column in ("entropy", "turbulence", "complexity"):
        np.testing.assert_allclose(table[column], reference[column], rtol=RTOL, atol=0, err_msg=column)
    np.testing.assert_allclose(table["entropy"][:5], [0.07241, 0.386625, 0.612431, 0.476115, 0.363752], rtol=1e-4)
    for column in ("n_transitions", "n_spells", "months_to_employment", "months_in_employment", "revolving_doors"):
        assert column in table.columns
    assert "relapses" in table.columns  # --inactive-states alone: relapses from any other state
    assert (table["months_in_employment"] <= 70).all()


def test_describe(mvad, references, tmp_path):
    ok(run("describe", mvad, "--columns", "Sep.93:Jun.99", "--out-dir", "out", "--top", "5", "-q", cwd=tmp_path))
    statd = pd.read_csv(tmp_path / "out" / "state_distribution.csv", index_col=0)
    reference = pd.read_csv(references / "mvad_statd.csv", index_col=0)
    np.testing.assert_allclose(statd.loc[reference.index, reference.columns], reference, rtol=RTOL, atol=0)
    assert (statd.loc["ValidStates"] == 712).all()
    assert "Entropy" in statd.index
    trate = pd.read_csv(tmp_path / "out" / "transition_rates.csv", index_col=0)
    reference = pd.read_csv(references / "mvad_trate.csv", index_col=0)
    np.testing.assert_allclose(trate.loc[reference.index, reference.columns], reference, rtol=RTOL, atol=0)
    mean_time = pd.read_csv(tmp_path / "out" / "mean_time.csv", index_col=0)
    assert mean_time["Mean"].sum() == pytest.approx(70)
    frequencies = pd.read_csv(tmp_path / "out" / "sequence_frequencies.csv")
    assert len(frequencies) == 5 and frequencies["sequence"][0] == "employment/70"


def test_cluster_ward_gives_the_published_groups(mvad, tmp_path):
    result = ok(
        run(
            "cluster",
            mvad,
            "--columns",
            "17:86",
            "--sm",
            "TRATE",
            "--indel",
            "1",
            "--method",
            "ward",
            "--k",
            "4",
            "--save-distances",
            "D.npy",
            "--out",
            "clusters.csv",
            cwd=tmp_path,
        )
    )
    clusters = pd.read_csv(tmp_path / "clusters.csv")
    assert clusters["row"].tolist() == list(range(1, 713))
    assert np.bincount(clusters["cluster"])[1:].tolist() == [265, 153, 194, 100]
    assert "agglomerative coefficient 0.9944" in result.stdout
    assert "ASW" in result.stdout and "PBC" in result.stdout
    assert np.load(tmp_path / "D.npy").shape == (712, 712)


@pytest.mark.parametrize(
    ("name", "options", "magic"),
    [
        ("chrono.png", ["--kind", "chronogram", "--group", "male"], b"\x89PNG\r\n\x1a\n"),
        ("index.svg", ["--kind", "index", "--sort", "from.start"], b"<?xml"),
        ("trate.pdf", ["--kind", "transitions", "--group", "Grammar"], b"%PDF-"),
    ],
)
def test_plot_writes_real_figures(mvad, tmp_path, name, options, magic):
    ok(run("plot", mvad, "--columns", "17:86", *options, "--out", name, "-q", cwd=tmp_path))
    content = (tmp_path / name).read_bytes()
    assert content.startswith(magic)
    if name.endswith(".svg"):
        assert b"<svg" in content[:2000]
    assert not list(tmp_path.glob(".*partial*"))


# ---------------------------------------------------------------------------------------------------- bad input


def _bad_inputs(folder: Path, mvad: Path) -> dict[str, tuple[list[str], list[str]]]:
    """name -> (arguments, words the one-line message must contain)."""
    lines = mvad.read_text().splitlines()
    ragged = lines.copy()
    ragged[5] = ragged[5].rsplit(",", 1)[0]  # data row 5 loses its last field
    (folder / "ragged.csv").write_text("\n".join(ragged) + "\n")
    fields = [line.split(",") for line in lines]
    fields[3][20] = '"XX"'  # data row 3, column 21 (Jan.94)
    (folder / "unknown.csv").write_text("\n".join(",".join(f) for f in fields) + "\n")
    (folder / "wide.csv").write_text("0,1,1\n1,0,1\n")
    states = STATES.split(",")
    costs = pd.DataFrame(1.0, index=states, columns=states)
    np.fill_diagonal(costs.values, 0.0)
    costs.loc["employment", "FE"] = costs.loc["FE", "employment"] = 10.0  # dearer than going through HE
    costs.to_csv(folder / "triangle.csv")
    om = ["--columns", "17:86", "--sm", "TRATE"]
    return {
        "unknown state": (["unknown.csv", *om, "--alphabet", STATES], ["row 3", "Jan.94", "'XX'", "--alphabet"]),
        "ragged row": (["ragged.csv", *om], ["line 6", "85 fields", "86"]),
        "columns out of range": ([mvad, "--columns", "17:87", "--sm", "TRATE"], ["column 87", "out of range", "86"]),
        "non-square costs": ([mvad, "--columns", "17:86", "--sm", "wide.csv"], ["2x3", "square"]),
        "triangle inequality": ([mvad, "--columns", "17:86", "--sm", "triangle.csv"], ["triangle inequality"]),
        "missing file": (["absent.csv", *om], ["absent.csv", "no such file"]),
    }


@pytest.mark.parametrize(
    "case",
    ["unknown state", "ragged row", "columns out of range", "non-square costs", "triangle inequality", "missing file"],
)
def test_bad_input_is_one_clear_line(mvad, tmp_path, case):
    arguments, words = _bad_inputs(tmp_path, mvad)[case]
    result = run("distances", *arguments, "--out", "D.npy", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    assert not (tmp_path / "D.npy").exists()
    assert not list(tmp_path.glob(".*partial*"))


def test_help_through_python_m_and_the_platform_help(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "samspill", "sequences", "distances", "--help"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    for option in ("--columns", "--sm", "--indel", "--norm", "--expcost", "--weights", "--condensed", "--refseq"):
        assert option in result.stdout


# ---------------------------------------------------------------------------------------------------- in process


def test_column_specifications():
    names = ["id", "weight", "a", "b", "c", "2001", "x:y"]
    assert resolve_columns("3:5", names) == [2, 3, 4]
    assert resolve_columns("a:c", names) == [2, 3, 4]
    assert resolve_columns("1,a,5:6", names) == [0, 2, 4, 5]
    assert resolve_columns("[2001],[x:y]", names) == [5, 6]
    with pytest.raises(CliError, match=r"column 2001 is out of range.*write \[2001\]"):
        resolve_columns("2001", names)
    with pytest.raises(CliError, match="runs backwards"):
        resolve_columns("5:3", names)
    with pytest.raises(CliError, match="selected twice"):
        resolve_columns("3:5,b", names)
    with pytest.raises(CliError, match="did you mean 'weight'"):
        resolve_columns("weigth", names)


def test_biofam_from_the_command_line_equals_the_library(shared_data, tmp_path):
    """biofam (2,000 Swiss family trajectories, states 0–7 in columns 10–25, many duplicates): the command line and
    the library agree, and the Ward clusters and indicators cover everyone."""
    from samspill.analysis.sequences import StateSequences, WardClustering, seqdist

    biofam = shared_data / "sequences" / "biofam.csv"
    result = ok(
        run(
            "cluster",
            biofam,
            "--columns",
            "a15:a30",
            "--sm",
            "TRATE",
            "--method",
            "ward",
            "--k",
            "3",
            "--save-distances",
            "D.npy",
            "--out",
            "clusters.csv",
            cwd=tmp_path,
        )
    )
    frame = pd.read_csv(biofam)
    seqs = StateSequences.from_wide(frame, columns=slice(9, 25))
    expected = seqdist(seqs, "OM", sm="TRATE")
    got = np.load(tmp_path / "D.npy")
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=0)
    assert np.array_equal(got, got.T) and not np.diagonal(got).any()
    clusters = pd.read_csv(tmp_path / "clusters.csv")
    library = WardClustering(n_clusters=3).fit(expected)
    assert np.bincount(clusters["cluster"])[1:].tolist() == library.sizes_.tolist()
    assert sum(library.sizes_) == 2000 and "ASW" in result.stdout
    ok(run("indicators", biofam, "--columns", "10:25", "--out", "ind.csv", cwd=tmp_path))
    assert len(pd.read_csv(tmp_path / "ind.csv")) == 2000
