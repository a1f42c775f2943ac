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

from home.spreadsheet import neutralise_formula

from .models import DataSubjectRequest, Disclosure, ErasureLedgerEntry, RectificationRecord
from .models.ledger import identifier_hash
from .models.retention import RetentionRun
from .providers import Subject, registered
from .retention import retention_cutoff

logger = logging.getLogger(__name__)

EXPORT_LINK_DAYS = 7
RETENTION_BATCH_SIZE = 200


# -- subjects ------------------------------------------------------------------


def subject_from(identifier) -> Subject:
    """A Subject from an email, a phone number, a contact id (int or "#12") or a Subject."""
    if isinstance(identifier, Subject):
        return identifier
    if isinstance(identifier, int):
        return Subject(contact_id=identifier)
    value = str(identifier).strip()
    if "@" in value:
        return Subject(email=value.lower())
    if value.lstrip("#").isdigit() and len(value.lstrip("#")) < 9:
        return Subject(contact_id=int(value.lstrip("#")))
    return Subject(phone=value)


def _identifiers(subject):
    """The person's identifiers as every provider knows them (emails are unique per person)."""
    found = set()
    if subject.email:
        found.add(("email", subject.email.strip().lower()))
    if subject.phone:
        found.add(("phone", subject.phone.strip()))
    for provider in registered():
        if hasattr(provider, "identifiers"):
            found |= set(provider.identifiers(subject))
    return found


def _subjects(subject):
    """The subject as given plus one subject per email the providers know for the person.

    Phone numbers are not followed: one number may belong to a switchboard
    shared by several people.
    """
    subjects = [subject]
    for kind, value in sorted(_identifiers(subject)):
        if kind == "email" and value != subject.email:
            subjects.append(Subject(email=value))
    return subjects


# -- access --------------------------------------------------------------------


def export_subject(identifier) -> dict:
    """Everything every provider holds about one person: {provider label: data}."""
    subjects = _subjects(subject_from(identifier))
    result = {}
    for provider in registered():
        merged = {}
        for subject in subjects:
            for key, value in provider.export(subject).items():
                if isinstance(value, list):
                    bucket = merged.setdefault(key, [])
                    bucket.extend(item for item in value if item not in bucket)
                else:
                    merged.setdefault(key, value)
        result[provider.label] = merged
    return result


def describe_providers():
    """What each provider says of itself for the notice's promises and art. 30."""
    return [
        {"label": provider.label, **provider.describe()}
        for provider in registered()
        if hasattr(provider, "describe")
    ]


# -- erasure -------------------------------------------------------------------


def _ledger_identifiers(identifiers):
    """Emails always; a phone number only when the person has no email at all."""
    emails = {item for item in identifiers if item[0] == "email"}
    return emails or identifiers


@transaction.atomic
def erase_subject(identifier, *, request=None, user=None, record=True) -> dict:
    """Erase one person from every provider in one transaction; {provider label: rows}.

    Keyed hashes of the person's identifiers go to the erasure ledger so that
    `reapply_erasures` can repeat the erasure after a restore from backup.
    """
    subject = subject_from(identifier)
    identifiers = _identifiers(subject)
    subjects = _subjects(subject)
    counts = {}
    for provider in registered():
        counts[provider.label] = sum(provider.erase(each) for each in subjects)
    if record:
        now = timezone.now()
        for kind, value in _ledger_identifiers(identifiers):
            ErasureLedgerEntry.objects.update_or_create(
                identifier_hash=identifier_hash(kind, value),
                defaults={
                    "erased_at": now,
                    "request_id_at_erasure": request.pk if request else None,
                },
            )
    logger.info("Erased a data subject: %s", counts)
    return counts


