"""Data-subject rights, retention and disclosures across every registered provider.

Everything here goes through `privacy.providers.registered()`; nothing imports
another app's models. Log entries name requests and counts, never people.
"""

import csv
import datetime
import io
import logging
import time
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from . import links
from .models import (
    DataSubjectRequest,
    Disclosure,
    ErasureLedgerEntry,
    ExportLink,
    RectificationRecord,
)
from .models.ledger import identifier_hash
from .models.retention import RetentionRun
from .providers import CONTACT, EMAIL, PHONE, Subject, registered
from .retention import retention_cutoff
from .routers import LEDGER
from .search_index import forget_search_index_remains
from .spreadsheet import neutralise_formula
from .subjects import resolve

logger = logging.getLogger(__name__)

# How long a completed access export is kept for the requester to open it.
EXPORT_KEEP_DAYS = 7
RETENTION_BATCH_SIZE = 200


# -- access --------------------------------------------------------------------


def export_subject(identifier) -> dict:
    """Everything every provider holds about the whole person: {provider label: data}."""
    subject = resolve(identifier)
    return {provider.label: provider.export(subject) for provider in registered()}


def describe_providers():
    """What each provider says of itself for the notice's promises and art. 30."""
    return [
        {"label": provider.label, **description}
        for provider in registered()
        if (description := provider.describe()) is not None
    ]


# -- erasure -------------------------------------------------------------------


def ledger_identifiers(subject):
    """What the ledger remembers of a person: every email, their contacts' own keys, and
    phone numbers only for a person without any email (a number may be a switchboard
    that colleagues share, and a restore must not erase them through it)."""
    found = {(EMAIL, email) for email in subject.emails}
    if not found:
        found |= {(PHONE, phone) for phone in subject.phones}
    for provider in registered():
        found |= provider.ledger_identifiers(subject)
    return found


def _remember_erasure(identifiers, request):
    """Written before the erasure and committed on its own: the ledger is another
    database, and an erasure it does not know of could be undone by a restore."""
    now = timezone.now()
    with transaction.atomic(using=LEDGER):
        for kind, value in sorted(identifiers):
            ErasureLedgerEntry.objects.update_or_create(
                identifier_hash=identifier_hash(kind, value),
                defaults={
                    "erased_at": now,
                    "request_id_at_erasure": request.pk if request else None,
                },
            )


def erase_subject(identifier, *, request=None, record=True) -> dict:
    """Erase the whole person from every provider in one transaction; {provider label: rows}.

    Keyed hashes of the person's identifiers go to the erasure ledger first, so that
    `reapply_erasures` can repeat the erasure after a restore from backup. Who erased
    is in the callers' audit entries (`privacy.request.erase`, the contact's delete).
    """
    subject = resolve(identifier)
    if not subject:
        return {provider.label: 0 for provider in registered()}
    if record:
        _remember_erasure(ledger_identifiers(subject), request)
    with transaction.atomic():
        counts = {provider.label: provider.erase(subject) for provider in registered()}
        forget_search_index_remains()
    logger.info("Erased a data subject for request %s: %s", request.pk if request else None, counts)
    return counts


def _ledger_matches(ledger):
    """Each identifier held in the database whose keyed hash the ledger names."""
    matches = {}
    for provider in registered():
        for kind, value in provider.all_identifiers():
            digest = identifier_hash(kind, value)
            if digest in ledger:
                matches.setdefault(digest, set()).add((kind, value))
    return matches


def reapply_erasures() -> int:
    """Erase again everyone the ledger names who is back (after a restore); returns people."""
    ledger = set(ErasureLedgerEntry.objects.values_list("identifier_hash", flat=True))
    if not ledger:
        return 0
    erased, done = 0, Subject()
    for digest, identifiers in sorted(_ledger_matches(ledger).items()):
        subject = Subject.from_identifiers(
            (kind, value.split(":")[0] if kind == CONTACT else value) for kind, value in identifiers
        )
        if not subject.identifiers <= done.identifiers:  # else erased through another one
            whole = resolve(subject)
            counts = erase_subject(whole, record=False)
            done = done | whole
            erased += any(counts.values())
        ErasureLedgerEntry.objects.filter(identifier_hash=digest).update(
            reapplied_at=timezone.now(), reapplied_count=F("reapplied_count") + 1
        )
    return erased


# -- restriction ---------------------------------------------------------------


@transaction.atomic
def restrict_subject(identifier, on=True) -> dict:
    """Set (or lift) restriction of processing in every provider; {provider label: rows}."""
    subject = resolve(identifier)
    return {provider.label: provider.restrict(subject, on) for provider in registered()}


# -- rectification -------------------------------------------------------------


def rectifiable(identifier):
    subject = resolve(identifier)
    return [
        {**field, "provider": provider.label}
        for provider in registered()
        for field in provider.rectifiable(subject)
    ]


@transaction.atomic
def rectify_subject(request, user, changes):
    """Apply {provider label: {key: new value}}; old and new values are recorded."""
    _require_identity(request)
    subject = resolve(request_subject(request))
    providers = {provider.label: provider for provider in registered()}
    labels = {field["key"]: field for field in rectifiable(subject)}
    records = []
    for label, provider_changes in changes.items():
        for key, old, new in providers[label].rectify(subject, provider_changes):
            records.append(
                RectificationRecord.objects.create(
                    request=request,
                    provider=label,
                    field=str(labels[key]["label"]),
                    identifier=labels[key].get("identifier", ""),
                    old_value=str(old),
                    new_value=str(new),
                    applied_by=user,
                )
            )
    if records:
        fields = [record.field.split(":")[0] for record in records]
        _log_request(request, "privacy.request.rectify", user, fields=fields)
    return records


