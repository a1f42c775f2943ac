"""The customer and stakeholder register (asiakas- ja sidosryhmärekisteri)."""

from . import audit  # noqa: F401  (labels audit log entries by id)
from .choices import (
    CustomerEventChannel,
    CustomerEventKind,
    DataSource,
    IndustryClassification,
    LegalBasis,
    TradeRegisterState,
    WebLinkKind,
)
from .contacts import (
    Consent,
    ConsentText,
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
from .trade_register import FieldSource, TradeRegisterStatus

__all__ = [
    "BillingDetails",
    "Consent",
    "ConsentText",
    "Contact",
    "ContactPhone",
    "ContactWebLink",
    "CustomerEvent",
    "CustomerEventChannel",
    "CustomerEventKind",
    "DataSource",
    "FieldSource",
    "FormerEmail",
    "IndustryClassification",
    "IPAddressSeen",
    "LegalBasis",
    "Membership",
    "Organisation",
    "OrganisationWebLink",
    "ServiceOrder",
    "ServiceOrderChange",
    "TradeRegisterState",
    "TradeRegisterStatus",
    "WebLinkKind",
]
