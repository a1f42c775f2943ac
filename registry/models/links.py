"""The optional link from a record to the organisation or the person it is about,
declared alike on every model that has one (register services, events, proposed
changes, form submissions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


def _optional_link(model, verbose_name, related_name, on_delete):
    return models.ForeignKey(
        model,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=on_delete,
        related_name=related_name,
    )


def optional_organisation(related_name, on_delete=models.CASCADE):
    return _optional_link("registry.Organisation", _("organisation"), related_name, on_delete)


def optional_contact(related_name, on_delete=models.SET_NULL):
    return _optional_link("registry.Contact", _("contact"), related_name, on_delete)
