"""The demo world: a complete, reproducible marketing data set of a fictional retailer plus truth.

Ridgeline Outfitters sells outdoor gear online (US, Canada, Germany) and runs a B2B arm that
outfits teams. `generate_world` simulates its media, web, email, social, CRM and shop data into
the canonical tables of mpm.model.tables and records the true parameters in `truth`.
"""

from __future__ import annotations

import datetime as dt
import json
import pathlib
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from mpm.demo.campaigns import build_campaigns, campaign_truth
from mpm.demo.channels import CHANNEL_INDEX, CHANNELS, PAID_CHANNELS
from mpm.demo.costs import AFFILIATE_COMMISSION, costs_table
from mpm.demo.customers import (
    BASELINE_FIRST_ORDERS_PER_DAY,
    BASELINE_MIX,
    OrderBook,
    RepeatProcess,
    acquire,
    incremental_revenue,
    orders_by_channel_day,
    simulate_orders,
)
from mpm.demo.emails import email_campaigns_table, send_emails
from mpm.demo.experiments import experiment_exposures_table, experiment_truth
from mpm.demo.fx import eur_usd_rates, fx_rates_table
from mpm.demo.incidents import daily_factor, find, order_capture, schedule_incidents
from mpm.demo.journeys import journey_truth, simulate_journeys
from mpm.demo.leads import MQL_RATE, STAGE_LAG, STAGE_RATE, leads_table, paid_lead_counts
from mpm.demo.media import (
    ad_performance_table,
    campaign_day_matrix,
    channel_spend_usd,
    deliver_media,
    platform_conversions,
)
from mpm.demo.orders import customer_ids, customers_table, orders_table
from mpm.demo.response import ChannelResponse, media_response
from mpm.demo.sampling import stream
from mpm.demo.seasonality import ANNUAL_GROWTH, WEEKDAY_INDEX, build_calendar
from mpm.demo.social import simulate_social, social_performance_table
from mpm.demo.surveys import (
    AWARENESS_BASELINE,
    AWARENESS_HALF_LIFE_DAYS,
    AWARENESS_MAX_EFFECT,
    AWARENESS_SHAPE,
    AWARENESS_SPEND_WEIGHTS,
    awareness_path,
    custom_metrics_table,
)
from mpm.demo.web import web_traffic_table
from mpm.errors import UserError

COMPANY = "Ridgeline Outfitters"
BASE_CURRENCY = "USD"
MIN_DAYS = 60


@dataclass(frozen=True)
class World:
    """Canonical tables (Arrow, canonical column names) plus the truth they were drawn from."""

    tables: dict[str, pa.Table]
    truth: dict[str, object]
    base_currency: str = BASE_CURRENCY


