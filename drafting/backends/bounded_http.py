"""An httpx transport that refuses a response body larger than a limit, while it streams.

A model server (or whatever answers at its URL) decides how many bytes it sends; without a cap a
reply of 50 MB was read whole, parsed, stored in every section and exported (400 MB of
Markdown, 2.6 GB of memory). The body is counted as it arrives and the read stops past the
limit, so memory stays bounded whatever the server sends; a declared ``Content-Length`` past
the limit is refused before any of the body is read.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
from httpx._utils import get_environment_proxies  # the routes httpx takes from the environment


class ResponseTooLarge(Exception):
    """The response body is larger than the limit (see ``Settings.max_response_bytes``)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the response body is larger than {limit:,} bytes "
                         "(max_response_bytes)")
        self.limit = limit


class _CappedStream(httpx.AsyncByteStream):
    def __init__(self, stream: httpx.AsyncByteStream, limit: int) -> None:
        self._stream, self._limit = stream, limit

    async def __aiter__(self) -> AsyncIterator[bytes]:
        seen = 0
        async for chunk in self._stream:
            seen += len(chunk)
            if seen > self._limit:
                raise ResponseTooLarge(self._limit)
            yield chunk

    async def aclose(self) -> None:
        await self._stream.aclose()


class BoundedTransport(httpx.AsyncBaseTransport):
    """Wraps a transport; every response body it returns is read at most ``limit`` bytes far."""

    def __init__(self, inner: httpx.AsyncBaseTransport, limit: int) -> None:
        self._inner, self._limit = inner, limit

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self._limit:
            await response.aclose()
            raise ResponseTooLarge(self._limit)
        stream = response.stream
        assert isinstance(stream, httpx.AsyncByteStream)
        return httpx.Response(response.status_code, headers=response.headers,
                              stream=_CappedStream(stream, self._limit),
                              extensions=response.extensions, request=request)

    async def aclose(self) -> None:
        await self._inner.aclose()


def bounded_client(limit: int, *, timeout: float, verify: Any,
                   limits: httpx.Limits) -> httpx.AsyncClient:
    """An async client whose every route, direct or through a proxy named by the environment
    (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, with NO_PROXY), reads at most ``limit`` bytes of a body.
    httpx ignores environment proxies once it is given a transport, so they are mounted here,
    each wrapped like the direct one (the routes are the ones httpx itself would take)."""
    direct = BoundedTransport(httpx.AsyncHTTPTransport(verify=verify, limits=limits), limit)
    mounts: dict[str, httpx.AsyncBaseTransport | None] = {
        pattern: None if proxy is None else BoundedTransport(
            httpx.AsyncHTTPTransport(verify=verify, limits=limits, proxy=proxy), limit)
        for pattern, proxy in get_environment_proxies().items()}
    return httpx.AsyncClient(timeout=timeout, transport=direct, mounts=mounts)
