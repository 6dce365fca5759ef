"""A real HTTP server on loopback inside a test, for the outside services the app talks to (an OpenID
Connect provider, KITOS, KLE-online): subclass Handler, add do_GET/do_POST, and serve() it."""

import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def form(self):
        """The request body: a dict of the JSON posted, or of the form fields."""
        from urllib.parse import parse_qs

        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Type", "").startswith("application/json"):
            return json.loads(body)
        return {k: v[0] for k, v in parse_qs(body.decode()).items()}


@contextmanager
def serve(handler_class):
    """The server's base URL while the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