def generate_world(*, seed: int = 42, days: int = 730, end: dt.date | None = None) -> World:
    """Simulate `days` days ending on `end` (default yesterday); same arguments, same bytes."""
    if days < MIN_DAYS:
        raise UserError(f"a demo world needs at least {MIN_DAYS} days, got {days}")
    if seed < 0:
        raise UserError(f"the demo seed must be a non-negative integer, got {seed}")
    end = end or dt.date.today() - dt.timedelta(days=1)
    calendar = build_calendar(stream(seed, 1), end=end, days=days)
    eur_usd = eur_usd_rates(stream(seed, 2), days)
    campaigns = build_campaigns(calendar, stream(seed, 3))
    incidents = schedule_incidents(calendar)
    delivery = deliver_media(calendar, campaigns, eur_usd, incidents, stream(seed, 4))
    spend = channel_spend_usd(delivery, campaigns, days)
    clicks = campaign_day_matrix(delivery, delivery.clicks, len(campaigns), days)
    process = RepeatProcess()
    efficacy = np.sqrt(calendar.seasonal) / np.sqrt(calendar.seasonal).mean()
    responses = media_response(spend, efficacy, process.mean_order_value)
    capture = order_capture(incidents, days)
    organic_drop = daily_factor(
        find(incidents, "organic_traffic_drop", channel="Organic Search"), days
    )
    acquisitions = acquire(
        stream(seed, 6),
        calendar,
        {c: r.mean_orders for c, r in responses.items()},
        capture,
        {"Organic Search": organic_drop},
    )
    book = simulate_orders(stream(seed, 7), calendar, acquisitions, capture, process)
    orders, revenue = orders_by_channel_day(book, days)
    sends = send_emails(stream(seed, 11), calendar, incidents)
    social = simulate_social(stream(seed, 12), calendar, incidents)
    paid_leads = paid_lead_counts(stream(seed, 5), delivery)
    conversions, conversion_value = platform_conversions(
        delivery, campaigns, orders, revenue, paid_leads, eur_usd, incidents, stream(seed, 10)
    )
    ids = customer_ids(book)
    awareness, awareness_k = awareness_path(spend)
    journeys = simulate_journeys(stream(seed, 14), calendar, campaigns, clicks, sends)
    tables: dict[str, pa.Table] = {
        "ad_performance": ad_performance_table(
            calendar, delivery, campaigns, conversions, conversion_value
        ),
        "web_traffic": web_traffic_table(
            stream(seed, 13), calendar, campaigns, clicks, sends, social, orders, revenue, incidents
        ),
        "email_campaigns": email_campaigns_table(calendar, sends),
        "social_performance": social_performance_table(calendar, social),
        "costs": costs_table(calendar, spend, revenue[CHANNEL_INDEX["Affiliates"]]),
        "custom_metrics": custom_metrics_table(stream(seed, 16), calendar, awareness),
        "fx_rates": fx_rates_table(calendar, eur_usd),
        "leads": leads_table(stream(seed, 17), calendar, delivery, campaigns, paid_leads),
        "orders": orders_table(stream(seed, 8), calendar, book, ids, campaigns, clicks, sends),
        "customers": customers_table(stream(seed, 9), calendar, book, ids),
        "touchpoints": journeys.touchpoints,
        "conversions": journeys.conversions,
        "experiment_exposures": experiment_exposures_table(stream(seed, 15), calendar),
    }
    truth: dict[str, object] = {
        "generated_by": "mpm demo",
        "company": COMPANY,
        "seed": seed,
        "end": end.isoformat(),
        "start": calendar.date_of(0).isoformat(),
        "days": days,
        "base_currency": BASE_CURRENCY,
        "channels": _channel_truth(responses, spend, book, orders, revenue),
        "media_response": {
            "formula": "incremental first orders/day = max_incremental_orders_per_day * drift_t * "
            "efficacy_t * hill(adstock_t); adstock_t = decay*adstock_{t-1} + (1-decay)*spend_t "
            "(USD, channel total, steady-state start); hill(x) = x^shape/(x^shape + K^shape)",
            "efficacy": "sqrt(seasonal demand index), mean 1 over the window",
            "revenue": "incremental revenue = revenue of those first orders (repeat orders of "
            "the customers they bring are not counted)",
            "reference": "Jin, Wang, Sun, Chan & Koehler 2017",
        },
        "incidents": [i.truth(calendar) for i in incidents],
        "experiments": experiment_truth(calendar, tables["experiment_exposures"]),
        "customers": _customer_truth(process, book, tables, calendar.burn_in),
        "campaigns": campaign_truth(calendar, campaigns),
        "leads": {
            "mql_rate_by_channel": dict(sorted(MQL_RATE.items())),
            "sql_rate": STAGE_RATE["sql"],
            "opportunity_rate": STAGE_RATE["opportunity"],
            "win_rate": STAGE_RATE["won"],
            "mean_days_to_stage": {k: a * b for k, (a, b) in STAGE_LAG.items()},
            "deal_value": {"distribution": "lognormal", "median": 9000.0, "sigma": 0.7},
        },
        "journeys": journey_truth(journeys),
        "brand_awareness": {
            "table": "custom_metrics",
            "metric": "brand_awareness",
            "baseline": AWARENESS_BASELINE,
            "max_media_effect": AWARENESS_MAX_EFFECT,
            "adstock_half_life_days": AWARENESS_HALF_LIFE_DAYS,
            "saturation": {
                "kind": "hill",
                "half_saturation_spend_per_day": awareness_k,
                "shape": AWARENESS_SHAPE,
            },
            "spend_weights": AWARENESS_SPEND_WEIGHTS,
            "true_mean": round(float(awareness.mean()), 6),
        },
        "fx": {
            "currency": "EUR",
            "base_currency": BASE_CURRENCY,
            "min_rate": float(eur_usd.min()),
            "max_rate": float(eur_usd.max()),
            "eur_accounts": ["meta_ads/demo-eu"],
        },
        "seasonality": {
            "annual_growth": ANNUAL_GROWTH,
            "weekday_index_monday_first": WEEKDAY_INDEX.tolist(),
            "holidays": "Black Friday to Cyber Monday peak, Dec 1-21 gifting, Christmas dip, "
            "Memorial Day and Labor Day weekends, a July summer sale",
        },
        "row_counts": {name: t.num_rows for name, t in tables.items()},
    }
    return World(tables=tables, truth=truth, base_currency=BASE_CURRENCY)


