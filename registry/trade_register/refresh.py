"""Refreshing many organisations: one by one for a few, from the daily bulk file for many.

PRH's shared rate limit (about 300 requests a minute) would make a refresh of thousands
of organisations take hours one by one, so from PRH_BULK_FROM organisations on the run
downloads all_companies (every company, zipped JSON) once, reads it as a stream and
asks one by one only for the companies the file does not hold yet (registered today).
"""

import tempfile
import zipfile
from dataclasses import dataclass, field

import ijson
from django.conf import settings
from django.db import DatabaseError, transaction

from ..models import Organisation
from .client import TradeRegisterClient, Unavailable
from .records import MalformedResponse, parse_company
from .sync import refresh

COMMIT_EVERY = 200


@dataclass
class Report:
    outcomes: list = field(default_factory=list)
    not_found: list = field(default_factory=list)
    # business ID -> why its answer could not be used; the organisation is unchanged.
    failed: dict = field(default_factory=dict)
    requests: int = 0
    bulk: bool = False
    stopped: str = ""

    @property
    def updated(self):
        return [outcome for outcome in self.outcomes if outcome.updated]

    @property
    def proposed(self):
        return [outcome for outcome in self.outcomes if outcome.proposed]

    @property
    def state_changes(self):
        return [outcome for outcome in self.outcomes if outcome.state_changed]


def _business_id(raw):
    business_id = raw.get("businessId") if isinstance(raw, dict) else None
    return business_id.get("value") if isinstance(business_id, dict) else None


def bulk_records(client, wanted, report):
    """The records of the wanted business IDs in all_companies, read as a stream."""
    records = {}
    with tempfile.TemporaryFile() as download:
        client.download_all_companies(download)
        download.seek(0)
        try:
            with zipfile.ZipFile(download) as archive:
                members = [name for name in archive.namelist() if name.endswith(".json")]
                if not members:
                    raise MalformedResponse("all_companies holds no JSON file")
                with archive.open(members[0]) as member:
                    array = member.peek(64).lstrip()[:1] == b"["
                    for raw in ijson.items(member, "item" if array else "companies.item"):
                        business_id = _business_id(raw)
                        if business_id not in wanted:
                            continue
                        try:
                            records[business_id] = parse_company(raw)
                        except MalformedResponse as exc:
                            report.failed[business_id] = exc.reason
        except (zipfile.BadZipFile, ijson.JSONError, EOFError) as exc:
            # Nothing is applied from a file that breaks off half way.
            raise MalformedResponse(f"all_companies is not a readable file ({exc})") from exc
    return records


def refresh_organisations(organisations, client=None, bulk=None):
    """Refresh these organisations (those with a business ID); a Report of what changed.

    Each organisation is updated whole or not at all. A company whose answer is
    unreadable is reported and left as it is; when the register stops answering, the
    run stops there (`stopped` says why) and applies what it had fetched.
    """
    client = client or TradeRegisterClient()
    by_id = {org.business_id: org for org in organisations if org.business_id}
    report = Report(bulk=len(by_id) >= settings.PRH_BULK_FROM if bulk is None else bulk)
    records = {}
    try:
        if report.bulk:
            records = bulk_records(client, set(by_id), report)
        for business_id in sorted(set(by_id) - set(records) - set(report.failed)):
            try:
                record = client.company(business_id)
            except MalformedResponse as exc:
                report.failed[business_id] = exc.reason
                continue
            if record is None:
                report.not_found.append(business_id)
            else:
                records[business_id] = record
    except Unavailable as exc:
        report.stopped = exc.reason
    # Each organisation in a savepoint of its own, a batch of them in one commit: a
    # commit (a disk flush) per organisation was most of a bulk refresh's time.
    ordered = sorted(records.items())
    for start in range(0, len(ordered), COMMIT_EVERY):
        with transaction.atomic():
            for business_id, record in ordered[start : start + COMMIT_EVERY]:
                try:
                    report.outcomes.append(refresh(by_id[business_id], record))
                except DatabaseError as exc:
                    # Its savepoint is rolled back; the batch goes on.
                    report.failed[business_id] = f"not saved ({type(exc).__name__})"
    report.requests = client.requests_made
    return report


def refresh_all(client=None, bulk=None):
    organisations = Organisation.objects.exclude(business_id="").only("pk", "business_id")
    return refresh_organisations(list(organisations), client=client, bulk=bulk)
