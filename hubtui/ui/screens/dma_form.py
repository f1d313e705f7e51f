"""Record a Digital Maturity Assessment: stage, date and six scores 0–100; the mean is live."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.widgets import Input, Static

from hubtui.domain.bounds import OutOfRange, check_int
from hubtui.errors import InvalidValue
from hubtui.ui.i18n import N_, _
from hubtui.ui.screens.organisation_detail import DIMENSIONS
from hubtui.ui.widgets.form import Field, FormScreen, choice_select, date_value, text_input
from hubtui.ui.widgets.org_picker import OrgPicker

if TYPE_CHECKING:
    from hubtui.store import Store
    from hubtui.store.views import DmaView, OrganisationView

SCORE_IDS = tuple(f"score{i}" for i in range(len(DIMENSIONS)))
STAGES = ("T0", "T1", "T2", "T3")


def _score_or_none(text: str) -> int | None:
    try:
        return check_int("dma_score", text)
    except OutOfRange:
        return None


def score(text: str) -> int:
    try:
        return check_int("dma_score", (text or "").strip())
    except OutOfRange:
        raise InvalidValue("A score is a whole number from 0 to 100.") from None


class DmaForm(FormScreen):
    FORM_TITLE = N_("DMA result")
    HELP = N_(
        "Stage T0 is the assessment before support, T1 after it. Enter the six dimension "
        "scores 0-100; the overall score is their mean."
    )
    FIELD_IDS = {"organisation_id": "organisation"}

    def __init__(self, organisation: OrganisationView | None = None) -> None:
        super().__init__()
        self.organisation = organisation

    def compose_fields(self) -> ComposeResult:
        initial = (self.organisation,) if self.organisation else ()
        yield Field(_("Organisation"), OrgPicker(id="organisation", initial=initial))
        stages = [(s, s) for s in STAGES]
        yield Field(_("Stage"), choice_select("stage", stages, None, blank=False))
        today = self.hub.today or dt.date.today()
        yield Field(_("Date"), text_input("date", today.isoformat(), "YYYY-MM-DD"))
        projects = [(p.code, p.code) for p in self.hub.projects]
        current = self.project.code if self.project else None
        yield Field(_("Project"), choice_select("project", projects, current, blank=True))
        for field_id, name in zip(SCORE_IDS, DIMENSIONS, strict=True):
            yield Field(_(name), text_input(field_id, "", "0-100"))
        yield Field(_("Overall"), Static("", id="overall"))

    def on_mount(self) -> None:
        first = "#stage" if self.organisation else "#organisation"
        self.query_one(first).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in SCORE_IDS:
            values = [self.query_one(f"#{i}", Input).value.strip() for i in SCORE_IDS]
            numbers = [n for n in map(_score_or_none, values) if n is not None]
            overall = self.query_one("#overall", Static)
            overall.update(f"{sum(numbers) / len(numbers):.1f}" if len(numbers) == 6 else "")

    def collect(self) -> dict[str, Any]:
        organisation = self.raw("organisation")
        if not organisation:
            self.field_error("organisation", _("Pick the organisation that was assessed."))
        return {
            "organisation_id": organisation,
            "stage": self.raw("stage"),
            "date": self.read("date", date_value),
            "scores": [self.read(field_id, score) for field_id in SCORE_IDS],
            "project_id": self.raw("project"),
        }

    def save(self, store: Store, values: dict[str, Any]) -> DmaView:
        from hubtui.services.dma import add_dma

        return add_dma(store, **values)
