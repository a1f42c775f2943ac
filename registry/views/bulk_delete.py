"""Bulk delete of organisations and contacts: for a contact, an erasure."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.actions.registry import action_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction

from .. import audit
from ..actions import ERASURE_WARNING
from ..models import Contact, Organisation
from . import user_can_use


class AuditedDeleteBulkAction(DeleteBulkAction):
    """Wagtail's bulk delete of snippets, each row through the model's delete action.

    That logs a `wagtail.delete` entry per row, and for a contact it is an
    erasure (`registry.actions.ContactDeleteAction`). Wagtail's own version shows
    the chosen rows' names to any admin user, even one without permission on the
    model; this one refuses such users, and audits the confirmation page.
    """

    models = [Organisation, Contact]

    def dispatch(self, request, *args, **kwargs):
        if not user_can_use(request.user, self.model):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        objects = self.get_actionable_objects()[0]
        audit.log_shown(self.model, [obj.pk for obj in objects], request.user, "delete")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.model is Contact:
            context["erasure_warning"] = ERASURE_WARNING
        return context

    def get_template_names(self):
        if self.model is Contact:
            return ["registry/contact/confirm_bulk_erase.html"]
        return super().get_template_names()

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        view = kwargs["self"]
        action_class = action_registry.get_action_class(view.model, "delete")
        with transaction.atomic():
            for obj in objects:
                # Permission for each row was checked when the rows were chosen.
                action_class(obj, user=view.request.user).execute(skip_permission_checks=True)
        return len(objects), 0
