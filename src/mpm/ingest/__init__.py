"""Imports: readers, platform presets, validation and atomic, idempotent loads."""

from mpm.ingest.load import LoadCounts, clear_source
from mpm.ingest.mapping import Mapping, load_mapping_file, parse_pairs
from mpm.ingest.presets import PRESETS, Preset, get_preset
from mpm.ingest.service import (
    IngestOptions,
    LoadInfo,
    LoadReport,
    ingest_file,
    list_loads,
    open_workspace_warehouse,
    revert_load,
    workspace_paths,
)

__all__ = [
    "PRESETS",
    "IngestOptions",
    "LoadCounts",
    "LoadInfo",
    "LoadReport",
    "Mapping",
    "Preset",
    "clear_source",
    "get_preset",
    "ingest_file",
    "list_loads",
    "load_mapping_file",
    "open_workspace_warehouse",
    "parse_pairs",
    "revert_load",
    "workspace_paths",
]
