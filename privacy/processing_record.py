"""The record of processing activities (GDPR art. 30), generated, never written by hand.

From the organisation settings (controller, contact person), each provider's
description (purposes, legal bases, data subjects, sources), the inventory
(categories of personal data), the disclosure log (recipients, transfers
outside the EU/EEA) and the retention setting.
"""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from .controller import controller_settings_model
from .inventory import CATEGORIES, personal_entries
from .models import Disclosure
from .providers import SPECIAL
from .retention import retention_years
from .services import describe_providers

SECURITY_MEASURES = [
    _("Access to personal data only with a personal admin account and a permission"),
    _("Viewing, exporting, editing and erasing personal data is written to the audit log"),
    _("Encrypted connections (HTTPS) and servers kept up to date"),
    _("Erasures are kept in a ledger of keyed hashes and repeated after a restore"),
]


def record_of_processing(request=None):
    organisation = controller_settings_model().for_request(request) if request else None
    categories = defaultdict(list)
    special = []
    for entry in personal_entries():
        categories[entry.category].append(f"{entry.model}.{entry.field}")
        if entry.classification == SPECIAL:
            special.append(f"{entry.model}.{entry.field}")
    transfers = (
        Disclosure.objects.filter(outside_eea=True).values_list("recipient", "safeguard").distinct()
    )
    return {
        "organisation": organisation,
        "activities": describe_providers(),
        "categories": [
            {"key": key, "label": CATEGORIES[key][0], "fields": sorted(fields)}
            for key, fields in sorted(categories.items())
        ],
        "special": special,
        "recipient_categories": [label for _value, label in Disclosure.RecipientCategory.choices],
        "recipients_used": sorted(
            {
                Disclosure.RecipientCategory(value).label
                for value in Disclosure.objects.values_list("recipient_category", flat=True)
            },
            key=str,
        ),
        "transfers": list(transfers),
        "retention_years": retention_years(),
        "security": SECURITY_MEASURES,
    }
