from django import template

from pagecache.store import shared_page_content

register = template.Library()


class SharedContentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        if request is None:
            return self.nodelist.render(context)
        return shared_page_content(
            f"content|{self.name}",
            request,
            context.get("page"),
            lambda: self.nodelist.render(context),
        )


@register.tag
def sharedcontent(parser, token):
    """{% sharedcontent "name" %}...{% endsharedcontent %}: a live page's own content,
    rendered once per published revision and language and shared by every visitor
    (see pagecache.store.shared_fragment). Only for what is the same for everyone: never
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
