"""Reading request headers straight from an ASGI scope."""

from starlette.types import Scope


def header(scope: Scope, name: bytes) -> bytes | None:
    """The first value of the header `name` (lower case), or None."""
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value)
    return None
