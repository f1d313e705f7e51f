"""`hubtui aid`: the de minimis ledger of a company's group, declarations of earlier aid, the
written notice, the declaration form and the register export."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.cli.helpers import DATE
from hubtui.cli.output import table_text
from hubtui.config import export_folder
from hubtui.domain.aid import CEILING_EUR, AidLine, DeclaredScheme
from hubtui.i18n import _

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
                "id": d.id,
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
    from hubtui.i18n import _

    members = ", ".join(f"{m.name} ({m.orgnr or _('no orgnr')})" for m in view.members)
    click.echo(_("Single undertaking: {members}").format(members=members))
    click.echo(
        _("Aid granted {start} – {end} (three years):").format(
            start=ledger.start.isoformat(), end=ledger.on.isoformat()
        )
    )
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
        click.echo(_("* not de minimis aid: not counted towards the ceiling"))
    click.echo(
        _(
            "De minimis total: SEK {sek} = EUR {eur}; ceiling EUR {ceiling}; "
            "remaining EUR {remaining}"
        ).format(
            sek=_fmt(ledger.total_sek),
            eur=_fmt(ledger.total_eur),
            ceiling=_fmt(CEILING_EUR),
            remaining=_fmt(ledger.remaining_eur),
        )
    )
    if not view.declarations:
        click.echo(_("No declaration of earlier aid has been received."))
    for d in view.declarations:
        what = (
            _("{grantor} {currency} {amount} granted {granted} ({scheme})").format(
                grantor=d.grantor,
                currency=d.currency,
                amount=_fmt(d.amount),
                granted=d.granted.isoformat() if d.granted else "",
                scheme=d.scheme,
            )
            if d.line
            else _("no earlier aid")
        )
        click.echo(
            _("Declaration received {received} from {organisation}: {what} [{id}]").format(
                received=d.received.isoformat(), organisation=d.organisation, what=what, id=d.id
            )
        )


def _fmt(amount: Decimal) -> str:
    """An amount with two decimals: "300 000,00" (thin spaces) in Swedish, else "300 000.00"."""
    from hubtui.i18n import language

    if language() == "sv":
        return f"{amount:,.2f}".replace(",", "\u202f").replace(".", ",")
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
    from hubtui.services.aid_declarations import declare
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


@aid.command("undeclare")
@click.argument("declaration_id", metavar="ID")
@pass_ctx
def undeclare_command(ctx: CliContext, declaration_id: str) -> None:
    """Delete a declaration entered by mistake (its history stays)."""
    from hubtui.services.aid_declarations import delete_declaration

    done = delete_declaration(ctx.store(), declaration_id)
    text = _("Deleted {id}.") if done else _("{id} was already deleted.")
    click.echo(text.format(id=declaration_id))


def _write(path: Path, data: bytes, *, force: bool) -> None:
    """Write a document atomically (mode 0600); refuse to overwrite without --force."""
    from hubtui.errors import UserError
    from hubtui.files import write_atomically

    if path.is_dir():
        raise UserError("{path} is a folder; give a file path to --out.", path=str(path))
    if path.exists() and not force:
        raise UserError(
            "{path} already exists; give --force to overwrite it or choose another.",
            path=str(path),
        )
    try:
        write_atomically(path, data)
    except OSError as e:
        raise UserError(
            "Cannot write {path} ({error}); choose another place.",
            path=str(path),
            error=e.strerror or str(e),
        ) from None
    click.echo(_("Wrote {path}").format(path=path))


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text)


OUT = click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="File to write.")
FORCE = click.option("--force", is_flag=True, help="Overwrite the --out file if it exists.")


@aid.command("letter")
@click.option("--org", "org_ref", required=True, help="Orgnr or name of the organisation.")
@click.option("--period", required=True, help="Period such as 2026Q3, 2026, 2026-03 or a range.")
@click.option("--project", help="Only the aid of this project (one notice per grantor).")
@OUT
@FORCE
@pass_ctx
def letter_command(
    ctx: CliContext,
    org_ref: str,
    period: str,
    project: str | None,
    out: Path | None,
    force: bool,
) -> None:
    """Write the notice of de minimis aid to a company (Word, Swedish)."""
    from hubtui.aid.documents import Company, letter_docx
    from hubtui.domain.periods import parse_period
    from hubtui.errors import UserError
    from hubtui.services.aid_overview import granted_lines
    from hubtui.services.organisations import resolve_organisation
    from hubtui.services.projects import get_project

    span = parse_period(period)
    store = ctx.store()
    org = resolve_organisation(store, org_ref)
    code = get_project(store, project).code if project else None
    lines = granted_lines(store, org.id, span.start, span.end, project=code)
    if not lines:
        raise UserError(
            "{name} was granted no de minimis aid in {period}; there is nothing to notify.",
            name=org.name if code is None else f"{org.name} ({code})",
            period=span.label,
        )
    grantors = sorted({line.grantor for line in lines})
    if len(grantors) > 1:
        raise UserError(
            "The aid to {name} in {period} was granted by {grantors}; give --project to write "
            "one notice per grantor.",
            name=org.name,
            period=span.label,
            grantors=", ".join(grantors),
        )
    data = letter_docx(Company(org.name, org.orgnr or ""), grantors[0], span, lines)
    name = f"stodbesked-{_safe(org.orgnr or org.name)}-{_safe(span.label)}.docx"
    _write(out or export_folder(ctx.config) / name, data, force=force)


@aid.command("declaration")
@click.option("--org", "org_ref", required=True, help="Orgnr or name of the organisation.")
@OUT
@FORCE
@pass_ctx
def declaration_command(ctx: CliContext, org_ref: str, out: Path | None, force: bool) -> None:
    """Write a company's declaration form of earlier de minimis aid, pre-filled (Word)."""
    from hubtui.aid.documents import Company, declaration_docx
    from hubtui.services.aid import group_ledger
    from hubtui.services.aid_declarations import de_minimis_grantors
    from hubtui.services.organisations import resolve_organisation

    store = ctx.store()
    org = resolve_organisation(store, org_ref)
    today = dt.date.today()
    view = group_ledger(store, org.id, today)
    known = [line for line in view.ledger.lines if line.counted]
    group = [Company(m.name, m.orgnr or "") for m in view.members]
    data = declaration_docx(
        Company(org.name, org.orgnr or ""), group, known, de_minimis_grantors(store), today=today
    )
    _write(out or Path(f"intyg-de-minimis-{_safe(org.orgnr or org.name)}.docx"), data, force=force)


