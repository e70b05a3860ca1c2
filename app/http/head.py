"""HEAD wherever GET is allowed (RFC 9110, section 9.3.2): the GET's status and headers,
`ETag` and `Content-Length` included, and no body.

The request goes through as a GET, so routing, caching, negotiation and the handler are
the GET's own; only the body is held back. A streamed body (a CSV export) is still made
and dropped: its length is not known before it is made, and a HEAD is as costly as a GET.
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return
        ended = False

        async def send_without_body(message: Message) -> None:
            nonlocal ended
            if message["type"] != "http.response.body":
                await send(message)
            elif not message.get("more_body", False) and not ended:
                ended = True
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.app({**scope, "method": "GET"}, receive, send_without_body)
