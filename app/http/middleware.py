"""HTTP middleware for clients: CORS, caching, compression (app.main orders them).

CORS sits outside caching and the request limits so that preflights never reach the rest,
and every answer, a 304 or a 429 included, carries its headers. Caching sits outside
compression: it sees the final `Content-Encoding`, and keys its ETags on `Accept-Encoding`.
"""

import functools
import hashlib
import json

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from app.config import Settings
from app.db.data_version import Version
from app.http.caching import CachingMiddleware
from app.http.compression import CompressionMiddleware

# Bodies below this many bytes are sent as they are: compressing them gains nothing.
COMPRESS_MIN_BYTES = 1024
# Probes must see the process as it is now, never a stored answer.
UNCACHED_PATHS = ("/healthz", "/readyz")
# Response headers a browser script may read, beyond the CORS-safelisted ones.
EXPOSED_HEADERS = (
    "ETag",
    "Link",
    "Content-Disposition",
    "X-Request-ID",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "Retry-After",
)
# Request headers a browser script may send, beyond the CORS-safelisted ones.
ALLOWED_HEADERS = ("If-None-Match", "If-Modified-Since", "X-Request-ID")


def install_caching(app: FastAPI, settings: Settings) -> None:
    """Compression, then ETags and Cache-Control around it."""
    app.add_middleware(CompressionMiddleware, minimum_size=COMPRESS_MIN_BYTES, gzip_level=6)
    app.add_middleware(
        CachingMiddleware,
        version=functools.partial(_data_version, app),
        contract=functools.cache(functools.partial(_contract_digest, app)),
        cache_control=settings.cache_control,
        uncached_paths=UNCACHED_PATHS,
    )


def install_cors(app: FastAPI, settings: Settings) -> None:
    origins = settings.cors_origin_list
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=("GET", "HEAD", "OPTIONS"),
            allow_headers=ALLOWED_HEADERS,
            expose_headers=EXPOSED_HEADERS,
            max_age=600,
        )


def _data_version(app: FastAPI) -> Version | None:
    tracker = getattr(app.state, "data_version", None)
    current: Version | None = None if tracker is None else tracker.current
    return current


def _contract_digest(app: FastAPI) -> str:
    """A digest of the OpenAPI document: a release that changes a response changes ETags."""
    document = json.dumps(app.openapi(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(document.encode()).hexdigest()[:16]
