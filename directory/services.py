"""Owner changes to a listing and their approval, and the copies a listing keeps."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Site

from .fields import OWNER_FIELDS, SERVICES, VISIBILITY_FIELDS
from .models import DirectorySettings, Listing
from .search.sync import sync_listing

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


# -- owner changes -------------------------------------------------------------------


def text_values(listing):
    return {field.name: field.value(listing) for field in OWNER_FIELDS}


def visibility_values(listing):
    values = {flag: getattr(listing, flag) for flag in VISIBILITY_FIELDS.values()}
    values["status"] = listing.status
    return values


def _apply_text(listing, values):
    for field in OWNER_FIELDS:
        if field.name in values and field.kind != SERVICES:
            setattr(listing, field.name, values[field.name])
    listing.save()
    if "services" in values:
        listing.services.set(values["services"])
        refresh_services_text(listing)


def owner_text_needs_approval():
    """The site setting; on when there is no default site to ask."""
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
        and owner_text_needs_approval()
    ):
        visibility = {**visibility, "status": Listing.Status.PENDING}
    visibility_changes = {
        key: {"old": old_visibility[key], "new": value}
        for key, value in visibility.items()
        if key in old_visibility and old_visibility[key] != value
    }
    text_changes = {
        key: {"old": old_text[key], "new": new_text[key]}
        for key in old_text
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
    if owner_text_needs_approval():
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
