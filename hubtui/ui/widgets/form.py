"""Forms: labelled fields with their error shown under them, saved in one worker call.

A form subclasses `FormScreen`, yields `field(...)` rows from `compose_fields()`, reads and
checks its values in `collect()` with `self.read(field_id, parse)` (a parse error marks that
field), and writes them in `save(store, values)`, which runs in a thread worker. If anything
is wrong nothing is written: either a field check fails before the worker starts, or the
service raises `UserError` inside its one transaction and the form shows it, translated, at
the field the error names (`error.field`: the service's name for the input, which is the
field's id unless `FIELD_IDS` maps it), or under the form if it names none of its fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from hubtui.errors import UserError
from hubtui.ui.i18n import N_, _, error_text, language
from hubtui.ui.screens.base import HubModal

if TYPE_CHECKING:
    from hubtui.store import Store

T = TypeVar("T")
FORM_CHROME = 6  # rows of border, title, form error and buttons around the fields


class Field(Horizontal):
    """One row of a form: label, the input widget, and a line for its error or hint."""

    def __init__(self, label: str, widget: Widget, *, hint: str = "") -> None:
        super().__init__(classes="field", id=f"field-{widget.id}")
        self.label = label
        self.widget = widget
        self.hint = hint

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field-label")
        with Vertical(classes="field-body"):
            yield self.widget
            yield Static("", classes="field-error", markup=False)
            hint = Static(self.hint, classes="field-hint", markup=False)
            hint.display = bool(self.hint)  # shown when there is something to say
            yield hint

    def set_error(self, message: str | None) -> None:
        error = self.query_one(".field-error", Static)
        error.update(message or "")
        error.set_class(bool(message), "visible")
        self.widget.set_class(bool(message), "-invalid")

    def set_hint(self, text: str) -> None:
        for hint in self.query(".field-hint").results(Static):
            hint.update(text)
            hint.display = bool(text)


def text_input(field_id: str, value: str = "", placeholder: str = "") -> Input:
    return Input(value=value, placeholder=placeholder, id=field_id, compact=True)


def choice_select(
    field_id: str,
    options: Iterable[tuple[str, str]],
    value: str | None = None,
    *,
    blank: bool,
    prompt: str = "",
) -> Select[str]:
    """A Select of (label, value) pairs; `blank` allows choosing nothing (shown as `prompt`)."""
    items = list(options)
    initial: Any = value if value is not None else (Select.NULL if blank else items[0][1])
    return Select(
        items,
        value=initial,
        allow_blank=blank,
        prompt=prompt or _("(none)"),
        id=field_id,
        compact=True,
    )


def checkbox(field_id: str, label: str, value: bool = False) -> Checkbox:
    return Checkbox(label, value=value, id=field_id, compact=True)


class FormScreen(HubModal[Any]):
    """A modal form. ctrl+s saves, escape leaves without saving."""

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="form.save", priority=True),
        Binding("escape", "cancel", N_("Cancel"), id="form.cancel"),
    ]
    FORM_TITLE: ClassVar[str] = ""
    # a service's name for an input -> this form's field id, where the two differ
    FIELD_IDS: ClassVar[dict[str, str]] = {}
    # the field every error without a field of this form belongs to (a form of one field)
    OTHER_ERRORS_AT: ClassVar[str | None] = None

    def __init__(self) -> None:
        super().__init__(classes="form")
        self._invalid: list[str] = []
        self.saving = False
        self._initial: dict[str, Any] | None = None  # the values as opened (for "unsaved?")
        self._after_save: Callable[[bool], object] | None = None

    # --- layout -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box"):
            yield Label(_(self.FORM_TITLE), classes="form-title")
            with VerticalScroll(classes="form-fields"):
                yield from self.compose_fields()
            yield Static("", id="form-error", classes="form-error", markup=False)
            with Horizontal(classes="form-buttons"):
                yield Button(_("Save (ctrl+s)"), id="form-save", variant="primary")
                yield Button(_("Cancel (esc)"), id="form-cancel")

    def compose_fields(self) -> ComposeResult:
        yield from ()

    def on_resize(self) -> None:
        # Keep title and buttons on screen: the fields scroll when the terminal is short.
        fields = self.query_one(".form-fields", VerticalScroll)
        fields.styles.max_height = max(3, self.size.height - FORM_CHROME)

    # --- unsaved changes --------------------------------------------------------------------
    def on_screen_resume(self) -> None:
        if self._initial is None:
            # After on_mount and the refresh it causes: what the form opened with.
            self.call_after_refresh(self.remember_values)

    def _values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for field in self.query(Field).results(Field):
            if field.widget.id:
                value = self.raw(field.widget.id)
                values[field.widget.id] = list(value) if isinstance(value, list | tuple) else value
        return values

    def remember_values(self, *field_ids: str) -> None:
        """Take the current values (or those of `field_ids`, after the form filled them in
        itself) as the unchanged state."""
        now = self._values()
        if self._initial is None or not field_ids:
            self._initial = now
        else:
            self._initial.update({k: now.get(k) for k in field_ids})

    def unsaved(self) -> bool:
        return self._initial is not None and self._values() != self._initial

    def save_unsaved(self, done: Callable[[bool], object]) -> None:
        self._after_save = done
        self.action_save()

    def _report_saved(self, ok: bool) -> None:
        done, self._after_save = self._after_save, None
        if done is not None:
            done(ok)

    # --- reading values ---------------------------------------------------------------------
    def raw(self, field_id: str) -> Any:
        widget = self.query_one(f"#{field_id}")
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        if isinstance(widget, Input | Checkbox):
            return widget.value
        return getattr(widget, "value", None)

    def read(self, field_id: str, parse: Callable[[Any], T]) -> T | None:
        """The field's value through `parse`; a UserError from it is shown at the field."""
        try:
            return parse(self.raw(field_id))
        except UserError as error:
            self.field_error(field_id, error_text(error))
            return None

    def field_error(self, field_id: str, message: str | None) -> None:
        self.query_one(f"#field-{field_id}", Field).set_error(message)
        if message and field_id not in self._invalid:
            self._invalid.append(field_id)

    def clear_errors(self) -> None:
        self._invalid = []
        for field in self.query(Field).results(Field):
            field.set_error(None)
        self.query_one("#form-error", Static).update("")

    # --- saving -----------------------------------------------------------------------------
    def collect(self) -> dict[str, Any]:
        """Read and check every field (marking bad ones); returns the values to save."""
        return {}

    def save(self, store: Store, values: dict[str, Any]) -> Any:
        """Write the values (runs in a thread worker); returns what the form hands back."""
        raise NotImplementedError

    def action_save(self) -> None:
        if self.saving:
            return
        self.clear_errors()
        values = self.collect()
        if self._invalid:
            first = next(
                f for f in self.query(Field).results(Field) if f.widget.id in self._invalid
            )
            first.widget.focus()
            self._report_saved(False)
            return
        self.saving = True
        self.run_db(
            lambda store: self.save(store, values),
            self.saved,
            failed=self.save_failed,
            group="save",
        )

    def saved(self, result: Any) -> None:
        self.saving = False
        self.notify(_("Saved."), timeout=3)
        self._initial = None
        self.dismiss(result)
        self._report_saved(True)

    def save_failed(self, error: UserError) -> None:
        self.saving = False
        self._report_saved(False)
        message = error_text(error)
        field_id = self.field_of(error)
        if field_id is None:
            self.query_one("#form-error", Static).update(message)
            return
        self.field_error(field_id, message)
        self.query_one(f"#{field_id}").focus()

    def field_of(self, error: UserError) -> str | None:
        """The id of this form's field the error is about, if it has that field."""
        name = error.field or ""
        field_id = self.FIELD_IDS.get(name, name)
        if field_id and self.query(f"#field-{field_id}"):
            return field_id
        return self.OTHER_ERRORS_AT

    def action_cancel(self) -> None:
        """Leave without saving; if something was typed, ask first."""
        if not self.unsaved():
            self.dismiss(None)
            return
        from hubtui.ui.widgets.unsaved import UnsavedDialog, unsaved_text

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.action_save()
            elif choice == "discard":
                self.dismiss(None)

        self.app.push_screen(UnsavedDialog(unsaved_text()), answered)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "form-save":
            event.stop()
            self.action_save()
        elif event.button.id == "form-cancel":
            event.stop()
            self.action_cancel()


