"""Forms of the Goals screen: edit one goal, and import or export the goals file.

A goal is checked the way a goals file is: the edited goal is written into the project's
goals file text and parsed with `parse_goals`, so the form and the file accept exactly the
same things, and nothing is saved unless the whole file is valid.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w
from textual.app import ComposeResult

from hubtui.domain.errors import Term
from hubtui.domain.metrics import METRICS
from hubtui.errors import UserError
from hubtui.ui.i18n import N_, _, language
from hubtui.ui.widgets.form import Field, FormScreen, choice_select, required, text_input

if TYPE_CHECKING:
    from hubtui.domain.goals import GoalsFile, KpiSpec
    from hubtui.store import Store
    from hubtui.store.views import ProjectView


def where_text(kpi: KpiSpec) -> str:
    """A goal's filters as the TOML inline table the goals file uses ("" for none)."""
    from hubtui.domain.goals import GoalsFile, ProjectSpec
    from hubtui.domain.goals_toml import dump_goals

    if not kpi.where:
        return ""
    day = dt.date(2000, 1, 1)
    text = dump_goals(GoalsFile(ProjectSpec("x", "x", day, day), (kpi,)))
    line = next(x for x in text.splitlines() if x.startswith("where = "))
    return line.removeprefix("where = ")


def goals_with(goals: GoalsFile, old_id: str | None, values: dict[str, Any]) -> GoalsFile:
    """The goals file with goal `old_id` replaced by (or, if None, added as) the edited one.

    Raises a UserError naming the problem (without the file's line) if anything is invalid.
    """
    from hubtui.domain.goals import GoalsError, parse_goals
    from hubtui.domain.goals_toml import dump_goals

    fields = {
        "id": values["id"],
        "label": values["label"],
        "metric": values["metric"],
        "target": values["target"],
    }
    if values.get("label_en"):
        fields["label_en"] = values["label_en"]
    block = "\n[[kpi]]\n" + tomli_w.dumps(fields)
    if values["where"].strip():
        block += f"where = {values['where'].strip()}\n"
    others = tuple(k for k in goals.kpis if k.id != old_id)
    text = dump_goals(replace(goals, kpis=others)) + block
    try:
        parsed = parse_goals(text, "goal")
    except GoalsError as error:
        # Said without the file and line, at the field the problem is in. The fields but
        # `where` are written by tomli-w, so a TOML syntax error can only be in `where`.
        field = error.field or ("where" if "column" in error.params else None)
        raise UserError("{problem}.", field=field, problem=error.problem) from None
    edited = parsed.kpis[-1]
    order = [k.id for k in goals.kpis]
    kpis = list(parsed.kpis[:-1])
    position = order.index(old_id) if old_id in order else len(kpis)
    kpis.insert(position, edited)
    return replace(goals, kpis=tuple(kpis))


def target_value(text: str) -> float | int | str:
    """A number from the form (decimal comma accepted); text is left for the file's check."""
    t = (text or "").strip().replace(",", ".")
    try:
        number = float(t)
    except ValueError:
        return t
    return int(number) if number.is_integer() else number


class GoalForm(FormScreen):
    FORM_TITLE = N_("Goal")
    HELP = N_(
        "One goal of the project: its id (unique, used by reports and the command line), "
        "label, what is counted, the target, and filters written as in the goals file, such as "
        '{ size = ["micro", "small", "medium"], counties = ["19"] }. '
        "A share such as the share of women is written as a fraction: 0.4 for 40 %."
    )
    FIELD_IDS = {"id": "kpi_id"}

    def __init__(self, project: ProjectView, goals: GoalsFile, kpi: KpiSpec | None) -> None:
        super().__init__()
        self.project_view = project
        self.goals = goals
        self.kpi = kpi

    def compose_fields(self) -> ComposeResult:
        k = self.kpi
        lang = language()
        metrics = [(m.sv if lang == "sv" else m.en, m.id) for m in METRICS.values()]
        yield Field(_("Id"), text_input("kpi_id", k.id if k else "", "smf-stod"))
        yield Field(_("Label"), text_input("label", k.label if k else ""))
        yield Field(
            _("Label in English"),
            text_input("label_en", k.label_en if k else ""),
            hint=_("for reports in English; empty: the label"),
        )
        yield Field(
            _("Counts"),
            choice_select("metric", metrics, k.metric if k else None, blank=False),
        )
        yield Field(_("Target"), text_input("target", _target_text(k) if k else ""))
        yield Field(
            _("Filters"),
            text_input("where", where_text(k) if k else "", '{ size = ["micro", "small"] }'),
            hint=_("types, categories, size, counties, kinds, support, manufacturing"),
        )

    def on_mount(self) -> None:
        self.query_one("#kpi_id").focus()

    def collect(self) -> dict[str, Any]:
        metric = str(self.raw("metric"))
        label = (self.raw("label") or "").strip() or METRICS[metric].sv
        return {
            "id": self.read("kpi_id", lambda v: required(v, Term("The id"))),
            "label": label,
            "label_en": (self.raw("label_en") or "").strip(),
            "metric": metric,
            "target": target_value(self.raw("target")),
            "where": self.raw("where") or "",
        }

    def save(self, store: Store, values: dict[str, Any]) -> GoalsFile:
        from hubtui.services.projects import import_goals

        updated = goals_with(self.goals, self.kpi.id if self.kpi else None, values)
        import_goals(store, updated)
        return updated


