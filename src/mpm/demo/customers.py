"""Customers and their orders: acquisitions from baseline demand and media, then repeat buying.

Repeat purchases follow BG/NBD (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy
Way") in days of seasonal operational time; order values follow the gamma-gamma model (Fader,
Hardie & Lee 2005, "RFM and CLV: Using Iso-Value Curves").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mpm.demo.channels import CHANNEL_INDEX, CHANNELS, PAID_CHANNELS
from mpm.demo.sampling import gamma_poisson, time_of_day
from mpm.demo.seasonality import Calendar, promo_days

BASELINE_MIX: dict[str, float] = {
    "Organic Search": 0.34,
    "Direct": 0.22,
    "Paid Search": 0.14,
    "Affiliates": 0.09,
    "Referral": 0.07,
    "Organic Social": 0.06,
    "Email": 0.05,
    "Paid Social": 0.02,
    "Other": 0.01,
}
"""Last-click channel of first orders that media did not cause (brand search captures some)."""

REPEAT_MIX: dict[str, float] = {
    "Direct": 0.30,
    "Email": 0.28,
    "Organic Search": 0.16,
    "Paid Search": 0.12,
    "Affiliates": 0.04,
    "Organic Social": 0.03,
    "Referral": 0.03,
    "Paid Social": 0.03,
    "Other": 0.01,
}
"""Last-click channel of repeat orders."""

BASELINE_FIRST_ORDERS_PER_DAY = 18.0
"""New customers per day without paid media, on an average day at the window start."""


def incremental_mix(channel: str) -> dict[str, float]:
    """Last-click channel of a first order caused by `channel`'s spend (some go via search)."""
    if channel == "Paid Search":
        return {"Paid Search": 0.84, "Direct": 0.08, "Organic Search": 0.08}
    return {
        channel: 0.72,
        "Paid Search": 0.08,
        "Direct": 0.1,
        "Organic Search": 0.07,
        "Email": 0.03,
    }


@dataclass(frozen=True)
class RepeatProcess:
    """BG/NBD purchase and dropout (rates per day) and gamma-gamma order values (USD)."""

    r: float = 0.6
    alpha: float = 260.0
    a: float = 1.0
    b: float = 2.2
    p: float = 6.0
    q: float = 4.0
    gamma: float = 100.0

    @property
    def mean_order_value(self) -> float:
        """Population mean order value p·γ/(q−1)."""
        return self.p * self.gamma / (self.q - 1.0)


@dataclass(frozen=True)
class Acquisitions:
    """One entry per acquired customer; `day` is a window index (negative during burn-in)."""

    day: NDArray[np.int64]
    label: NDArray[np.int64]  # CHANNELS index of the first order's last click
    driver: NDArray[np.int64]  # CHANNELS index of the paid channel that caused it, -1 if none


@dataclass(frozen=True)
class OrderBook:
    """Every acquired customer and every order placed inside the window."""

    first_time: NDArray[np.float64]  # days since window start of the first order
    label: NDArray[np.int64]
    driver: NDArray[np.int64]
    order_customer: NDArray[np.int64]
    order_time: NDArray[np.float64]
    order_first: NDArray[np.bool_]
    order_label: NDArray[np.int64]
    order_revenue: NDArray[np.float64]
    order_margin: NDArray[np.float64]


def _labels(rng: np.random.Generator, mix: dict[str, float], n: int) -> NDArray[np.int64]:
    """`n` channel indexes drawn from a channel → probability mix."""
    codes = np.array([CHANNEL_INDEX[c] for c in mix], dtype=np.int64)
    probs = np.array(list(mix.values()))
    return codes[rng.choice(codes.size, size=n, p=probs / probs.sum())]


def acquire(
    rng: np.random.Generator,
    calendar: Calendar,
    incremental: dict[str, NDArray[np.float64]],
    capture: NDArray[np.float64],
    channel_factor: dict[str, NDArray[np.float64]],
) -> Acquisitions:
    """New customers: baseline demand per label channel, media-driven ones, and the burn-in.

    `incremental` holds μ_t per paid channel, `capture` the share of orders that survive site
    incidents, `channel_factor` real demand changes of a label channel (organic traffic drop).
    """
    days, burn = calendar.days, calendar.burn_in
    day_parts: list[NDArray[np.int64]] = []
    label_parts: list[NDArray[np.int64]] = []
    driver_parts: list[NDArray[np.int64]] = []
    window_days = np.arange(days, dtype=np.int64)
    for channel, share in BASELINE_MIX.items():
        mean = BASELINE_FIRST_ORDERS_PER_DAY * share * calendar.demand
        mean = mean * channel_factor.get(channel, np.ones(days))
        counts = gamma_poisson(rng, mean, 25.0)
        day_parts.append(np.repeat(window_days, counts))
        label_parts.append(np.full(int(counts.sum()), CHANNEL_INDEX[channel], dtype=np.int64))
        driver_parts.append(np.full(int(counts.sum()), -1, dtype=np.int64))
    for channel in PAID_CHANNELS:
        counts = gamma_poisson(rng, incremental[channel], 20.0)
        day_parts.append(np.repeat(window_days, counts))
        label_parts.append(_labels(rng, incremental_mix(channel), int(counts.sum())))
        driver_parts.append(np.full(int(counts.sum()), CHANNEL_INDEX[channel], dtype=np.int64))
    head = min(days, 56)
    paid_level = sum(float(incremental[c][:head].sum()) for c in PAID_CHANNELS)
    paid_level /= float(calendar.demand[:head].sum())
    mix = {c: BASELINE_FIRST_ORDERS_PER_DAY * s for c, s in BASELINE_MIX.items()}
    for channel in PAID_CHANNELS:
        channel_level = float(incremental[channel][:head].sum() / calendar.demand[:head].sum())
        for label, s in incremental_mix(channel).items():
            mix[label] = mix.get(label, 0.0) + channel_level * s
    burn_mean = (BASELINE_FIRST_ORDERS_PER_DAY + paid_level) * (
        calendar.ext_seasonal[:burn] * calendar.ext_trend[:burn]
    )
    counts = gamma_poisson(rng, burn_mean, 25.0)
    day_parts.append(np.repeat(np.arange(-burn, 0, dtype=np.int64), counts))
    label_parts.append(_labels(rng, mix, int(counts.sum())))
    driver_parts.append(np.full(int(counts.sum()), -1, dtype=np.int64))
    day = np.concatenate(day_parts)
    label = np.concatenate(label_parts)
    driver = np.concatenate(driver_parts)
    keep = rng.random(day.size) < np.where(day >= 0, capture[np.clip(day, 0, days - 1)], 1.0)
    order = np.argsort(day[keep], kind="stable")
    return Acquisitions(day[keep][order], label[keep][order], driver[keep][order])


