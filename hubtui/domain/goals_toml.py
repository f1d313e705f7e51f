"""The canonical TOML text of a goals file: a stable layout (`dump(parse(dump(g))) == dump(g)`)
that looks like a hand-written file."""

from __future__ import annotations

from typing import Any

from hubtui.domain.goals import WHERE_KEYS, GoalsFile, WhereValue
from hubtui.domain.goals_source import toml_key, toml_literal


def dump_goals(g: GoalsFile) -> str:
    """The canonical TOML text of a goals file."""
    p = g.project
    rows: list[tuple[str, Any]] = [
        ("code", p.code),
        ("name", p.name),
        ("start", p.start),
        ("end", p.end),
        ("counties", list(p.counties)),
        ("funders", list(p.funders)),
    ]
    if p.period_months != 3:
        rows.append(("period_months", p.period_months))
    if p.owner:
        rows.append(("beneficiary", p.owner))
    for key in ("beneficiary_orgnr", "case_number", "programme", "contact"):
        if getattr(p, key):
            rows.append((key, getattr(p, key)))
    if p.edih:
        rows.append(("edih", True))
    if p.description:
        rows.append(("description", p.description))
    out = ["[project]\n", *(f"{toml_key(k)} = {toml_literal(v, top=True)}\n" for k, v in rows)]
    if g.aid is not None:
        out += ["\n", *g.aid.toml_lines()]
    for k in g.kpis:
        target = (
            int(k.target) if isinstance(k.target, float) and k.target.is_integer() else k.target
        )
        out.append("\n[[kpi]]\n")
        out.append(f"id = {toml_literal(k.id)}\n")
        out.append(f"label = {toml_literal(k.label)}\n")
        if k.label_en:
            out.append(f"label_en = {toml_literal(k.label_en)}\n")
        out.append(f"metric = {toml_literal(k.metric)}\n")
        out.append(f"target = {toml_literal(target)}\n")
        if k.where:
            ordered = {key: k.where[key] for key in WHERE_KEYS if key in k.where}
            ordered |= {key: v for key, v in k.where.items() if key not in ordered}
            out.append(f"where = {toml_literal({key: _plain(v) for key, v in ordered.items()})}\n")
    return "".join(out)


def _plain(v: WhereValue) -> bool | list[str]:
    return v if isinstance(v, bool) else list(v)
