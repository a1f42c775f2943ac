"""The directory's rules: what is public, owner edit links, owner changes and their approval."""

import base64
import datetime
import json
from dataclasses import dataclass, field

from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Site

from privacy.identifiers import normalise_email
from registry.models import Contact, Membership
from registry.trade_register.sync import fields_from_register

from .industries import section_name
from .models import (
    TEXT_FIELDS,
    VISIBILITY_FIELDS,
    DirectoryIndexPage,
    DirectorySettings,
    EditLink,
    Listing,
)
from .search.sync import sync_listing
from .translations import in_language, localized_service_name, service_names

TOKEN_SALT = "directory.edit-link"
RECIPIENT_SALT = "directory.edit-link.recipient"
# At most this many links requested through the public form per contact and window.
REQUESTS_PER_WINDOW = 3
REQUEST_WINDOW = datetime.timedelta(hours=1)


# -- what the public sees ------------------------------------------------------------


@dataclass
class ContactPerson:
    name: str
    role: str


@dataclass
class PublicListing:
    """Everything a visitor or crawler may see of one listing, and nothing else.

    Pages, JSON-LD, feeds and search results are built from this, never from the
    Listing itself, so a hidden field has no way onto a public surface.
    """

    slug: str
    name: str
    city: str
    municipality: str
    business_id: str
    industry_section: str
    industry_name: str
    description: str
    services: list
    logo: object = None
    street_address: str = ""
    postcode: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    social_profiles: list = field(default_factory=list)
    contact_persons: list = field(default_factory=list)
    # Some of what is shown comes from the Trade Register: the page credits it (CC BY 4.0).
    from_trade_register: bool = False

    @property
    def address_lines(self):
        city_line = " ".join(part for part in (self.postcode, self.city) if part)
        return [line for line in (self.street_address, city_line) if line]


def contact_persons(organisation):
    """Current members whose processing is not restricted, as name and role only."""
    memberships = (
        Membership.objects.filter(
            organisation=organisation, contact__processing_restricted=False, ended_on__isnull=True
        )
        .select_related("contact")
        .order_by("contact__last_name", "contact__first_name", "pk")
    )
    return [
        ContactPerson(name=m.contact.full_name, role=m.role)
        for m in memberships
        if m.contact.full_name
    ]


def public_listing(listing, with_contacts=True, names=None):
    """The listing as the public may see it; None when the listing is not public.

    Without contacts, it is what a search result shows: no contact persons and no logo.
    `names` is service_names() when a caller shows many listings (one lookup for all).
    """
    if not listing.is_public:
        return None
    organisation = listing.organisation
    shown = {name: getattr(listing, flag) for name, flag in VISIBILITY_FIELDS.items()}
    return PublicListing(
        slug=listing.slug,
        name=listing.name,
        city=listing.city,
        municipality=listing.municipality,
        business_id=organisation.business_id,
        industry_section=listing.industry_section,
        industry_name=section_name(listing.industry_section),
        description=in_language(listing, "description"),
        services=_service_names(listing, names),
        logo=listing.logo if with_contacts else None,
        street_address=organisation.street_address if shown["street_address"] else "",
        postcode=organisation.postcode,
        phone=listing.phone if shown["phone"] else "",
        email=listing.email if shown["email"] else "",
        website=listing.website if shown["website"] else "",
        social_profiles=list(listing.social_profiles) if shown["social_profiles"] else [],
        contact_persons=(
            contact_persons(organisation) if with_contacts and shown["contact_persons"] else []
        ),
        from_trade_register=with_contacts and _shows_register_data(organisation, shown),
    )


def _shows_register_data(organisation, shown):
    fields = fields_from_register(organisation)
    if not shown["street_address"]:
        fields.discard("street_address")
    # The website shown is the listing's own, not the register's.
    fields.discard("website")
    return bool(fields)


def _service_names(listing, translated=None):
    """The names in the visitor's language, each falling back to Finnish on its own."""
    # A search page's listings come with their Finnish names (directory.search.database).
    names = getattr(listing, "service_names", None)
    if names is None:
        return [in_language(service, "name") for service in listing.services.all()]
    translated = service_names() if translated is None else translated
    return [localized_service_name(name, translated) for name in names]


def json_ld(public, url):
    """schema.org Organization for a public listing, with only its public fields."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": public.name,
        "url": url,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": public.city,
            "addressCountry": "FI",
        },
    }
    if public.street_address:
        data["address"]["streetAddress"] = public.street_address
        if public.postcode:
            data["address"]["postalCode"] = public.postcode
    if public.business_id:
        data["vatID"] = "FI" + public.business_id.replace("-", "")
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "Y-tunnus",
            "value": public.business_id,
        }
    if public.description:
        data["description"] = public.description
    if public.phone:
        data["telephone"] = public.phone
    if public.email:
        data["email"] = public.email
    same_as = [link for link in [public.website, *public.social_profiles] if link]
    if same_as:
        data["sameAs"] = same_as
    if public.services:
        data["knowsAbout"] = public.services
    if public.contact_persons:
        data["employee"] = [
            {"@type": "Person", "name": p.name, **({"jobTitle": p.role} if p.role else {})}
            for p in public.contact_persons
        ]
    # Escaped for a <script> element: no "</script>" can close it early.
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# -- keeping copies in line ----------------------------------------------------------


def refresh_services_text(listing):
    listing.services_text = ", ".join(service.name for service in listing.services.all())
    Listing.objects.filter(pk=listing.pk).update(services_text=listing.services_text)
    sync_listing(listing)


def sync_from_organisation(organisation):
    """The organisation's name, city or industry changed: update its listing and the index."""
    try:
        listing = organisation.listing
    except Listing.DoesNotExist:
        return
    listing.organisation = organisation
    listing.save()


