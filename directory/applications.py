"""Adding a company to the directory, and claiming a listing nobody owns.

A business applies on the public form; staff approve the application into an
organisation of the register (filled in from the Trade Register where it has the
company), a public listing and an owner contact, or reject it with a reason. A
claim, approved, makes the claimant the owner contact of a listing that had none.
Either way the applicant is emailed in the language they applied in, and an
approved owner gets the usual edit link.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from registry.form_senders import (
    add_phone,
    find_or_create_contact,
    record_consent,
    record_form_sent,
)
from registry.models import LegalBasis, Membership, Organisation
from registry.trade_register.client import TradeRegisterClient
from registry.trade_register.records import TradeRegisterError
from registry.trade_register.sync import FIELDS, apply

from . import edit_links
from .models import DirectoryIndexPage, Listing, ListingApplication

RECEIVED = "directory.application_received"
APPROVED = "directory.application_approved"
REJECTED = "directory.application_rejected"
CONSENT_PURPOSE = "Yrityshakemiston yhteyshenkilö"


class ApplicationError(Exception):
    """The application can no longer be approved as it stands (the message says why)."""


def listed(business_id):
    """The listing of the organisation with this business ID, or None."""
    return Listing.objects.filter(organisation__business_id=business_id).first()


def pending(business_id):
    return ListingApplication.objects.filter(
        business_id=business_id, status=ListingApplication.Status.PENDING
    ).exists()


def has_owner(listing):
    return edit_links.owner_contacts(listing).exists()


def from_trade_register(business_id):
    """The register's record of the company, None when it has none; raises when it is down."""
    return TradeRegisterClient().company(business_id)


# -- receiving -----------------------------------------------------------------------


def _reviewer_addresses():
    users = get_user_model().objects.with_perm(
        "directory.change_listingapplication",
        backend="django.contrib.auth.backends.ModelBackend",
    )
    return sorted({user.email for user in users.filter(is_active=True) if user.email})


@transaction.atomic
def receive(application):
    """Store a valid application and tell the applicant and the reviewers (outbox, same
    transaction: nothing is sent for an application that was not stored)."""
    application.save()
    log(instance=application, action=RECEIVED, data={"kind": application.kind})
    with translation.override(application.language):
        send_mail(
            _("We received your application to the company directory"),
            render_to_string(
                "directory/email/application_received.txt", {"application": application}
            ),
            None,
            [application.email],
        )
    reviewers = _reviewer_addresses()
    if reviewers:
        url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "directory_applications:inspect", args=[application.pk]
        )
        with translation.override(settings.LANGUAGE_CODE):
            send_mail(
                _("A new application to the company directory"),
                # The company, never the person: this goes to every reviewer's inbox.
                _("%(company)s (%(business_id)s) applied. Decide in the admin:\n\n%(url)s")
                % {
                    "company": application.company_name,
                    "business_id": application.business_id,
                    "url": url,
                },
                None,
                reviewers,
            )
    return application


# -- deciding ------------------------------------------------------------------------


def _organisation(application, user):
    organisation = Organisation.objects.filter(business_id=application.business_id).first()
    if organisation is None:
        organisation = Organisation.objects.create(
            name=application.company_name,
            business_id=application.business_id,
            municipality=application.municipality,
        )
    try:
        record = from_trade_register(application.business_id)
    except TradeRegisterError:
        record = None  # the daily refresh fills it in later
    if record is not None:
        apply(organisation, record, list(FIELDS), user)
        organisation.refresh_from_db()
    return organisation


def _owner_contact(application, organisation):
    """The register's contact with the applicant's address, or a new one; then their
    membership, consent and a customer event, as a web form's submission would add."""
    contact, _created = find_or_create_contact(
        application.email,
        LegalBasis.CONSENT,
        first_name=application.first_name,
        last_name=application.last_name,
        position=application.role,
    )
    if application.phone:
        add_phone(contact, application.phone, _("directory application"))
    Membership.objects.get_or_create(
        contact=contact, organisation=organisation, role=application.role
    )
    record_consent(
        contact, CONSENT_PURPOSE, application.consent_text, given_at=application.created_at
    )
    record_form_sent(
        contact,
        organisation,
        occurred_at=application.created_at,
        description=_("Company directory application #%(id)s") % {"id": application.pk},
    )
    return contact


def _decided(application, status, user, **fields):
    application.status = status
    application.decided_at = timezone.now()
    application.decided_by = user
    for name, value in fields.items():
        setattr(application, name, value)
    application.save()


def _edit_link_url(listing, contact, page):
    _link, token = edit_links.issue_edit_link(listing, contact, sent_by_staff=True)
    return page.localized.get_full_url() + page.reverse_subpage(
        "redeem_link", args=[listing.slug, token]
    )


@transaction.atomic
def approve(application, user):
    """A new listing (organisation, listing, owner) or a claim's owner; emails the owner."""
    application = ListingApplication.objects.select_for_update().get(pk=application.pk)
    if not application.is_pending:
        raise ApplicationError(_("The application has already been decided."))
    page = DirectoryIndexPage.objects.live().first()
    if application.kind == ListingApplication.Kind.NEW:
        if listed(application.business_id) is not None:
            raise ApplicationError(_("A company with this business ID is already listed."))
        organisation = _organisation(application, user)
        listing = Listing.objects.create(
            organisation=organisation,
            status=Listing.Status.PUBLIC,
            description=application.description,
            confirmed_at=timezone.now(),
        )
    else:
        listing = application.listing
        if listing is None:
            raise ApplicationError(_("The listing claimed no longer exists."))
        if has_owner(listing):
            raise ApplicationError(_("The listing has an owner contact already."))
        organisation = listing.organisation
    contact = _owner_contact(application, organisation)
    _decided(application, ListingApplication.Status.APPROVED, user, listing=listing)
    log(instance=application, action=APPROVED, user=user, data={"listing": listing.pk})
    with translation.override(application.language):
        edit_url = _edit_link_url(listing, contact, page) if page else ""
        company_url = (
            page.localized.get_full_url() + page.reverse_subpage("company", args=[listing.slug])
            if page
            else ""
        )
        send_mail(
            _("Your company is in the directory"),
            render_to_string(
                "directory/email/application_approved.txt",
                {
                    "application": application,
                    "listing": listing,
                    "edit_url": edit_url,
                    "company_url": company_url,
                },
            ),
            None,
            [application.email],
        )
    return listing


@transaction.atomic
def reject(application, user, reason):
    application = ListingApplication.objects.select_for_update().get(pk=application.pk)
    if not application.is_pending:
        raise ApplicationError(_("The application has already been decided."))
    _decided(application, ListingApplication.Status.REJECTED, user, rejection_reason=reason)
    log(instance=application, action=REJECTED, user=user)
    with translation.override(application.language):
        send_mail(
            _("Your application to the company directory"),
            render_to_string(
                "directory/email/application_rejected.txt", {"application": application}
            ),
            None,
            [application.email],
        )
    return application
