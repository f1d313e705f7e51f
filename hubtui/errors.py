"""hubtui's error type lives in the domain layer (`hubtui.domain.errors`); names kept here."""

from hubtui.domain.errors import DatabaseError, InvalidValue, Term, UserError

__all__ = ["DatabaseError", "InvalidValue", "Term", "UserError"]
