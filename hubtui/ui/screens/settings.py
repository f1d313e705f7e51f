"""Settings (f2, or "Settings" in the palette; also shown on the very first run).

The advisor's name (recorded on every activity), language, colour theme, default project,
export folder and sync folder, saved to config.toml (the same file `hubtui config` changes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.widgets import Static

from hubtui.config import THEMES, Config, export_folder, save_config, set_value
from hubtui.domain.errors import UserError
from hubtui.ui.i18n import N_, _
from hubtui.ui.widgets.form import Field, FormScreen, choice_select, text_input

if TYPE_CHECKING:
    from hubtui.store import Store

TEXT_SETTINGS = ("advisor", "export_folder", "sync_folder")
CHOICE_SETTINGS = ("language", "theme", "default_project")


class SettingsForm(FormScreen):
    FORM_TITLE = N_("Settings")
    HELP = N_(
        "Your name is recorded as the advisor of every activity you log. The language and "
        "theme apply at once (the language fully from the next start). Exports and reports go "
        "to the export folder; the sync folder is the shared folder the Sync screen uses."
    )

    def __init__(self, *, welcome: bool = False) -> None:
        super().__init__()
        self.welcome = welcome

    def compose_fields(self) -> ComposeResult:
        config = self.hub.config
        if self.welcome:
            yield Static(
                _("Welcome to hubtui! Tell it who you are; you can change this later with f2."),
                classes="form-intro",
            )
        name = config.advisor or self.hub.advisor
        yield Field(_("Your name"), text_input("advisor", name, _("e.g. Karin Lund")))
        languages = [("svenska", "sv"), ("English", "en")]
        language = choice_select("language", languages, config.language, blank=False)
        yield Field(_("Language"), language)
        themes = [(name, name) for name in THEMES]
        theme = self.app.theme if self.app.theme in THEMES else None
        yield Field(_("Theme"), choice_select("theme", themes, theme, blank=False))
        projects = [(f"{p.code}: {p.name}", p.code) for p in self.hub.projects]
        codes = {p.code for p in self.hub.projects}
        current = config.default_project if config.default_project in codes else None
        yield Field(
            _("Default project"),
            choice_select(
                "default_project", projects, current, blank=True, prompt=_("(the running one)")
            ),
        )
        yield Field(
            _("Export folder"),
            text_input("export_folder", config.export_folder, str(export_folder(Config()))),
            hint=_("Reports and exports are written here."),
        )
        yield Field(
            _("Sync folder"),
            text_input("sync_folder", config.sync_folder, _("a shared folder, e.g. ~/Dropbox/hub")),
        )

    def on_mount(self) -> None:
        self.query_one("#advisor").focus()

    def on_select_changed(self, event: Any) -> None:
        if getattr(event.select, "id", None) == "theme" and isinstance(event.value, str):
            self.app.theme = event.value  # try it on at once; escape puts the old one back

    def collect(self) -> dict[str, Any]:
        config = self.hub.config
        for key in (*TEXT_SETTINGS, *CHOICE_SETTINGS):
            raw = self.raw(key)
            try:
                config = set_value(config, key, "" if raw is None else str(raw))
            except UserError as error:
                self.field_error(key, self.error_message(error))
        if not config.advisor.strip():
            self.field_error("advisor", _("Write your name; it is recorded on what you log."))
        return {"config": config}

    def error_message(self, error: UserError) -> str:
        from hubtui.ui.i18n import error_text

        return error_text(error)

    def save(self, store: Store, values: dict[str, Any]) -> Config:
        config: Config = values["config"]
        save_config(config)
        return config

    def action_cancel(self) -> None:
        theme = self.hub.config.theme
        if theme in self.app.available_themes and self.app.theme != theme:
            self.app.theme = theme  # a theme only tried on is put back
        super().action_cancel()


def open_settings(app: Any, *, welcome: bool = False) -> None:
    """Show the settings form; what is saved takes effect at once."""

    def saved(config: Config | None) -> None:
        if config is not None:
            apply_settings(app, config)

    app.push_screen(SettingsForm(welcome=welcome), saved)


def apply_settings(app: Any, config: Config) -> None:
    """Use saved settings in the running app (the language fully from the next start)."""
    old = app.config
    app.config = config
    app.advisor = config.advisor
    if app.store is not None:
        app.store.advisor = config.advisor  # recorded on what is logged from now on
    if config.theme in app.available_themes and app.theme != config.theme:
        app.theme = config.theme
    if config.default_project != old.default_project and config.default_project:
        app.set_projects(app.projects, config.default_project)
    else:
        app.set_project(app.project)  # the header names the advisor
    if config.language != old.language:  # not the running one: HUBTUI_LANGUAGE may rule it
        app.notify(_("The language changes fully when hubtui starts next time."), timeout=8)


def remember_theme(app: Any, theme: str) -> None:
    """The theme picked in the palette is kept for the next start (config.toml)."""
    if theme == app.config.theme or isinstance(app.screen, SettingsForm):
        return
    app.config = app.config.with_changes(theme=theme)
    if app.config.path is None:
        return  # a config not read from a file (tests): nothing to keep it in

    def write() -> None:
        try:
            save_config(app.config)
        except UserError as error:
            app.call_from_thread(app.show_user_error, error)

    app.run_worker(write, thread=True, group="config", exit_on_error=False)
