"""RSS and Atom feeds of newly published listings: public listings and public fields only."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Listing
from .translations import in_language

FEED_SIZE = 30


class NewListingsFeed(Feed):
    description = _("Companies newly listed in the directory.")

    def __init__(self, page):
        super().__init__()
        self.page = page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.page.title

    # Absolute addresses from the site's configured root URL, not the request's host.
    def link(self):
        return self.page.get_full_url(self.request)

    def items(self):
        return Listing.objects.public().order_by("-published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.name}, {item.city}" if item.city else item.name

    def item_description(self, item):
        return in_language(item, "description")

    def item_link(self, item):
        return self.page.get_full_url(self.request) + self.page.reverse_subpage(
            "company", args=[item.slug]
        )

    def item_pubdate(self, item):
        return item.published_at


class NewListingsAtomFeed(NewListingsFeed):
    feed_type = Atom1Feed
    subtitle = NewListingsFeed.description
