"""The personal-data inventory: every field of every project model, classified.

Each project app declares `INVENTORY` in its `personal_data.py` (see
`privacy.providers`). `privacy.checks` fails the system check on any field
left out; `compare_with_notice()` tells staff where the notice's "data content"
section and the inventory disagree.
"""

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils.html import strip_tags
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from .providers import CLASSIFICATIONS, NOT_PERSONAL, PERSONAL, SPECIAL

# Categories of personal data as the notice names them (section "Rekisterin
# tietosisältö"). Each has a label and the Finnish words that show the notice
# mentions it; any one of the words is enough.
CATEGORIES = {
    "name": (_("name"), ["nimi"]),
    "position": (_("position"), ["asema"]),
    "organisation": (_("company or organisation"), ["yritys", "organisaatio"]),
    "phone": (_("phone number"), ["puhelinnumero"]),
    "email": (_("email address"), ["sähköpostiosoite"]),
    "address": (_("postal address"), ["osoite"]),
    "web": (_("website addresses"), ["www-sivustojen osoitteet"]),
    "ip_address": (_("IP address"), ["ip-osoite"]),
    "social_media": (_("social media profiles"), ["sosiaalisen median"]),
    "services": (_("services ordered and their changes"), ["tilatuista palveluista"]),
    "billing": (_("billing details"), ["laskutustiedot"]),
    "customer_relationship": (
        _("other data on the customer relationship"),
        ["asiakassuhteeseen"],
    ),
}
DEFAULT_CATEGORY = "customer_relationship"


@dataclass(frozen=True)
class Entry:
    model: str  # "registry.Contact"
    field: str
    classification: str
    category: str = ""


class InventoryError(Exception):
    pass


def project_apps():
    """The labels of the apps whose package sits in the project's folder, not an
    installed library's: every field of their models must be classified."""
    base = Path(settings.BASE_DIR).resolve()
    return [
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == base
    ]


def inventory_module(app_label):
    """The app's personal_data module, or None when the app has none."""
    autodiscover_modules("personal_data")
    return sys.modules.get(f"{apps.get_app_config(app_label).name}.personal_data")


def declared(app_label):
    """The app's INVENTORY dict, or None when the app declares none."""
    module = inventory_module(app_label)
    return None if module is None else getattr(module, "INVENTORY", None)


def model_fields(model):
    """The fields a model adds itself (inherited Page fields belong to wagtailcore)."""
    return [
        field
        for field in [*model._meta.local_fields, *model._meta.local_many_to_many]
        if field.model is model or not getattr(field.model._meta, "abstract", False)
    ]


def parse(value):
    """(classification, category) from an INVENTORY value."""
    if isinstance(value, tuple | list):
        classification, category = value
    else:
        classification, category = value, ""
    if classification not in CLASSIFICATIONS:
        raise InventoryError(f"unknown classification {classification!r}")
    if category and category not in CATEGORIES:
        raise InventoryError(f"unknown category {category!r}")
    if classification != NOT_PERSONAL and not category:
        category = DEFAULT_CATEGORY
    return classification, category


def entries():
    """Every classified field of the project apps (problems are the check's business)."""
    result = []
    for app_label in project_apps():
        inventory = declared(app_label) or {}
        for model in apps.get_app_config(app_label).get_models():
            fields = inventory.get(model._meta.label, {})
            for field in model_fields(model):
                if field.name in fields:
                    try:
                        classification, category = parse(fields[field.name])
                    except InventoryError:
                        continue
                    result.append(Entry(model._meta.label, field.name, classification, category))
    return result


def personal_entries():
    return [entry for entry in entries() if entry.classification in (PERSONAL, SPECIAL)]


def categories_held():
    return {entry.category for entry in personal_entries()}


def _normalised(text):
    return " ".join(strip_tags(text or "").lower().split())


def notice_mentions(text, category):
    text = _normalised(text)
    return any(
        re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) for word in CATEGORIES[category][1]
    )


@dataclass(frozen=True)
class Disagreement:
    category: str
    message: str


def compare_with_notice(data_content_text):
    """Where the notice's data content and the inventory disagree; [] when they agree.

    `data_content_text` is the text of the notice's data content section, or
    None when the notice has no such section.
    """
    if data_content_text is None:
        return [Disagreement("", str(_("The privacy notice has no data content section.")))]
    held = categories_held()
    found = []
    for key in CATEGORIES:
        label = CATEGORIES[key][0]
        mentioned = notice_mentions(data_content_text, key)
        if key in held and not mentioned:
            found.append(
                Disagreement(
                    key,
                    str(_("The register holds %(category)s but the notice does not say so."))
                    % {"category": label},
                )
            )
        elif mentioned and key not in held:
            found.append(
                Disagreement(
                    key,
                    str(_("The notice names %(category)s but no field holds it."))
                    % {"category": label},
                )
            )
    if any(entry.classification == SPECIAL for entry in personal_entries()):
        found.append(
            Disagreement(
                "special",
                str(_("Special categories of personal data are held; the notice must say so.")),
            )
        )
    return found
