"""Kaplan-Meier, log-rank and Cox models: by hand, against lifelines, and against published Rossi results."""

import math

import numpy as np
import pandas as pd
import pytest
from lifelines import KaplanMeierFitter
from lifelines.datasets import load_rossi, load_waltons
from lifelines.statistics import multivariate_logrank_test

from samspill.analysis.sequences.data import StateSequences
from samspill.analysis.survival import CoxModel, KaplanMeier, logrank_test, time_to_first_state


def test_kaplan_meier_by_hand():
    durations = [1, 2, 2, 3, 4, 5]
    events = [1, 1, 0, 1, 0, 1]
    table = KaplanMeier().fit(durations, events).tables_[None]
    # Product limit S(t) = prod (1 - d_j / n_j):
    #   t=1: 6 at risk, 1 event            -> 5/6
    #   t=2: 5 at risk, 1 event, 1 censored -> 5/6 * 4/5 = 2/3
    #   t=3: 3 at risk, 1 event            -> 2/3 * 2/3 = 4/9
    #   t=4: 2 at risk, 0 events, 1 censored -> 4/9
    #   t=5: 1 at risk, 1 event            -> 0
    assert table["at_risk"].tolist() == [6, 5, 3, 2, 1]
    assert table["censored"].tolist() == [0, 1, 0, 1, 0]
    assert table["survival"].tolist() == pytest.approx([5 / 6, 2 / 3, 4 / 9, 4 / 9, 0.0])
    # Greenwood at t=2: S^2 (1/(6*5) + 1/(5*4)) = 4/9 * 1/12; the log(-log) band at 95%:
    s, var = 2 / 3, (4 / 9) * (1 / 30 + 1 / 20)
    se_loglog = math.sqrt(var) / (s * abs(math.log(s)))
    z = 1.959963984540054
    assert table.loc[1, "lower"] == pytest.approx(s ** math.exp(z * se_loglog))
    assert table.loc[1, "upper"] == pytest.approx(s ** math.exp(-z * se_loglog))
    km = KaplanMeier().fit(durations, events)
    assert km.median_[None] == 3.0  # first time S <= 0.5
    assert km.survival_at([0.5, 2, 2.5, 10]).tolist() == pytest.approx([1.0, 2 / 3, 2 / 3, 0.0])
    assert km.logrank_ is None


def test_kaplan_meier_matches_lifelines():
    df = load_waltons()
    km = KaplanMeier().fit(df["T"], df["E"], groups=df["group"])
    assert km.groups_ == ["control", "miR-137"]
    for group in km.groups_:
        mine = df["group"] == group
        reference = KaplanMeierFitter().fit(df.loc[mine, "T"], df.loc[mine, "E"])
        table = km.tables_[group].set_index("time")
        expected = reference.survival_function_.loc[table.index].iloc[:, 0]
        np.testing.assert_allclose(table["survival"], expected, rtol=1e-12)
        bands = reference.confidence_interval_.loc[table.index]
        np.testing.assert_allclose(table["lower"], bands.iloc[:, 0], rtol=1e-9)
        np.testing.assert_allclose(table["upper"], bands.iloc[:, 1], rtol=1e-9)
        assert km.median_[group] == reference.median_survival_time_


@pytest.mark.parametrize("n_groups, weighted", [(2, False), (3, False), (3, True)])
def test_logrank_matches_lifelines(n_groups, weighted):
    df = load_waltons()
    rng = np.random.default_rng(n_groups)
    groups = df["group"] if n_groups == 2 else rng.integers(0, n_groups, len(df))
    weights = rng.integers(1, 4, len(df)).astype(float) if weighted else None
    mine = logrank_test(df["T"], df["E"], groups, weights=weights)
    theirs = multivariate_logrank_test(df["T"], groups, df["E"], weights=weights)
    assert mine["statistic"] == pytest.approx(theirs.test_statistic, rel=1e-9)
    assert mine["p_value"] == pytest.approx(theirs.p_value, rel=1e-6)
    assert mine["df"] == n_groups - 1


# Fox (2002), "Cox Proportional-Hazards Regression for Survival Data", appendix to An R and S-PLUS Companion to
# Applied Regression, coxph(Surv(week, arrest) ~ fin + age + race + wexp + mar + paro + prio, data=Rossi); the same
# coefficients are printed in the lifelines documentation ("Survival Regression", CoxPHFitter on load_rossi()).
ROSSI_COEF = {
    "fin": -0.37942,
    "age": -0.05744,
    "race": 0.31390,
    "wexp": -0.14980,
    "mar": -0.43370,
    "paro": -0.08487,
    "prio": 0.09150,
}


def test_cox_on_rossi_reproduces_published_coefficients():
    rossi = load_rossi()
    model = CoxModel().fit(rossi.drop(columns=["week", "arrest"]), rossi["week"], rossi["arrest"])
    assert model.coef_.to_dict() == pytest.approx(ROSSI_COEF, abs=6e-6)
    hr = model.hazard_ratios_
    np.testing.assert_allclose(hr["hazard_ratio"], np.exp(model.coef_))
    np.testing.assert_allclose(hr["lower"], np.exp(model.coef_ - 1.959963984540054 * model.se_), rtol=1e-9)
    assert hr.loc["prio", "p_value"] < 0.01 < hr.loc["race", "p_value"]
    # Independent cross-check: statsmodels' PHReg with Efron ties.
    import statsmodels.api as sm

    X = rossi.drop(columns=["week", "arrest"])
    reference = sm.PHReg(rossi["week"], X, status=rossi["arrest"], ties="efron").fit()
    np.testing.assert_allclose(model.coef_.to_numpy(), reference.params, rtol=1e-5)
    np.testing.assert_allclose(model.se_.to_numpy(), reference.bse, rtol=1e-4)


def test_cox_dummy_codes_text_covariates():
    rossi = load_rossi()
    X = rossi[["age", "prio"]].assign(aid=np.where(rossi["fin"] == 1, "yes", "no"))
    model = CoxModel().fit(X, rossi["week"], rossi["arrest"])
    assert list(model.coef_.index) == ["age", "prio", "aid_yes"]


def test_time_to_first_state():
    seqs = StateSequences(
        codes=np.array([[1, 1, 0, 0], [1, 1, 1, -1], [0, 1, 1, 1], [-1, -1, -1, -1]]),
        alphabet=("job", "school"),
        ids=["a", "b", "c", "d"],
    )
    result = time_to_first_state(seqs, "job")
    # Job in month 2 (after 2 months); never within 3 observed months (censored at 3); job from the start; empty.
    assert result["duration"].tolist() == [2.0, 3.0, 0.0, 0.0]
    assert result["event"].tolist() == [True, False, True, False]
    assert list(result.index) == ["a", "b", "c", "d"]


def test_time_to_first_job_on_mvad(shared_data):
    frame = pd.read_csv(shared_data / "sequences/mvad.csv")
    seqs = StateSequences.from_wide(frame, columns=slice(16, 86), weights="weight", ids="id")
    first = time_to_first_state(seqs, "employment")
    assert first["event"].sum() == 594
    km = KaplanMeier().fit(first["duration"], first["event"], groups=frame["Grammar"], weights=seqs.weights)
    assert set(km.groups_) == {"no", "yes"}
    assert 0 <= km.logrank_["p_value"] <= 1 and km.median_["no"] < km.median_["yes"]
