"""Which database errors mean "the database is unavailable" and which mean "bad input text"."""

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

# SQLSTATE classes: 08 connection exception, 53 insufficient resources (too many
# connections), 57 operator intervention (shutdown, cannot connect now, statement timeout).
_UNAVAILABLE_CLASSES = ("08", "53", "57")
# 22021 character_not_in_repertoire (a NUL byte), 22P05 untranslatable_character.
_BAD_TEXT = ("22021", "22P05")


def _sqlstate(exc: DBAPIError) -> str:
    cause = exc.orig.__cause__ if exc.orig is not None else None
    return str(getattr(cause, "sqlstate", None) or getattr(exc.orig, "sqlstate", None) or "")


def is_unavailable(exc: DBAPIError) -> bool:
    if exc.connection_invalidated or isinstance(exc, InterfaceError | OperationalError):
        return True
    return _sqlstate(exc)[:2] in _UNAVAILABLE_CLASSES


def is_bad_text(exc: DBAPIError) -> bool:
    return _sqlstate(exc) in _BAD_TEXT
