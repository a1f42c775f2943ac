"""Keep the search indexes and cached pages in line with every save, delete and
visibility change."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from ops.cache import purge_page_cache
from registry.models import Contact, Membership, Organisation

from .models import Listing, Service
from .search import sync_listing, unindex_listing

# What a company page shows; a change must not outlive its cached copy. A hidden
# field or a restricted person disappears from pages at once, as from search.
for shown in (Listing, Service, Membership, Contact, Organisation):
    post_save.connect(purge_page_cache, sender=shown, dispatch_uid=f"directory_purge_{shown}")
    post_delete.connect(purge_page_cache, sender=shown, dispatch_uid=f"directory_purge_d_{shown}")
m2m_changed.connect(
    purge_page_cache, sender=Listing.services.through, dispatch_uid="directory_purge_services"
)


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
    from .services import refresh_services_text

    if reverse:  # a service's listings changed
        for listing in Listing.objects.filter(services=instance):
            refresh_services_text(listing)
    else:
        refresh_services_text(instance)


@receiver(post_save, sender=Organisation)
def organisation_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        from .services import sync_from_organisation

        sync_from_organisation(instance)
