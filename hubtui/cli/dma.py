"""`hubtui dma`: Digital Maturity Assessment results per organisation."""

from __future__ import annotations

import datetime as dt

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.cli.helpers import DATE, as_row
from hubtui.cli.output import emit, format_option
from hubtui.store.derive import DMA_SCORES


@click.group()
def dma() -> None:
    """Digital Maturity Assessments (six scores 0–100; overall is their mean)."""


@dma.command("add")
@click.option("--org", required=True, help="Orgnr or name of the organisation.")
@click.option("--stage", required=True, help="T0 (before support), T1 (after), T2 …")
@click.option("--date", "day", type=DATE, required=True, help="Date of the assessment.")
@click.option(
    "--scores",
    required=True,
    help="Six integers 0–100: " + ", ".join(DMA_SCORES) + ".",
)
@click.option("--project", help="Project code.")
@pass_ctx
def add_command(
    ctx: CliContext, org: str, stage: str, day: dt.date, scores: str, project: str | None
) -> None:
    """Record a DMA result; prints its id and overall score."""
    from hubtui.services.dma import add_dma, parse_scores
    from hubtui.services.organisations import resolve_organisation

    values = parse_scores(scores)
    store = ctx.store()
    organisation = resolve_organisation(store, org)
    view = add_dma(
        store,
        organisation_id=organisation.id,
        stage=stage,
        date=day,
        scores=values,
        project_id=project,
    )
    from hubtui.cli.output import number_text
    from hubtui.i18n import _

    click.echo(_("{id} overall {score}").format(id=view.id, score=number_text(view.overall)))


@dma.command("list")
@click.option("--org", required=True, help="Orgnr or name of the organisation.")
@format_option("table", "json")
@pass_ctx
def list_command(ctx: CliContext, org: str, fmt: str) -> None:
    """An organisation's DMA results, oldest first."""
    from hubtui.services.dma import dma_history
    from hubtui.services.organisations import resolve_organisation

    store = ctx.store()
    views = dma_history(store, resolve_organisation(store, org).id)
    rows = [as_row(v, **dict(zip(DMA_SCORES, v.scores, strict=True))) for v in views]
    emit(rows, ["date", "stage", *DMA_SCORES, "overall"], fmt)
