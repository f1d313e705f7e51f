"""Pick organisations by typing part of a name or an orgnr (autocomplete from the database).

Single mode keeps one choice (`value` is its id). Multi mode collects several (`value` is a
tuple of ids; backspace in the empty box removes the last). With `allow_create`, the last
suggestion offers to add a new organisation with the typed name (`CreateRequested`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from hubtui.ui.i18n import _
from hubtui.ui.screens.base import run_db

if TYPE_CHECKING:
    from hubtui.store import Store
    from hubtui.store.views import OrganisationView

SUGGESTIONS = 6
NEW = "__new__"


class OrgLike(Protocol):
    """An organisation as the picker needs it (OrganisationView and OrgRef both fit)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def orgnr(self) -> str | None: ...


def org_label(org: OrgLike) -> str:
    return f"{org.name} ({org.orgnr})" if org.orgnr else org.name


class OrgPicker(Vertical):
    DEFAULT_CSS = """
    OrgPicker { height: auto; }
    OrgPicker OptionList {
        height: auto; max-height: 7; display: none; border: none; padding: 0;
        background: $boost;
    }
    OrgPicker OptionList.open { display: block; }
    OrgPicker .picked { height: auto; color: $text-accent; }
    """

    class Picked(Message):
        def __init__(self, picker: OrgPicker, organisation: OrgLike) -> None:
            super().__init__()
            self.picker = picker
            self.organisation = organisation

    class Changed(Message):
        """The choice changed: an organisation was picked, or typing dropped the choice."""

        def __init__(self, picker: OrgPicker) -> None:
            super().__init__()
            self.picker = picker

    class CreateRequested(Message):
        def __init__(self, picker: OrgPicker, name: str) -> None:
            super().__init__()
            self.picker = picker
            self.name = name

    def __init__(
        self,
        *,
        id: str,
        multiple: bool = False,
        allow_create: bool = False,
        initial: tuple[OrgLike, ...] = (),
        move_on: bool = True,
    ) -> None:
        super().__init__(id=id)
        self.multiple = multiple
        # a form's picker hands the focus on once its one organisation is picked; a filter's
        # keeps it, so backspace drops the filter again
        self.move_on = move_on and not multiple
        self.allow_create = allow_create
        self.picked: list[OrgLike] = list(initial)
        self._matches: dict[str, OrgLike] = {}
        self._enter_pending = False  # enter was pressed before the suggestions arrived
        self._offered_for = ""  # the text the suggestions shown are for (typing outruns them)

    @property
    def value(self) -> Any:
        if self.multiple:
            return tuple(org.id for org in self.picked)
        return self.picked[0].id if self.picked else None

    def compose(self) -> ComposeResult:
        single_text = org_label(self.picked[0]) if self.picked and not self.multiple else ""
        yield Input(
            value=single_text,
            placeholder=_("type a name or orgnr"),
            id=f"{self.id}-input",
            compact=True,
        )
        yield OptionList(id=f"{self.id}-matches")
        if self.multiple:
            yield Static("", classes="picked", markup=False)

    def on_mount(self) -> None:
        self._show_picked()

    def focus(self, scroll_visible: bool = True) -> OrgPicker:
        self.query_one(Input).focus(scroll_visible)
        return self

    # --- searching --------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        text = event.value.strip()
        self._enter_pending = False
        if not self.multiple and self.picked and text != org_label(self.picked[0]):
            self.picked = []  # typing again drops the earlier choice
            self.post_message(self.Changed(self))
        if not text or (self.picked and not self.multiple):
            self._close()
            return

        def search(store: Store) -> list[OrganisationView]:
            from hubtui.services.organisations import search_organisations

            return search_organisations(store, text, limit=SUGGESTIONS)

        run_db(
            self,
            search,
            lambda found: self._offer(text, found),
            group=f"search-{self.id}",
            exclusive=True,
        )

    def _offer(self, text: str, found: list[OrganisationView]) -> None:
        if self.query_one(Input).value.strip() != text:
            return  # an answer to an older keystroke
        options = self.query_one(OptionList)
        options.clear_options()
        self._matches = {org.id: org for org in found}
        options.add_options([Option(org_label(org), id=org.id) for org in found])
        self._offered_for = text
        if self._enter_pending and found:
            self._enter_pending = False
            self.pick(found[0])
            return
        if self.allow_create:
            label = _("+ New organisation: {name}").format(name=text)
            options.add_option(Option(label, id=NEW))
        if options.option_count:
            options.highlighted = 0
            options.add_class("open")
        else:
            options.add_option(Option(_("No organisation matches"), disabled=True))
            options.add_class("open")

    def _close(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.remove_class("open")

    # --- choosing ---------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one(OptionList)
        current = options.has_class("open") and self._offered_for == event.value.strip()
        if current and options.highlighted is not None:
            self._choose(options.get_option_at_index(options.highlighted).id)
        elif event.value.strip() and not (self.picked and not self.multiple):
            self._enter_pending = True

    def on_key(self, event: events.Key) -> None:
        options = self.query_one(OptionList)
        box = self.query_one(Input)
        if not box.has_focus:
            return
        if event.key == "down" and options.has_class("open"):
            event.stop()
            event.prevent_default()
            options.focus()
        elif event.key == "backspace" and self.multiple and not box.value and self.picked:
            event.stop()
            self.picked.pop()
            self._show_picked()
            self.post_message(self.Changed(self))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        box = self.query_one(Input)
        if option_id == NEW:
            self.post_message(self.CreateRequested(self, box.value.strip()))
        elif option_id in self._matches:
            self.pick(self._matches[option_id])
            if self.move_on:  # one organisation is all it takes: on to the next field
                self.screen.focus_next()  # now, so keys typed right after land there
                return
        box.focus()

    def pick(self, organisation: OrgLike) -> None:
        """Take this organisation (also used after creating one on the spot)."""
        box = self.query_one(Input)
        self._close()
        if self.multiple:
            if all(org.id != organisation.id for org in self.picked):
                self.picked.append(organisation)
            box.value = ""
        else:
            self.picked = [organisation]
            with box.prevent(Input.Changed):
                box.value = org_label(organisation)
        self._show_picked()
        self.post_message(self.Picked(self, organisation))
        self.post_message(self.Changed(self))

    def _show_picked(self) -> None:
        if not self.multiple:
            return
        text = "\n".join(f"• {org_label(org)}" for org in self.picked)
        self.query_one(".picked", Static).update(text or _("(none picked yet)"))
