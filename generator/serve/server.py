"""The preview's HTTP server: files of the output folder only, plus live reload.

``/__diarium/events`` is a server-sent event stream: ``reload`` (the URLs a rebuild changed)
and ``problems`` (the errors to show over the page, none when fixed). HTML responses get a
script tag for ``/__diarium/live.js``; the files on disk stay exactly as a build writes them.
"""
from __future__ import annotations

import ipaddress
import json
import mimetypes
import queue
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

EVENTS = "/__diarium/events"
SCRIPT = "/__diarium/live.js"
LIVE_JS = (Path(__file__).parent / "live.js").read_bytes()
TAG = f'<script src="{SCRIPT}" defer></script>'.encode()
HEARTBEAT = 10  # seconds: lets a stream notice a closed tab
MAX_URL = 2048  # characters; longer gets 414 (the site's own URLs are far shorter)
# Host names a preview bound to loopback answers to: any other is a page elsewhere reaching it
# through a DNS name it controls (DNS rebinding).
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


class Hub:
    """Fans events out to every open event stream; new streams get the current problems."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.streams: list[queue.Queue] = []
        self.problems: list[dict] = []

    def join(self) -> queue.Queue:
        stream: queue.Queue = queue.Queue()
        with self.lock:
            self.streams.append(stream)
            stream.put(("problems", self.problems))
        return stream

    def leave(self, stream: queue.Queue) -> None:
        with self.lock:
            self.streams.remove(stream)

    def send(self, event: str, data) -> None:
        with self.lock:
            if event == "problems":
                self.problems = data
            for stream in self.streams:
                stream.put((event, data))

    def close(self) -> None:
        self.send("close", None)


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a browser's idle keep-alive connection must not hold up Ctrl-C

    def __init__(self, address: tuple[str, int], root: Path, hub: Hub):
        self.root, self.hub = Path(root).resolve(), hub
        super().__init__(address, Handler)

    def resolve(self, url_path: str) -> Path | None:
        """The file ``url_path`` names inside the output folder, or None: nothing outside it, no
        ``..`` (however encoded), no hidden files."""
        path = unquote(url_path)
        parts = path.split("/")
        if "\\" in path or "\0" in path or any(p in ("..", ".") or p.startswith(".") for p in parts):
            return None
        target = self.root.joinpath(*[p for p in parts if p])
        try:
            if target.is_dir():
                target = target / "index.html"
            real = target.resolve(strict=True)
        except (OSError, ValueError):  # a name too long for the file system, say
            return None
        return real if real.is_relative_to(self.root) and real.is_file() else None

    def handle_error(self, request, client_address) -> None:
        """A client that goes away mid-request (a closed tab, a reset) is normal, not a traceback."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def _respond(self, body: bool) -> None:
        if len(self.path) > MAX_URL:
            return self._send(414, b"URI Too Long", "text/plain; charset=utf-8", body)
        if not self._host_allowed():
            return self._send(421, b"Misdirected Request: use http://localhost or 127.0.0.1",
                              "text/plain; charset=utf-8", body)
        path = urlsplit(self.path).path
        if path == EVENTS:
            return self._events()
        if path == SCRIPT:
            return self._send(200, LIVE_JS, "text/javascript; charset=utf-8", body)
        file = self.server.resolve(path)
        if file and file.name == "index.html" and not path.endswith(("/", ".html")):
            return self._redirect(path + "/")
        if file is None:
            missing = self.server.resolve("/404.html")
            return self._send(404, missing.read_bytes() if missing else b"Not found", "text/html; charset=utf-8", body)
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        self._send(200, file.read_bytes(), kind + ("; charset=utf-8" if kind.startswith("text/") else ""), body)

    def _host_allowed(self) -> bool:
        """On loopback, only a loopback Host header; bound elsewhere, the user chose to be reachable."""
        bound = str(self.server.server_address[0])
        try:
            loopback = ipaddress.ip_address(bound).is_loopback
        except ValueError:
            loopback = bound == "localhost"
        if not loopback:
            return True
        try:
            name = urlsplit("//" + (self.headers.get("Host") or "")).hostname or ""
        except ValueError:  # a malformed host or port
            return False
        return name in LOOPBACK_HOSTS or name.endswith(".localhost")

    def _send(self, status: int, data: bytes, kind: str, body: bool) -> None:
        if kind.startswith("text/html"):
            data = _inject(data)
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        stream = self.server.hub.join()
        try:
            while True:
                try:
                    event, data = stream.get(timeout=HEARTBEAT)
                except queue.Empty:
                    self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
                    continue
                if event == "close":
                    break
                self.wfile.write(f"event: {event}\ndata: {json.dumps(data)}\n\n".encode())
                self.wfile.flush()
        except OSError:
            pass  # the tab was closed
        finally:
            self.server.hub.leave(stream)
            self.close_connection = True

    def log_message(self, format, *args) -> None:
        pass  # the terminal shows rebuilds and problems, not every request


def _inject(html: bytes) -> bytes:
    at = html.rfind(b"</head>")
    return html[:at] + TAG + html[at:] if at != -1 else html + TAG
