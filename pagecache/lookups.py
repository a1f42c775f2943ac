"""The lookups every request makes to find a page, shared through the page cache."""

from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import PageViewRestriction

from .store import shared_fragment


class SharedPageLookupsMixin:
    """For the site's page models: the lookups Wagtail makes in every request to find
    and check a page, answered from the page cache, which publishing, unpublishing,
    moving or deleting a page clears.

    - Routing: Wagtail finds the page in the active language's tree (a Locale query)
      and each step of a URL path with two queries (the child by slug, then its
      specific page). Only pages found are shared; a path that leads nowhere asks
      the database every time, so made-up URLs cannot fill the cache.
    - View restrictions (privacy settings): two queries per request. While no page
      has one, which is the usual case, the cache remembers that for everyone;
      adding or removing a restriction clears it, and from then on Wagtail checks
      as it always does.

    A model that is also routable lists this after RoutablePageMixin, so that its
    own routes are tried before its child pages.
    """

    @property
    def localized(self):
        def in_the_active_language():
            return super(SharedPageLookupsMixin, self).localized.specific

        return shared_fragment(f"localized|{self.pk}|{get_language()}", in_the_active_language)

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        slug, *remaining = path_components
        child = shared_fragment(f"child|{self.pk}|{slug}", lambda: self._specific_child(slug))
        if child is None:
            raise Http404
        child._cached_parent_obj = self  # its get_parent() needs no query
        return child.route(request, remaining)

    def _specific_child(self, slug):
        child = self.get_children().filter(slug=slug).first()
        return child.specific if child is not None else None

    def get_view_restrictions(self):
        if not shared_fragment("view-restrictions", PageViewRestriction.objects.exists):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
