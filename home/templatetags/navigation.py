from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The live pages directly under the site root that editors put in menus."""
    request = context["request"]
    site = Site.find_for_request(request)
    pages = site.root_page.get_children().live().in_menu() if site else []
    return {
        "request": request,
        "page": context.get("page"),
        "site_root": site.root_page if site else None,
        "menu_pages": pages,
    }
