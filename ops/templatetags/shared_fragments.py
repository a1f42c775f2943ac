from django import template
from django.utils import translation

from ops.cache import shared_fragment

register = template.Library()


class SharedContentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        page = context.get("page")
        revision = getattr(page, "live_revision_id", None)
        if request is None or revision is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)  # a draft or no page: nothing to share
        key = (
            f"content|{self.name}|{request.get_host()}|{translation.get_language()}"
            f"|{page.pk}|{revision}"
        )
        return shared_fragment(key, lambda: self.nodelist.render(context))


@register.tag
def sharedcontent(parser, token):
    """{% sharedcontent "name" %}...{% endsharedcontent %}: a live page's own content,
    rendered once per published revision and language and shared by every visitor
    (see ops.cache.shared_fragment). Only for what is the same for everyone: never
    a form, a CSRF token or anything about the visitor.

    Wagtail's {% wagtailpagecache %} is close, but its timeout is fixed in the
    template and it keeps storing when PAGE_CACHE_SECONDS is 0 (development and
    tests), where nothing clears the cache on publish."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one name")
    nodelist = parser.parse(("endsharedcontent",))
    parser.delete_first_token()
    return SharedContentNode(bits[1].strip("\"'"), nodelist)