def _channel_truth(
    responses: dict[str, ChannelResponse],
    spend: dict[str, np.ndarray],
    book: OrderBook,
    orders: np.ndarray,
    revenue: np.ndarray,
) -> dict[str, dict[str, object]]:
    """Per channel: true media response and ROI (paid) or last-click volumes (others)."""
    out: dict[str, dict[str, object]] = {}
    incremental = incremental_revenue(book)
    days = orders.shape[1]
    half = days // 2
    order_day = np.floor(book.order_time).astype(np.int64)
    for channel in CHANNELS:
        i = CHANNEL_INDEX[channel]
        entry: dict[str, object] = {
            "last_click_orders_total": int(orders[i].sum()),
            "last_click_revenue_total": round(float(revenue[i].sum()), 2),
        }
        if channel in PAID_CHANNELS:
            r = responses[channel]
            total_spend = float(spend[channel].sum())
            count, inc_revenue = incremental[channel]
            mask = book.order_first & (book.driver[book.order_customer] == i)
            early = float(book.order_revenue[mask & (order_day < half)].sum())
            early_spend = float(spend[channel][:half].sum())
            entry.update(
                {
                    "kind": "paid",
                    "roi": _roi(inc_revenue, total_spend),
                    "roas": round(inc_revenue / total_spend, 6) if total_spend else None,
                    "roi_first_half": _roi(early, early_spend),
                    "roi_second_half": _roi(inc_revenue - early, total_spend - early_spend),
                    "adstock_half_life_days": r.spec.half_life_days,
                    "adstock_decay": r.spec.decay,
                    "saturation": {
                        "kind": "hill",
                        "half_saturation_spend_per_day": r.half_saturation,
                        "shape": r.spec.shape,
                        "spend_unit": "USD per day of adstocked channel spend",
                    },
                    "max_incremental_orders_per_day": r.max_orders_per_day,
                    "effect_drift": {"start": r.spec.drift_start, "end": r.spec.drift_end},
                    "spend_total": round(total_spend, 2),
                    "incremental_revenue_total": round(inc_revenue, 2),
                    "incremental_orders_total": count,
                }
            )
        else:
            entry.update(
                {
                    "kind": "organic",
                    "baseline_first_order_share": BASELINE_MIX.get(channel, 0.0),
                }
            )
            if channel == "Affiliates":
                entry["commission_rate"] = AFFILIATE_COMMISSION
        out[channel] = entry
    return out


def _roi(revenue: float, spend: float) -> float | None:
    """(incremental revenue − spend) / spend, as METHODS.md defines ROI; None without spend."""
    return round((revenue - spend) / spend, 6) if spend > 0 else None


def _customer_truth(
    process: RepeatProcess, book: OrderBook, tables: dict[str, pa.Table], burn_in: int
) -> dict[str, object]:
    """Parameters of the repeat-purchase and spend processes, and customer counts."""
    acquired_inside = int(np.sum(book.first_time >= 0))
    listed = tables["customers"].num_rows
    return {
        "model": "bgnbd",
        "time_unit": "day",
        "r": process.r,
        "alpha": process.alpha,
        "a": process.a,
        "b": process.b,
        "clock": "purchases run on operational time whose speed is the seasonal demand index "
        "(mean 1), so calendar-time fits are close but not exact",
        "spend": {
            "model": "gamma_gamma",
            "p": process.p,
            "q": process.q,
            "gamma": process.gamma,
            "mean_order_value": process.mean_order_value,
        },
        "gross_margin_rate": {"mean": 0.42, "promo_day_reduction": 0.12},
        "baseline_first_orders_per_day": BASELINE_FIRST_ORDERS_PER_DAY,
        "burn_in_days": burn_in,
        "customers_total": listed,
        "customers_acquired_in_window": acquired_inside,
        "customers_acquired_before_window": listed - acquired_inside,
        "orders_total": int(book.order_time.size),
        "first_orders": int(book.order_first.sum()),
        "repeat_orders": int((~book.order_first).sum()),
    }


def write_truth(world: World, path: pathlib.Path) -> None:
    """Write `world.truth` as pretty, key-sorted JSON (UTF-8, trailing newline)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(world.truth, indent=2, sort_keys=True) + "\n", encoding="utf-8")