def _target_text(k: KpiSpec) -> str:
    target = k.target
    return str(int(target)) if float(target).is_integer() else str(target)


class GoalsFileForm(FormScreen):
    """Import a goals file into the database, or export the project's goals to a file."""

    HELP = N_(
        "A goals file is a TOML file with the project's dates and goals. Importing creates or "
        "updates the project it names; goals missing from the file are removed. Exporting "
        "writes the current goals; an existing file is only replaced after you save twice."
    )
    OTHER_ERRORS_AT = "path"

    def __init__(self, project: ProjectView | None) -> None:
        super().__init__()
        self.project_view = project

    def suggested_path(self) -> str:
        return ""

    def compose_fields(self) -> ComposeResult:
        yield Field(_("File"), text_input("path", self.suggested_path()))

    def on_mount(self) -> None:
        self.query_one("#path").focus()

    def collect(self) -> dict[str, Any]:
        path = self.read("path", lambda v: required(v, Term("The file")))
        return {"path": Path(path).expanduser() if path else None}


class GoalsImportForm(GoalsFileForm):
    FORM_TITLE = N_("Import goals file")

    def save(self, store: Store, values: dict[str, Any]) -> str:
        return import_file(store, values["path"])


class GoalsExportForm(GoalsFileForm):
    FORM_TITLE = N_("Export goals file")

    def __init__(self, project: ProjectView | None) -> None:
        super().__init__(project)
        self._overwrite: Path | None = None

    def suggested_path(self) -> str:
        """In the export folder of the settings (the documents folder unless set)."""
        from hubtui.config import export_folder

        if self.project_view is None:
            return ""
        return str(export_folder(self.hub.config) / f"{self.project_view.code.lower()}.toml")

    def saved(self, result: Any) -> None:
        path = self.raw("path").strip()
        super().saved(result)
        where = Path(path).expanduser().resolve()
        self.app.notify(_("Goals written to {path}.").format(path=where), timeout=10)

    def save(self, store: Store, values: dict[str, Any]) -> str:
        path: Path = values["path"]
        path.parent.mkdir(parents=True, exist_ok=True)  # the export folder, the first time
        if self.project_view is None:
            raise UserError("There is no project to export.")
        if path.exists() and self._overwrite != path:
            self._overwrite = path  # the next save of the same path replaces it
            raise UserError(
                "{path} already exists; save again to replace it.", field="path", path=path
            )
        export_file(store, self.project_view.code, path)
        return self.project_view.code


def import_file(store: Store, path: Path) -> str:
    """Import a goals file; returns the code of the project it created or updated."""
    from hubtui.domain.goals import parse_goals
    from hubtui.services.projects import import_goals

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(
            "There is no file {path}; check the path.", field="path", path=path
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(
            "Cannot read {path} ({reason}); check the file.", field="path", path=path, reason=error
        ) from None
    return import_goals(store, parse_goals(text, str(path))).code


def export_file(store: Store, code: str, path: Path) -> None:
    """Write the project's goals file (atomically, readable only by the owner)."""
    from hubtui.domain.goals_toml import dump_goals
    from hubtui.services.projects import export_goals

    text = dump_goals(export_goals(store, code))
    folder = path.parent if str(path.parent) else Path(".")
    temp: str | None = None
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(temp, path)
    except OSError as error:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)
        raise UserError(
            "Cannot write {path} ({reason}); choose another place.",
            field="path",
            path=path,
            reason=error.strerror,
        ) from None
