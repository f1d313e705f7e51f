"""An import plan: what each row will do, and the writes that do it in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from hubtui.importers.fields import Kind
from hubtui.importers.mapping import ColumnMapping
from hubtui.importers.reading import SheetTable
from hubtui.store import Writer

Action = Literal["create", "update", "unchanged", "duplicate", "reject"]
Progress = Callable[[int, int], None]
_CHUNK = 1_000


@dataclass(frozen=True)
class RowResult:
    """What one row (or the rows of one event) does, in words for the user."""

    rows: tuple[int, ...]
    action: Action
    message: str
    side: bool = False  # about an organisation named by a contact row, not the row's own record

    @property
    def rows_text(self) -> str:
        from hubtui.i18n import _

        if len(self.rows) == 1:
            return _("row {row}").format(row=self.rows[0])
        return _("rows {rows}").format(rows=", ".join(str(r) for r in self.rows))

    def __str__(self) -> str:
        return f"{self.rows_text}: {self.message}"


@dataclass(frozen=True)
class RejectedRow:
    row: int
    cells: tuple[Any, ...]
    reason: str


@dataclass(frozen=True)
class Totals:
    created: int
    updated: int
    unchanged: int
    rejected: int
    new_organisations: int
    updated_organisations: int = 0  # by a contacts import, beside its contacts

    def text(self, *, done: bool = False) -> str:
        """The counts in the user's language: "3 to create, …" for a plan, "3 created, …" once
        imported."""
        from hubtui.i18n import _

        if done:
            text = _(
                "{created} created, {updated} updated, {unchanged} unchanged, {rejected} rejected"
            )
        else:
            text = _(
                "{created} to create, {updated} to update, {unchanged} unchanged, "
                "{rejected} rejected"
            )
        text = text.format(
            created=self.created,
            updated=self.updated,
            unchanged=self.unchanged,
            rejected=self.rejected,
        )
        if self.new_organisations or self.updated_organisations:
            text += " " + _("(organisations: {new} new, {updated} updated)").format(
                new=self.new_organisations, updated=self.updated_organisations
            )
        return text

    def __str__(self) -> str:
        return self.text()


@dataclass
class ImportPlan:
    """The outcome of every row, and the writes to make, judged against the database as it
    was at `stamp`; it is executed only while the database is still as it was."""

    kind: Kind
    table: SheetTable
    mapping: ColumnMapping
    project: str | None = None
    stamp: tuple[int, str] = (0, "")  # the change log when planned (see service.change_stamp)
    results: list[RowResult] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    inserts: dict[str, list[tuple[str, dict[str, Any]]]] = field(default_factory=dict)
    updates: dict[str, list[tuple[str, dict[str, Any]]]] = field(default_factory=dict)

    def add(self, rows: Sequence[int], action: Action, message: str, *, side: bool = False) -> None:
        self.results.append(RowResult(tuple(rows), action, message, side))

    def reject(self, row: int, cells: tuple[Any, ...], reason: str) -> None:
        self.rejected.append(RejectedRow(row, cells, reason))
        self.results.append(RowResult((row,), "reject", reason))

    def insert(self, entity: str, row_id: str, values: dict[str, Any]) -> None:
        self.inserts.setdefault(entity, []).append((row_id, values))

    def update(self, entity: str, row_id: str, values: dict[str, Any]) -> None:
        self.updates.setdefault(entity, []).append((row_id, values))

    @property
    def totals(self) -> Totals:
        count = {a: 0 for a in ("create", "update", "unchanged", "duplicate")}
        side_updates = 0
        for result in self.results:
            if result.side:
                side_updates += result.action == "update"
            elif result.action != "reject":
                count[result.action] += 1
        return Totals(
            created=count["create"],
            updated=count["update"],
            unchanged=count["unchanged"] + count["duplicate"],
            rejected=len(self.rejected),
            new_organisations=len(self.inserts.get("organisation", [])),
            updated_organisations=side_updates,
        )

    @property
    def writes(self) -> int:
        return sum(len(v) for v in self.inserts.values()) + sum(
            len(v) for v in self.updates.values()
        )

    def execute(self, writer: Writer, progress: Progress | None = None) -> None:
        """Make every planned write through the one write path (parents before children)."""
        total, done = self.writes, 0
        order = ("organisation", "contact", "activity", "activity_organisation")
        for entity in order:
            rows = self.inserts.get(entity, [])
            for start in range(0, len(rows), _CHUNK):
                chunk = rows[start : start + _CHUNK]
                writer.insert_many(entity, [v for _, v in chunk], ids=[i for i, _ in chunk])
                done += len(chunk)
                if progress:
                    progress(done, total)
            for row_id, values in self.updates.get(entity, []):
                writer.update(entity, row_id, values)
                done += 1
                if progress and done % _CHUNK == 0:
                    progress(done, total)
        if progress:
            progress(total, total)
