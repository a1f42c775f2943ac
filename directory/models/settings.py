from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="list-ul")
class DirectorySettings(BaseSiteSetting):
    """How the company directory treats what owners write."""

    owner_text_needs_approval = models.BooleanField(
        _("owners' text changes wait for approval"),
        default=True,
        help_text=_(
            "When on, a description, services or contact details an owner changes are shown "
            "only after staff approve them. Visibility changes always take effect at once."
        ),
    )

    panels = [FieldPanel("owner_text_needs_approval")]

    class Meta:
        verbose_name = _("company directory")
