"""The protocol through which `privacy/` reaches every app's personal data.

`privacy/` imports no other app's models. Each app that stores personal data
writes a provider in its own `personal_data.py` and registers it in its
AppConfig.ready():

    from privacy.providers import register
    register(RegistryContactProvider())

Data-subject requests, retention runs and exports then iterate `registered()`;
a new kind of personal data means one more provider, nothing in `privacy/`.

The same module declares the app's personal-data inventory: every field of
every model in the app, classified as one of PERSONAL, SPECIAL or NOT_PERSONAL:

    INVENTORY = {
        "registry.Contact": {"first_name": PERSONAL, "created_at": NOT_PERSONAL, ...},
    }

A personal field may also name the category of data the privacy notice's
"data content" section must mention, as a pair: `"email": (PERSONAL, "email")`.
The categories are listed in `privacy.inventory.CATEGORIES`.

Providers may also offer these optional methods, which privacy/ uses when present:

    identifiers(subject) -> set[tuple[str, str]]   # ("email", ...), ("phone", ...) of the person
    all_identifiers() -> Iterable[tuple[str, str]]  # every identifier held: reapply_erasures
    erase_expired(pks) -> int                       # retention: erase these rows of expired()
    rectifiable(subject) -> list[dict]              # [{"key", "label", "value"}] staff may correct
    rectify(subject, changes) -> list[tuple]        # [(key, old, new)] applied
    disclosable(contact_ids, fields) -> list[dict]  # rows for a recipient, no restricted people
    describe() -> dict                              # purposes, legal bases, sources (art. 30)
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from django.db.models import QuerySet

PERSONAL = "personal"
SPECIAL = "special"  # GDPR art. 9 special categories
NOT_PERSONAL = "not_personal"
CLASSIFICATIONS = (PERSONAL, SPECIAL, NOT_PERSONAL)


@dataclass(frozen=True)
class Subject:
    """One data subject, identified by any of an email, a phone number or a contact id."""

    email: str = ""
    phone: str = ""
    contact_id: int | None = None

    def __post_init__(self):
        if not (self.email or self.phone or self.contact_id):
            raise ValueError("A subject needs an email, a phone number or a contact id.")


@runtime_checkable
class PersonalDataProvider(Protocol):
    label: str  # "registry.contact", "intake.submission", ...

    def find(self, subject: Subject) -> QuerySet:
        """Everything this provider holds about one person."""

    def export(self, subject: Subject) -> dict:
        """JSON-serialisable, with human-readable keys."""

    def erase(self, subject: Subject) -> int:
        """Delete or anonymise; return the number of rows touched."""

    def restrict(self, subject: Subject, on: bool) -> int:
        """Set or lift restriction of processing; return the number of rows touched."""

    def expired(self, now: datetime) -> QuerySet:
        """Rows past retention (10 years after the last customer event)."""


_providers: dict[str, PersonalDataProvider] = {}


def register(provider: PersonalDataProvider) -> None:
    if not isinstance(provider, PersonalDataProvider):
        raise TypeError(f"{provider!r} does not implement PersonalDataProvider")
    _providers[provider.label] = provider


def registered() -> list[PersonalDataProvider]:
    return list(_providers.values())
