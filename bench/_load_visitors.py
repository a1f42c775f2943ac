"""The load clients of bench/load.py: visitors that request pages and send the contact form."""

import http.client
import multiprocessing
import re
import statistics
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field

FORM_PATH = "/ota-yhteytta/"
SUBMISSION_KEY_FIELD = "intake_submission_key"
RETRIES = 5


@dataclass(frozen=True)
class Target:
    name: str
    paths: tuple  # taken in turn
    weight: int = 1
    form: bool = False  # POST the contact form

    def path(self, n):
        return self.paths[n % len(self.paths)]


@dataclass
class Result:
    latencies: dict = field(default_factory=dict)  # name -> [seconds]
    failed_attempts: dict = field(default_factory=dict)  # name -> cut or wrong answers
    errors: dict = field(default_factory=dict)  # name -> failures left after retries
    sent: int = 0  # submissions (one key each)
    answered: int = 0  # submissions that got the thank-you page

    def merge(self, other):
        for name, values in other.latencies.items():
            self.latencies.setdefault(name, []).extend(values)
        for mine, theirs in (
            (self.failed_attempts, other.failed_attempts),
            (self.errors, other.errors),
        ):
            for name, count in theirs.items():
                mine[name] = mine.get(name, 0) + count
        self.sent += other.sent
        self.answered += other.answered


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    sent_headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", "Connection": "close"}
    sent_headers.update(headers or {})
    try:
        connection.request(method, path, body=body, headers=sent_headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


class Visitor:
    """One load process: its own CSRF cookie, weighted turns over the targets."""

    def __init__(self, port, run_id, seed):
        self.port, self.run_id, self.n = port, run_id, seed
        self.cookie = self.token = None

    def fetch_form(self):
        status, headers, body = request(self.port, "GET", FORM_PATH)
        cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if status != 200 or not cookie or not token:
            raise RuntimeError(f"the contact form did not render ({status})")
        self.cookie, self.token = cookie.group(1), token.group(1).decode()

    def submission(self):
        number = self.n
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": self.token,
                SUBMISSION_KEY_FIELD: str(uuid.uuid4()),
                "nimi": f"Kuorma Testaaja{number % 500}",
                "sahkoposti": f"load{number % 500}.{self.run_id}@example.fi",
                "puhelin": "040 123 4567",
                "yritys_tai_organisaatio": f"Kuorma Oy {number % 50}",
                "viesti": f"load {self.run_id} #{number}",
            }
        ).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={self.cookie}",
            "Referer": f"https://127.0.0.1{FORM_PATH}",
        }
        return body, headers

    def attempt(self, target, result, body=None, headers=None):
        path = FORM_PATH if target.form else target.path(self.n)
        started = time.perf_counter()
        try:
            status, _, content = request(
                self.port, "POST" if target.form else "GET", path, body, headers
            )
            ok = status == 200 and (not target.form or b"Kiitos" in content)
        except (OSError, http.client.HTTPException):  # reset or cut off mid-response
            ok = False
        if ok:
            result.latencies.setdefault(target.name, []).append(time.perf_counter() - started)
        else:
            result.failed_attempts[target.name] = result.failed_attempts.get(target.name, 0) + 1
        return ok

    def visit(self, target, result):
        body, headers = self.submission() if target.form else (None, None)
        result.sent += target.form
        for _ in range(RETRIES):
            if self.attempt(target, result, body, headers):
                result.answered += target.form
                return
            time.sleep(0.2)  # the worker is being replaced
        result.errors[target.name] = result.errors.get(target.name, 0) + 1

    def run(self, targets, seconds, queue):
        schedule = [t for t in targets for _ in range(t.weight)]
        result = Result()
        if any(t.form for t in targets):
            self.fetch_form()
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            self.visit(schedule[self.n % len(schedule)], result)
            self.n += 1
        queue.put(result)


def _visitor_process(port, run_id, seed, targets, seconds, queue):
    Visitor(port, run_id, seed).run(targets, seconds, queue)


def drive(port, targets, seconds, clients, run_id, during=None, every=2.0):
    """Run `clients` load processes for `seconds`; `during` runs in this process every
    `every` seconds from the first to the last but one."""
    queue = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(
            target=_visitor_process, args=(port, run_id, i * 7919, targets, seconds, queue)
        )
        for i in range(clients)
    ]
    started = time.perf_counter()
    for process in processes:
        process.start()
    if during:
        time.sleep(1)
        while time.perf_counter() - started < seconds - 1:
            during()
            time.sleep(every)
    merged = Result()
    for _ in processes:
        merged.merge(queue.get(timeout=seconds + 120))
    for process in processes:
        process.join()
    return merged, time.perf_counter() - started


def rows_for(phase, merged, elapsed, targets):
    rows = []
    for target in targets:
        latencies = sorted(merged.latencies.get(target.name, []))
        count = len(latencies)
        rows.append(
            {
                "phase": phase,
                "page": target.name,
                "requests": count,
                "rps": round(count / elapsed, 1),
                "median_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
                "p95_ms": round(latencies[int(count * 0.95) - 1] * 1000, 1) if latencies else None,
                "failed_attempts": merged.failed_attempts.get(target.name, 0),
                "errors": merged.errors.get(target.name, 0),
            }
        )
    return rows
