"""Admin views of the register: organisations, contacts, their history and import.

Every view checks a registry permission (Wagtail's model permissions on the
register's models, granted to the groups of migration 0003); every view that
shows a contact, and editing, exporting and deleting, are written to Wagtail's
log entries (`registry.audit`). Deleting a contact erases the person
(`registry.actions`).
"""

import django_filters
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.actions.registry import action_registry
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.log_actions import registry as log_registry
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views import snippets

from privacy.spreadsheet import neutralise_formula

from . import audit
from .actions import ERASURE_WARNING
from .csv_export import EXPORTS
from .csv_import import IMPORTERS, ImportFileError
from .forms import ImportForm
from .models import (
    Contact,
    CustomerEvent,
    LegalBasis,
    Membership,
    Organisation,
    TradeRegisterState,
)

ANY_PERMISSION = ("add", "change", "delete", "view")
TIMELINE_PAGE_SIZE = 50


def user_can_use(user, model, actions=ANY_PERMISSION):
    return policy_registry.get_by_type(model).user_has_any_permission(user, actions)


# --- Choosers -------------------------------------------------------------
# Wagtail's generic chooser views only require admin access; the register's
# choosers list people and companies, so they check a registry permission.


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


# --- Listings and export --------------------------------------------------


class RegistryIndexView(snippets.IndexView):
    """A listing whose export is audited and safe to open in a spreadsheet."""

    export_formats = ("csv", "xlsx")

    @cached_property
    def export_spec(self):
        return EXPORTS[self.model]

    @cached_property
    def list_export(self):
        return self.export_spec[0]

    @cached_property
    def export_headings(self):
        return {column: column for column in self.list_export}

    def to_row_dict(self, item):
        return self.export_spec[2](item)

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise_formula(value)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        audit.log_export(queryset, self.request.user, spreadsheet_format)
        return super().as_spreadsheet(self.export_spec[1](queryset), spreadsheet_format)

    def search_queryset(self, queryset):
        """Every word must match one of the search fields: "maija meikäläinen" finds her."""
        if not self.is_searching:
            return queryset
        for word in self.search_query.split():
            query = Q()
            for field in self.search_fields:
                query |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(query)
        return queryset


def municipality_choices():
    return [
        (name, name)
        for name in Organisation.objects.exclude(municipality="")
        .order_by("municipality")
        .values_list("municipality", flat=True)
        .distinct()
    ]


def industry_choices():
    return [
        (name, name)
        for name in Organisation.objects.exclude(industry="")
        .order_by("industry")
        .values_list("industry", flat=True)
        .distinct()
    ]


class OrganisationFilterSet(WagtailFilterSet):
    municipality = django_filters.ChoiceFilter(
        label=_("Municipality"), choices=municipality_choices
    )
    industry = django_filters.ChoiceFilter(label=_("Industry"), choices=industry_choices)
    is_business_customer = django_filters.BooleanFilter(label=_("Business customer"))
    trade_register_state = django_filters.ChoiceFilter(
        label=_("State in the Trade Register"),
        field_name="trade_register__state",
        choices=TradeRegisterState.choices,
    )

    class Meta:
        model = Organisation
        fields = ["municipality", "industry", "is_business_customer", "trade_register_state"]


class ContactFilterSet(WagtailFilterSet):
    municipality = django_filters.ChoiceFilter(
        label=_("Municipality of the organisation"),
        choices=municipality_choices,
        method="filter_by_organisation",
    )
    industry = django_filters.ChoiceFilter(
        label=_("Industry of the organisation"),
        choices=industry_choices,
        method="filter_by_organisation",
    )
    legal_basis = django_filters.ChoiceFilter(label=_("Legal basis"), choices=LegalBasis.choices)
    processing_restricted = django_filters.BooleanFilter(label=_("Processing restricted"))

    class Meta:
        model = Contact
        fields = ["municipality", "industry", "legal_basis", "processing_restricted"]

    def filter_by_organisation(self, queryset, name, value):
        memberships = Membership.objects.filter(
            contact=OuterRef("pk"), **{f"organisation__{name}": value}
        )
        return queryset.filter(Exists(memberships))


