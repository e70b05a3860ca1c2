"""`Vary`, merged: each request header named once, whoever added it first."""

from starlette.datastructures import MutableHeaders


def add_vary(headers: MutableHeaders, *names: str) -> None:
    present = [name.strip() for name in headers.get("vary", "").split(",") if name.strip()]
    if "*" in present:
        return
    known = {name.lower() for name in present}
    present += [name for name in names if name.lower() not in known]
    headers["Vary"] = ", ".join(present)
