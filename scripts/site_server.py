"""Serve a built site on 127.0.0.1 (a free port) for browser tests and measurements.

It behaves like GitHub Pages where that matters to what we measure: text is sent gzip-compressed
when the client accepts it, a missing path gets 404.html with status 404 (at any depth), and
there are no rewrite rules beyond a folder's index.html.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

_COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".ipynb",
                 ".map", ".webmanifest")


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript", ".js": "text/javascript",
        ".webmanifest": "application/manifest+json"}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        folder_url = self.path.split("?")[0].endswith("/")
        if path.is_dir() and folder_url and (path / "index.html").is_file():
            path = path / "index.html"
        if not path.is_file() and not path.is_dir():
            return self._send_file(Path(self.directory) / "404.html", 404)
        if path.is_file():
            return self._send_file(path, 200)
        return super().send_head()  # a folder without index.html: redirect or listing

    def _send_file(self, path: Path, status: int):
        if not path.is_file():
            self.send_error(404)
            return None
        body = path.read_bytes()
        ctype = self.guess_type(str(path))
        gzipped = (path.suffix in _COMPRESSIBLE
                   and "gzip" in self.headers.get("Accept-Encoding", ""))
        if gzipped:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(int(os.path.getmtime(path))))
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # A browser that navigates away drops its pending requests: not worth a traceback.
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path, port: int = 0) -> Iterator[str]:
    """Yield the base URL (ending in '/') of a server for `site`; stop it on exit."""
    handler = functools.partial(_SiteHandler, directory=str(site))
    server = _Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    import argparse
    import time

    parser = argparse.ArgumentParser(description="Serve a built site like GitHub Pages does.")
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"))
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    with serve(args.site, args.port) as url:
        print(f"serving {args.site} at {url} (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
