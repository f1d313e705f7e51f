"""The forms the app opens from anywhere (keys, palette), loaded only when first used."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from hubtui.domain.activity_types import GROUP_TYPES
from hubtui.ui.i18n import N_, _

if TYPE_CHECKING:
    from textual.app import App

    from hubtui.store.views import ActivityView

# kind -> ("module:FormClass", palette title msgid, palette help msgid)
FORMS: dict[str, tuple[str, str, str]] = {
    "activity": (
        "hubtui.ui.screens.log_activity:LogActivityForm",
        N_("Log activity"),
        N_("Log a visit, meeting, needs analysis or other one-to-one support"),
    ),
    "group_event": (
        "hubtui.ui.screens.group_event:GroupEventForm",
        N_("Log group event"),
        N_("Log a seminar, workshop, training, network meeting or study visit"),
    ),
    "testbed_session": (
        "hubtui.ui.screens.testbed_session:TestbedSessionForm",
        N_("Log testbed session"),
        N_("Log an organisation's session at a testbed"),
    ),
    "dma": (
        "hubtui.ui.screens.dma_form:DmaForm",
        N_("Record DMA result"),
        N_("Record a digital maturity assessment (six scores 0-100)"),
    ),
    "organisation": (
        "hubtui.ui.screens.organisation_form:OrganisationForm",
        N_("Add organisation"),
        N_("Add a company or other organisation"),
    ),
    "contact": (
        "hubtui.ui.screens.contact_form:ContactForm",
        N_("Add contact"),
        N_("Add a contact person at an organisation"),
    ),
}


def form_commands() -> list[tuple[str, str, str]]:
    """(kind, title, help) for the command palette, in the current language."""
    return [(kind, _(title), _(help_text)) for kind, (_t, title, help_text) in FORMS.items()]


def open_form(app: App[Any], kind: str, **kwargs: Any) -> None:
    """Open a form over the current screen; the screen reloads when something was saved."""
    module_name, _sep, class_name = FORMS[kind][0].partition(":")
    form_class = getattr(importlib.import_module(module_name), class_name)

    def saved(result: object) -> None:
        if result is None:
            return
        reload = getattr(app.screen, "reload", None)
        if callable(reload):
            reload()

    app.push_screen(form_class(**kwargs), saved)


def form_for(of: ActivityView, **kwargs: Any) -> Any:
    """The form that fits the activity (group, testbed or one-to-one)."""
    from hubtui.ui.screens.group_event import GroupEventForm
    from hubtui.ui.screens.log_activity import LogActivityForm
    from hubtui.ui.screens.testbed_session import TestbedSessionForm

    if of.type == "testbed_session":
        return TestbedSessionForm(**kwargs)
    if of.is_group_event or (of.type in GROUP_TYPES and len(of.organisations) != 1):
        return GroupEventForm(**kwargs)
    return LogActivityForm(**kwargs)


def _reload_when_saved(app: App[Any]) -> Any:
    def saved(result: object) -> None:
        reload = getattr(app.screen, "reload", None)
        if result is not None and callable(reload):
            reload()

    return saved


def edit_activity(app: App[Any], activity: ActivityView) -> None:
    """Open the form that fits the activity to edit it."""
    app.push_screen(form_for(activity, activity=activity), _reload_when_saved(app))


def copy_activity(app: App[Any], activity: ActivityView) -> None:
    """Open the form that fits the activity filled in from it, to log a new one dated today."""
    app.push_screen(form_for(activity, copy_of=activity), _reload_when_saved(app))
    app.notify(
        _("Copied from the activity of {date}; the date is today.").format(
            date=activity.date.isoformat()
        )
    )
