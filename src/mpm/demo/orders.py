"""The shop's `orders` and `customers` tables from the simulated order book."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from mpm.demo.campaigns import Campaign
from mpm.demo.channels import (
    CHANNEL_INDEX,
    CHANNELS,
    ORGANIC_SOURCES,
    PAID_CHANNELS,
    SOURCE_MEDIUM,
    source_medium,
)
from mpm.demo.customers import OrderBook
from mpm.demo.emails import Sends
from mpm.demo.frames import canonical_table, time_stamps
from mpm.demo.sampling import pick_rows
from mpm.demo.seasonality import Calendar

COUNTRIES = ("US", "CA", "DE")
AGE_BANDS = ("18-24", "25-34", "35-44", "45-54", "55-64", "65+")
GENDERS = ("female", "male", "unknown")
_SOCIAL_AGES = (0.16, 0.31, 0.25, 0.15, 0.08, 0.05)
_OTHER_AGES = (0.07, 0.22, 0.27, 0.22, 0.14, 0.08)


def customer_ids(book: OrderBook) -> NDArray[np.str_]:
    """Ids of customers acquired in the window or ordering in it, by first order; '' for others."""
    n = book.first_time.size
    listed = book.first_time >= 0
    listed[book.order_customer] = True
    ranked = np.lexsort((np.arange(n), book.first_time))
    ranked = ranked[listed[ranked]]
    ids = np.full(n, "", dtype="<U8")
    ids[ranked] = np.char.add("C", np.char.zfill(np.arange(1, ranked.size + 1).astype(str), 7))
    return ids


def customers_table(
    rng: np.random.Generator, calendar: Calendar, book: OrderBook, ids: NDArray[np.str_]
) -> pa.Table:
    """The `customers` table; social-acquired customers skew young and German (EU Meta)."""
    listed = np.flatnonzero(ids != "")
    listed = listed[np.argsort(ids[listed])]
    social = np.isin(
        book.label[listed], [CHANNEL_INDEX["Paid Social"], CHANNEL_INDEX["Organic Social"]]
    )
    n = listed.size
    u = rng.random(n)
    country_p = np.where(social[:, None], [0.72, 0.08, 0.2], [0.84, 0.11, 0.05]).cumsum(axis=1)
    country = np.array(COUNTRIES)[(u[:, None] >= country_p).sum(axis=1).clip(0, 2)]
    u = rng.random(n)
    age_p = np.where(social[:, None], _SOCIAL_AGES, _OTHER_AGES).cumsum(axis=1)
    age = np.array(AGE_BANDS)[(u[:, None] >= age_p).sum(axis=1).clip(0, len(AGE_BANDS) - 1)]
    gender = np.array(GENDERS)[rng.choice(3, size=n, p=[0.47, 0.49, 0.04])]
    return canonical_table(
        "customers",
        {
            "customer_id": ids[listed],
            "first_order_at": time_stamps(calendar.start, book.first_time[listed]),
            "acquisition_channel": np.array(CHANNELS)[book.label[listed]],
            "country": country,
            "age_band": age,
            "gender": gender,
        },
    )


def _paid_attribution(
    rng: np.random.Generator,
    campaigns: tuple[Campaign, ...],
    clicks: NDArray[np.float64],
    label: NDArray[np.int64],
    day: NDArray[np.int64],
    out: dict[str, NDArray[np.str_]],
) -> None:
    """Campaign, source and medium of paid-channel orders, drawn by that day's campaign clicks."""
    for channel in PAID_CHANNELS:
        rows = np.flatnonzero(label == CHANNEL_INDEX[channel])
        members = [
            i
            for i, c in enumerate(campaigns)
            if c.spec.channel == channel and c.spec.purpose == "b2c"
        ]
        picked = pick_rows(rng, np.ascontiguousarray(clicks[members].T), day[rows])
        names = np.array([campaigns[i].name for i in members] + [""])
        sources = [source_medium(campaigns[i].spec.platform, channel) for i in members]
        sources.append(SOURCE_MEDIUM[channel])
        out["campaign"][rows] = names[picked]
        out["source"][rows] = np.array([s for s, _ in sources])[picked]
        out["medium"][rows] = np.array([m for _, m in sources])[picked]


def orders_table(
    rng: np.random.Generator,
    calendar: Calendar,
    book: OrderBook,
    ids: NDArray[np.str_],
    campaigns: tuple[Campaign, ...],
    clicks: NDArray[np.float64],
    sends: Sends,
) -> pa.Table:
    """The `orders` table with last-click channel, source, medium and campaign.

    `clicks` is the campaign × day click matrix; email orders go to the latest send.
    """
    n = book.order_time.size
    day = np.floor(book.order_time).astype(np.int64)
    label = book.order_label
    width = "<U64"
    out = {
        "campaign": np.full(n, "", dtype=width),
        "source": np.full(n, "", dtype=width),
        "medium": np.full(n, "", dtype=width),
    }
    _paid_attribution(rng, campaigns, clicks, label, day, out)
    for channel, (sources, weights) in ORGANIC_SOURCES.items():
        rows = np.flatnonzero(label == CHANNEL_INDEX[channel])
        w = np.array(weights)
        out["source"][rows] = np.array(sources)[rng.choice(w.size, size=rows.size, p=w / w.sum())]
        out["medium"][rows] = SOURCE_MEDIUM[channel][1]
    email_rows = np.flatnonzero(label == CHANNEL_INDEX["Email"])
    b2c = sends.email_list != "b2b-prospects"
    send_day, send_campaign, send_source = sends.day[b2c], sends.campaign[b2c], sends.source[b2c]
    latest = np.searchsorted(send_day, day[email_rows], side="right") - 1
    has_send = latest >= 0
    out["campaign"][email_rows[has_send]] = send_campaign[latest[has_send]]
    out["source"][email_rows[has_send]] = send_source[latest[has_send]]
    return canonical_table(
        "orders",
        {
            "order_id": np.char.add("O", np.char.zfill(np.arange(1, n + 1).astype(str), 8)),
            "customer_id": ids[book.order_customer],
            "ordered_at": time_stamps(calendar.start, book.order_time),
            "currency": np.full(n, "USD"),
            "revenue": book.order_revenue,
            "gross_margin": book.order_margin,
            "channel": np.array(CHANNELS)[label],
            "source": out["source"],
            "medium": out["medium"],
            "campaign": out["campaign"],
            "is_first_order": book.order_first,
        },
    )
