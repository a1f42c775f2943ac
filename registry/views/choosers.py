"""The register's choosers.

Wagtail's generic chooser views only require admin access; the register's
choosers list people and companies, so they check a registry permission and
audit what they show.
"""

from django.core.exceptions import PermissionDenied
from wagtail.snippets.views import chooser as snippet_chooser

from .. import audit
from . import user_can_use


class RegistryPermissionRequired:
    def dispatch(self, request, *args, **kwargs):
        if not user_can_use(request.user, self.model_class):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AuditedChoices:
    """The chooser's pages of people and the people chosen are audited like the listing."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        audit.log_shown(
            self.model_class,
            [item.pk for item in self.results],
            request.user,
            "chooser",
            searched=self.filter_form.is_searching,
        )
        return response


class AuditedChosen:
    def get_chosen_response(self, item):
        audit.log_view(item, self.request.user, "chooser")
        return super().get_chosen_response(item)

    def get_multiple_chosen_response(self, items):
        items = list(items)
        audit.log_shown(self.model_class, [item.pk for item in items], self.request.user, "chooser")
        return super().get_multiple_chosen_response(items)


class RegistryChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    choose_view_class = type(
        "ChooseView", (RegistryPermissionRequired, AuditedChoices, snippet_chooser.ChooseView), {}
    )
    choose_results_view_class = type(
        "ChooseResultsView",
        (RegistryPermissionRequired, AuditedChoices, snippet_chooser.ChooseResultsView),
        {},
    )
    chosen_view_class = type(
        "ChosenView",
        (RegistryPermissionRequired, AuditedChosen, snippet_chooser.SnippetChosenView),
        {},
    )
    chosen_multiple_view_class = type(
        "ChosenMultipleView",
        (RegistryPermissionRequired, AuditedChosen, snippet_chooser.SnippetChosenMultipleView),
        {},
    )
    create_view_class = type(
        "CreateView", (RegistryPermissionRequired, snippet_chooser.SnippetCreateView), {}
    )
