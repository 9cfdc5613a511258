"""`mpm config`: the settings in force and where the data lives."""

from __future__ import annotations

from mpm.cli.common import FormatOption
from mpm.cli.output import Format, emit
from mpm.config import Settings, get_settings


def config(fmt: FormatOption = Format.table) -> None:
    """Show every setting (MPM_* environment variables) with its value and meaning."""
    settings = get_settings()
    values = {
        "home": str(settings.home_path),
        "database_url": settings.app_database_url,
        "warehouse_url": settings.warehouse_url,
        "workspace": settings.workspace,
        "max_upload_bytes": settings.max_upload_bytes,
        "on_track_probability": settings.on_track_probability,
        "at_risk_probability": settings.at_risk_probability,
    }
    emit(
        [
            {
                "setting": f"MPM_{name.upper()}",
                "value": values[name],
                "description": field.description,
            }
            for name, field in Settings.model_fields.items()
        ],
        fmt,
        title="mpm configuration",
    )