# -- owner edit links ----------------------------------------------------------------


class InvalidEditLink(Exception):
    """The link is altered, expired, used, for another listing, or its recipient left."""


def owner_contacts(listing):
    """Contacts the registry holds for the listing's organisation who may receive a link."""
    return (
        Contact.objects.unrestricted()
        .filter(
            memberships__organisation_id=listing.organisation_id,
            memberships__ended_on__isnull=True,
        )
        .exclude(email="")
        .distinct()
    )


def recipient_hash(email):
    """A keyed hash of an address as the register would hold it (no address is stored)."""
    try:
        email = normalise_email(email)
    except Exception:  # noqa: BLE001 (an invalid address is hashed as typed; it matches no one)
        email = (email or "").strip().lower()
    return salted_hmac(RECIPIENT_SALT, email, algorithm="sha256").hexdigest()


def recipient_is_current(link):
    """Whether the link's recipient is still an unrestricted, current member with that email.

    Asked when the link is opened and on every request of the edit session it opens.
    """
    contact = owner_contacts(link.listing).filter(pk=link.contact_id).first()
    return (
        contact is not None
        and bool(link.recipient_hash)
        and constant_time_compare(recipient_hash(contact.email), link.recipient_hash)
    )


def path_token(payload, salt):
    """A signed, timestamped token for one purpose (its salt), base64-encoded so that it
    fits a page path segment."""
    signed = signing.dumps(payload, salt=salt)
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def read_path_token(token, salt, max_age):
    """The payload of a path_token; raises signing.SignatureExpired or BadSignature."""
    try:
        signed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (ValueError, UnicodeDecodeError) as error:
        raise signing.BadSignature("not a token") from error
    return signing.loads(signed, salt=salt, max_age=max_age)


def make_token(link):
    return path_token({"link": link.pk, "listing": link.listing_id}, TOKEN_SALT)


def issue_edit_link(listing, contact, sent_by_staff=False):
    """A new single-use link for the listing, bound to the contact and address it goes to."""
    link = EditLink.objects.create(
        listing=listing,
        contact=contact,
        sent_by_staff=sent_by_staff,
        recipient_hash=recipient_hash(contact.email),
    )
    log(
        instance=listing,
        action="directory.edit_link_sent",
        data={"contact": f"contact #{contact.pk}", "link": link.pk},
    )
    return link, make_token(link)


