"""The public "add your company" and "claim this listing" forms."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ops.form_throttling import over_form_limit
from registry.trade_register.records import TradeRegisterError

from . import applications
from .forms import ApplicationForm, ContactPersonForm
from .models import Listing, ListingApplication
from .public import public_summary

RATE_LIMITED = _(
    "Too many forms have been sent from your address in a short time. "
    "Wait a minute and send the form again; your answers are kept below."
)


def _prefill(form):
    """The name and municipality from the Trade Register, into the form's data."""
    business_id = form.cleaned_data["business_id"]
    try:
        record = applications.from_trade_register(business_id)
    except TradeRegisterError:
        return _("The Trade Register did not answer. Fill in the company's details yourself.")
    if record is None:
        return _("The Trade Register has no company with this business ID.")
    data = form.data.copy()
    data["company_name"] = record.name
    address = record.address
    data["municipality"] = address.city if address else ""
    form.data = data
    return _("The name and municipality are from the Trade Register. Check them.")


def _only_business_id_errors(form):
    """Fetching asks about the business ID alone: the other fields may still be empty."""
    for name in list(form.errors):
        if name != "business_id":
            del form.errors[name]


def _company_url(page, request, listing):
    return page.get_url(request) + page.reverse_subpage("company", args=[listing.slug])


@never_cache
def apply(request, page):
    form = ApplicationForm(request.POST or None)
    status, note = 200, ""
    if request.method == "POST":
        if over_form_limit(request, "directory.application"):
            form.is_valid()
            form.add_error(None, RATE_LIMITED)
            status = 429
        elif "fetch" in request.POST:
            form.is_valid()
            if not form.has_error("business_id"):
                note = _prefill(form)
                form = ApplicationForm(form.data)
                form.is_valid()
            _only_business_id_errors(form)
        elif form.require_details():
            application = ListingApplication(
                kind=ListingApplication.Kind.NEW,
                business_id=form.cleaned_data["business_id"],
                company_name=form.cleaned_data["company_name"].strip(),
                municipality=form.cleaned_data["municipality"].strip(),
                description=form.cleaned_data["description"].strip(),
                language=get_language() or "fi",
                **form.contact_fields(),
            )
            applications.receive(application)
            return redirect(page.get_url(request) + page.reverse_subpage("applied"))
    listed = form.already_listed if form.is_bound else None
    return TemplateResponse(
        request,
        "directory/apply.html",
        {
            **page.get_context(request),
            "form": form,
            "note": note,
            "listed": listed,
            "listed_url": _company_url(page, request, listed) if listed else "",
            "claim_url": (
                page.get_url(request) + page.reverse_subpage("claim", args=[listed.slug])
                if listed
                else ""
            ),
            "index_url": page.get_url(request),
        },
        status=status,
    )


def applied(request, page):
    return TemplateResponse(
        request,
        "directory/applied.html",
        {**page.get_context(request), "index_url": page.get_url(request)},
    )


@never_cache
def claim(request, page, slug):
    listing = Listing.objects.public().select_related("organisation").filter(slug=slug).first()
    if listing is None:
        raise Http404
    company_url = _company_url(page, request, listing)
    context = {
        **page.get_context(request),
        "listing": public_summary(listing),
        "company_url": company_url,
        "request_link_url": page.get_url(request)
        + page.reverse_subpage("request_link", args=[slug]),
    }
    if applications.has_owner(listing):
        return TemplateResponse(request, "directory/claim.html", {**context, "owned": True})
    form = ContactPersonForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if over_form_limit(request, "directory.application"):
            form.add_error(None, RATE_LIMITED)
            status = 429
        elif applications.pending(listing.organisation.business_id):
            form.add_error(None, _("A claim of this listing is already waiting for our staff."))
            status = 409
        else:
            application = ListingApplication(
                kind=ListingApplication.Kind.CLAIM,
                listing=listing,
                business_id=listing.organisation.business_id,
                company_name=listing.name,
                municipality=listing.municipality,
                language=get_language() or "fi",
                **form.contact_fields(),
            )
            applications.receive(application)
            return redirect(page.get_url(request) + page.reverse_subpage("applied"))
    return TemplateResponse(
        request, "directory/claim.html", {**context, "form": form}, status=status
    )