# --- parsers for `FormScreen.read` ----------------------------------------------------------
# Each is the service's own check (hubtui.services.common), so a form refuses exactly what the
# command line and the services refuse, with the same sentence. `what` is a message id.


def optional_int(text: str, what: str, bound: str = "employees") -> int | None:
    """A whole number within `bound` (hubtui.domain.bounds), or None if blank."""
    from hubtui.services.common import count_value

    text = (text or "").strip()
    return count_value(text, what, bound) if text else None


def count(text: str, what: str, bound: str = "attendance") -> int:
    return optional_int(text, what, bound) or 0


def decimal_text(value: float | None) -> str:
    """A number for a form field, with the language's decimal mark ("1,5" in Swedish)."""
    if value is None:
        return ""
    text = f"{value:g}"
    return text.replace(".", ",") if language() == "sv" else text


def optional_hours(text: str) -> float | None:
    """Hours as the activity services take them (a decimal comma is fine), or None if blank."""
    from hubtui.services.activities import hours_value

    text = (text or "").strip()
    return hours_value(text) if text else None


def required(text: str, what: str) -> str:
    from hubtui.services.common import required_text

    return required_text(text or "", what)


def date_value(text: str) -> Any:
    from hubtui.services.common import as_date

    return as_date((text or "").strip())
