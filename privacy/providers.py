"""The personal-data contract: how `privacy/` reaches every app's personal data.

`privacy/` imports no other app's models. Each app that stores personal data
writes providers in its own `personal_data.py` and lists them there:

    class ContactProvider(BaseProvider):
        label = "registry.contact"
        models = [Contact, ContactPhone, ...]   # every model whose rows it answers for
        def find(self, subject): ...

    PROVIDERS = [ContactProvider()]

The modules are found by name (`autodiscover_modules("personal_data")`).
Data-subject requests, retention runs, exports and `reapply_erasures` iterate
`registered()`; a new kind of personal data means one more provider, nothing in
`privacy/`. A system check fails when a model with a personal field belongs to
no provider (`privacy.checks`).

The same module declares the app's personal-data inventory: every field of
every model in the app, classified as one of PERSONAL, SPECIAL or NOT_PERSONAL:

    INVENTORY = {
        "registry.Contact": {"first_name": PERSONAL, "created_at": NOT_PERSONAL, ...},
    }

A personal field may also name the category of data the privacy notice's
"data content" section must mention, as a pair: `"email": (PERSONAL, "email")`.
The categories are listed in `privacy.inventory.CATEGORIES`.

This module imports no project app, so every app may import it.
"""

import sys
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.apps import apps
from django.db.models import Model, QuerySet
from django.utils.module_loading import autodiscover_modules

from .identifiers import email_key, phone_key

PERSONAL = "personal"
SPECIAL = "special"  # GDPR art. 9 special categories
NOT_PERSONAL = "not_personal"
CLASSIFICATIONS = (PERSONAL, SPECIAL, NOT_PERSONAL)

# The kinds of identifier a subject is made of.
EMAIL = "email"
PHONE = "phone"
CONTACT = "contact"

# An email with this header is deleted as soon as the mail server has it (the site's
# outbox honours it; it is never sent on): the answer to an erasure request must not
# keep the erased person in the outbox.
FORGET_WHEN_SENT = "X-Outbox-Forget-When-Sent"


@dataclass(frozen=True)
class Subject:
    """One data subject as an identity graph: every email and phone number the site
    has held for the person (earlier ones included), normalised, and their register
    contact ids. `privacy.subjects.resolve()` builds the whole graph from one
    identifier; providers match on any part of it.
    """

    emails: frozenset = frozenset()
    phones: frozenset = frozenset()
    contact_ids: frozenset = frozenset()

    @classmethod
    def of(cls, email="", phone="", contact_id=None):
        """A subject from single identifiers, normalised; unusable ones are dropped."""
        return cls.from_identifiers(
            [(EMAIL, email), (PHONE, phone)] + ([(CONTACT, contact_id)] if contact_id else [])
        )

    @classmethod
    def from_identifiers(cls, identifiers):
        """A subject from (kind, value) pairs, each normalised by its kind's function."""
        emails, phones, contact_ids = set(), set(), set()
        for kind, value in identifiers:
            if kind == EMAIL and email_key(value):
                emails.add(email_key(value))
            elif kind == PHONE and phone_key(value):
                phones.add(phone_key(value))
            elif kind == CONTACT and value:
                contact_ids.add(int(value))
        return cls(frozenset(emails), frozenset(phones), frozenset(contact_ids))

    @property
    def identifiers(self):
        return {
            *((EMAIL, email) for email in self.emails),
            *((PHONE, phone) for phone in self.phones),
            *((CONTACT, pk) for pk in self.contact_ids),
        }

    def __bool__(self):
        return bool(self.emails or self.phones or self.contact_ids)

    def __or__(self, other):
        return Subject(
            self.emails | other.emails,
            self.phones | other.phones,
            self.contact_ids | other.contact_ids,
        )


class BaseProvider:
    """One kind of personal data. Override what applies; every default is safe.

    `find`, `export` and `erase` are the contract's core; the others default to
    "this provider holds nothing of that kind".
    """

    label: str = ""  # "registry.contact", "intake.submission", ...
    models: list[type[Model]] = []  # every model whose rows this provider answers for
    # {key: label} of the fields `disclosable()` can hand to a recipient.
    disclosable_fields: dict = {}

    def find(self, subject: Subject) -> QuerySet:
        """Everything this provider holds about one person."""
        raise NotImplementedError

    def export(self, subject: Subject) -> dict:
        """{human label: data} in the reader's language, JSON-serialisable."""
        raise NotImplementedError

    def erase(self, subject: Subject) -> int:
        """Delete or anonymise; return the number of rows touched."""
        raise NotImplementedError

    def restrict(self, subject: Subject, on: bool) -> int:
        """Set or lift restriction of processing; the rows touched."""
        return 0

    def expired(self, now: datetime) -> QuerySet | None:
        """Rows past retention (`privacy.retention`), or None when nothing expires here."""
        return None

    def erase_expired(self, pks) -> int:
        """Retention: erase these rows of `expired()`; deletes them unless overridden."""
        queryset = self.expired_model().objects.filter(pk__in=list(pks))
        return queryset.delete()[0]

    def expired_model(self):
        return self.models[0]

    def identifiers(self, subject: Subject) -> set:
        """(kind, value) pairs this provider knows for the person: the graph's edges."""
        return set()

    def all_identifiers(self):
        """Every identifier held, for matching the erasure ledger after a restore."""
        return iter(())

    def ledger_identifiers(self, subject: Subject) -> set:
        """(kind, value) pairs of the person to remember in the erasure ledger."""
        return set()

    def rectifiable(self, subject: Subject) -> list:
        """[{"key", "label", "value", "identifier"}] that staff may correct."""
        return []

    def rectify(self, subject: Subject, changes: dict) -> list:
        """Apply {key: new value}; [(key, old, new)] applied."""
        return []

    def disclosable(self, contact_ids, fields, consent_based=False) -> list:
        """Rows for a recipient, restricted people left out; when the disclosure rests on
        consent, also those with no consent in force (withdrawn ones count as none)."""
        return []

    def describe(self) -> dict | None:
        """Purposes, legal bases, sources and counts for the record of processing."""
        return None


@cache
def registered() -> list[BaseProvider]:
    """Every app's providers, in INSTALLED_APPS order (read once per process)."""
    providers = [
        provider
        for module in personal_data_modules()
        for provider in getattr(module, "PROVIDERS", ())
    ]
    labels = [provider.label for provider in providers]
    duplicated = sorted({label for label in labels if labels.count(label) > 1})
    if duplicated:
        raise ValueError(f"provider labels used twice: {duplicated}")
    return providers


def personal_data_modules():
    """Each installed app's `personal_data` module, imported by name."""
    autodiscover_modules("personal_data")
    names = (f"{config.name}.personal_data" for config in apps.get_app_configs())
    return [sys.modules[name] for name in names if name in sys.modules]
