"""`portalfeed serve`: public/ over HTTP/1.1 the way HTTP caches expect.

One asyncio event loop answers every connection: files come from memory
(`feeds.http_cache`), so nothing blocks but a `stat`. Only GET and HEAD exist;
request bodies are never read, so a request announcing one is answered and its
connection closed. Keep-alive and pipelining are supported.
"""

from __future__ import annotations

import asyncio
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

from feeds.http_response import Responder

MAX_HEAD_BYTES = 16 * 1024  # request line and headers; more is refused
IDLE_TIMEOUT_S = 60.0  # an idle keep-alive connection is closed after this


class HttpConnection(asyncio.Protocol):
    """One client connection: split the byte stream into request heads and answer each."""

    def __init__(self, responder: Responder, open_connections: set[HttpConnection],
                 idle_timeout_s: float = IDLE_TIMEOUT_S) -> None:
        self.responder = responder
        self.open_connections = open_connections
        self.idle_timeout_s = idle_timeout_s
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None
        self.last_active = time.monotonic()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.open_connections.add(self)
        asyncio.get_running_loop().call_later(self.idle_timeout_s, self._check_idle)

    def data_received(self, data: bytes) -> None:
        self.last_active = time.monotonic()
        self.buffer += data
        while self.transport is not None and not self.transport.is_closing():
            while self.buffer[:2] == b"\r\n":  # stray CRLFs between requests are allowed
                del self.buffer[:2]
            end = self.buffer.find(b"\r\n\r\n", 0, MAX_HEAD_BYTES + 4)
            if end < 0:
                if len(self.buffer) > MAX_HEAD_BYTES:
                    self._send(self.responder.error(431, keep=False), keep=False)
                return
            head = bytes(self.buffer[:end])
            del self.buffer[:end + 4]
            self._send(*self.responder.handle(head))

    def _send(self, response: bytes, keep: bool) -> None:
        assert self.transport is not None
        self.transport.write(response)
        if not keep:
            self.transport.close()

    def pause_writing(self) -> None:
        # A client that pipelines without reading gets no more answers until it reads.
        if self.transport is not None:
            self.transport.pause_reading()

    def resume_writing(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.resume_reading()

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None
        self.open_connections.discard(self)

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()

    def _check_idle(self) -> None:
        if self.transport is None:
            return
        idle = time.monotonic() - self.last_active
        if idle >= self.idle_timeout_s:
            self.transport.close()
        else:
            asyncio.get_running_loop().call_later(self.idle_timeout_s - idle, self._check_idle)


class FeedServer:
    """A listening server and its open connections, so stopping it ends keep-alives too."""

    def __init__(self, root: Path, max_age_s: int) -> None:
        self.responder = Responder(root, max_age_s)
        self.connections: set[HttpConnection] = set()
        self.server: asyncio.Server | None = None

    async def start(self, host: str, port: int) -> str:
        loop = asyncio.get_running_loop()
        self.server = await loop.create_server(
            lambda: HttpConnection(self.responder, self.connections), host, port,
            reuse_address=True)
        return bound_url(self.server)

    async def stop(self) -> None:
        if self.server is not None:
            self.server.close()
        for connection in list(self.connections):
            connection.close()
        if self.server is not None:
            await self.server.wait_closed()


def bound_url(server: asyncio.Server) -> str:
    host, port = server.sockets[0].getsockname()[:2]
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/"


def serve_forever(root: Path, host: str, port: int, max_age_s: int,
                  on_ready: Callable[[str], None]) -> None:
    """Serve until SIGINT or SIGTERM; `on_ready` gets the URL once the port is bound."""
    asyncio.run(_serve_until_signal(root, host, port, max_age_s, on_ready))


async def _serve_until_signal(root: Path, host: str, port: int, max_age_s: int,
                              on_ready: Callable[[str], None]) -> None:
    server = FeedServer(root, max_age_s)
    url = await server.start(host, port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    on_ready(url)
    try:
        await stop.wait()
    finally:
        await server.stop()


class ServerThread:
    """The server on a background thread, for tests and benchmarks: `with ServerThread(..)`."""

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0,
                 max_age_s: int = 3600) -> None:
        self.server = FeedServer(root, max_age_s)
        self.address = (host, port)
        self.url = ""
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def __enter__(self) -> ServerThread:
        self._thread.start()
        started = asyncio.run_coroutine_threadsafe(self.server.start(*self.address), self._loop)
        self.url = started.result(timeout=30)
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self.server.stop(), self._loop).result(timeout=30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)
        self._loop.close()