class OrganisationIndexView(RegistryIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("trade_register")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            buttons.append(
                HeaderButton(
                    gettext_lazy("Add from the Trade Register"),
                    url=reverse("wagtailsnippets_registry_organisation:trade_register_start"),
                    icon_name="download",
                )
            )
        return buttons


class ContactIndexView(RegistryIndexView):
    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if not self.is_export:  # an export logs each row it holds
            audit.log_shown(
                self.model,
                [contact.pk for contact in context["object_list"]],
                self.request.user,
                "list",
                searched=self.is_searching,
            )
        return context

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=Membership.objects.select_related("organisation").order_by("pk"),
                )
            )
        )

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        """A contact's name links to the contact page with its timeline."""
        column_class = self._get_title_column_class(column_class)
        return column_class(
            "name",
            label=gettext_lazy("Name"),
            accessor=str,
            sort_key="last_name",
            get_url=lambda instance: self.get_inspect_url(instance) or self.get_edit_url(instance),
            get_title_id=lambda instance: f"snippet_{quote(instance.pk)}_title",
        )


def organisation_names(contact):
    return ", ".join(m.organisation.name for m in contact.memberships.all())


# --- The contact page -----------------------------------------------------


class ContactInspectView(snippets.InspectView):
    """The contact page: details, memberships, consents and the customer-event timeline."""

    template_name = "registry/contact/inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Contact.objects.prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=Membership.objects.select_related("organisation").order_by("pk"),
                ),
                "phones",
                "web_links",
                "consents__text_version",
                "ip_addresses",
                "service_orders",
            ),
            pk=unquote(str(self.pk)),
        )

    def get(self, request, *args, **kwargs):
        audit.log_view(self.object, request.user, "inspect")
        return super().get(request, *args, **kwargs)

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        viewset = Contact.snippet_viewset
        if user_can_use(self.request.user, Contact, ["change", "delete"]):
            buttons.append(
                Button(
                    gettext("History"),
                    url=reverse(viewset.get_url_name("history"), args=(quote(self.object.pk),)),
                    icon_name="history",
                    priority=30,
                )
            )
        if self.request.user.has_perm("registry.view_access_log_contact"):
            buttons.append(
                Button(
                    gettext("Who viewed"),
                    url=reverse(viewset.get_url_name("access_log"), args=(quote(self.object.pk),)),
                    icon_name="view",
                    priority=40,
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events = (
            CustomerEvent.objects.filter(contact=self.object)
            .select_related("organisation", "recorded_by")
            .order_by("-occurred_at", "-pk")
        )
        context["timeline"] = Paginator(events, TIMELINE_PAGE_SIZE).get_page(
            self.request.GET.get("events")
        )
        return context


class ContactEditView(snippets.EditView):
    """Opening the edit form shows the person's data, so it is logged as a view."""

    def get(self, request, *args, **kwargs):
        audit.log_view(self.object, request.user, "edit")
        return super().get(request, *args, **kwargs)


class ContactHistoryView(snippets.HistoryView):
    """Changes to a contact. Views and exports are in the access log."""

    def get(self, request, *args, **kwargs):
        audit.log_view(self.object, request.user, "history")
        return super().get(request, *args, **kwargs)

    def get_base_queryset(self):
        return super().get_base_queryset().exclude(action__in=audit.ACCESS_ACTIONS)


class ContactUsageView(snippets.UsageView):
    def get(self, request, *args, **kwargs):
        audit.log_view(self.object, request.user, "usage")
        return super().get(request, *args, **kwargs)


class ContactDeleteView(snippets.DeleteView):
    """The delete confirmation says it is an erasure; deleting erases (registry.actions)."""

    @property
    def confirmation_message(self):
        return ERASURE_WARNING

    def get(self, request, *args, **kwargs):
        audit.log_view(self.object, request.user, "delete")
        return super().get(request, *args, **kwargs)


class ContactAccessLogView(snippets.HistoryView):
    """Who viewed or exported a contact, and when (for the privacy officer)."""

    any_permission_required = None
    permission_required = "view_access_log"
    page_title = gettext_lazy("Who viewed")
    access_log_url_name = None

    def get_base_queryset(self):
        queryset = log_registry.get_logs_for_instance(self.object).filter(
            action__in=audit.ACCESS_ACTIONS
        )
        return self._annotate_queryset(queryset)

    def get_index_url(self):
        return reverse(self.access_log_url_name, args=(quote(self.object.pk),))

    def get_index_results_url(self):
        return self.get_index_url()

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        items[-1] = {**items[-1], "label": self.page_title}
        return items

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                label=gettext("Contact page"),
                url=reverse(
                    Contact.snippet_viewset.get_url_name("inspect"), args=(quote(self.object.pk),)
                ),
                icon_name="user",
            )
        ]


# --- Bulk delete ----------------------------------------------------------


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


# --- Import ---------------------------------------------------------------


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
