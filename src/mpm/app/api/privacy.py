"""Data protection: forgetting a person, exporting a workspace."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