# -- requests ------------------------------------------------------------------


def request_subject(request):
    """The person a request is about: the confirmed email, and the phone once staff
    have checked the requester's identity."""
    phone = request.phone if request.identity_checked_at else ""
    return Subject.of(email=request.email, phone=phone)


class IdentityNotVerified(ValidationError):
    pass


def _require_identity(request):
    if request.needs_identity_check:
        raise IdentityNotVerified(
            _("Record how the requester's identity was verified before completing the request.")
        )


def _log_request(request, action, user, **data):
    """An audit entry that names the request, never the person."""
    log(request, action, user=user, title=f"request #{request.pk}", data=data)


def _complete(request, user, action, **data):
    request.close(user, DataSubjectRequest.Status.COMPLETED)
    _log_request(request, action, user, **data)


def complete_access(request, user):
    """Store the export; returns the single-use token for the requester's link."""
    _require_identity(request)
    with translation.override(request.language or "fi"):
        request.export_data = export_subject(request_subject(request))
    request.export_expires_at = timezone.now() + datetime.timedelta(days=EXPORT_KEEP_DAYS)
    request.save(update_fields=["export_data", "export_expires_at"])
    request.close(user, DataSubjectRequest.Status.COMPLETED)
    return links.new_export_token(request)


def complete_erasure(request, user):
    _require_identity(request)
    with transaction.atomic():
        counts = erase_subject(request_subject(request), request=request)
        request.refresh_from_db()
        request.anonymise()
        _complete(request, user, "privacy.request.erase", rows=counts)
    return counts


def complete_restriction(request, user, on=True):
    counts = restrict_subject(request_subject(request), on=on)
    _complete(request, user, "privacy.request.restrict", rows=counts, on=on)
    return counts


def purge_expired_exports(now=None):
    """Downloads that have expired are removed, not just hidden."""
    expired = DataSubjectRequest.objects.filter(
        export_expires_at__lt=now or timezone.now(), export_data__isnull=False
    )
    ExportLink.objects.filter(request__in=expired).delete()
    return expired.update(export_data=None)


# -- retention -----------------------------------------------------------------


def apply_retention(now=None, dry_run=False, batch_size=RETENTION_BATCH_SIZE, stdout=None):
    """Erase what every provider holds past retention, in short transactions.

    Each batch is its own transaction, so no lock lasts longer than one batch.
    The run records counts per provider, never who.
    """
    now = now or timezone.now()
    run = RetentionRun.objects.create(
        started_at=timezone.now(), cutoff=retention_cutoff(now), dry_run=dry_run
    )
    counts, batches, longest = {}, 0, 0.0
    for provider in registered():
        expired = provider.expired(now)
        if expired is None:  # nothing of this provider's expires by age
            counts[provider.label] = 0
            continue
        if dry_run:
            counts[provider.label] = expired.count()
            continue
        done, seen = 0, set()
        while True:
            pks = list(expired.order_by("pk").values_list("pk", flat=True)[:batch_size])
            if not pks or seen.issuperset(pks):
                break
            seen.update(pks)
            started = time.monotonic()
            with transaction.atomic():
                provider.erase_expired(pks)
            longest = max(longest, time.monotonic() - started)
            batches += 1
            done += len(pks)
        counts[provider.label] = done
        if stdout:
            stdout.write(f"{provider.label}: {done}")
    run.counts = counts
    run.batches = batches
    run.longest_batch_seconds = round(longest, 3)
    run.finished_at = timezone.now()
    run.save()
    log(
        run,
        "privacy.retention.dry_run" if dry_run else "privacy.retention.run",
        title=f"retention run #{run.pk}",
        data={"counts": counts},
    )
    return run


# -- disclosures ---------------------------------------------------------------


class DisclosureRefused(ValidationError):
    pass


@dataclass
class DisclosureResult:
    disclosure: Disclosure
    rows: list

    def csv(self):
        """The rows as CSV for the recipient, spreadsheet formulas neutralised."""
        buffer = io.StringIO()
        if self.rows:
            writer = csv.DictWriter(buffer, fieldnames=list(self.rows[0]))
            writer.writeheader()
            for row in self.rows:
                writer.writerow({key: neutralise_formula(value) for key, value in row.items()})
        return buffer.getvalue()


@transaction.atomic
def disclose(
    *,
    user,
    recipient,
    recipient_category,
    purpose,
    legal_basis,
    fields,
    contact_ids,
    outside_eea=False,
    safeguard="",
):
    """Export contacts for a recipient and log it; restricted people are left out, and so,
    when the legal basis is consent, are those whose consent is withdrawn or was never given.

    Marketing is refused outright: the notice promises personal data is never
    disclosed for marketing.
    """
    if purpose in Disclosure.REFUSED_PURPOSES:
        raise DisclosureRefused(_("Personal data is never disclosed for marketing."))
    disclosure = Disclosure(
        recipient=recipient,
        recipient_category=recipient_category,
        purpose=purpose,
        legal_basis=legal_basis,
        fields=list(fields),
        outside_eea=outside_eea,
        safeguard=safeguard,
        disclosed_by=user,
    )
    disclosure.full_clean(exclude=["disclosed_by"])
    rows = []
    for provider in registered():
        rows.extend(
            provider.disclosable(
                contact_ids, fields, consent_based=legal_basis == Disclosure.LegalBasis.CONSENT
            )
        )
    disclosure.contact_ids = [row["contact_id"] for row in rows]
    disclosure.row_count = len(rows)
    disclosure.save()
    log(
        disclosure,
        "privacy.disclosure",
        user=user,
        title=f"disclosure #{disclosure.pk}",
        data={"people": len(rows), "category": recipient_category},
    )
    return DisclosureResult(disclosure, rows)
