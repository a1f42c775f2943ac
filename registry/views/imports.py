"""Importing organisations or contacts from a CSV file, for those who may add them."""

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from ..csv_import import IMPORTERS, ImportFileError
from ..forms import ImportForm
from ..models import Contact, Organisation
from . import user_can_use


class ImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "registry/import.html"
    form_class = ImportForm
    page_title = gettext_lazy("Import from CSV")
    header_icon = "upload"
    models = {"organisations": Organisation, "contacts": Contact}

    def dispatch(self, request, *args, **kwargs):
        if not self.allowed_kinds():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def allowed_kinds(self):
        return [
            kind
            for kind, model in self.models.items()
            if user_can_use(self.request.user, model, ["add"])
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kinds": self.allowed_kinds()}

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def form_valid(self, form):
        kind = form.cleaned_data["kind"]
        importer = IMPORTERS[kind]()
        try:
            result = importer.run(
                form.cleaned_data["file"],
                self.request.user,
                skip_invalid=form.cleaned_data["skip_invalid"],
                dry_run="check" in self.request.POST,
            )
        except ImportFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        return self.render_to_response(
            self.get_context_data(form=form, result=result, kind=kind, model=self.models[kind])
        )


class ImportViewSet(ViewSet):
    name = "registry_import"
    url_prefix = "registry/import"
    icon = "upload"
    menu_label = gettext_lazy("Import from CSV")

    def get_urlpatterns(self):
        return [path("", ImportView.as_view(), name="index")]

    @cached_property
    def menu_item_class(self):
        from wagtail.admin.menu import MenuItem

        def is_shown(_self, request):
            return any(
                user_can_use(request.user, model, ["add"]) for model in ImportView.models.values()
            )

        return type("ImportMenuItem", (MenuItem,), {"is_shown": is_shown})
