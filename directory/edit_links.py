"""Owner edit links: single-use, expiring, bound to the contact and address they go to."""

import base64
import datetime

from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from privacy.identifiers import normalise_email
from registry.models import Contact

from .models import DirectoryIndexPage, EditLink, Listing

TOKEN_SALT = "directory.edit-link"
RECIPIENT_SALT = "directory.edit-link.recipient"
# At most this many links requested through the public form per contact and window.
REQUESTS_PER_WINDOW = 3
REQUEST_WINDOW = datetime.timedelta(hours=1)


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
