"""Simple marginal return: on simulated spend and results with a known response curve, the
fitted elasticity and marginal ROAS recover the truth within their intervals; too little data
or spend that never moves gives no answer, with the reason."""

from __future__ import annotations

import numpy as np
import pytest
import statsmodels.api as sm

from mpm.analysis import marginal_return


def weeks(elasticity: float, *, n: int = 52, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    spend = rng.uniform(5_000, 20_000, n)
    revenue = 40.0 * spend**elasticity * np.exp(rng.normal(0, 0.1, n))
    return spend, revenue


@pytest.mark.parametrize("truth", [0.3, 0.6, 0.9])
def test_the_elasticity_and_marginal_roas_are_recovered(truth: float) -> None:
    spend, revenue = weeks(truth)
    r = marginal_return(spend, revenue)
    assert r.elasticity_low < truth < r.elasticity_high
    assert r.elasticity == pytest.approx(truth, abs=0.1)
    # the true marginal ROAS at the average spend: d revenue / d spend = b · a · x^(b-1)
    x = spend.mean()
    true_marginal = truth * 40.0 * x ** (truth - 1) * np.exp(0.1**2 / 2)
    assert r.marginal_low < true_marginal < r.marginal_high
    assert r.average == pytest.approx(revenue.sum() / spend.sum())


def test_the_fit_is_ordinary_least_squares_on_logs() -> None:
    spend, revenue = weeks(0.5, seed=4)
    spend[3] = 0.0  # a week without spend is left out of the fit, not of the average
    r = marginal_return(spend, revenue)
    keep = spend > 0
    reference = sm.OLS(np.log(revenue[keep]), sm.add_constant(np.log(spend[keep]))).fit()
    assert r.elasticity == pytest.approx(reference.params[1], rel=1e-12)
    assert r.periods == 51


def test_no_answer_without_enough_varied_data() -> None:
    short = marginal_return([100.0] * 5, [300.0] * 5)
    assert short.marginal is None and "at least 8 periods" in short.note
    flat = marginal_return([100.0] * 20, np.linspace(200, 400, 20))
    assert flat.marginal is None and "hardly varied" in flat.note
    assert flat.average == pytest.approx(np.linspace(200, 400, 20).sum() / 2000)
    nothing = marginal_return([], [])
    assert nothing.average is None and nothing.marginal is None
