"""gzip and brotli, entered only when the request's Accept-Encoding names one of them.

Brotli is preferred: a client accepting `br` gets brotli; any other client accepting
`gzip` gets gzip; the rest get the body as it is, without passing through either
compressor's response wrapper (most API clients send no Accept-Encoding at all).
"""

from brotli_asgi import BrotliMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from app.http.headers import header


class CompressionMiddleware:
    def __init__(self, app: ASGIApp, minimum_size: int, gzip_level: int) -> None:
        self.app = app
        self.brotli = BrotliMiddleware(app, minimum_size=minimum_size, gzip_fallback=False)
        self.gzip = GZipMiddleware(app, minimum_size=minimum_size, compresslevel=gzip_level)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        accepted = (
            (header(scope, b"accept-encoding") or b"").lower() if scope["type"] == "http" else b""
        )
        if b"br" in accepted:
            await self.brotli(scope, receive, send)
        elif b"gzip" in accepted:
            await self.gzip(scope, receive, send)
        else:
            await self.app(scope, receive, send)
