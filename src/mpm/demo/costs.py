"""Non-media marketing costs: agency fees, tools, content, salaries, affiliate commissions.

Costs are invoiced monthly and posted on the first day of the month (the window's first day for
a partial first month, prorated). A channel of '' means the cost is not allocated to a channel.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from mpm.demo.frames import canonical_table
from mpm.demo.seasonality import Calendar


@dataclass(frozen=True)
class CostLine:
    """A recurring cost: fixed USD per month, or a share of a channel's spend or revenue."""

    category: str
    channel: str
    description: str
    monthly: float = 0.0
    share_of: str = ""  # "spend" (of `channel`) or "affiliate_revenue"
    share: float = 0.0
    yearly_raise: float = 0.0
    quarterly: bool = False  # posted only in Jan, Apr, Jul, Oct (amount = 3 months)


AFFILIATE_COMMISSION = 0.08
"""Commission paid to affiliate networks on the revenue of affiliate (last-click) orders."""

COST_LINES: tuple[CostLine, ...] = (
    CostLine(
        "agency fees", "Paid Search", "Search agency management fee", share_of="spend", share=0.10
    ),
    CostLine(
        "agency fees", "Paid Social", "Social agency management fee", share_of="spend", share=0.12
    ),
    CostLine("agency fees", "", "Brand agency retainer", monthly=6000.0),
    CostLine("tools", "Email", "Email service provider", monthly=1200.0, yearly_raise=0.1),
    CostLine("tools", "Organic Search", "SEO platform", monthly=450.0),
    CostLine("tools", "", "Analytics and BI stack", monthly=1500.0, yearly_raise=0.05),
    CostLine("content", "Organic Search", "Blog and buying guides", monthly=3000.0),
    CostLine("content", "Organic Social", "Social content production", monthly=2200.0),
    CostLine("content", "Video", "Video production", monthly=3000.0, quarterly=True),
    CostLine("salaries", "", "Marketing team", monthly=46000.0, yearly_raise=0.04),
    CostLine(
        "salaries", "Organic Social", "Social media manager", monthly=6200.0, yearly_raise=0.04
    ),
    CostLine(
        "affiliate commissions",
        "Affiliates",
        "Affiliate network commissions",
        share_of="affiliate_revenue",
        share=AFFILIATE_COMMISSION,
    ),
)


def costs_table(
    calendar: Calendar,
    spend_usd: dict[str, NDArray[np.float64]],
    affiliate_revenue: NDArray[np.float64],
) -> pa.Table:
    """The `costs` table: one row per cost line and month."""
    month = calendar.dates.astype("datetime64[M]")
    months, first_day, month_of_day = np.unique(month, return_index=True, return_inverse=True)
    in_window = np.bincount(month_of_day)
    length = (months + np.timedelta64(1, "M")).astype("datetime64[D]") - months.astype(
        "datetime64[D]"
    )
    coverage = in_window / length.astype(np.int64)
    calendar_year = months.astype("datetime64[Y]").astype(np.int64)
    year_index = calendar_year - calendar_year[0]
    month_number = months.astype(np.int64) % 12 + 1
    rows: dict[str, list[object]] = {
        k: [] for k in ("date", "category", "channel", "description", "amount")
    }
    for line in COST_LINES:
        if line.share_of == "spend":
            amounts = line.share * np.bincount(month_of_day, weights=spend_usd[line.channel])
        elif line.share_of == "affiliate_revenue":
            amounts = line.share * np.bincount(month_of_day, weights=affiliate_revenue)
        elif line.quarterly:
            amounts = np.where(np.isin(month_number, (1, 4, 7, 10)), 3.0 * line.monthly, 0.0)
            amounts = amounts * (1.0 + line.yearly_raise) ** year_index * coverage
        else:
            amounts = line.monthly * (1.0 + line.yearly_raise) ** year_index * coverage
        for m in range(months.size):
            if amounts[m] <= 0:
                continue
            rows["date"].append(calendar.dates[first_day[m]])
            rows["category"].append(line.category)
            rows["channel"].append(line.channel)
            rows["description"].append(line.description)
            rows["amount"].append(round(float(amounts[m]), 2))
    n = len(rows["date"])
    order = np.lexsort((np.arange(n), np.array(rows["date"], dtype="datetime64[D]")))
    return canonical_table(
        "costs",
        {
            "date": np.array(rows["date"], dtype="datetime64[D]")[order],
            "account": np.full(n, ""),
            "category": np.array(rows["category"])[order],
            "channel": np.array(rows["channel"])[order],
            "campaign": np.full(n, ""),
            "description": np.array(rows["description"])[order],
            "currency": np.full(n, "USD"),
            "amount": np.array(rows["amount"], dtype=np.float64)[order],
        },
    )
