"""First run on an empty database: start a project from a template or from a goals file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from hubtui.errors import UserError
from hubtui.ui.i18n import N_, _, error_text
from hubtui.ui.messages import DbReply
from hubtui.ui.screens.base import HubModal

if TYPE_CHECKING:
    from hubtui.store import Store
    from hubtui.store.views import ProjectView


def _templates() -> list[tuple[str, str]]:
    """(code, title) of the project templates that ship with hubtui."""
    from hubtui.domain.goals import parse_goals
    from hubtui.templates import list_templates, template_text

    return [
        (code, parse_goals(template_text(code), code).project.name) for code in list_templates()
    ]


def _create_from_template(store: Store, code: str) -> ProjectView:
    from hubtui.domain.goals import parse_goals
    from hubtui.services.projects import import_goals
    from hubtui.templates import template_text

    return import_goals(store, parse_goals(template_text(code), f"template {code}"))


def _create_from_file(store: Store, path_text: str) -> ProjectView:
    from hubtui.domain.goals import parse_goals
    from hubtui.services.projects import import_goals

    path = Path(path_text.strip()).expanduser()
    if not path_text.strip():
        raise UserError("Write the path of a goals file, or choose a template.")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise UserError(
            "Cannot read {path} ({reason}); check the path.", path=path, reason=e.strerror or e
        ) from None
    return import_goals(store, parse_goals(text, path.name))


class FirstRunScreen(HubModal[None]):
    """Offered when the database has no project yet."""

    HELP = N_(
        "hubtui counts everything against a project's goals. Start one from a template "
        "(you can change the goals later) or import a goals file your funder's decision "
        "was written into."
    )
    BINDINGS = [Binding("escape", "skip", N_("Later"), id="first_run.skip")]

    class Created(DbReply["ProjectView"]):
        """The project was created (from a template or a goals file)."""

    def __init__(self) -> None:
        super().__init__(classes="dialog")
        self.templates = _templates()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(_("Welcome to hubtui"), classes="dialog-title")
            yield Static(_(self.HELP), classes="dialog-message")
            if self.templates:
                yield Label(_("Start from a template:"))
                yield OptionList(
                    *[Option(f"{title} ({code})", id=code) for code, title in self.templates],
                    id="templates",
                )
            yield Label(_("Or import a goals file:"))
            yield Input(placeholder=_("path to goals file"), id="goals-path")
            yield Static("", id="first-run-error", classes="form-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Import"), id="import", variant="primary")
                yield Button(_("Later"), id="later")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        code = event.option.id or ""
        self.post_db(
            lambda store: _create_from_template(store, code), self.Created, failed=self._failed
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._import(event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "import":
            self._import(self.query_one("#goals-path", Input).value)
        else:
            self.dismiss(None)

    def _import(self, path_text: str) -> None:
        self.post_db(
            lambda store: _create_from_file(store, path_text), self.Created, failed=self._failed
        )

    def _failed(self, error: UserError) -> None:
        self.query_one("#first-run-error", Static).update(error_text(error))

    def on_first_run_screen_created(self, message: FirstRunScreen.Created) -> None:
        project = message.result
        self.hub.reload_projects(project.code)
        self.notify(_("Project {code} created.").format(code=project.code))
        self.dismiss(None)

    def action_skip(self) -> None:
        self.dismiss(None)
