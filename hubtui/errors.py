"""hubtui's own exception hierarchy."""


class HubtuiError(Exception):
    """Base for hubtui's own errors."""


class UserError(HubtuiError):
    """A mistake the user can fix.

    str(e) is one clear sentence saying what is wrong and how to fix it.
    """


class InvalidValue(UserError):
    """A value typed or read from a file is not valid (bad orgnr, unknown county, bad date, …)."""


class DatabaseError(UserError):
    """The database cannot be opened or written as asked (damaged, foreign, newer, read-only)."""
