"""A client for the Trade Register's open data API (PRH / YTJ v3).

Every request waits for the process's rate limiter (PRH's limit is shared by all its
users), has a timeout, and is retried with back-off on a 429 or a 5xx (a Retry-After
header is obeyed); each retry is a request of its own to the limiter. Answers are
parsed into CompanyRecords (records.py).
"""

import csv
import functools
import io
import json
import shutil

import urllib3
from django.conf import settings
from pyrate_limiter import Duration, Limiter, Rate
from urllib3.exceptions import HTTPError, MaxRetryError
from urllib3.util import Retry, Timeout

from .records import MalformedResponse, TradeRegisterError, parse_companies

RETRY_STATUSES = (429, 500, 502, 503, 504)


class Unavailable(TradeRegisterError):
    """The Trade Register did not answer, or kept failing, within the retries."""


@functools.cache
def process_limiter(per_minute):
    """One limiter per process and rate: every client in the process shares it."""
    per_second = max(1, per_minute // 60)
    return Limiter([Rate(per_second, Duration.SECOND), Rate(per_minute, Duration.MINUTE)])


class TradeRegisterClient:
    def __init__(self, base_url=None, timeout=None, retries=None, backoff=None, limiter=None):
        self.base_url = (base_url or settings.PRH_API_URL).rstrip("/")
        seconds = settings.PRH_TIMEOUT_SECONDS if timeout is None else timeout
        self.timeout = Timeout(connect=seconds, read=seconds)
        self.retry = Retry(
            total=settings.PRH_RETRIES if retries is None else retries,
            backoff_factor=settings.PRH_BACKOFF_SECONDS if backoff is None else backoff,
            backoff_max=60,
            status_forcelist=RETRY_STATUSES,
            respect_retry_after_header=True,
        )
        self.limiter = limiter or process_limiter(settings.PRH_RATE_LIMIT_PER_MINUTE)
        self.pool = urllib3.PoolManager(headers={"Accept": "application/json"})
        self.requests_made = 0

    def _get(self, path, params=None, stream=False):
        url = f"{self.base_url}/{path}"
        retry = self.retry
        while True:
            self.limiter.try_acquire("prh")
            self.requests_made += 1
            try:
                response = self.pool.request(
                    "GET",
                    url,
                    fields=params,
                    timeout=self.timeout,
                    retries=False,
                    redirect=False,
                    preload_content=not stream,
                )
            except HTTPError as exc:
                retry = self._next(retry, url, error=exc)
                retry.sleep()
                continue
            if response.status in RETRY_STATUSES:
                response.drain_conn()
                retry = self._next(retry, url, response=response)
                retry.sleep(response)
                continue
            return response

    @staticmethod
    def _next(retry, url, **outcome):
        try:
            return retry.increment("GET", url, **outcome)
        except MaxRetryError as exc:
            response = outcome.get("response")
            what = f"HTTP {response.status}" if response is not None else type(exc.reason).__name__
            raise Unavailable(f"no usable answer after retrying ({what})") from exc

    def _json(self, path, params):
        response = self._get(path, params)
        if response.status == 404:
            return None
        if response.status != 200:
            raise TradeRegisterError(f"HTTP {response.status}")
        try:
            return json.loads(response.data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise MalformedResponse("the answer is not JSON") from exc

    def companies(self, **params):
        """GET /companies with the API's own parameters: (totalResults, records)."""
        body = self._json("companies", params)
        return (0, []) if body is None else parse_companies(body)

    def company(self, business_id):
        """The company with this business ID, or None when the register has none."""
        _total, records = self.companies(businessId=business_id)
        matching = [record for record in records if record.business_id == business_id]
        return matching[0] if matching else None

    def download_all_companies(self, destination):
        """GET /all_companies (every company, zipped JSON, updated daily) into a file."""
        response = self._get("all_companies", stream=True)
        try:
            if response.status != 200:
                raise TradeRegisterError(f"HTTP {response.status}")
            try:
                shutil.copyfileobj(response, destination, 1024 * 1024)
            except HTTPError as exc:
                raise Unavailable(f"the download broke off ({type(exc).__name__})") from exc
        finally:
            response.release_conn()

    def description(self, code, language):
        """GET /description: a code list (TOIMI4, YRMU, ...) as [(code, text), ...]."""
        response = self._get("description", {"code": code, "lang": language})
        if response.status != 200:
            raise TradeRegisterError(f"HTTP {response.status}")
        try:
            text = response.data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise MalformedResponse("the code list is not UTF-8") from exc
        rows = [row for row in csv.reader(io.StringIO(text), delimiter="\t") if any(row)]
        if not rows or any(len(row) < 2 for row in rows):
            raise MalformedResponse("the code list is not two columns of TSV")
        return [(row[0].strip(), row[1].strip()) for row in rows]
