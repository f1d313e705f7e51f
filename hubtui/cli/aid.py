"""`hubtui aid`: the de minimis ledger of a company's group, declarations of earlier aid, the
written notice, the declaration form and the register export."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.cli.helpers import DATE
from hubtui.cli.output import table_text
from hubtui.domain.aid import CEILING_EUR, AidLine, DeclaredScheme

LINE_COLUMNS = ["date", "organisation", "source", "scheme", "grantor", "project", "sek", "eur"]


@click.group()
def aid() -> None:
    """State aid: de minimis ledgers, declarations of earlier aid, notices and the register."""


def _num(amount: Decimal) -> float:
    return float(amount)


def _line_row(line: AidLine) -> dict[str, Any]:
    return {
        "date": line.date.isoformat(),
        "organisation": line.organisation,
        "orgnr": line.orgnr,
        "source": line.source,
        "source_id": line.source_id,
        "scheme": line.scheme,
        "counted": line.counted,
        "grantor": line.grantor,
        "project": line.project,
        "what": line.what,
        "sek": _num(line.amount_sek),
        "eur": _num(line.amount_eur),
        "eur_rate": _num(line.eur_rate),
    }


@aid.command("show")
@click.option("--org", "org_ref", required=True, help="Orgnr or name of the organisation.")
@click.option("--date", "day", type=DATE, help="The day the ledger ends (default: today).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@pass_ctx
def show_command(ctx: CliContext, org_ref: str, day: dt.date | None, fmt: str) -> None:
    """The de minimis ledger of an organisation's group over the three years ending on a day."""
    from hubtui.services.aid import group_ledger
    from hubtui.services.organisations import resolve_organisation

    store = ctx.store()
    view = group_ledger(store, resolve_organisation(store, org_ref).id, day)
    ledger = view.ledger
    lines = [_line_row(line) for line in ledger.lines]
    data: dict[str, Any] = {
        "organisation": view.organisation.name,
        "orgnr": view.organisation.orgnr,
        "group": [{"name": m.name, "orgnr": m.orgnr} for m in view.members],
        "from": ledger.start.isoformat(),
        "to": ledger.on.isoformat(),
        "lines": lines,
        "total_sek": _num(ledger.total_sek),
        "total_eur": _num(ledger.total_eur),
        "ceiling_eur": _num(CEILING_EUR),
        "remaining_eur": _num(ledger.remaining_eur),
        "declarations": [
            {
                "received": d.received.isoformat(),
                "organisation": d.organisation,
                "granted": d.granted.isoformat() if d.granted else None,
                "grantor": d.grantor,
                "amount": _num(d.amount),
                "currency": d.currency,
                "scheme": d.scheme,
            }
            for d in view.declarations
        ],
    }
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    members = ", ".join(f"{m.name} ({m.orgnr or 'no orgnr'})" for m in view.members)
    click.echo(f"Single undertaking: {members}")
    click.echo(f"Aid granted {ledger.start} – {ledger.on} (three years):")
    rows = [
        {
            **r,
            "scheme": line.scheme + ("" if line.counted else " *"),
            "sek": _fmt(line.amount_sek),
            "eur": _fmt(line.amount_eur),
        }
        for r, line in zip(lines, ledger.lines, strict=True)
    ]
    click.echo(table_text(rows, LINE_COLUMNS))
    if any(not line.counted for line in ledger.lines):
        click.echo("* not de minimis aid: not counted towards the ceiling")
    click.echo(
        f"De minimis total: SEK {_fmt(ledger.total_sek)} = EUR {_fmt(ledger.total_eur)}; "
        f"ceiling EUR {_fmt(CEILING_EUR)}; remaining EUR {_fmt(ledger.remaining_eur)}"
    )
    if not view.declarations:
        click.echo("No declaration of earlier aid has been received.")
    for d in view.declarations:
        what = (
            f"{d.grantor} {d.currency} {_fmt(d.amount)} granted {d.granted} ({d.scheme})"
            if d.line
            else "no earlier aid"
        )
        click.echo(f"Declaration received {d.received} from {d.organisation}: {what}")


def _fmt(amount: Decimal) -> str:
    return f"{amount:,.2f}".replace(",", " ")


@aid.command("declare")
@click.option("--org", "org_ref", required=True, help="Orgnr or name of the organisation.")
@click.option("--grantor", default="", help="Who granted the earlier aid.")
@click.option("--amount", default="0", help="The amount of the earlier aid.")
@click.option("--currency", type=click.Choice(["SEK", "EUR"], case_sensitive=False), default="SEK")
@click.option("--date", "granted", type=DATE, help="The day the earlier aid was granted.")
@click.option(
    "--scheme",
    type=click.Choice([s.value for s in DeclaredScheme]),
    default="de_minimis",
    show_default=True,
    help="What the earlier aid was granted under.",
)
@click.option("--received", type=DATE, help="The day the declaration was received (today).")
@click.option("--eur-rate", help="SEK per EUR for the conversion (default: the projects' rate).")
@click.option("--none", "nothing", is_flag=True, help="The company declared no earlier aid.")
@click.option("--note", default="", help="A note (e.g. the decision's reference).")
@pass_ctx
def declare_command(
    ctx: CliContext,
    org_ref: str,
    grantor: str,
    amount: str,
    currency: str,
    granted: dt.date | None,
    scheme: str,
    received: dt.date | None,
    eur_rate: str | None,
    nothing: bool,
    note: str,
) -> None:
    """Record earlier aid a company declared (one grant per command), or with --none that it
    declared none; prints the id."""
    from hubtui.errors import UserError
    from hubtui.services.aid import declare
    from hubtui.services.organisations import resolve_organisation

    if nothing and (grantor or granted or amount not in ("0", "")):
        raise UserError("--none records that no earlier aid was declared; leave out the grant.")
    if not nothing and not grantor and amount in ("0", ""):
        raise UserError(
            "Give the earlier grant (--grantor, --amount, --date), or --none if the company "
            "declared no earlier aid."
        )
    store = ctx.store()
    org = resolve_organisation(store, org_ref)
    done = declare(
        store,
        org.id,
        received=received or dt.date.today(),
        grantor=grantor,
        amount=amount,
        currency=currency,
        granted=granted,
        scheme=scheme,
        eur_rate=eur_rate,
        note=note,
    )
    click.echo(done.id)
