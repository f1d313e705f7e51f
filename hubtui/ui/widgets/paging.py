"""A list that shows a large result a page at a time, for the organisations and activities lists.

`search()` replaces the rows with a query's first page (in an exclusive worker, so the answer
to an older keystroke never lands); `near(row)` loads the next page when the cursor comes
within a few rows of the end. A DataTable never holds more than the pages looked at.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from textual.coordinate import Coordinate
from textual.widgets import DataTable

from hubtui.errors import UserError
from hubtui.ui.screens.base import run_db

if TYPE_CHECKING:
    from textual.widget import Widget

    from hubtui.store import Store

R = TypeVar("R")
MARGIN = 10  # load the next page when the cursor is this close to the last row


class Pager(Generic[R]):
    def __init__(
        self,
        owner: Widget,
        table: DataTable[str],
        add_row: Callable[[DataTable[str], R], None],
        counted: Callable[[int, int], None],
        *,
        name: str,
    ) -> None:
        self.owner = owner
        self.table = table
        self.add_row = add_row
        self.counted = counted  # told (rows shown, rows in all) after every change
        self.name = name
        self.rows: list[R] = []
        self.total = 0
        self._next_page: Callable[[Store, int], list[R]] | None = None
        self._generation = 0
        self._loading = False

    def search(
        self,
        first_page: Callable[[Store], tuple[list[R], int]],
        next_page: Callable[[Store, int], list[R]],
        failed: Callable[[UserError], object] | None = None,
    ) -> None:
        """Show the first page of a new query; `next_page(store, offset)` reads the others."""
        self._generation += 1
        generation = self._generation

        def show(result: tuple[list[R], int]) -> None:
            if generation != self._generation:
                return
            # The same rows again (after an edit, say): the cursor stays on the row it was on.
            table = self.table
            kept = self._cursor_key() if table.row_count else None
            table.clear()
            self.rows = []
            self.total = result[1]
            self._next_page = next_page
            self._loading = False
            self._add(result[0])
            if kept is not None and kept in table.rows:
                table.move_cursor(row=table.get_row_index(kept), scroll=True)

        run_db(
            self.owner,
            first_page,
            show,
            group=f"{self.name}-search",
            exclusive=True,
            failed=failed,
        )

    def _cursor_key(self) -> str | None:
        table = self.table
        if not 0 <= table.cursor_row < table.row_count:
            return None
        return table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value

    def near(self, row: int) -> None:
        """The cursor is at `row`: read the next page if the end is close."""
        if row < len(self.rows) - MARGIN or self._loading or self._next_page is None:
            return
        if len(self.rows) >= self.total:
            return
        self._loading = True
        offset, generation, next_page = len(self.rows), self._generation, self._next_page

        def show(rows: list[R]) -> None:
            if generation == self._generation and offset == len(self.rows):
                self._loading = False
                self._add(rows)

        run_db(self.owner, lambda store: next_page(store, offset), show, group=f"{self.name}-more")

    def _add(self, rows: list[R]) -> None:
        for row in rows:
            self.add_row(self.table, row)
        self.rows.extend(rows)
        self.counted(len(self.rows), self.total)
