"""What the pages' forms send, read the same way everywhere: bounded text fields, amounts as
people type them (1,500.50), dates from date inputs, whether htmx asked (it gets a part of the
page back, not the whole), and which field a service's refusal is about."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Annotated

from fastapi import Form, Request

Text = Annotated[str, Form(max_length=5000)]  # reasons, notes, evidence
Short = Annotated[str, Form(max_length=400)]  # names, amounts, dates, e-mails


def amount(text: str) -> float:
    """An amount as typed, thousands separators allowed; ValueError when it is no number."""
    return float(text.replace(",", "").strip())


def day(text: str) -> date | None:
    """A date from a date input (YYYY-MM-DD); None when it is empty or no date."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def from_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def field_of(message: str, words: Sequence[tuple[str, str]], default: str) -> str:
    """The field a service's message is about: that of the first of `words` (word, field) the
    message contains, else `default`."""
    lowered = message.lower()
    return next((field for word, field in words if word in lowered), default)
