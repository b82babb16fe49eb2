"""Test helpers: canned answers of the real services, and a recording HTTP proxy on 127.0.0.1."""

import base64
import http.client
import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

DATA = Path(__file__).resolve().parent / "data"


def data_text(name):
    return (DATA / name).read_text(encoding="utf-8")


def data_json(name):
    return json.loads(data_text(name))


@dataclass
class Recorded:
    method: str
    url: str
    headers: dict
    body: bytes


class _ProxyHandler(BaseHTTPRequestHandler):
    """Forwards an absolute-URI request to its server and relays the answer."""

    def _forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.owner.requests.append(
            Recorded(self.command, self.path, dict(self.headers.items()), body)
        )
        if not self.server.owner.admits(self.headers.get("Proxy-Authorization")):
            self.send_response(407)
            self.send_header("Proxy-Authenticate", 'Basic realm="kommun"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        target = urlsplit(self.path)
        headers = {
            key: value
            for key, value in self.headers.items()
            if key.lower() not in ("proxy-authorization", "proxy-connection", "connection")
        }
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
        path = target.path + ("?" + target.query if target.query else "")
        connection.request(self.command, path, body=body or None, headers=headers)
        answer = connection.getresponse()
        data = answer.read()
        connection.close()
        self.send_response(answer.status)
        for key, value in answer.getheaders():
            if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = _forward  # noqa: N815 (http.server names)
    do_POST = _forward  # noqa: N815 (http.server names)

    def log_message(self, *args):
        pass


class RecordingProxy:
    """A forward proxy for plain HTTP on 127.0.0.1 that records every request it relays.

    With ``login`` (user, password) it relays only requests with those Basic
    credentials and answers the others 407 Proxy Authentication Required.
    """

    def __init__(self, login=None):
        self.requests = []
        self.login = login
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _ProxyHandler)
        self._server.owner = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self):
        return "http://127.0.0.1:{}".format(self.port)

    def admits(self, authorization):
        if self.login is None:
            return True
        # Basic credentials travel in ISO-8859-1, as QGIS's own requests send them.
        expected = base64.b64encode(":".join(self.login).encode("latin-1")).decode("ascii")
        return authorization == "Basic " + expected

    def close(self):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
