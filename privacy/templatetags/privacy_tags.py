from django import template
from django.utils.translation import gettext as _

from ..retention import retention_years

register = template.Library()


@register.simple_tag
def retention_sentence():
    """The notice's promise on retention, from the one setting that retention obeys."""
    return _("The data is deleted %(years)s years after the last customer event.") % {
        "years": retention_years()
    }
