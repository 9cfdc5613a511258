"""`mpm ingest FILE`: import a platform export or any file through a mapping."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from mpm.cli.common import FormatOption, WorkspaceOption
from mpm.cli.output import Format, emit_one
from mpm.ingest import PRESETS, IngestOptions, ingest_file, parse_pairs

PROGRESS_BYTES = 5 * 1024 * 1024

EXAMPLES = """
Examples:

  mpm ingest "Campaign report.csv"                      # preset detected from the header

  mpm ingest data-export.csv --source ga4_traffic_acquisition

  mpm ingest fb.csv --table ad_performance --map campaign=xyz_campaign_id \\
      --map spend=Spent --map impressions=Impressions --set platform=meta_ads \\
      --set date=2017-08-17

  mpm ingest costs.xlsx --mapping mappings/costs.yml --keep-extra
"""


def ingest(
    file: Annotated[Path, typer.Argument(help="CSV/TSV (optionally .gz), Parquet or XLSX file.")],
    source: Annotated[
        str | None,
        typer.Option("--source", "-s", help=f"Preset: {', '.join(sorted(PRESETS))}."),
    ] = None,
    table: Annotated[
        str | None, typer.Option("--table", "-t", help="Canonical table for a generic mapping.")
    ] = None,
    map_: Annotated[
        list[str] | None,
        typer.Option("--map", "-m", help="canonical=column (repeatable)."),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="canonical=value for every row (repeatable)."),
    ] = None,
    mapping: Annotated[
        Path | None, typer.Option("--mapping", help="A saved mapping (YAML).")
    ] = None,
    source_name: Annotated[
        str | None,
        typer.Option(
            "--source-name",
            help="Name recorded as the rows' source; re-imports under one name replace each other.",
        ),
    ] = None,
    keep_extra: Annotated[
        bool, typer.Option("--keep-extra", help="Keep unmapped columns as string attributes.")
    ] = False,
    date_format: Annotated[
        str | None, typer.Option("--date-format", help="Force a date format, e.g. %d/%m/%Y.")
    ] = None,
    decimal_comma: Annotated[
        bool, typer.Option("--decimal-comma", help="Numbers use ',' as the decimal mark.")
    ] = False,
    delimiter: Annotated[
        str | None, typer.Option("--delimiter", help="Field delimiter (default: detected).")
    ] = None,
    hash_pii: Annotated[
        bool,
        typer.Option(
            "--hash-pii",
            help="Replace e-mails, names, phones and addresses by a keyed hash "
            "(docs/data-protection.md).",
        ),
    ] = False,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Import FILE: validate every row, then load it atomically (or load nothing)."""
    options = IngestOptions(
        preset=source,
        table=table,
        columns=parse_pairs(map_ or [], "--map"),
        constants=parse_pairs(set_ or [], "--set"),
        mapping_file=mapping,
        source_name=source_name,
        date_format=date_format,
        decimal_comma=decimal_comma or None,
        keep_extra=keep_extra or None,
        delimiter=delimiter.replace("\\t", "\t") if delimiter else None,
        hash_pii=hash_pii,
    )
    big = file.exists() and file.stat().st_size >= PROGRESS_BYTES
    if big and fmt is Format.table:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.percentage:>3.0f}%"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        ) as progress:
            tasks: dict[str, TaskID] = {}

            def update(step: str, fraction: float) -> None:
                if step not in tasks:
                    tasks[step] = progress.add_task(f"{step} {file.name}", total=1.0)
                progress.update(tasks[step], completed=fraction)

            report = ingest_file(file, workspace=workspace, options=options, on_progress=update)
    else:
        report = ingest_file(file, workspace=workspace, options=options)
    record = asdict(report)
    record["seconds"] = round(report.seconds, 3)
    if fmt is not Format.table:
        emit_one(record, fmt)
        return
    console = Console(highlight=False)
    what = f"preset {report.preset}" if report.preset else f"mapping '{report.source}'"
    console.print(
        f"[green]Loaded[/green] {file.name} into [bold]{report.table}[/bold] using {what}: "
        f"{report.rows:,} rows ({report.inserted:,} new, {report.replaced:,} replaced, "
        f"{report.deleted:,} removed) from {report.min_date} to {report.max_date} "
        f"in {report.seconds:.1f}s — load {report.load_id}"
    )
    for warning in report.warnings:
        console.print(f"[yellow]note:[/yellow] {warning}")
