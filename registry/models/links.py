"""The optional link from a record to the organisation or the person it is about,
declared alike on every model that has one (register services, events, proposed
changes, form submissions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


def optional_organisation(related_name, on_delete=models.CASCADE):
    return models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=on_delete,
        related_name=related_name,
    )


def optional_contact(related_name, on_delete=models.SET_NULL):
    return models.ForeignKey(
        "registry.Contact",
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=on_delete,
        related_name=related_name,
    )
