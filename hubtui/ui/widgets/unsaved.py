"""Never lose typed text: ask "Save / Discard / Keep editing" before leaving unsaved changes.

A screen or form with unsaved text implements `Unsaved`: `unsaved()` says whether anything typed
is not saved yet, `save_unsaved(done)` saves it and calls `done(True)` once saved (or
`done(False)` if it could not be saved; the screen then shows why, at the field).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, Protocol, cast, runtime_checkable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from hubtui.ui.i18n import N_, _, translated_bindings

Choice = Literal["save", "discard", "edit"]


@runtime_checkable
class Unsaved(Protocol):
    def unsaved(self) -> bool: ...

    def save_unsaved(self, done: Callable[[bool], object]) -> None: ...


class UnsavedDialog(ModalScreen[Choice]):
    """Save / Discard / Keep editing. Escape keeps editing; nothing is thrown away by a key
    that also means something else: discarding takes the button."""

    BINDINGS = [
        Binding("escape", "choose('edit')", N_("Keep editing"), id="unsaved.edit"),
        Binding("ctrl+s", "choose('save')", N_("Save"), id="unsaved.save", priority=True),
    ]

    def __init__(self, what: str) -> None:
        super().__init__(classes="dialog")
        self._bindings = translated_bindings(self._bindings)
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="unsaved-box"):
            yield Label(_("Unsaved changes"), classes="dialog-title")
            yield Static(self.what, classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), id="save", variant="primary")
                yield Button(_("Discard"), id="discard", variant="error")
                yield Button(_("Keep editing"), id="edit")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_choose(cast(Choice, event.button.id))

    def action_choose(self, choice: Choice) -> None:
        self.dismiss(choice)


def unsaved_text() -> str:
    return _("What you typed is not saved yet.")


QUIT_TEXT = N_("What you typed is not saved yet. Save it before quitting?")
