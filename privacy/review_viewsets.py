"""The one shape of a staff queue in the admin: a Wagtail model viewset without edit forms.

Data-subject requests, disclosures, retention runs, listing applications, directory
moderation and proposed changes are records staff read and decide on, never edit
field by field: each change goes through an audited action. So a `ReviewViewSet` is
Wagtail's `ModelViewSet` with the listing (filters, pagination, menu shown by the
permission policy) and the inspect view, an `add` view only where
`add_view_enabled`, and its `actions`: views named in the URL at `<name>/<pk>/`.
The generic edit, delete, copy, history and usage views are not offered.
"""

from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import View
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet


class ReviewViewSet(ModelViewSet):
    inspect_view_enabled = True
    copy_view_enabled = False
    add_view_enabled = False
    #: {URL name: view class}; each view gets `pk` and checks its own permission.
    actions = {}

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            edit_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            add_url_name=self.get_url_name("add") if self.add_view_enabled else None,
            **kwargs,
        )

    @property
    def url_finder_class(self):
        """Links from the site history and elsewhere open the inspect view."""
        finder = super().url_finder_class
        finder.edit_url_name = self.get_url_name("inspect")
        return finder

    def get_add_view_kwargs(self, **kwargs):
        """The add view brings its own form: a staff form, not one built from panels."""
        return {"template_name": self.create_template_name, **kwargs}

    def get_permissions_to_register(self):
        """Only what staff can do here: view and change (decide), and add where offered."""
        permissions = super().get_permissions_to_register().exclude(codename__startswith="delete_")
        if not self.add_view_enabled:
            permissions = permissions.exclude(codename__startswith="add_")
        return permissions

    def get_action_view_kwargs(self):
        return {
            "model": self.model,
            "inspect_url_name": self.get_url_name("inspect"),
            "index_url_name": self.get_url_name("index"),
        }

    def get_urlpatterns(self):
        patterns = [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]
        if self.add_view_enabled:
            patterns.append(path("new/", self.add_view, name="add"))
        for name, view_class in self.actions.items():
            view = self.construct_view(view_class, **self.get_action_view_kwargs())
            patterns.append(path(f"{name}/<int:pk>/", view, name=name))
        return patterns


class TemplateColumn(Column):
    """A listing cell drawn by its own template (given `instance`), including the <td>."""

    def __init__(self, name, template_name, **kwargs):
        super().__init__(name, **kwargs)
        self.cell_template_name = template_name


class FormsColumn(TemplateColumn):
    """A listing cell of POST forms (approve, reject...), with the CSRF token they need."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["csrf_token"] = get_token(parent_context["request"])
        return context


class ActionView(PermissionCheckedMixin, View):
    """One audited action on one record, by POST; back to where it was asked from.

    Needs the model's "change" permission unless `permission_required` says otherwise;
    `act(request, obj)` does the work and may return a response of its own.
    """

    http_method_names = ["post"]
    permission_required = "change"
    model = None
    inspect_url_name = None
    #: Where to go afterwards: the inspect view, or (None) the listing the form was on.
    return_to_inspect = True
    index_url_name = None

    def get_queryset(self):
        return self.model._default_manager.all()

    def post(self, request, pk):
        self.object = get_object_or_404(self.get_queryset(), pk=pk)
        return self.act(request, self.object) or redirect(self.get_success_url())

    def get_success_url(self):
        if self.return_to_inspect:
            return reverse(self.inspect_url_name, args=[self.object.pk])
        return reverse(self.index_url_name)

    def act(self, request, obj):
        raise NotImplementedError
