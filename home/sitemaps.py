"""sitemap.xml: every live public page of every language's tree, each address with
its versions in the other languages as `xhtml:link` alternates (Google's format).

Addresses come from the site's configured root URL (Settings > Sites; `make run`
sets it with `manage.py set_site_url`), never from the request's host.
"""

from collections import defaultdict

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    def items(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True).live()
        pages = Page.objects.none()
        for home in homes:
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return (
            pages.live()
            .public()
            .select_related("locale")
            .order_by("locale__language_code", "path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        # {translation_key: {language: page's full URL}}: one site's pages are few, so
        # every version is on the same sitemap page.
        versions = defaultdict(dict)
        for item in items:
            versions[item.translation_key][item.locale.language_code] = item.get_full_url(
                self.request
            )
        urls = []
        last_mods = set()
        for item in items:
            own = versions[item.translation_key][item.locale.language_code]
            for url_info in item.get_sitemap_urls(self.request):
                # A subpage (a company page) has the same path below each version.
                rest = (
                    url_info["location"][len(own) :] if url_info["location"].startswith(own) else ""
                )
                url_info["alternates"] = alternates(versions[item.translation_key], rest)
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def alternates(urls, rest=""):
    """[{lang_code, location}] for a page with more than one version, plus x-default."""
    if len(urls) < 2:
        return []
    links = [
        {"lang_code": code, "location": urls[code] + rest}
        for code, _name in settings.LANGUAGES
        if code in urls
    ]
    if settings.LANGUAGE_CODE in urls:
        links.append({"lang_code": "x-default", "location": urls[settings.LANGUAGE_CODE] + rest})
    return links


def sitemap(request):
    return wagtail_sitemap(request, {"pages": MultilingualSitemap})
