"""Clearing the page cache when anything every page shows may have changed."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .store import purge_page_cache

# Saved or deleted, these change every page; a page's own saves wait for a publish.
SHOWN_EVERYWHERE = BaseSiteSetting | Site | PageViewRestriction


def purge_on_site_change(sender, **kwargs):
    if issubclass(sender, SHOWN_EVERYWHERE):
        purge_page_cache()


def connect_purge_signals():
    page_published.connect(purge_page_cache, dispatch_uid="ops_purge_published")
    page_unpublished.connect(purge_page_cache, dispatch_uid="ops_purge_unpublished")
    post_page_move.connect(purge_page_cache, dispatch_uid="ops_purge_moved")
    post_save.connect(purge_on_site_change, dispatch_uid="ops_purge_settings")
    # One receiver per model, not one for all: a delete receiver without a sender
    # stops Django from deleting any model's rows in bulk (every row is fetched first).
    for model in apps.get_models():
        if issubclass(model, Page | SHOWN_EVERYWHERE):
            uid = f"ops_purge_deleted_{model._meta.label}"
            post_delete.connect(purge_page_cache, sender=model, dispatch_uid=uid)
