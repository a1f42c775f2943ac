"""The listings of organisations and contacts: filters, search, audited export."""

import django_filters
from django.contrib.admin.utils import quote
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views import snippets

from privacy.spreadsheet import neutralise_formula

from .. import audit
from ..csv_export import EXPORTS
from ..models import Contact, LegalBasis, Membership, Organisation, TradeRegisterState


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


def _values_in_use(field):
    """(value, value) for each distinct non-empty value of an organisation field."""
    values = Organisation.objects.exclude(**{field: ""}).order_by(field)
    return [(value, value) for value in values.values_list(field, flat=True).distinct()]


def municipality_choices():
    return _values_in_use("municipality")


def industry_choices():
    return _values_in_use("industry")


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
