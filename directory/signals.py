"""Keep the search indexes and cached pages in line with every save, delete and
visibility change."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from pagecache.store import purge_page_cache
from registry.models import Contact, Membership, Organisation

from .models import Listing, Service
from .search.sync import sync_listing, unindex_listing
from .services import refresh_services_text, sync_from_organisation

# What a company page shows; a change must not outlive its cached copy. A hidden
# field or a restricted person disappears from pages at once, as from search.
for shown in (Listing, Service):
    post_save.connect(purge_page_cache, sender=shown, dispatch_uid=f"directory_purge_{shown}")
    post_delete.connect(purge_page_cache, sender=shown, dispatch_uid=f"directory_purge_d_{shown}")
m2m_changed.connect(
    purge_page_cache, sender=Listing.services.through, dispatch_uid="directory_purge_services"
)


def shown_on_a_company_page(instance):
    """Whether an organisation, membership or contact of the register is on a listing's
    page. Most are not (a form's sender, say), and their changes keep the cache."""
    if isinstance(instance, Organisation):
        return Listing.objects.filter(organisation_id=instance.pk).exists()
    if isinstance(instance, Membership):
        return Listing.objects.filter(organisation_id=instance.organisation_id).exists()
    return Listing.objects.filter(organisation__memberships__contact_id=instance.pk).exists()


@receiver(post_save, sender=Organisation, dispatch_uid="directory_purge_organisation")
@receiver(post_save, sender=Contact, dispatch_uid="directory_purge_contact")
@receiver(post_delete, sender=Organisation, dispatch_uid="directory_purge_d_organisation")
@receiver(post_delete, sender=Membership, dispatch_uid="directory_purge_d_membership")
def register_entry_changed(sender, instance, **kwargs):
    if shown_on_a_company_page(instance):
        purge_page_cache()


@receiver(post_save, sender=Membership, dispatch_uid="directory_purge_membership")
def membership_saved(sender, instance, created, **kwargs):
    # An updated membership may have left a listed organisation: purge either way.
    if not created or shown_on_a_company_page(instance):
        purge_page_cache()


@receiver(post_save, sender=Listing)
def listing_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_listing(instance)


@receiver(post_delete, sender=Listing)
def listing_deleted(sender, instance, **kwargs):
    unindex_listing(instance.pk)


@receiver(m2m_changed, sender=Listing.services.through)
def listing_services_changed(sender, instance, action, reverse, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # a service's listings changed
        for listing in Listing.objects.filter(services=instance):
            refresh_services_text(listing)
    else:
        refresh_services_text(instance)


@receiver(post_save, sender=Organisation)
def organisation_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_from_organisation(instance)