def send_edit_link(listing, contact, build_url, sent_by_staff=False):
    link, token = issue_edit_link(listing, contact, sent_by_staff=sent_by_staff)
    url = build_url(token)
    body = render_to_string(
        "directory/email/edit_link.txt",
        {"listing": listing, "url": url, "hours": int(EditLink.VALID_FOR.total_seconds() // 3600)},
    )
    send_mail(
        _("Edit your listing in the company directory"),
        body,
        None,
        [contact.email],
    )
    return link


def send_requested_edit_link(listing_id, email_hash, page_id, page_url):
    """The background half of a visitor's request: find the owner by hash, send if known.

    Runs as `directory.tasks.send_requested_edit_link`, so the request that asked
    does the same work, and takes the same time, whether the address is known or
    not. Returns None in every case.
    """
    listing = Listing.objects.public().select_related("organisation").filter(pk=listing_id).first()
    page = DirectoryIndexPage.objects.filter(pk=page_id).first()
    if listing is None or page is None:
        return None
    contact = next(
        (
            contact
            for contact in owner_contacts(listing)
            if constant_time_compare(recipient_hash(contact.email), email_hash)
        ),
        None,
    )
    if contact is None:
        return None
    recent = EditLink.objects.filter(
        contact=contact, created_at__gte=timezone.now() - REQUEST_WINDOW
    ).count()
    if recent < REQUESTS_PER_WINDOW:  # the form cannot flood an owner's inbox

        def build_url(token):
            return page_url + page.reverse_subpage("redeem_link", args=[listing.slug, token])

        send_edit_link(listing, contact, build_url)
    return None


def redeem_edit_token(listing, token):
    """Check a token for this listing and use it up. Returns the EditLink.

    Raises InvalidEditLink when the signature does not match, the link is for
    another listing, has been used, has expired, or its recipient is no longer
    a current, unrestricted member with the address it was sent to.
    """
    try:
        payload = read_path_token(token, TOKEN_SALT, EditLink.VALID_FOR.total_seconds())
    except signing.SignatureExpired as error:
        raise InvalidEditLink("expired") from error
    except signing.BadSignature as error:
        raise InvalidEditLink("altered") from error
    if payload.get("listing") != listing.pk:
        raise InvalidEditLink("other listing")
    with transaction.atomic():
        link = (
            EditLink.objects.select_for_update()
            .filter(pk=payload.get("link"), listing=listing)
            .first()
        )
        if link is None:
            raise InvalidEditLink("unknown")
        if link.used_at is not None:
            raise InvalidEditLink("used")
        now = timezone.now()
        if link.expires_at <= now:
            raise InvalidEditLink("expired")
        if not recipient_is_current(link):
            raise InvalidEditLink("recipient")
        link.used_at = now
        link.save(update_fields=["used_at"])
    log(instance=listing, action="directory.edit_link_used", data={"link": link.pk})
    return link


def edit_session_link(listing, link_id):
    """The EditLink behind an edit session, while its recipient is still current; else None."""
    if link_id is None:
        return None
    link = EditLink.objects.select_related("listing").filter(pk=link_id, listing=listing).first()
    if link is None or not recipient_is_current(link):
        return None
    return link


# -- owner changes -------------------------------------------------------------------


def text_values(listing):
    return {
        "description": listing.description,
        "description_sv": listing.description_sv,
        "description_en": listing.description_en,
        "services": sorted(listing.services.values_list("pk", flat=True)),
        "phone": listing.phone,
        "email": listing.email,
        "website": listing.website,
        "social_profiles": list(listing.social_profiles),
    }


def visibility_values(listing):
    values = {flag: getattr(listing, flag) for flag in VISIBILITY_FIELDS.values()}
    values["status"] = listing.status
    return values


def _apply_text(listing, values):
    for name in TEXT_FIELDS:
        if name == "services" or name not in values:
            continue
        setattr(listing, name, values[name])
    listing.save()
    if "services" in values:
        listing.services.set(values["services"])
        refresh_services_text(listing)


def needs_approval(listing):
    site = Site.objects.filter(is_default_site=True).first()
    return DirectorySettings.for_site(site).owner_text_needs_approval if site else True


@transaction.atomic
def apply_owner_changes(listing, text, visibility, link=None):
    """Apply what the owner submitted; returns "saved", "pending" or "unchanged".

    Visibility takes effect at once (and leaves the index in the same request);
    text goes live at once or waits for approval as the site setting says.
    Every change is written to the audit log by the fields it changed, never their
    values: a phone or an email there may be a person's own.
    """
    old_text, old_visibility = text_values(listing), visibility_values(listing)
    new_text = {**old_text, **text, "services": sorted(text.get("services", old_text["services"]))}

    # Back from hidden: straight to public, or first past staff when text needs approval.
    if (
        visibility.get("status") == Listing.Status.PUBLIC
        and listing.status == Listing.Status.HIDDEN
        and needs_approval(listing)
    ):
        visibility = {**visibility, "status": Listing.Status.PENDING}
    visibility_changes = {
        key: {"old": old_visibility[key], "new": value}
        for key, value in visibility.items()
        if key in old_visibility and old_visibility[key] != value
    }
    text_changes = {
        key: {"old": old_text[key], "new": new_text[key]}
        for key in TEXT_FIELDS
        if old_text[key] != new_text[key]
    }
    link_data = {"link": link.pk} if link else {}

    if visibility_changes:
        for key, change in visibility_changes.items():
            setattr(listing, key, change["new"])
        listing.save()  # post_save brings the search index in line before we answer
        log(
            instance=listing,
            action="directory.owner_visibility",
            data={"changes": visibility_changes, **link_data},  # switches, not values
        )

    if not text_changes:
        return "saved" if visibility_changes else "unchanged"
    if needs_approval(listing):
        listing.pending_changes = {key: change["new"] for key, change in text_changes.items()}
        listing.pending_since = timezone.now()
        listing.save(update_fields=["pending_changes", "pending_since"])
        log(
            instance=listing,
            action="directory.owner_proposed",
            data={"fields": sorted(text_changes), **link_data},
        )
        return "pending"
    _apply_text(listing, {key: change["new"] for key, change in text_changes.items()})
    log(
        instance=listing,
        action="directory.owner_edit",
        data={"fields": sorted(text_changes), **link_data},
    )
    return "saved"


@transaction.atomic
def approve_pending_changes(listing, user):
    pending = dict(listing.pending_changes)
    if not pending:
        return False
    _apply_text(listing, pending)
    listing.pending_changes = {}
    listing.pending_since = None
    listing.save(update_fields=["pending_changes", "pending_since"])
    log(
        instance=listing,
        action="directory.changes_approved",
        user=user,
        data={"fields": sorted(pending)},
    )
    return True


@transaction.atomic
def reject_pending_changes(listing, user):
    if not listing.pending_changes:
        return False
    log(
        instance=listing,
        action="directory.changes_rejected",
        user=user,
        data={"fields": sorted(listing.pending_changes)},
    )
    listing.pending_changes = {}
    listing.pending_since = None
    listing.save(update_fields=["pending_changes", "pending_since"])
    return True
