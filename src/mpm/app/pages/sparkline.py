"""Sparklines as small inline SVG (no script, readable without one): the line of a KPI's
daily values, scaled to its own range, with the last point marked."""

from __future__ import annotations

from markupsafe import Markup, escape

WIDTH, HEIGHT, PAD = 120, 32, 3


def sparkline(values: list[float | None], *, label: str) -> Markup:
    """An SVG polyline of `values` (gaps where a value is undefined); empty with no values."""
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return Markup("")
    low, high = min(known), max(known)
    spread = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / (len(values) - 1)
    segments: list[list[str]] = [[]]
    last = ""
    for i, value in enumerate(values):
        if value is None:
            segments.append([])
            continue
        x = PAD + i * step
        y = HEIGHT - PAD - (value - low) / spread * (HEIGHT - 2 * PAD)
        last = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.2" class="spark-dot"/>'
        segments[-1].append(f"{x:.1f},{y:.1f}")
    lines = "".join(
        f'<polyline points="{" ".join(points)}" class="spark-line"/>'
        for points in segments
        if len(points) > 1
    )
    return Markup(  # noqa: S704 - numbers and an escaped label only
        f'<svg class="sparkline" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{escape(label)}">{lines}{last}</svg>'
    )
