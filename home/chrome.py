"""What every page shows around its content: the site name, the alternate-language
links in the head, the header (menu, language switcher) and the footer.

They depend on the site, the language and the page (its menu entry, its
translations), never on the visitor or the query string, so a Wagtail page's
chrome is rendered once and shared through the page cache
(``pagecache.store.shared_fragment``), which publishing, moving or deleting a page and
saving settings clear. A page that cannot be stored whole (a form with its CSRF
token, a search with its query, a signed-in editor's view) then skips their queries.
"""

from django.utils import translation
from wagtail.models import Page, Site

from pagecache.store import shared_fragment

from .languages import alternate_links
from .models import OrganisationSettings

TEMPLATES = {
    "head": "home/includes/alternate_links.html",
    "header": "includes/header.html",
    "footer": "includes/footer.html",
}


def site_chrome(context):
    """{"site_name", "head", "header", "footer"} for the page being rendered."""
    request = context["request"]
    page = context.get("page")

    def render():
        engine = context.template.engine
        with context.push(alternates=alternate_links(request, page)):
            parts = {
                name: engine.get_template(template).render(context)
                for name, template in TEMPLATES.items()
            }
        # for_request() shares the settings the templates above just loaded.
        has_site = Site.find_for_request(request) is not None
        organisation = OrganisationSettings.for_request(request) if has_site else None
        name = (organisation.site_name or organisation.controller_name) if organisation else ""
        return {"site_name": name or "Miksei", **parts}

    if not isinstance(page, Page) or getattr(request, "is_preview", False):
        return render()  # a view of its own, or a draft: nothing to share
    # Not the path: a routable page's subpages (company pages, signed owner links)
    # share its chrome, and made-up paths cannot fill the cache.
    key = f"chrome|{request.get_host()}|{translation.get_language()}|{page.pk}"
    return shared_fragment(key, render)
