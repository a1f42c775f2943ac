"""Listings that stay current (GDPR art. 5(1)(d) accuracy).

Once a year each public listing's owner contacts are emailed a reminder: one link
confirms the listing as it is, the other opens the owner edit form. A second
reminder follows a month later; a listing still unconfirmed a month after that is
flagged for the directory's staff (the listings' "unconfirmed" filter in the
admin). Confirming, or saving on the edit form, starts the year again.

The confirmation link is signed for this one purpose (its own salt), bound to the
listing, the contact and the address it went to, expires after CONFIRM_VALID_FOR,
and works once: a confirmation after the reminder was sent ends it.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from . import edit_links
from .models import DirectoryIndexPage, EditLink, Listing
from .trade_register import listing_staff_addresses

CONFIRM_SALT = "directory.confirm-listing"
REMIND_AFTER = datetime.timedelta(days=365)
REMIND_AGAIN_AFTER = datetime.timedelta(days=30)
FLAG_AFTER = datetime.timedelta(days=30)
CONFIRM_VALID_FOR = datetime.timedelta(days=60)
REMINDERS = 2
# The reminder is written in each of the site's languages, Finnish first: the
# register does not know which one an owner reads.
EMAIL_LANGUAGES = ("fi", "sv", "en")

CONFIRMED = "directory.listing_confirmed"
REMINDED = "directory.confirmation_reminder_sent"
FLAGGED = "directory.listing_unconfirmed"


class InvalidConfirmation(Exception):
    """Altered, expired, already used, for another listing, or its recipient left."""


# -- the link ------------------------------------------------------------------------


def confirm_token(listing, contact, sent):
    payload = {
        "listing": listing.pk,
        "contact": contact.pk,
        "sent": int(sent.timestamp()),
        "to": edit_links.recipient_hash(contact.email),
    }
    return edit_links.path_token(payload, CONFIRM_SALT)


def check_token(listing, token):
    """The contact the token was sent to, while it may still confirm the listing."""
    try:
        payload = edit_links.read_path_token(token, CONFIRM_SALT, CONFIRM_VALID_FOR.total_seconds())
    except signing.BadSignature as error:
        raise InvalidConfirmation("altered or expired") from error
    if payload.get("listing") != listing.pk:
        raise InvalidConfirmation("other listing")
    sent = datetime.datetime.fromtimestamp(payload.get("sent", 0), tz=datetime.UTC)
    if listing.confirmed_at is not None and listing.confirmed_at >= sent:
        raise InvalidConfirmation("used")
    contact = edit_links.owner_contacts(listing).filter(pk=payload.get("contact")).first()
    if contact is None or not constant_time_compare(
        edit_links.recipient_hash(contact.email), payload.get("to", "")
    ):
        raise InvalidConfirmation("recipient")
    return contact


def confirm(listing, contact=None, now=None):
    """The owner says the listing is current: the year starts again, any flag goes."""
    now = now or timezone.now()
    Listing.objects.filter(pk=listing.pk).update(
        confirmed_at=now, reminders_sent=0, last_reminded_at=None, unconfirmed=False
    )
    listing.confirmed_at, listing.reminders_sent = now, 0
    listing.last_reminded_at, listing.unconfirmed = None, False
    data = {"contact": f"contact #{contact.pk}"} if contact else {}
    log(instance=listing, action=CONFIRMED, data=data)


def confirm_with_token(listing, token):
    confirm(listing, check_token(listing, token))


# -- the yearly job ------------------------------------------------------------------


def _due(now):
    anchor = Coalesce("confirmed_at", "published_at", "created_at")
    return (
        Listing.objects.public()
        .filter(unconfirmed=False)
        .annotate(anchor=anchor)
        .filter(
            Q(reminders_sent=0, anchor__lte=now - REMIND_AFTER)
            | Q(
                reminders_sent__gt=0,
                reminders_sent__lt=REMINDERS,
                last_reminded_at__lte=now - REMIND_AGAIN_AFTER,
            )
            | Q(reminders_sent__gte=REMINDERS, last_reminded_at__lte=now - FLAG_AFTER)
        )
        .select_related("organisation")
        .order_by("pk")
    )


def _localized_url(page, language):
    with translation.override(language):
        return page.localized.get_full_url()


def _reminder_body(listing, contact, page, now):
    token = confirm_token(listing, contact, now)
    _link, edit_token = edit_links.issue_edit_link(listing, contact)
    parts = []
    for language in EMAIL_LANGUAGES:
        base = _localized_url(page, language)
        with translation.override(language):
            parts.append(
                render_to_string(
                    "directory/email/confirmation_reminder.txt",
                    {
                        "listing": listing,
                        "confirm_url": base
                        + page.reverse_subpage("confirm", args=[listing.slug, token]),
                        "edit_url": base
                        + page.reverse_subpage("redeem_link", args=[listing.slug, edit_token]),
                        "request_url": base
                        + page.reverse_subpage("request_link", args=[listing.slug]),
                        "hours": int(EditLink.VALID_FOR.total_seconds() // 3600),
                        "days": CONFIRM_VALID_FOR.days,
                    },
                ).strip()
            )
    return "\n\n----\n\n".join(parts)


def _subject(listing):
    subjects = []
    for language in EMAIL_LANGUAGES:
        with translation.override(language):
            subjects.append(_("Is the listing of %(name)s current?") % {"name": listing.name})
    return " / ".join(subjects)


def _remind(listing, contacts, page, now):
    for contact in contacts:
        send_mail(
            _subject(listing), _reminder_body(listing, contact, page, now), None, [contact.email]
        )
    Listing.objects.filter(pk=listing.pk).update(
        reminders_sent=listing.reminders_sent + 1, last_reminded_at=now
    )
    log(
        instance=listing,
        action=REMINDED,
        data={"reminder": listing.reminders_sent + 1, "recipients": len(contacts)},
    )


def _flag(listing):
    Listing.objects.filter(pk=listing.pk).update(unconfirmed=True)
    log(instance=listing, action=FLAGGED, data={"reminders": listing.reminders_sent})


def _tell_staff(flagged):
    recipients = listing_staff_addresses()
    if not flagged or not recipients:
        return
    admin = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    url = admin + reverse("wagtailsnippets_directory_listing:list") + "?unconfirmed=true"
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Listings left unconfirmed: %(count)s") % {"count": len(flagged)}
        body = render_to_string(
            "directory/email/unconfirmed_listings.txt", {"listings": flagged, "url": url}
        )
    send_mail(subject, body, None, recipients)


def remind_owners(now=None):
    """One run of the yearly job: {"reminded": n, "flagged": n}. Safe to repeat daily."""
    now = now or timezone.now()
    page = DirectoryIndexPage.objects.live().first()
    reminded, flagged = 0, []
    for listing in _due(now):
        contacts = list(edit_links.owner_contacts(listing))
        # Nobody to ask, or asked twice in vain: staff look at it.
        if not contacts or listing.reminders_sent >= REMINDERS or page is None:
            _flag(listing)
            flagged.append(listing)
            continue
        _remind(listing, contacts, page, now)
        reminded += 1
    _tell_staff(flagged)
    return {"reminded": reminded, "flagged": len(flagged)}
