"""Survival analysis for register durations such as the time to a first job.

- :func:`time_to_first_state` -- durations and event flags from state sequences (right-censored at the end of
  each sequence).
- :class:`KaplanMeier` -- product-limit survival curves per group, with Greenwood confidence bands, medians and
  the (multi-group) log-rank test, computed here in numpy (lifelines' conventions, checked against it in the tests).
- :class:`CoxModel` -- Cox proportional hazards regression (Efron ties) fitted with lifelines' ``CoxPHFitter``,
  reporting hazard ratios with confidence intervals.

Pure Python: no Django.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

__all__ = ["CoxModel", "KaplanMeier", "time_to_first_state"]


def time_to_first_state(seqs, states) -> pd.DataFrame:
    """Time to the first period in any of ``states`` (e.g. employment), with event flags for survival models.

    Returns a DataFrame indexed by the sequence ids with ``duration`` (the number of periods before entering the
    states -- 0 when a sequence starts in them -- or, for sequences that never do, the number of observed periods:
    right-censored at the end of the sequence, void excluded) and ``event`` (True when the states were reached).
    Accepts a StateSequences or an integer code array, like the sequence indicators.
    """
    from .sequences.indicators import months_to_first

    first = months_to_first(seqs, states)
    duration = np.where(first["reached"], first["months"], first["observed"]).astype(float)
    return pd.DataFrame({"duration": duration, "event": first["reached"].to_numpy()}, index=first.index)


def _as_arrays(durations, events, weights):
    t = np.asarray(durations, dtype=float)
    if t.ndim != 1:
        raise ValueError("durations must be one-dimensional")
    if np.any(~np.isfinite(t)) or np.any(t < 0):
        raise ValueError("durations must be finite and non-negative")
    e = np.ones(len(t), dtype=bool) if events is None else np.asarray(events).astype(bool)
    w = np.ones(len(t)) if weights is None else np.asarray(weights, dtype=float)
    if e.shape != t.shape or w.shape != t.shape:
        raise ValueError("durations, events and weights must have the same length")
    if np.any(w < 0) or not np.all(np.isfinite(w)):
        raise ValueError("weights must be finite and non-negative")
    return t, e, w


def _product_limit(t, e, w, alpha: float) -> pd.DataFrame:
    """Kaplan--Meier table at each distinct observed time (events and censorings), with Greenwood log(-log) bands."""
    times = np.unique(t)
    idx = np.searchsorted(times, t)
    deaths = np.bincount(idx, weights=w * e, minlength=len(times))
    removed = np.bincount(idx, weights=w, minlength=len(times))
    at_risk = removed[::-1].cumsum()[::-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(at_risk > 0, 1.0 - deaths / np.where(at_risk > 0, at_risk, 1.0), 1.0)
        survival = np.cumprod(factor)
        # Greenwood: Var S = S^2 sum d / (n (n - d)); the band is built on log(-log S) as lifelines (and R's
        # conf.type="log-log") do, so it stays inside [0, 1].
        green = np.cumsum(np.where(at_risk > deaths, deaths / (at_risk * (at_risk - deaths)), 0.0))
        z = stats.norm.ppf(1 - alpha / 2)
        v = np.log(survival)
        se = np.sqrt(green)
        # v < 0, so "- z se / v" raises log(-log S), which lowers S.
        lower = np.exp(-np.exp(np.log(-v) - z * se / v))
        upper = np.exp(-np.exp(np.log(-v) + z * se / v))
    lower = np.where(survival >= 1, 1.0, np.where(survival <= 0, 0.0, lower))
    upper = np.where(survival >= 1, 1.0, np.where(survival <= 0, 0.0, upper))
    return pd.DataFrame(
        {
            "time": times,
            "at_risk": at_risk,
            "events": deaths,
            "censored": removed - deaths,
            "survival": survival,
            "lower": lower,
            "upper": upper,
        }
    )


def _median(table: pd.DataFrame) -> float:
    below = table.loc[table["survival"] <= 0.5, "time"]
    return float(below.iloc[0]) if len(below) else float("inf")


def logrank_test(durations, events, groups, weights=None) -> pd.Series:
    """Log-rank test that the survival curves of all groups are equal (chi-square with ``n_groups - 1`` df).

    At every event time j, with ``n_gj`` at risk and ``d_gj`` events in group g (``n_j``, ``d_j`` overall):
    ``O_g - E_g = sum_j (d_gj - n_gj d_j / n_j)`` and ``V_gh = sum_j n_gj/n_j (delta_gh - n_hj/n_j) d_j (n_j - d_j)
    / (n_j - 1)``; the statistic is ``(O - E)' V^- (O - E)`` on all groups but one.
    """
    t, e, w = _as_arrays(durations, events, weights)
    g = pd.Categorical(np.asarray(groups))
    codes = g.codes
    if np.any(codes < 0):
        raise ValueError("groups must not contain missing values")
    k = len(g.categories)
    times = np.unique(t[e])
    # A subject is at risk at event time j while times[j] <= t, i.e. for every j below searchsorted(..., "right").
    reach = np.searchsorted(times, t, side="right")
    n_gj = np.zeros((k, len(times)))
    d_gj = np.zeros((k, len(times)))
    for grp in range(k):
        mine = codes == grp
        count = np.bincount(reach[mine], weights=w[mine], minlength=len(times) + 1)
        n_gj[grp] = count[::-1].cumsum()[::-1][1:]
        ev = mine & e
        d_gj[grp] = np.bincount(np.searchsorted(times, t[ev]), weights=w[ev], minlength=len(times))
    n_j = n_gj.sum(axis=0)
    d_j = d_gj.sum(axis=0)
    expected = n_gj * d_j / n_j
    o_minus_e = (d_gj - expected).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(n_j > 1, d_j * (n_j - d_j) / (n_j - 1), 0.0)
    p = n_gj / n_j
    V = np.einsum("gj,j->g", p, scale)[:, None] * np.eye(k) - np.einsum("gj,hj,j->gh", p, p, scale)
    stat = float(o_minus_e[:-1] @ np.linalg.solve(V[:-1, :-1], o_minus_e[:-1]))
    df = k - 1
    return pd.Series({"statistic": stat, "df": df, "p_value": float(stats.chi2.sf(stat, df))}, name="logrank")


class KaplanMeier:
    """Kaplan--Meier (product-limit) survival curves, per group, with a log-rank test between groups.

    ``fit(durations, events, groups=None, weights=None)``. ``events`` True = the event happened (e.g. first job),
    False = right-censored; weights are case (frequency or sampling) weights.

    Fitted attributes:
        groups_: the group labels (``[None]`` without groups).
        tables_: for each group a DataFrame with, at each distinct observed time, ``at_risk``, ``events``,
            ``censored``, ``survival`` (S(t) just after t) and the ``lower``/``upper`` band (level ``1 - alpha``,
            Greenwood variance on the log(-log) scale, as lifelines).
        median_: median survival time per group: the first time S(t) <= 0.5 (lifelines' convention; ``inf`` when
            the curve stays above 0.5).
        logrank_: Series ``statistic``, ``df``, ``p_value`` (None with a single group).
    """

    def __init__(self, alpha: float = 0.05):
        self.alpha = alpha

    def fit(self, durations, events=None, groups=None, weights=None) -> KaplanMeier:
        t, e, w = _as_arrays(durations, events, weights)
        if groups is None:
            self.groups_ = [None]
            self.tables_ = {None: _product_limit(t, e, w, self.alpha)}
            self.logrank_ = None
        else:
            g = pd.Categorical(np.asarray(groups) if not isinstance(groups, pd.Categorical) else groups)
            if len(g) != len(t):
                raise ValueError("groups must have one label per duration")
            self.groups_ = [c for c in g.categories if (g == c).any()]
            self.tables_ = {c: _product_limit(t[g == c], e[g == c], w[g == c], self.alpha) for c in self.groups_}
            keep = ~pd.isna(g)
            self.logrank_ = (
                logrank_test(t[keep], e[keep], np.asarray(g)[keep], w[keep]) if len(self.groups_) > 1 else None
            )
        self.median_ = pd.Series({c: _median(tab) for c, tab in self.tables_.items()}, name="median")
        return self

    def survival_at(self, times, group=None) -> np.ndarray:
        """S(t) at the given times (a step function, right-continuous; 1 before the first observed time)."""
        table = self.tables_[group]
        times = np.asarray(times, dtype=float)
        pos = np.searchsorted(table["time"].to_numpy(), times, side="right") - 1
        surv = table["survival"].to_numpy()
        return np.where(pos >= 0, surv[np.clip(pos, 0, None)], 1.0)


class CoxModel:
    """Cox proportional hazards regression, fitted with lifelines' ``CoxPHFitter`` (Efron's method for ties, the
    default of R's ``coxph``).

    ``fit(X, durations, events, weights=None, strata=None)`` with ``X`` a DataFrame of covariates (text or
    categorical columns are dummy-coded, first level as reference). With ``weights`` the sandwich (robust) standard
    errors are used unless ``robust=False``, as lifelines recommends for sampling weights.

    Fitted attributes:
        coef_: log hazard ratios; ``se_``: their standard errors.
        hazard_ratios_: DataFrame ``hazard_ratio``, ``lower``, ``upper`` (level ``1 - alpha``), ``p_value``.
        summary_: lifelines' full summary table.
        log_likelihood_, concordance_: partial log-likelihood and Harrell's C.
    """

    def __init__(self, alpha: float = 0.05, penalizer: float = 0.0, robust: bool | None = None):
        self.alpha = alpha
        self.penalizer = penalizer
        self.robust = robust

    @staticmethod
    def _design(X) -> pd.DataFrame:
        if not isinstance(X, pd.DataFrame):
            X = np.asarray(X, dtype=float)
            X = pd.DataFrame(X.reshape(len(X), -1), columns=[f"x{i}" for i in range(X.reshape(len(X), -1).shape[1])])
        categorical = [c for c in X.columns if not pd.api.types.is_numeric_dtype(X[c]) or X[c].dtype == bool]
        if categorical:
            X = pd.get_dummies(X, columns=categorical, drop_first=True, dtype=float)
        return X.astype(float)

    def fit(self, X, durations, events, weights=None, strata=None) -> CoxModel:
        from lifelines import CoxPHFitter

        design = self._design(X).reset_index(drop=True)
        t, e, w = _as_arrays(durations, events, weights)
        if len(design) != len(t):
            raise ValueError("X must have one row per duration")
        reserved = {"__duration", "__event", "__weight", "__strata"}
        if reserved & set(design.columns):
            raise ValueError(f"covariate names {sorted(reserved)} are reserved")
        frame = design.copy()
        frame["__duration"] = t
        frame["__event"] = e.astype(int)
        kwargs = {}
        if weights is not None:
            frame["__weight"] = w
            kwargs["weights_col"] = "__weight"
        if strata is not None:
            frame["__strata"] = np.asarray(strata)
            kwargs["strata"] = ["__strata"]
        robust = self.robust if self.robust is not None else weights is not None
        fitter = CoxPHFitter(alpha=self.alpha, penalizer=self.penalizer)
        fitter.fit(frame, duration_col="__duration", event_col="__event", robust=robust, **kwargs)
        summary = fitter.summary
        self.fitter_ = fitter
        self.summary_ = summary
        self.coef_ = summary["coef"].rename("coef")
        self.se_ = summary["se(coef)"].rename("se")
        lower_col = [c for c in summary.columns if c.startswith("exp(coef) lower")][0]
        upper_col = [c for c in summary.columns if c.startswith("exp(coef) upper")][0]
        self.hazard_ratios_ = pd.DataFrame(
            {
                "hazard_ratio": summary["exp(coef)"],
                "lower": summary[lower_col],
                "upper": summary[upper_col],
                "p_value": summary["p"],
            }
        )
        self.log_likelihood_ = float(fitter.log_likelihood_)
        self.concordance_ = float(fitter.concordance_index_)
        self.feature_names_ = list(design.columns)
        return self

    def predict_partial_hazard(self, X) -> np.ndarray:
        """``exp(x' beta)`` relative to the mean covariates, as lifelines reports it."""
        design = self._design(X)[self.feature_names_]
        return np.asarray(self.fitter_.predict_partial_hazard(design))