def reapply_erasures() -> int:
    """Erase again everyone the ledger names who is back (after a restore); returns people."""
    ledger = set(ErasureLedgerEntry.objects.values_list("identifier_hash", flat=True))
    if not ledger:
        return 0
    matches = set()
    for provider in registered():
        if not hasattr(provider, "all_identifiers"):
            continue
        for kind, value in provider.all_identifiers():
            digest = identifier_hash(kind, value)
            if digest in ledger:
                matches.add((kind, value, digest))
    erased = 0
    for kind, value, digest in sorted(matches):
        subject = Subject(email=value) if kind == "email" else Subject(phone=value)
        counts = erase_subject(subject, record=False)
        if any(counts.values()):
            erased += 1
            ErasureLedgerEntry.objects.filter(identifier_hash=digest).update(
                reapplied_at=timezone.now(),
                reapplied_count=F("reapplied_count") + 1,
            )
    return erased


# -- restriction ---------------------------------------------------------------


@transaction.atomic
def restrict_subject(identifier, on=True) -> dict:
    """Set (or lift) restriction of processing in every provider; {provider label: rows}."""
    subject = subject_from(identifier)
    return {
        provider.label: sum(provider.restrict(each, on) for each in _subjects(subject))
        for provider in registered()
    }


# -- rectification -------------------------------------------------------------


def rectifiable(identifier):
    subject = subject_from(identifier)
    return [
        {**field, "provider": provider.label}
        for provider in registered()
        if hasattr(provider, "rectifiable")
        for field in provider.rectifiable(subject)
    ]


@transaction.atomic
def rectify_subject(request, user, changes):
    """Apply {provider label: {key: new value}}; old and new values are recorded."""
    subject = request_subject(request)
    providers = {provider.label: provider for provider in registered()}
    labels = {field["key"]: field["label"] for field in rectifiable(subject)}
    records = []
    for label, provider_changes in changes.items():
        for key, old, new in providers[label].rectify(subject, provider_changes):
            records.append(
                RectificationRecord.objects.create(
                    request=request,
                    provider=label,
                    field=str(labels.get(key, key)),
                    old_value=str(old),
                    new_value=str(new),
                    applied_by=user,
                )
            )
    if records:
        log(
            request,
            "privacy.request.rectify",
            user=user,
            title=f"request #{request.pk}",
            data={"fields": [record.field.split(":")[0] for record in records]},
        )
    return records


# -- requests ------------------------------------------------------------------


def request_subject(request):
    """The person a request is about: the confirmed email, and the phone once staff
    have checked the requester's identity."""
    phone = request.phone if request.identity_checked_at else ""
    return Subject(email=request.email, phone=phone)


def complete_access(request, user):
    """Store the export for download; the requester gets a link, never an attachment."""
    with translation.override(request.language or "fi"):
        request.export_data = export_subject(request_subject(request))
    request.export_expires_at = timezone.now() + datetime.timedelta(days=EXPORT_LINK_DAYS)
    request.save(update_fields=["export_data", "export_expires_at"])
    request.close(user, DataSubjectRequest.Status.COMPLETED)
    return request


@transaction.atomic
def complete_erasure(request, user):
    counts = erase_subject(request_subject(request), request=request, user=user)
    request.refresh_from_db()
    request.anonymise()
    request.close(user, DataSubjectRequest.Status.COMPLETED)
    log(
        request,
        "privacy.request.erase",
        user=user,
        title=f"request #{request.pk}",
        data={"rows": counts},
    )
    return counts


def complete_restriction(request, user, on=True):
    counts = restrict_subject(request_subject(request), on=on)
    request.close(user, DataSubjectRequest.Status.COMPLETED)
    log(
        request,
        "privacy.request.restrict",
        user=user,
        title=f"request #{request.pk}",
        data={"rows": counts, "on": on},
    )
    return counts


def purge_expired_exports(now=None):
    """Downloads that have expired are removed, not just hidden."""
    return DataSubjectRequest.objects.filter(
        export_expires_at__lt=now or timezone.now(), export_data__isnull=False
    ).update(export_data=None)


# -- retention -----------------------------------------------------------------


def _erase_batch(provider, pks):
    if hasattr(provider, "erase_expired"):
        return provider.erase_expired(pks)
    return provider.expired(timezone.now()).model.objects.filter(pk__in=pks).delete()[0]


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
                _erase_batch(provider, pks)
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
    """Export contacts for a recipient and log it; restricted people are left out.

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
        if hasattr(provider, "disclosable"):
            rows.extend(provider.disclosable(contact_ids, fields))
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
