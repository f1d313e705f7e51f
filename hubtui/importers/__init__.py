"""Importing organisations, contacts, activities and events from .xlsx and .csv files.

No Textual here: the command line and the TUI's import screen both call `service`.
"""

from hubtui.importers.fields import KINDS, Kind, guess_kind, parse_kind
from hubtui.importers.mapping import ColumnMapping, build_mapping, save_mapping_file
from hubtui.importers.plan import ImportPlan, RowResult, Totals
from hubtui.importers.reading import SheetTable, read_table
from hubtui.importers.service import ImportResult, Prepared, dry_run, prepare, run_import

__all__ = [
    "KINDS",
    "ColumnMapping",
    "ImportPlan",
    "ImportResult",
    "Kind",
    "Prepared",
    "RowResult",
    "SheetTable",
    "Totals",
    "build_mapping",
    "dry_run",
    "guess_kind",
    "parse_kind",
    "prepare",
    "read_table",
    "run_import",
    "save_mapping_file",
]
