"""A small server of our own that answers LibreTranslate's documented HTTP API on 127.0.0.1 (a free port): no
model can be downloaded onto these machines, so the portal's real client talks to this over real HTTP.

    GET  /languages  -> [{"code": "so", "name": "so", "targets": ["en"]}, ...]
    POST /translate  {"q", "source", "target", "format", "api_key"} -> {"translatedText": ...}

Its "translation" is the text marked with its source language ("[so→en] ..."), or a phrase from PHRASES.
"""
from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

API_KEY = "test-engine-key"
PHRASES = {
    "Booliska ayaa i joojiyay markii aan shaqada ka imanayay, waxayna i weydiiyeen waraaqahayga.":
        "The police stopped me when I was coming from work, and they asked for my papers.",
}


@dataclass
class FakeEngine:
    port: int = 0
    languages: list[str] = field(default_factory=lambda: ["en", "es", "ar", "fa", "fr", "vi", "uk", "so"])
    failures_left: int = 0  # answer 500 to this many /translate calls first
    requests: list[dict] = field(default_factory=list)  # every /translate body received, in order
    language_lists_sent: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def english_for(self, text: str, source: str) -> str:
        return PHRASES.get(text, f"[{source}→en] {text}")


def _handler(engine: FakeEngine):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep the test output quiet
            pass

        def _answer(self, status: int, body) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path != "/languages":
                return self._answer(404, {"error": "Not found"})
            engine.language_lists_sent += 1
            self._answer(200, [{"code": code, "name": code, "targets": [t for t in engine.languages if t != code]}
                               for code in engine.languages])

        def do_POST(self) -> None:
            if self.path != "/translate":
                return self._answer(404, {"error": "Not found"})
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            engine.requests.append(body)
            if body.get("api_key") != API_KEY:
                return self._answer(403, {"error": "Invalid API key"})
            if engine.failures_left:
                engine.failures_left -= 1
                return self._answer(500, {"error": "The model crashed"})
            if body["source"] not in engine.languages:
                return self._answer(400, {"error": f"{body['source']} is not supported"})
            self._answer(200, {"translatedText": engine.english_for(body["q"], body["source"])})

    return Handler


@contextmanager
def fake_engine():
    engine = FakeEngine()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(engine))
    engine.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield engine
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
