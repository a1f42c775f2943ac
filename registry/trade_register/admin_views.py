"""Admin views: compare an organisation with the Trade Register and take the fields staff
pick, and start a new organisation from a business ID."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views import snippets

from home.validators import validate_business_id

from ..models import Organisation, TradeRegisterState
from .client import TradeRegisterClient, Unavailable
from .records import TradeRegisterError
from .sync import FIELDS, apply, differences, prefilled, same


def fetch_error_message(error):
    if isinstance(error, Unavailable):
        return gettext("The Trade Register did not answer. Nothing was changed; try again later.")
    return gettext(
        "The Trade Register's answer could not be read. Nothing was changed; try again later."
    )


class PermissionPolicyMixin:
    """Checks the viewset's permission policy (the organisation model's) for one action."""

    permission_policy = None
    permission_required = "change"
    index_url_name = None
    add_url_name = None
    edit_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, self.permission_required):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": Organisation._meta.verbose_name_plural},
            {"url": "", "label": self.get_page_title()},
        ]


class CompareView(PermissionPolicyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "registry/trade_register/compare.html"
    page_title = gettext_lazy("Fetch from the Trade Register")
    header_icon = "download"

    def dispatch(self, request, pk):
        self.organisation = get_object_or_404(Organisation, pk=pk)
        return super().dispatch(request, pk)

    @cached_property
    def edit_url(self):
        return reverse(self.edit_url_name, args=[self.organisation.pk])

    def get_page_subtitle(self):
        return self.organisation.name

    def fetch(self):
        if not self.organisation.business_id:
            messages.error(self.request, gettext("The organisation has no business ID."))
            return None
        try:
            record = TradeRegisterClient().company(self.organisation.business_id)
        except TradeRegisterError as error:
            messages.error(self.request, fetch_error_message(error))
            return None
        if record is None:
            messages.warning(
                self.request, gettext("The Trade Register has no company with this business ID.")
            )
        return record

    def get(self, request, pk):
        record = self.fetch()
        if record is None:
            return redirect(self.edit_url)
        return self.render_to_response(
            self.get_context_data(
                record=record,
                differences=differences(self.organisation, record),
                state_label=TradeRegisterState(record.state).label,
                sources=sources_shown(self.organisation),
                edit_url=self.edit_url,
            )
        )

    def post(self, request, pk):
        # The values are fetched again: what is written comes from the register, not the form.
        record = self.fetch()
        if record is None:
            return redirect(self.edit_url)
        picked = set(request.POST.getlist("fields"))
        written = apply(self.organisation, record, picked, request.user)
        if written:
            messages.success(
                request,
                gettext("Taken from the Trade Register: %(fields)s.")
                % {"fields": ", ".join(str(FIELDS[name].label) for name in written)},
            )
        else:
            messages.info(request, gettext("Nothing was changed."))
        return redirect(self.edit_url)


def sources_shown(organisation):
    """Each synced field's recorded source and date, and whether it was changed since."""
    sources = []
    for source in organisation.field_sources.order_by("field"):
        synced = FIELDS.get(source.field)
        if synced is None:
            continue
        source.label = synced.label
        source.changed_here = not same(synced.read(organisation), source.value)
        sources.append(source)
    return sources


class BusinessIdForm(forms.Form):
    business_id = forms.CharField(
        label=gettext_lazy("Business ID"),
        max_length=9,
        validators=[validate_business_id],
        help_text=gettext_lazy("For example 1234567-8."),
    )

    def clean_business_id(self):
        business_id = self.cleaned_data["business_id"].strip()
        if Organisation.objects.filter(business_id=business_id).exists():
            raise forms.ValidationError(
                gettext_lazy("An organisation with this business ID is already in the register.")
            )
        return business_id


class StartView(PermissionPolicyMixin, WagtailAdminTemplateMixin, FormView):
    """Asks for a business ID; the add form then opens with the register's values."""

    template_name = "registry/trade_register/start.html"
    page_title = gettext_lazy("Add from the Trade Register")
    header_icon = "download"
    permission_required = "add"
    form_class = BusinessIdForm

    def form_valid(self, form):
        query = urlencode({"business_id": form.cleaned_data["business_id"]})
        return redirect(f"{reverse(self.add_url_name)}?{query}")


class PrefilledCreateView(snippets.CreateView):
    """The add form, filled in from the Trade Register when opened with ?business_id=."""

    def get_initial_form_instance(self):
        business_id = self.request.GET.get("business_id", "")
        if self.request.method != "GET" or not business_id:
            return super().get_initial_form_instance()
        try:
            validate_business_id(business_id)
            record = TradeRegisterClient().company(business_id)
        except forms.ValidationError:
            return super().get_initial_form_instance()
        except TradeRegisterError as error:
            messages.error(self.request, fetch_error_message(error))
            return super().get_initial_form_instance()
        if record is None:
            messages.warning(
                self.request, gettext("The Trade Register has no company with this business ID.")
            )
            return Organisation(business_id=business_id)
        messages.info(
            self.request,
            gettext("Filled in from the Trade Register. Check the values and save."),
        )
        return prefilled(record)


class EditView(snippets.EditView):
    trade_register_url_name = None

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.object.business_id:
            buttons.append(
                Button(
                    gettext("Fetch from the Trade Register"),
                    url=reverse(self.trade_register_url_name, args=[self.object.pk]),
                    icon_name="download",
                    priority=5,
                )
            )
        return buttons
