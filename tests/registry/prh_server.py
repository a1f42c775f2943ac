"""A local stand-in for the Trade Register's open data API (YTJ v3), on 127.0.0.1.

It serves recorded answers of the real shape (prh_responses/*.json) for
GET /companies?businessId=..., a zipped all_companies, and /description code lists
as TSV. Scripted failures (a status, a malformed body, a stall longer than the
client's timeout) answer the next requests first. Every request is logged with its
time, so a test or benchmark can check the rate limit held.
"""

import io
import json
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

RESPONSES = Path(__file__).parent / "prh_responses"
PREFIX = "/opendata-ytj-api/v3"


def recorded(name):
    """The company of one recorded /companies answer, as PRH sent it."""
    body = json.loads((RESPONSES / f"{name}.json").read_text(encoding="utf-8"))
    return body["companies"][0]


def zipped_companies(companies, name="allCompanies.json"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, json.dumps(companies, ensure_ascii=False))
    return buffer.getvalue()


class FakeTradeRegister:
    def __init__(self, latency=0.0):
        self.companies = {}
        self.all_companies = None  # bytes of the zip; built from `companies` when None
        self.descriptions = {}  # (code, lang) -> TSV text
        self.script = []  # answers for the next requests, first to last
        self.latency = latency
        self.log = []  # (monotonic time, path)
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{PREFIX}"

    def add(self, *companies):
        for company in companies:
            self.companies[company["businessId"]["value"]] = company

    def fail_next(self, *answers):
        """Each answer: an HTTP status, "malformed", ("stall", seconds) or (status, headers)."""
        self.script.extend(answers)

    def requests(self, path=""):
        return [logged for logged in self.log if logged[1].startswith(path)]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def _next_scripted(self):
        with self._lock:
            return self.script.pop(0) if self.script else None

    def _handler(self):
        register = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body=b"", content_type="application/json", headers=None):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                parts = urlsplit(self.path)
                with register._lock:
                    register.log.append((time.monotonic(), parts.path))
                if register.latency:
                    time.sleep(register.latency)
                scripted = register._next_scripted()
                if scripted is not None:
                    return self._scripted(scripted)
                path = parts.path.removeprefix(PREFIX)
                query = {key: values[0] for key, values in parse_qs(parts.query).items()}
                if path == "/companies":
                    found = [
                        company
                        for business_id, company in register.companies.items()
                        if business_id == query.get("businessId")
                    ]
                    body = {"totalResults": len(found), "companies": found}
                    return self._send(200, json.dumps(body, ensure_ascii=False).encode())
                if path == "/all_companies":
                    data = register.all_companies or zipped_companies(
                        list(register.companies.values())
                    )
                    return self._send(200, data, "application/zip")
                if path == "/description":
                    text = register.descriptions.get((query.get("code"), query.get("lang")))
                    if text is not None:
                        return self._send(200, text.encode(), "text/tab-separated-values")
                return self._send(404, b'{"message": "Not found"}')

            def _scripted(self, answer):
                if answer == "malformed":
                    return self._send(200, b'{"totalResults": 1, "companies": [{"busin')
                if isinstance(answer, tuple) and answer[0] == "stall":
                    time.sleep(answer[1])
                    return self._send(200, b'{"totalResults": 0, "companies": []}')
                status, headers = answer if isinstance(answer, tuple) else (answer, {})
                return self._send(status, b'{"message": "scripted"}', headers=headers)

        return Handler
