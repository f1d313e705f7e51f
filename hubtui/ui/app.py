"""The app shell: header, footer, screen switching, palette commands, help and the store.

The store is opened in a thread worker after the first paint, so the window appears at once;
screens ask for it through `run_db` (see `hubtui.ui.screens.base`), which waits for it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from hubtui.config import Config
from hubtui.errors import UserError
from hubtui.ui import actions
from hubtui.ui.i18n import N_, _, error_text, set_language, translated_bindings
from hubtui.ui.inert import install as install_inert_text
from hubtui.ui.key_order import KeyOrder
from hubtui.ui.messages import (
    ProjectsRead,
    StoreFailed,
    StoreOpened,
)
from hubtui.ui.registry import HOME, ScreenEntry, available_screens
from hubtui.ui.screens.base import StoreUnavailable
from hubtui.ui.themes import light_theme
from hubtui.ui.worker_replies import ShowsErrors

if TYPE_CHECKING:
    from textual.timer import Timer

    from hubtui.store import Store
    from hubtui.store.views import ProjectView
    from hubtui.ui.hub import Hub


def run_app(db_target: str, config: Config, *, advisor: str = "", **kwargs: Any) -> None:
    """Run the terminal app on the database at `db_target` (a path or URL) until the user quits."""
    app = HubtuiApp(db_target, config, advisor=advisor, **kwargs)
    try:
        app.run()
    finally:
        app.close_store()


def likely_project(projects: list[ProjectView], today: dt.date) -> ProjectView | None:
    """The project an advisor most likely works in: running today, the most recently started."""
    ranked = sorted(projects, key=lambda p: (p.start <= today <= p.end, p.start), reverse=True)
    return ranked[0] if ranked else None


class HubtuiApp(ShowsErrors):
    # What the screens show: they watch these (hubtui.ui.screens.base.HubScreen).
    project: reactive[ProjectView | None] = reactive(None, always_update=True, init=False)
    period: reactive[str | None] = reactive(None, init=False)

    # The dashboard's stylesheet too: loaded with the first screen, it made Textual parse every
    # stylesheet once more before the first frame.
    CSS_PATH = ["app.tcss", "screens/kpi.tcss"]
    TITLE = "hubtui"
    ENABLE_COMMAND_PALETTE = True
    # Start in the home screen's mode rather than Textual's empty default screen: switching
    # modes in on_mount restyled the whole app twice more before the first frame.
    DEFAULT_MODE = HOME
    BINDINGS = [
        Binding("f1", "help", N_("Help"), id="app.help"),
        Binding("l", "log('activity')", N_("Log"), id="app.log_activity"),
        Binding("g", "log('group_event')", N_("Event"), id="app.log_group_event"),
        Binding("t", "log('testbed_session')", N_("Testbed"), id="app.log_testbed_session"),
        Binding("f2", "settings", N_("Settings"), id="app.settings", show=False),
        Binding("ctrl+q", "quit", N_("Quit"), id="app.quit", priority=True),
    ]

    def __init__(
        self,
        store_target: str | Store,
        config: Config | None = None,
        *,
        advisor: str = "",
        language: str = "",
        today: dt.date | None = None,
        screens: list[ScreenEntry] | None = None,
    ) -> None:
        self.config = config or Config()
        # HUBTUI_LANGUAGE (resolved by the command line) before the config file, as the CLI
        set_language(language or self.config.language)
        install_inert_text()  # names with escape sequences cannot drive the terminal
        super().__init__()
        self.register_theme(light_theme())  # its text meets WCAG AA (hubtui.ui.themes)
        self.advisor = advisor or self.config.advisor
        self.sub_title = self.advisor  # here, not on mount: the header shows it in the first frame
        self.today = today
        self.projects: list[ProjectView] = []
        # False until the store is open and the projects are read: an empty list means "not
        # read yet" until then, and "no projects" after.
        self.projects_read = False
        self.screen_entries: list[ScreenEntry] = available_screens() if screens is None else screens
        self._store_target = store_target
        self._store: Store | None = None
        self._owns_store = isinstance(store_target, str)
        self._store_ready = threading.Event()
        self._backup_timer: Timer | None = None
        self.key_order = KeyOrder(self)
        self._bindings = translated_bindings(self._bindings)
        for entry in self.screen_entries:
            self._bindings._add_binding(
                Binding(
                    entry.key,
                    f"go('{entry.id}')",
                    _(entry.label_msgid),
                    show=False,  # the screen bar names them; the footer has no room
                    id=f"screen.{entry.id}",
                )
            )
            self.add_mode(entry.id, self._screen_factory(entry))
        if self.config.keymap:
            self.set_keymap(dict(self.config.keymap))

    def _screen_factory(self, entry: ScreenEntry) -> Any:
        def make() -> Screen[Any]:
            screen = entry.load()()
            # A mode's new screen is styled from the stylesheet as it stands when it is mounted.
            # Textual would otherwise take it for stale and re-parse every stylesheet and restyle
            # the whole app first (`refresh_css`), once per screen and before the first frame.
            # A theme change still restyles it (the count moves on and Textual refreshes).
            screen._css_update_count = self._css_update_count
            return screen

        return make

    # --- start-up ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self._apply_theme()
        self.theme_changed_signal.subscribe(self, lambda theme: self._theme_picked(theme.name))
        self.switch_mode(HOME)  # nothing to do unless a test gave screens without it

    def _theme_picked(self, theme: str) -> None:
        from hubtui.ui.screens.settings import remember_theme

        remember_theme(self, theme)

    def action_settings(self) -> None:
        from hubtui.ui.screens.settings import SettingsForm, open_settings

        if not isinstance(self.screen, SettingsForm):
            open_settings(self)

    async def on_event(self, event: events.Event) -> None:
        # Keys go one at a time to whatever has focus by then (see hubtui.ui.key_order).
        if self.key_order.hold(event):
            return
        if isinstance(event, events.Key | events.Paste) and not self.screen_stack:
            return  # a key let go while the app is closing
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.key_order.stop()

    def on_ready(self) -> None:
        # The first frame is on screen: only now start on the database.
        self._open_store()

    def _apply_theme(self) -> None:
        if self.config.theme == self.theme:
            return  # setting it anyway would restyle every widget once more
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        else:
            self.notify(
                _("The theme {name} is unknown; using the default theme.").format(
                    name=self.config.theme
                ),
                severity="warning",
            )

    @work(thread=True, exclusive=True, exit_on_error=False, group="store")
    def _open_store(self) -> None:
        self._open_store_work()

    def _open_store_work(self) -> None:
        """Open the store and read the projects (in the worker); post what came of it."""
        try:
            # Imported here, off the UI thread, so the first paint does not wait for them.
            from hubtui.services.projects import list_projects

            store = self._store_target
            if isinstance(store, str):
                from hubtui.store import open_store

                # A daily backup on the first open of the day, as the command line does.
                keep = self.config.backups_keep
                store = open_store(store, advisor=self.advisor, backups_keep=keep)
            self._store = store
            projects = list_projects(store)
        except UserError as error:
            self._store_ready.set()
            self.post_message(StoreFailed(error))
            return
        except BaseException:
            self._store_ready.set()
            self.post_message(StoreFailed(None))
            raise  # the worker fails: on_worker_state_changed shows it
        self._store_ready.set()
        self.post_message(StoreOpened(store, projects))

    def on_store_failed(self, message: StoreFailed) -> None:
        from hubtui.ui.widgets.dialogs import MessageDialog

        self.set_project(None)  # screens stop saying "loading"
        if message.error is not None:
            text = error_text(message.error)
            self.push_screen(MessageDialog(_("The database cannot be opened"), text))

    def on_store_opened(self, message: StoreOpened) -> None:
        store, projects = message.store, message.projects
        if store.notice:
            self.notify(error_text(store.notice), severity="warning", timeout=30)
        if store.daily_backup is not None:
            self._backup_timer = self.set_interval(2, self._check_daily_backup)
        for note in store.notes:
            text = note if isinstance(note, str) else error_text(note)
            self.notify(text, severity="information", timeout=30)
        self.set_projects(projects)
        if not projects and not store.read_only:
            from hubtui.ui.screens.first_run import FirstRunScreen

            self.push_screen(FirstRunScreen())
        if self.config.path is not None and not self.config.exists and not store.read_only:
            from hubtui.ui.screens.settings import open_settings

            open_settings(self, welcome=True)  # the very first run: who is logging?

    def _check_daily_backup(self) -> None:
        """Say so if the day's backup, taken in the background, failed."""
        backup = self._store.daily_backup if self._store is not None else None
        if backup is not None and backup.running:
            return
        if self._backup_timer is not None:
            self._backup_timer.stop()
        if backup is None:
            return
        if backup.failure is not None:
            from hubtui.i18n import error_text

            self.notify(error_text(backup.failure), severity="warning", timeout=30)

    def wait_for_store(self) -> Store:
        """The open store (from a worker thread; waits until it is open)."""
        self._store_ready.wait()
        if self._store is None:
            raise StoreUnavailable()
        return self._store

    @property
    def store(self) -> Store | None:
        return self._store

    @property
    def store_failed(self) -> bool:
        """The database could not be opened (the app has said why)."""
        return self._store_ready.is_set() and self._store is None

    def close_store(self) -> None:
        if self._store is not None and self._owns_store:
            if self._store.daily_backup is not None:  # quitting does not wait for it
                self._store.daily_backup.stop()
            self._store.close()

    # --- the current project ----------------------------------------------------------------
    def set_projects(self, projects: list[ProjectView], current: str | None = None) -> None:
        """Remember the projects; pick `current`, else the config's default, else the first."""
        self.projects = projects
        self.projects_read = True
        wanted = current or (self.project.code if self.project else self.config.default_project)
        chosen = next((p for p in projects if wanted in (p.code, p.id)), None)
        self.set_project(chosen or likely_project(projects, self.today or dt.date.today()))

    @work(thread=True, exclusive=True, exit_on_error=False, group="projects")
    def reload_projects(self, current: str | None = None) -> None:
        """Read the projects again (after one was created or imported) and pick `current`."""
        from hubtui.services.projects import list_projects

        self.post_message(ProjectsRead(list_projects(self.wait_for_store()), current))

    def on_projects_read(self, message: ProjectsRead) -> None:
        self.set_projects(message.projects, message.current)

    def set_project(self, project: ProjectView | None) -> None:
        if project is None or self.project is None or project.code != self.project.code:
            self.period = None  # another project: its own current period
        self.project = project  # the screen on show reloads (it watches `project`)

    def watch_project(self, project: ProjectView | None) -> None:
        parts = [project.code if project else _("no project"), self.advisor]
        self.sub_title = " · ".join(p for p in parts if p)

    # --- actions ----------------------------------------------------------------------------
    def action_go(self, screen_id: str) -> None:
        self.switch_mode(screen_id)

    def action_help(self) -> None:
        from hubtui.ui.widgets.dialogs import HelpDialog

        screen = self.screen
        text = _(getattr(screen, "HELP", "") or "") or _("No help for this screen.")
        self.push_screen(HelpDialog(_(screen.title or "") or "hubtui", text, self.help_keys()))

    def help_keys(self) -> list[tuple[str, str]]:
        """(key, what it does) for the screen's and the app's own keys, as rebound.

        hubtui's bindings all have an id (for the keymap); Textual's own (tab, copy) do not.
        """
        keys: list[tuple[str, str]] = []
        for node in (self.screen, self):
            for _key, binding in node._bindings:
                if not binding.description or not binding.id:
                    continue
                rebound = self._keymap.get(binding.id or "")
                shown = rebound or self.get_key_display(binding)
                if (shown, binding.description) not in keys:
                    keys.append((shown, binding.description))
        return keys

    async def action_quit(self) -> None:
        """Quit; if a form or the report's notes hold unsaved text, ask first."""
        from hubtui.ui.widgets.unsaved import QUIT_TEXT, UnsavedDialog

        if isinstance(self.screen, UnsavedDialog):
            return  # the question is on screen already
        pending = self.unsaved_screens()
        if not pending:
            self.exit()
            return

        def answered(choice: str | None) -> None:
            if choice == "discard":
                self.exit()
            elif choice == "save":
                self._save_then_quit(pending)

        self.push_screen(UnsavedDialog(_(QUIT_TEXT)), answered)

    def unsaved_screens(self) -> list[Any]:
        """Every open screen or form (in every mode) with text that is not saved yet."""
        from hubtui.ui.widgets.unsaved import Unsaved

        found = []
        for stack in self._screen_stacks.values():
            for screen in reversed(stack):
                if isinstance(screen, Unsaved) and screen.unsaved():
                    found.append(screen)
        return found

    def _save_then_quit(self, pending: list[Any]) -> None:
        if not pending:
            self.exit()
            return
        first, rest = pending[0], pending[1:]

        def done(ok: bool) -> None:
            if ok:
                self._save_then_quit(rest)
            else:  # it says why at the field; stay so that the user can fix it
                mode = next((m for m, s in self._screen_stacks.items() if first in s), None)
                if mode is not None and mode != self.current_mode:
                    self.switch_mode(mode)

        first.save_unsaved(done)

    def action_log(self, kind: str) -> None:
        actions.open_form(self, kind)

    def action_aid_overview(self) -> None:
        from hubtui.ui.screens.aid_overview import AidOverviewScreen

        self.push_screen(AidOverviewScreen())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for entry in self.screen_entries:
            yield SystemCommand(
                _("Go to: {screen}").format(screen=_(entry.label_msgid)),
                _("Switch to this screen (key {key})").format(key=entry.key),
                lambda entry=entry: self.action_go(entry.id),
            )
        yield SystemCommand(
            _("Settings"),
            _("Your name, language, theme, default project and folders (key f2)"),
            self.action_settings,
        )
        for kind, title, help_text in actions.form_commands():
            yield SystemCommand(title, help_text, lambda kind=kind: self.action_log(kind))
        yield SystemCommand(
            _("State aid: companies nearest the ceiling"),
            _("The de minimis aid of every company's group in the last three years"),
            self.action_aid_overview,
        )
        for project in self.projects:
            yield SystemCommand(
                _("Project: {code}").format(code=project.code),
                _("Make {name} the current project").format(name=project.name),
                lambda project=project: self.set_project(project),
            )


if TYPE_CHECKING:

    def _offers_hub(app: HubtuiApp) -> Hub:  # mypy checks that the app is what screens see
        return app
