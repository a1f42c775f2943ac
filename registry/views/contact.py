"""The contact page and the views around one contact, each audited as a view."""

from django.contrib.admin.utils import quote, unquote
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.log_actions import registry as log_registry
from wagtail.snippets.views import snippets

from .. import audit
from ..actions import ERASURE_WARNING
from ..models import Contact, CustomerEvent, Membership
from . import user_can_use

TIMELINE_PAGE_SIZE = 50


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
        if user_can_use(self.request.user, Contact, ["change", "delete"]):
            buttons.append(self._button(gettext("History"), "history", "history", priority=30))
        if self.request.user.has_perm("registry.view_access_log_contact"):
            buttons.append(self._button(gettext("Who viewed"), "access_log", "view", priority=40))
        return buttons

    def _button(self, label, view_name, icon_name, priority):
        """A header button to another of the contact's admin views."""
        url_name = Contact.snippet_viewset.get_url_name(view_name)
        url = reverse(url_name, args=(quote(self.object.pk),))
        return Button(label, url=url, icon_name=icon_name, priority=priority)

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
