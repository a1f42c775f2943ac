"""The readable (Finnish) page of an access export: the data and what is done with it."""

from .models import Disclosure
from .retention import retention_years
from .services import describe_providers


def _tree(value):
    """Nested export data as ("dict"|"list"|"value", content) for the template."""
    if isinstance(value, dict):
        return ("dict", [(key, _tree(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("list", [_tree(item) for item in value])
    if value is None or value == "":
        return ("value", "–")
    if value is True or value is False:
        return ("value", "kyllä" if value else "ei")
    return ("value", value)


def export_context(subject_request, follow_up_token):
    descriptions = {item["label"]: item for item in describe_providers()}
    registers = [
        {
            "label": label,
            "name": descriptions.get(label, {}).get("name", label),
            "about": descriptions.get(label, {}),
            "data": _tree(data),
        }
        for label, data in (subject_request.export_data or {}).items()
    ]
    return {
        "subject_request": subject_request,
        "registers": registers,
        "retention_years": retention_years(),
        "recipient_categories": Disclosure.RecipientCategory.choices,
        "follow_up_token": follow_up_token,
    }
