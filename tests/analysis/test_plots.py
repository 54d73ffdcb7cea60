"""Sequence plots: panels, shared legends, colours from the sequence object, file formats, no pyplot state."""

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from samspill.analysis.sequences import plots
from samspill.analysis.sequences.data import StateSequences

PLOTS = [plots.chronogram, plots.index_plot, plots.frequency_plot, plots.mean_time_plot]


@pytest.fixture
def seqs(shared_data):
    frame = pd.read_csv(shared_data / "sequences/mvad.csv").iloc[:120]
    return StateSequences.from_wide(frame, columns=slice(16, 86), weights="weight", ids="id")


@pytest.fixture
def small():
    return StateSequences(
        codes=np.array([[0, 0, 1, 2], [1, 1, 1, -1], [2, 0, 0, 0], [0, 0, 1, 2]]),
        alphabet=("a", "b", "c"),
        labels=("Alpha", "Beta", "Gamma"),
        colors=("#ff0000", "#00ff00", "#0000ff"),
    )


@pytest.mark.parametrize("plot", PLOTS, ids=lambda f: f.__name__)
def test_single_panel_and_legend_from_the_sequences(plot, small):
    fig = plot(small)
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 1
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == ["Alpha", "Beta", "Gamma"]
    assert [h.get_facecolor() for h in legend.legend_handles] == [to_rgba(c) for c in small.colors]


@pytest.mark.parametrize("plot", PLOTS, ids=lambda f: f.__name__)
def test_grouped_panels_share_one_legend(plot, seqs):
    group = np.where(np.arange(len(seqs)) % 3 == 0, "x", np.where(np.arange(len(seqs)) % 3 == 1, "y", "z"))
    fig = plot(seqs, group=group)
    assert len(fig.axes) == 3
    assert [ax.get_title().split(" (")[0] for ax in fig.axes] == ["x", "y", "z"]
    assert len(fig.legends) == 1 and len(fig.legends[0].get_texts()) == seqs.n_states


def test_transition_heatmap_panels_and_colour_bar(seqs, small):
    fig = plots.transition_heatmap(small)
    assert len(fig.axes) == 2  # the heat map and its colour bar
    image = fig.axes[0].images[0]
    # From a: a-a, a-b (row 0), a-a twice (row 2), a-a, a-b (row 3) -> 4/6 to a, 2/6 to b.
    np.testing.assert_allclose(image.get_array()[0], [2 / 3, 1 / 3, 0.0])
    grouped = plots.transition_heatmap(seqs, group=pd.Categorical(np.arange(len(seqs)) % 2, categories=[1, 0]))
    assert len(grouped.axes) == 3 and grouped.axes[0].get_title().startswith("1 ")


def test_index_plot_sorting(small):
    fig = plots.index_plot(small, sort="from.start")
    rgb = fig.axes[0].images[0].get_array()
    # Drawn bottom-up: a-a-b-c (rows 0 and 3), then b-b-b-void, then c-a-a-a.
    assert rgb[0, 0].tolist() == [1.0, 0.0, 0.0] and rgb[2, 0].tolist() == [0.0, 1.0, 0.0]
    assert rgb[2, 3].tolist() == [1.0, 1.0, 1.0]  # void is white
    by_key = plots.index_plot(small, sort=[3, 1, 0, 2]).axes[0].images[0].get_array()
    assert by_key[0, 0].tolist() == [0.0, 0.0, 1.0]  # key 0 -> row 2 (c-a-a-a) at the bottom
    explicit = plots.index_plot(small, order=[1, 0, 2, 3]).axes[0].images[0].get_array()
    assert explicit[0, 0].tolist() == [0.0, 1.0, 0.0]
    with pytest.raises(ValueError):
        plots.index_plot(small, order=[0, 0, 1, 2])


MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF-"}


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf", ".PNG"])
def test_save_figure_formats(small, tmp_path, suffix):
    path = plots.save_figure(plots.chronogram(small), tmp_path / f"chrono{suffix}")
    head = path.read_bytes()[:200]
    if suffix.lower() == ".svg":
        assert head.startswith(b"<?xml") and b"<svg" in path.read_bytes()
    else:
        assert head.startswith(MAGIC[suffix.lower()])


def test_save_figure_rejects_other_formats(small, tmp_path):
    with pytest.raises(ValueError, match="unsupported"):
        plots.save_figure(plots.chronogram(small), tmp_path / "chrono.jpg")


def test_no_pyplot_figures_are_created(small):
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    for plot in [*PLOTS, plots.transition_heatmap]:
        plot(small)
    assert plt.get_fignums() == before
