"""The State aid tab of an organisation: its group's de minimis ledger, the headroom left
under the ceiling as a bar, and the declarations of earlier aid received."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Label, ProgressBar, Static

from hubtui.domain.aid import CEILING_EUR, format_amount
from hubtui.ui.i18n import _

if TYPE_CHECKING:
    from hubtui.services.aid import GroupLedger


def headroom_text(view: GroupLedger) -> str:
    ledger = view.ledger
    members = ", ".join(f"{m.name} ({m.orgnr or _('no orgnr')})" for m in view.members)
    return "\n".join(
        [
            _("Single undertaking: {members}").format(members=members),
            _("De minimis aid {start} – {end}: EUR {total} (SEK {sek}) of EUR {ceiling}").format(
                start=ledger.start.isoformat(),
                end=ledger.on.isoformat(),
                total=format_amount(ledger.total_eur),
                sek=format_amount(ledger.total_sek),
                ceiling=format_amount(CEILING_EUR),
            ),
            _("Remaining under the ceiling: EUR {remaining}").format(
                remaining=format_amount(ledger.remaining_eur)
            ),
        ]
    )


class AidPanel(VerticalScroll):
    def compose(self) -> ComposeResult:
        yield Static("", id="aid-summary", markup=False)
        yield ProgressBar(
            id="aid-used", total=float(CEILING_EUR), show_eta=False, show_percentage=True
        )
        yield Label(_("Aid in the last three years"), classes="section-title")
        yield DataTable(id="aid-ledger", cursor_type="row")
        yield Label(_("Declarations of earlier aid (d adds one)"), classes="section-title")
        yield DataTable(id="aid-declarations", cursor_type="row")

    def on_mount(self) -> None:
        self.query_one("#aid-ledger", DataTable).add_columns(
            _("Date"), _("Organisation"), _("Source"), _("Scheme"), _("Grantor"), "SEK", "EUR"
        )
        self.query_one("#aid-declarations", DataTable).add_columns(
            _("Received"), _("Organisation"), _("Grantor"), _("Granted"), _("Amount")
        )

    def show(self, view: GroupLedger) -> None:
        self.query_one("#aid-summary", Static).update(headroom_text(view))
        used = min(view.ledger.total_eur, CEILING_EUR)
        self.query_one("#aid-used", ProgressBar).update(progress=float(used))
        ledger = self.query_one("#aid-ledger", DataTable)
        ledger.clear()
        for line in view.ledger.lines:
            scheme = line.scheme if line.counted else f"{line.scheme} *"
            source = line.project or _("declared")
            ledger.add_row(
                line.date.isoformat(),
                line.organisation,
                source,
                scheme,
                line.grantor,
                format_amount(line.amount_sek),
                format_amount(line.amount_eur),
            )
        declarations = self.query_one("#aid-declarations", DataTable)
        declarations.clear()
        for d in view.declarations:
            amount = f"{d.currency} {format_amount(d.amount)}" if d.line else _("no earlier aid")
            declarations.add_row(
                d.received.isoformat(),
                d.organisation,
                d.grantor,
                d.granted.isoformat() if d.granted else "",
                amount,
                key=d.id,
            )
