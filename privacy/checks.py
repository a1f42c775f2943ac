"""System checks: no field of a project model may escape the personal-data inventory."""

from django.apps import apps
from django.core import checks

from .inventory import (
    InventoryError,
    declared,
    model_fields,
    parse,
    personal_entries,
    project_apps,
)
from .providers import registered


@checks.register()
def check_inventory(app_configs=None, **kwargs):
    errors = []
    for app_label in project_apps():
        models = list(apps.get_app_config(app_label).get_models())
        if not models:
            continue
        try:
            inventory = declared(app_label)
        except Exception as error:  # an import error in the app's module must be seen
            errors.append(
                checks.Error(
                    f"{app_label}/personal_data.py cannot be imported: {error!r}",
                    id="privacy.E004",
                )
            )
            continue
        if inventory is None:
            errors.extend(
                checks.Error(
                    f"{model._meta.label} is not in the personal-data inventory: "
                    f"{app_label}/personal_data.py declares no INVENTORY.",
                    hint="Classify every field as PERSONAL, SPECIAL or NOT_PERSONAL "
                    "(see privacy/providers.py).",
                    obj=model,
                    id="privacy.E001",
                )
                for model in models
            )
            continue
        labels = {model._meta.label for model in models}
        for model in models:
            classified = inventory.get(model._meta.label, {})
            names = {field.name for field in model_fields(model)}
            for field in model_fields(model):
                if field.name not in classified:
                    errors.append(
                        checks.Error(
                            f"{model._meta.label}.{field.name} is not classified in "
                            f"{app_label}/personal_data.py INVENTORY.",
                            hint="Classify it as PERSONAL, SPECIAL or NOT_PERSONAL.",
                            obj=model,
                            id="privacy.E002",
                        )
                    )
                    continue
                try:
                    parse(classified[field.name])
                except InventoryError as error:
                    errors.append(
                        checks.Error(
                            f"{model._meta.label}.{field.name}: {error}",
                            obj=model,
                            id="privacy.E003",
                        )
                    )
            errors.extend(
                checks.Warning(
                    f"{model._meta.label}.{name} is in the INVENTORY but the model has no "
                    "such field.",
                    obj=model,
                    id="privacy.W001",
                )
                for name in sorted(set(classified) - names)
            )
        errors.extend(
            checks.Warning(
                f"{label} is in {app_label}'s INVENTORY but is not a model of the app.",
                id="privacy.W002",
            )
            for label in sorted(set(inventory) - labels)
        )
    return errors


@checks.register()
def check_providers(app_configs=None, **kwargs):
    """Every model with a field the inventory calls personal belongs to a provider, so
    that access, erasure and retention reach it."""
    owned = {model._meta.label for provider in registered() for model in provider.models}
    personal = sorted({entry.model for entry in personal_entries()})
    return [
        checks.Error(
            f"{label} holds personal data but belongs to no provider.",
            hint="List it in the `models` of a provider in its app's personal_data.py "
            "(see privacy/providers.py).",
            id="privacy.E005",
        )
        for label in personal
        if label not in owned
    ]
