"""The KPI engine: a project's goals counted in SQL for a period (no Textual here)."""

from hubtui.kpi.drill import drill_down
from hubtui.kpi.engine import (
    compute_kpi,
    compute_kpis,
    default_period,
    project_periods,
    resolve,
    resolve_period,
)
from hubtui.kpi.model import (
    STATUS_TOLERANCE,
    DrillDown,
    DrillRow,
    KpiResult,
    ProjectKpis,
    SeriesPoint,
)
from hubtui.kpi.series import kpi_series

__all__ = [
    "STATUS_TOLERANCE",
    "DrillDown",
    "DrillRow",
    "KpiResult",
    "ProjectKpis",
    "SeriesPoint",
    "compute_kpi",
    "compute_kpis",
    "default_period",
    "drill_down",
    "kpi_series",
    "project_periods",
    "resolve",
    "resolve_period",
]
