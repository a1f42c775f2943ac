"""Keep the search indexes in line with every save, delete and visibility change."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from registry.models import Organisation

from .models import Listing
from .search import sync_listing, unindex_listing


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
