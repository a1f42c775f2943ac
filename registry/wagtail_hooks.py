from django.contrib.auth.models import Permission
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import audit
from .actions import ContactDeleteAction, ContactEditAction
from .models import Contact
from .views.bulk_delete import AuditedDeleteBulkAction
from .viewsets import RegisterViewSetGroup

register_snippet(RegisterViewSetGroup)


@hooks.register("register_log_actions")
def register_registry_log_actions(actions):
    audit.register_actions(actions)


@hooks.register("register_actions")
def register_contact_actions(actions):
    actions.register(Contact, ContactEditAction)
    actions.register(Contact, ContactDeleteAction)


# After Wagtail's own snippet bulk delete (order 0), so that it replaces it for the register.
hooks.register("register_bulk_action", AuditedDeleteBulkAction, order=100)


@hooks.register("register_permissions")
def registry_permissions():
    """Every register permission in the group editor, including models edited inline."""
    return Permission.objects.filter(content_type__app_label="registry")
