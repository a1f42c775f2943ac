"""Keeping organisations current from the Trade Register.

Each synced field remembers the value the register last gave it (FieldSource). A
refresh then writes a field only when it is empty or still holds that value; a field
that staff or the owner changed since is left alone, and the register's value becomes a
proposed change (the `value_proposed` signal, which intake keeps). Staff fetching by
hand see every difference and pick what to write.
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from ..audit import TRADE_REGISTER_APPLY, TRADE_REGISTER_REFRESH
from ..models import (
    DataSource,
    FieldSource,
    IndustryClassification,
    Organisation,
    OrganisationWebLink,
    TradeRegisterState,
    TradeRegisterStatus,
    WebLinkKind,
)
from .records import TOL_2025
from .signals import state_changed, value_proposed

logger = logging.getLogger(__name__)


def _max_length(name):
    return Organisation._meta.get_field(name).max_length


def _website_link(organisation):
    if organisation.pk is None:
        return None
    # From the links a refresh prefetched (see _locked), or one query.
    links = [link for link in organisation.web_links.all() if link.kind == WebLinkKind.WEBSITE]
    return min(links, key=lambda link: link.pk) if links else None


@dataclass(frozen=True)
class SyncedField:
    """A field of an organisation that the Trade Register also holds."""

    name: str
    label: object

    def from_record(self, record):
        address = record.address
        value = {
            "name": record.name,
            "street_address": address.street if address else "",
            "postcode": address.postcode if address else "",
            "city": address.city if address else "",
            # A TOL 2008 code from the register is no news: the register moved to TOL 2025.
            "industry_code": record.industry_code if record.industry_code_set == TOL_2025 else "",
            "industry": record.industry_name("fi") if record.industry_code_set == TOL_2025 else "",
            "website": record.website,
        }[self.name]
        if self.name == "website":
            # A longer address would not fit OrganisationWebLink.url: it is left out.
            return value if len(value) <= 500 else ""
        return value[: _max_length(self.name)]

    def read(self, organisation):
        if self.name == "website":
            link = _website_link(organisation)
            return link.url if link else ""
        return getattr(organisation, self.name)

    def write(self, organisation, value):
        """Set the value; the organisation is saved by the caller, a website link here."""
        if self.name == "website":
            link = _website_link(organisation) or OrganisationWebLink(
                organisation=organisation, kind=WebLinkKind.WEBSITE
            )
            link.url = value
            link.save()
            return
        setattr(organisation, self.name, value)
        if self.name == "industry_code":
            organisation.industry_classification = IndustryClassification.TOL_2025


FIELDS = {
    synced.name: synced
    for synced in (
        SyncedField("name", _("name")),
        SyncedField("street_address", _("street address")),
        SyncedField("postcode", _("postcode")),
        SyncedField("city", _("post office")),
        SyncedField("industry_code", _("industry code")),
        SyncedField("industry", _("industry")),
        SyncedField("website", _("website")),
    )
}


def same(a, b):
    return " ".join(str(a).split()).casefold() == " ".join(str(b).split()).casefold()


@dataclass(frozen=True)
class Difference:
    field: str
    label: object
    current: str
    proposed: str
    # Staff or the owner changed the field since the register last gave it.
    changed_here: bool


def differences(organisation, record, sources=None):
    """Each field whose value today differs from the register's (a missing one is no news)."""
    if sources is None:
        sources = {} if organisation.pk is None else _sources(organisation)
    found = []
    for synced in FIELDS.values():
        proposed = synced.from_record(record)
        current = synced.read(organisation)
        if not proposed or same(current, proposed):
            continue
        source = sources.get(synced.name)
        changed_here = bool(current) and not (source and same(current, source.value))
        found.append(Difference(synced.name, synced.label, current, proposed, changed_here))
    return found


def _sources(organisation):
    return {source.field: source for source in organisation.field_sources.all()}


def _record_sources(organisation, values, now, existing=None):
    """Record the register as the source of these values, dated now (two queries at most)."""
    existing = _sources(organisation) if existing is None else existing
    confirmed = [
        name for name, value in values.items() if name in existing and existing[name].value == value
    ]
    if confirmed:
        FieldSource.objects.filter(organisation=organisation, field__in=confirmed).update(
            source=DataSource.PUBLIC_SOURCE, recorded_at=now
        )
    new_values = [
        FieldSource(
            organisation=organisation,
            field=name,
            source=DataSource.PUBLIC_SOURCE,
            value=value,
            recorded_at=now,
        )
        for name, value in values.items()
        if name not in confirmed
    ]
    if new_values:
        FieldSource.objects.bulk_create(
            new_values,
            update_conflicts=True,
            unique_fields=["organisation", "field"],
            update_fields=["source", "value", "recorded_at"],
        )


