from django import template
from wagtail.models import Site

from home.chrome import site_chrome as chrome
from home.languages import localized_pages
from home.models import OrganisationSettings

register = template.Library()


def site_pages(request):
    """The site's home page, privacy notice and accessibility statement in the visitor's
    language where a live translation exists (one query, kept on the request)."""
    if not hasattr(request, "_site_pages"):
        site = Site.find_for_request(request)
        pages = {"home": None, "privacy_notice": None, "accessibility_statement": None}
        if site is not None:
            organisation = OrganisationSettings.for_request(request)
            originals = [
                site.root_page,
                organisation.privacy_notice if _live(organisation.privacy_notice) else None,
                organisation.accessibility_statement
                if _live(organisation.accessibility_statement)
                else None,
            ]
            pages = dict(zip(pages, localized_pages(originals), strict=True))
        request._site_pages = pages
    return request._site_pages


def _live(page):
    return page is not None and page.live


@register.simple_tag(takes_context=True)
def localized_site_pages(context):
    return site_pages(context["request"])


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The live pages directly under the site root that editors put in menus."""
    request = context["request"]
    site_root = site_pages(request)["home"]
    pages = site_root.get_children().live().in_menu() if site_root else []
    return {
        "request": request,
        "page": context.get("page"),
        "site_root": site_root,
        "menu_pages": pages,
    }


@register.simple_tag(takes_context=True)
def site_chrome(context):
    """The site name, head links, header and footer (see home.chrome)."""
    return chrome(context)