@aid.command("export")
@click.option("--from", "start", type=DATE, required=True, help="First grant date.")
@click.option("--to", "end", type=DATE, required=True, help="Last grant date.")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv")
@OUT
@FORCE
@pass_ctx
def export_command(
    ctx: CliContext,
    start: dt.date,
    end: dt.date,
    fmt: str,
    out: Path | None,
    force: bool,
) -> None:
    """List the aid granted per beneficiary for a register (CSV to stdout, or --out)."""
    from hubtui.aid.register import register_csv, register_xlsx
    from hubtui.errors import UserError
    from hubtui.services.aid_overview import register_rows

    if end < start:
        raise UserError(
            "--to {end} is before --from {start}; put the earlier date first.",
            end=end.isoformat(),
            start=start.isoformat(),
        )
    if fmt == "xlsx" and out is None:
        raise UserError("An Excel file cannot go to the terminal; give --out FILE.xlsx.")
    rows = register_rows(ctx.store(), start, end)
    data = register_xlsx(rows) if fmt == "xlsx" else register_csv(rows)
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        _write(out, data, force=force)


def over_ceiling_warnings(store: Any) -> list[str]:
    """One sentence per group over the ceiling in some three-year period, in the user's
    language (for `aid check` and after imports)."""
    from hubtui.errors import UserError
    from hubtui.i18n import error_text
    from hubtui.services.aid_overview import groups_over_ceiling

    return [
        error_text(
            UserError(
                "The de minimis aid of {name} (with its group) is EUR {total} in {start} – {end}, "
                "over the ceiling of EUR {ceiling}; see 'hubtui aid show --org {orgnr} --date "
                "{end}' and correct the aid granted.",
                name=top.name,
                total=_fmt(ledger.total_eur),
                start=ledger.start.isoformat(),
                end=ledger.on.isoformat(),
                ceiling=_fmt(CEILING_EUR),
                orgnr=top.orgnr or top.id,
            )
        )
        for top, ledger in groups_over_ceiling(store)
    ]


def warn_over_ceiling(store: Any) -> None:
    """Print a warning on stderr for each group over the ceiling (nothing if none is)."""
    for sentence in over_ceiling_warnings(store):
        click.echo("hubtui: " + _("warning: {text}").format(text=sentence), err=True)


@aid.command("check")
@pass_ctx
def check_command(ctx: CliContext) -> None:
    """List the groups whose de minimis aid is over the ceiling in some three-year period."""
    from hubtui.i18n import _

    sentences = over_ceiling_warnings(ctx.store())
    for sentence in sentences:
        click.echo(sentence)
    if not sentences:
        click.echo(_("No group is over the de minimis ceiling."))
