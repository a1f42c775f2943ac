from django import template
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info

from home.languages import FALLBACK_ATTRIBUTE, language_links

register = template.Library()


@register.inclusion_tag("home/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the same page in every site language."""
    request = context["request"]
    return {"languages": language_links(request, context.get("page"))}


@register.simple_tag(takes_context=True)
def shown_in_language(context):
    """The language code the page is shown in when it has no version in the visitor's
    language (it is then served in Finnish), or "" when it is in their language."""
    request = context.get("request")
    return getattr(request, FALLBACK_ATTRIBUTE, "") if request is not None else ""


@register.simple_tag(takes_context=True)
def content_lang(context, language=None):
    """` lang="fi"` on an element of content shown in another language than the page's:
    a page served in Finnish at /sv/ (no argument), or a listing text that falls back
    to Finnish (its language as the argument). Nothing when the content is in the
    visitor's language."""
    if language is None:
        language = shown_in_language(context)
    if not language or language == get_language():
        return ""
    return format_html(' lang="{}"', language)


@register.filter
def language_name(code):
    """The language's name in the active language, e.g. "finska" for "fi" in Swedish."""
    name = str(get_language_info(code)["name_translated"])
    # Finnish and Swedish write language names in lower case inside a sentence.
    return name.lower() if get_language() in LOWER_CASE_LANGUAGE_NAMES else name


LOWER_CASE_LANGUAGE_NAMES = ("fi", "sv")