def _repeat_purchases(
    rng: np.random.Generator,
    calendar: Calendar,
    first_time: NDArray[np.float64],
    process: RepeatProcess,
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """BG/NBD repeat purchases up to the window's end: (customer index, time in days).

    Purchases arrive as a Poisson process with rate λ ~ Gamma(r, α) in operational time whose
    clock runs at the seasonal index; after each purchase the customer drops out with
    probability p ~ Beta(a, b) (Fader, Hardie & Lee 2005, assumptions i–v).
    """
    n = first_time.size
    burn = calendar.burn_in
    grid = np.arange(calendar.ext_seasonal.size + 1, dtype=np.float64)
    clock = np.concatenate([[0.0], np.cumsum(calendar.ext_seasonal)])
    rate = rng.gamma(process.r, 1.0 / process.alpha, n)
    dropout = rng.beta(process.a, process.b, n)
    current = np.interp(first_time + burn, grid, clock)
    alive = np.ones(n, dtype=bool)
    who: list[NDArray[np.int64]] = []
    when: list[NDArray[np.float64]] = []
    while alive.any():
        idx = np.flatnonzero(alive)
        current[idx] += rng.exponential(1.0, idx.size) / rate[idx]
        inside = current[idx] < clock[-1]
        alive[idx[~inside]] = False
        bought = idx[inside]
        who.append(bought)
        when.append(np.interp(current[bought], clock, grid) - burn)
        alive[bought[rng.random(bought.size) < dropout[bought]]] = False
    if not who:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return np.concatenate(who), np.concatenate(when)


def simulate_orders(
    rng: np.random.Generator,
    calendar: Calendar,
    acquisitions: Acquisitions,
    capture: NDArray[np.float64],
    process: RepeatProcess,
) -> OrderBook:
    """First and repeat orders of every customer, kept when placed inside the window."""
    days = calendar.days
    n = acquisitions.day.size
    first_time = acquisitions.day + time_of_day(rng, n)
    spend_rate = rng.gamma(process.q, 1.0 / process.gamma, n)
    repeat_who, repeat_when = _repeat_purchases(rng, calendar, first_time, process)
    repeat_day = np.floor(repeat_when).astype(np.int64)
    inside = (repeat_when >= 0) & (repeat_when < days)
    inside &= rng.random(repeat_when.size) < capture[np.clip(repeat_day, 0, days - 1)]
    repeat_who, repeat_when = repeat_who[inside], repeat_when[inside]
    first_inside = np.flatnonzero(acquisitions.day >= 0)
    customer = np.concatenate([first_inside, repeat_who])
    time = np.concatenate([first_time[first_inside], repeat_when])
    is_first = np.concatenate([np.ones(first_inside.size, bool), np.zeros(repeat_who.size, bool)])
    order = np.lexsort((customer, time))
    customer, time, is_first = customer[order], time[order], is_first[order]
    repeat_labels = _labels(rng, REPEAT_MIX, customer.size)
    label = np.where(is_first, acquisitions.label[customer], repeat_labels)
    revenue = np.round(rng.gamma(process.p, 1.0 / spend_rate[customer]), 2)
    day = np.floor(time).astype(np.int64)
    margin_rate = np.clip(rng.normal(0.42, 0.05, customer.size), 0.15, 0.6)
    margin_rate -= 0.12 * promo_days(calendar.dates)[day]
    return OrderBook(
        first_time=first_time,
        label=acquisitions.label,
        driver=acquisitions.driver,
        order_customer=customer,
        order_time=time,
        order_first=is_first,
        order_label=label,
        order_revenue=revenue,
        order_margin=np.round(revenue * margin_rate, 2),
    )


def orders_by_channel_day(
    book: OrderBook, days: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Order counts and revenue per last-click channel (rows, CHANNELS order) and day."""
    key = book.order_label * days + np.floor(book.order_time).astype(np.int64)
    size = len(CHANNELS) * days
    counts = np.bincount(key, minlength=size).astype(np.float64).reshape(len(CHANNELS), days)
    revenue = np.bincount(key, weights=book.order_revenue, minlength=size).astype(np.float64)
    return counts, revenue.reshape(len(CHANNELS), days)


def incremental_revenue(book: OrderBook) -> dict[str, tuple[int, float]]:
    """Incremental first orders and their revenue per paid channel (truth of the media effect)."""
    first = book.order_first
    driver = book.driver[book.order_customer]
    out: dict[str, tuple[int, float]] = {}
    for channel in PAID_CHANNELS:
        mask = first & (driver == CHANNEL_INDEX[channel])
        out[channel] = (int(mask.sum()), float(book.order_revenue[mask].sum()))
    return out
