"""Headers that point somewhere: the next page's `Link`, an export's file name."""

import re

from fastapi import Request

# Parameters that choose a page or a format, not which rows: left out of file names.
PAGING_PARAMETERS = frozenset({"format", "limit", "cursor"})


def next_link(request: Request, cursor: str) -> str:
    """`Link` to the next page: this request's absolute URL, every parameter kept, new cursor."""
    return f'<{request.url.include_query_params(cursor=cursor)}>; rel="next"'


def export_filename(request: Request, extension: str = "csv") -> str:
    """`turnover-2022.csv`: the path, then each filter's value (a flag as name-value)."""
    parts = [request.url.path.strip("/").replace("/", "-") or "export"]
    for name, value in request.query_params.multi_items():
        if name in PAGING_PARAMETERS or not value:
            continue
        parts.append(f"{name}-{value}" if value.lower() in ("true", "false") else value)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", "-".join(parts).lower()).strip("._-")
    return f"{stem[:120] or 'export'}.{extension}"


def attachment(request: Request) -> str:
    return f'attachment; filename="{export_filename(request)}"'
