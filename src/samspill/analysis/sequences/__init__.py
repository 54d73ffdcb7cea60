# ruff: noqa: F401 - the TYPE_CHECKING imports below only name what __getattr__ serves
"""Sequence analysis in plain Python, reproducing R's TraMineR 2.2-12 (each module's docstring names the TraMineR
functions it mirrors). Never imports Django.

The names below load their module on first use (PEP 562): the command line's ``--help`` and a worker that only
computes distances do not pay for matplotlib, pandas and scipy."""

import importlib
from typing import TYPE_CHECKING

# name -> the module that defines it
_EXPORTS = {
    "CLARA": "clustering",
    "PAM": "clustering",
    "WardClustering": "clustering",
    "cluster_quality": "clustering",
    "medoid": "clustering",
    "representatives": "clustering",
    "seqdist_blocks": "clustering",
    "silhouette": "clustering",
    "SubstitutionCosts": "costs",
    "check_costs": "costs",
    "substitution_costs": "costs",
    "transition_rates": "costs",
    "StateSequences": "data",
    "mean_time": "descriptives",
    "sequence_frequencies": "descriptives",
    "state_distribution": "descriptives",
    "seqdist": "distances",
    "seqdist_costs": "distances",
    "complexity": "indicators",
    "indicator_table": "indicators",
    "months_in": "indicators",
    "months_to_first": "indicators",
    "n_spells": "indicators",
    "n_transitions": "indicators",
    "relapse_into_inactivity": "indicators",
    "revolving_door_count": "indicators",
    "turbulence": "indicators",
    "within_entropy": "indicators",
    "chronogram": "plots",
    "frequency_plot": "plots",
    "index_plot": "plots",
    "mean_time_plot": "plots",
    "save_figure": "plots",
    "transition_heatmap": "plots",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # the next access is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


if TYPE_CHECKING:  # for editors and type checkers: the same names, imported eagerly
    from .clustering import (
        CLARA,
        PAM,
        WardClustering,
        cluster_quality,
        medoid,
        representatives,
        seqdist_blocks,
        silhouette,
    )
    from .costs import SubstitutionCosts, check_costs, substitution_costs, transition_rates
    from .data import StateSequences
    from .descriptives import mean_time, sequence_frequencies, state_distribution
    from .distances import seqdist, seqdist_costs
    from .indicators import (
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
    from .plots import chronogram, frequency_plot, index_plot, mean_time_plot, save_figure, transition_heatmap
