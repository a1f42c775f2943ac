"""The customer and stakeholder register (asiakas- ja sidosryhmärekisteri)."""

from . import audit  # noqa: F401  (labels audit log entries by id)
from .choices import CustomerEventChannel, CustomerEventKind, DataSource, LegalBasis, WebLinkKind
from .contacts import (
    Consent,
    Contact,
    ContactPhone,
    ContactWebLink,
    FormerEmail,
    IPAddressSeen,
    Membership,
)
from .events import CustomerEvent
from .organisations import Organisation, OrganisationWebLink
from .services import BillingDetails, ServiceOrder, ServiceOrderChange

__all__ = [
    "BillingDetails",
    "Consent",
    "Contact",
    "ContactPhone",
    "ContactWebLink",
    "CustomerEvent",
    "CustomerEventChannel",
    "CustomerEventKind",
    "DataSource",
    "FormerEmail",
    "IPAddressSeen",
    "LegalBasis",
    "Membership",
    "Organisation",
    "OrganisationWebLink",
    "ServiceOrder",
    "ServiceOrderChange",
    "WebLinkKind",
]
