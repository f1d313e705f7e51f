"""`hubtui kpi`: a project's KPIs for a period, and the drill-down behind one of them."""

from __future__ import annotations

import json
from typing import Any

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.cli.output import activity_type_words, emit, enum_words, format_option
from hubtui.domain.activity_types import Category, OrgKind
from hubtui.domain.size import SizeClass
from hubtui.errors import UserError
from hubtui.i18n import N_, _

TABLE_COLUMNS = (
    "id",
    "label",
    "target",
    "period_value",
    "cumulative_value",
    "expected_by_now",
    "progress",
    "status",
)
CSV_COLUMNS = ("id", "label", "metric", *TABLE_COLUMNS[2:])

_project = click.option("--project", "-p", metavar="CODE", help="Project code (default: config).")
_period = click.option(
    "--period",
    metavar="PERIOD",
    help="2026Q3, 2026H1, 2026, 2026-03, a date range or all (default: the current quarter).",
)


def _project_code(ctx: CliContext, project: str | None) -> str:
    code = project or ctx.config.default_project
    if not code:
        raise UserError(
            "No project given; add --project CODE or set default_project in the config file."
        )
    return code


def _json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group(invoke_without_command=True)
@_project
@_period
@format_option()
@click.pass_context
def kpi(click_ctx: click.Context, project: str | None, period: str | None, fmt: str) -> None:
    """Show a project's KPIs: period value, cumulative value, target and status."""
    if click_ctx.invoked_subcommand is not None:
        return
    from hubtui.kpi import compute_kpis, resolve

    ctx = click_ctx.find_object(CliContext)
    assert ctx is not None
    store = ctx.store()
    result = compute_kpis(store, *resolve(store, _project_code(ctx, project), period))
    for k in result.kpis:
        if k.details.get("currencies", 0) > 1:
            text = _(
                "KPI {id} adds amounts in {count} currencies ({currencies}); log every "
                "investment of a project in one currency."
            )
            currencies = k.breakdown["currency"]
            text = text.format(id=k.id, count=len(currencies), currencies=", ".join(currencies))
            click.echo("hubtui: " + text, err=True)
    if fmt == "json":
        _json(result.as_dict())
        return
    rows = [{**k.as_dict(), "label": k.shown_label} for k in result.kpis]
    if fmt == "table":
        p = result.period
        click.echo(f"{result.project.code} · {p.label} ({p.start} – {p.end})")
    emit(rows, TABLE_COLUMNS if fmt == "table" else CSV_COLUMNS, fmt, {"status": _status})


STATUS_WORDS = {"ahead": N_("ahead"), "on_track": N_("on track"), "behind": N_("behind")}


def _status(status: Any) -> str:
    return _(STATUS_WORDS[status]) if status in STATUS_WORDS else str(status)


@kpi.command("drill")
@_project
@click.option("--kpi", "kpi_id", required=True, metavar="ID", help="The KPI's id in the goals.")
@_period
@click.option("--cumulative", is_flag=True, help="From the project start, not only the period.")
@format_option()
@pass_ctx
def drill(
    ctx: CliContext,
    project: str | None,
    kpi_id: str,
    period: str | None,
    cumulative: bool,
    fmt: str,
) -> None:
    """List the organisations or activities that make up a KPI's number."""
    from hubtui.kpi import drill_down, resolve
    from hubtui.kpi.model import period_dict

    code = _project_code(ctx, project)
    store = ctx.store()
    result = drill_down(store, *resolve(store, code, period), kpi_id, cumulative=cumulative)
    rows = [{"id": r.id, "name": r.name, "date": r.date, **dict(r.values)} for r in result.rows]
    if fmt == "json":
        _json(
            {
                "project": code,
                "kpi": result.kpi_id,
                "metric": result.metric,
                "period": period_dict(result.period),
                "cumulative": result.cumulative,
                "entity": result.entity,
                "rows": [{k: _plain(v) for k, v in row.items()} for row in rows],
            }
        )
        return
    words = {"type": enum_words(OrgKind), "size_class": enum_words(SizeClass)}
    if result.entity == "activity":
        words = {"type": activity_type_words, "category": enum_words(Category)}
    emit(rows, ("name", "date", *result.columns, "id"), fmt, words)


@kpi.command("series")
@_project
@click.option("--kpi", "kpi_id", required=True, metavar="ID", help="The KPI's id in the goals.")
@format_option()
@pass_ctx
def series(ctx: CliContext, project: str | None, kpi_id: str, fmt: str) -> None:
    """A KPI period by period: the value in each period and cumulatively at its end."""
    from hubtui.kpi import kpi_series
    from hubtui.services.projects import get_project

    store = ctx.store()
    points = kpi_series(store, get_project(store, _project_code(ctx, project)), kpi_id)
    rows = [
        {
            "period": p.period.label,
            "start": p.period.start,
            "end": p.period.end,
            "period_value": p.period_value,
            "cumulative_value": p.cumulative_value,
            "expected_by_now": p.expected_by_now,
        }
        for p in points
    ]
    emit(rows, ("period", "period_value", "cumulative_value", "expected_by_now"), fmt)


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value
