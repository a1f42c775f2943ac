"""The register's admin viewsets: what each listing shows, its filters and edit panels.

Grouped under one "Register" menu by `RegisterViewSetGroup` (see wagtail_hooks.py).
"""

from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.snippets.views import snippets

from .forms import ContactForm
from .models import Contact, Organisation, TradeRegisterState, TradeRegisterStatus
from .trade_register import admin_views as trade_register_views
from .views.choosers import RegistryChooserViewSet
from .views.contact import (
    ContactAccessLogView,
    ContactDeleteView,
    ContactEditView,
    ContactHistoryView,
    ContactInspectView,
    ContactUsageView,
)
from .views.imports import ImportViewSet
from .views.listings import (
    ContactFilterSet,
    ContactIndexView,
    OrganisationFilterSet,
    OrganisationIndexView,
    organisation_names,
)


def trade_register_flag(organisation):
    """The company's state when it is not simply active (flagged in the list)."""
    try:
        status = organisation.trade_register
    except TradeRegisterStatus.DoesNotExist:
        return ""
    return "" if status.state == TradeRegisterState.ACTIVE else status.get_state_display()


class OrganisationViewSet(snippets.SnippetViewSet):
    model = Organisation
    icon = "site"
    menu_label = gettext_lazy("Organisations")
    index_view_class = OrganisationIndexView
    add_view_class = trade_register_views.PrefilledCreateView
    edit_view_class = trade_register_views.EditView
    chooser_viewset_class = RegistryChooserViewSet
    filterset_class = OrganisationFilterSet
    search_fields = ["name", "business_id", "municipality", "industry"]
    list_display = [
        "name",
        "business_id",
        "municipality",
        "industry",
        "is_business_customer",
        StatusTagColumn(
            "trade_register_state",
            label=_("Trade Register"),
            accessor=trade_register_flag,
        ),
    ]
    list_per_page = 25
    inspect_view_enabled = True
    copy_view_enabled = False
    export_filename = "organisations"

    panels = [
        FieldPanel("name"),
        FieldPanel("business_id"),
        FieldRowPanel(
            [
                FieldPanel("industry_code"),
                FieldPanel("industry_classification"),
                FieldPanel("industry"),
            ]
        ),
        FieldPanel("municipality"),
        FieldPanel("is_business_customer"),
        *Organisation.panels,
        InlinePanel("web_links", heading=_("Websites and social media"), label=_("Link")),
        FieldPanel("notes"),
    ]

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(
            trade_register_url_name=self.get_url_name("trade_register"), **kwargs
        )

    def _trade_register_view_kwargs(self):
        return {
            "permission_policy": self.permission_policy,
            "index_url_name": self.get_url_name("list"),
            "add_url_name": self.get_url_name("add"),
            "edit_url_name": self.get_url_name("edit"),
        }

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "trade-register/<int:pk>/",
                trade_register_views.CompareView.as_view(**self._trade_register_view_kwargs()),
                name="trade_register",
            ),
            path(
                "trade-register/start/",
                trade_register_views.StartView.as_view(**self._trade_register_view_kwargs()),
                name="trade_register_start",
            ),
        ]


class ContactViewSet(snippets.SnippetViewSet):
    model = Contact
    icon = "user"
    menu_label = gettext_lazy("Contacts")
    index_view_class = ContactIndexView
    inspect_view_class = ContactInspectView
    edit_view_class = ContactEditView
    history_view_class = ContactHistoryView
    usage_view_class = ContactUsageView
    delete_view_class = ContactDeleteView
    edit_template_name = "registry/contact/edit.html"
    chooser_viewset_class = RegistryChooserViewSet
    filterset_class = ContactFilterSet
    search_fields = ["first_name", "last_name", "email", "position"]
    list_per_page = 25
    inspect_view_enabled = True
    copy_view_enabled = False
    export_filename = "contacts"

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
                    FieldPanel("position"),
                    FieldPanel("email"),
                    InlinePanel("phones", heading=_("Phone numbers"), label=_("Phone")),
                    InlinePanel(
                        "web_links",
                        heading=_("Websites and social media"),
                        label=_("Link"),
                    ),
                    *Contact.panels,
                    FieldPanel("notes"),
                ],
                heading=_("Person"),
            ),
            ObjectList(
                [InlinePanel("memberships", heading=_("Organisations"), label=_("Role"))],
                heading=_("Organisations"),
            ),
            ObjectList(
                [
                    InlinePanel(
                        "events",
                        heading=_("Customer events"),
                        label=_("Customer event"),
                        panels=[
                            FieldRowPanel([FieldPanel("kind"), FieldPanel("channel")]),
                            FieldPanel("occurred_at"),
                            FieldPanel("organisation"),
                            FieldPanel("description"),
                        ],
                    )
                ],
                heading=_("Customer events"),
            ),
            ObjectList(
                [
                    FieldPanel("legal_basis"),
                    FieldPanel("source"),
                    MultiFieldPanel(
                        [
                            FieldPanel("processing_restricted"),
                            FieldPanel("restriction_reason"),
                            FieldPanel("restricted_at"),
                        ],
                        heading=_("Restriction of processing"),
                    ),
                ],
                heading=_("Legal basis"),
            ),
        ],
        base_form_class=ContactForm,
    )

    @cached_property
    def list_display(self):
        return [
            "name",
            "email",
            Column("organisations", label=_("Organisations"), accessor=organisation_names),
            "legal_basis",
            DateColumn(
                "last_customer_event_at",
                label=_("Last customer event"),
                sort_key="last_customer_event_at",
            ),
            StatusTagColumn(
                "restricted",
                label=_("Processing"),
                accessor=lambda contact: (
                    gettext("Restricted") if contact.processing_restricted else ""
                ),
                primary=True,
            ),
        ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("access-log/<int:pk>/", self.access_log_view, name="access_log"),
            path(
                "access-log-results/<int:pk>/",
                self.access_log_results_view,
                name="access_log_results",
            ),
        ]

    def get_access_log_view_kwargs(self):
        return {
            **self.get_history_view_kwargs(),
            "history_results_url_name": self.get_url_name("access_log_results"),
            "access_log_url_name": self.get_url_name("access_log"),
            "header_icon": "view",
        }

    @property
    def access_log_view(self):
        return self.construct_view(ContactAccessLogView, **self.get_access_log_view_kwargs())

    @property
    def access_log_results_view(self):
        return self.construct_view(
            ContactAccessLogView, **self.get_access_log_view_kwargs(), results_only=True
        )


class RegisterViewSetGroup(snippets.SnippetViewSetGroup):
    menu_label = gettext_lazy("Register")
    menu_icon = "group"
    menu_name = "register"
    menu_order = 250
    items = (ContactViewSet, OrganisationViewSet, ImportViewSet)