def _agreeing(organisation, record, written):
    """The register's values that the organisation now holds: their source is the register."""
    values = {name: synced.from_record(record) for name, synced in FIELDS.items()}
    return {
        name: value
        for name, value in values.items()
        if value and (name in written or same(FIELDS[name].read(organisation), value))
    }


def _write(organisation, values):
    for name, value in values.items():
        FIELDS[name].write(organisation, value)
    if set(values) - {"website"}:
        organisation.save()


def _record_status(organisation, record, now):
    """Store the company's state; tell the other apps when it changed. The previous state."""
    values = {
        "state": record.state,
        "company_form": record.company_form[:100],
        "checked_at": now,
        "last_modified": record.last_modified,
    }
    try:
        status = organisation.trade_register
    except TradeRegisterStatus.DoesNotExist:
        status = None
    previous = status.state if status else None
    if status is None:
        TradeRegisterStatus.objects.create(organisation=organisation, **values)
    else:
        TradeRegisterStatus.objects.filter(pk=status.pk).update(**values)
    if _changed(previous, record.state):
        state_changed.send(
            sender=Organisation, organisation=organisation, previous=previous, state=record.state
        )
    return previous


def _changed(previous, state):
    # A company first seen active has not changed; one first seen ended has.
    return previous != state and not (previous is None and state == TradeRegisterState.ACTIVE)


def _locked(organisation):
    return (
        Organisation.objects.select_for_update(of=("self",))
        .select_related("trade_register")
        .prefetch_related("web_links")
        .get(pk=organisation.pk)
    )


@dataclass
class Outcome:
    """What one refresh did to one organisation."""

    organisation_id: int
    updated: list = field(default_factory=list)
    proposed: list = field(default_factory=list)
    state: str = ""
    previous_state: str | None = None

    @property
    def state_changed(self):
        return _changed(self.previous_state, self.state)


def apply(organisation, record, fields, user):
    """Write the fields staff picked from the register's values; audited."""
    now = timezone.now()
    with transaction.atomic():
        organisation = _locked(organisation)
        sources = _sources(organisation)
        values = {
            d.field: d.proposed
            for d in differences(organisation, record, sources)
            if d.field in fields
        }
        _write(organisation, values)
        _record_sources(organisation, _agreeing(organisation, record, values), now, sources)
        _record_status(organisation, record, now)
        log(
            instance=organisation,
            action=TRADE_REGISTER_APPLY,
            user=user,
            data={"fields": sorted(values), "business_id": record.business_id},
        )
    return sorted(values)


def refresh(organisation, record):
    """Bring one organisation up to date with its record, in one transaction."""
    now = timezone.now()
    with transaction.atomic():
        organisation = _locked(organisation)
        sources = _sources(organisation)
        outcome = Outcome(organisation.pk, state=record.state)
        written = {}
        for difference in differences(organisation, record, sources):
            if difference.changed_here:
                outcome.proposed.append(difference.field)
                receivers = value_proposed.send(
                    sender=Organisation,
                    organisation=organisation,
                    field=difference.field,
                    current_value=difference.current,
                    proposed_value=difference.proposed,
                )
                if not receivers:
                    logger.warning(
                        "trade register value for organisation %s field %s kept nowhere",
                        organisation.pk,
                        difference.field,
                    )
            else:
                written[difference.field] = difference.proposed
        _write(organisation, written)
        _record_sources(organisation, _agreeing(organisation, record, written), now, sources)
        outcome.previous_state = _record_status(organisation, record, now)
        outcome.updated = sorted(written)
        if written:
            log(
                instance=organisation,
                action=TRADE_REGISTER_REFRESH,
                user=None,
                data={"fields": outcome.updated, "business_id": record.business_id},
            )
    return outcome


def accept_value(organisation_id, field_name, value):
    """Write a proposed value staff accepted; it counts as the register's from now on."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation_id)
    _write(organisation, {field_name: value})
    _record_sources(organisation, {field_name: value}, timezone.now())


def prefilled(record):
    """A new, unsaved organisation holding the register's values (the admin's create form)."""
    organisation = Organisation(business_id=record.business_id)
    for name, synced in FIELDS.items():
        value = synced.from_record(record)
        if value and name != "website":
            synced.write(organisation, value)
    if record.website:
        organisation.web_links = [OrganisationWebLink(kind=WebLinkKind.WEBSITE, url=record.website)]
    return organisation


def fields_from_register(organisation):
    """The fields whose value is still the one the Trade Register gave (one query)."""
    return {
        source.field
        for source in organisation.field_sources.filter(source=DataSource.PUBLIC_SOURCE)
        if source.field in FIELDS and same(FIELDS[source.field].read(organisation), source.value)
    }
