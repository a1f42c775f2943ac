"""The site's languages: which version of a page a visitor gets, and where the others are.

Finnish is the default locale; Swedish and English pages are translations that
share the Finnish page's `translation_key`. A page that has not been translated
is served in Finnish at the visitor's language prefix, with a note (never a 404).
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from pagecache.store import shared_fragment

# Set on the request when a page is served in another language than the visitor's.
FALLBACK_ATTRIBUTE = "content_language_fallback"


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool
    translated: bool  # False: the link leads to the Finnish page with a note


def page_versions(page, request=None):
    """{language_code: live page} for every live version of `page`, itself included.

    One query per page and request: the result is kept on the request.
    """
    if page is None or not isinstance(page, Page) or page.pk is None:
        return {}
    cache = getattr(request, "_page_versions", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._page_versions = cache
    if page.pk not in cache:
        versions = page.get_translations(inclusive=True).live().select_related("locale")
        cache[page.pk] = {version.locale.language_code: version for version in versions}
    return cache[page.pk]


def localized_pages(pages):
    """The live versions of `pages` in the active language, in one query; the pages as
    they are where no live version in that language exists. None stays None."""
    keys = [page.translation_key for page in pages if page is not None]
    found = {}
    if keys:
        found = {
            page.translation_key: page
            for page in Page.objects.live().filter(
                translation_key__in=keys, locale__language_code=translation.get_language()
            )
        }
    return [None if page is None else found.get(page.translation_key, page) for page in pages]


def version_ids(page, request):
    """{language_code: page id} of the live versions of `page`. Asked on every page
    served, so it is shared between requests like the menus (see home.chrome)."""

    def ids():
        return {code: version.pk for code, version in page_versions(page, request).items()}

    return shared_fragment(f"versions|{page.pk}", ids)


def served_in_other_language(page, request):
    """(translation to redirect to or None, language the page is shown in or None).

    Wagtail routes a path missing from the visitor's language tree to the
    default-language page (see HomePage.route); this says what to do with it.
    """
    language = translation.get_language()
    versions = version_ids(page, request)
    own = versions.get(language)
    if own is not None:
        return (None if own == page.pk else Page.objects.get(pk=own)), None
    for code, version in versions.items():
        if version == page.pk:
            return None, code
    return None, None


def served_address(page, request):
    """The page's address under the visitor's language prefix, where Wagtail serves it
    even when it belongs to another language's tree (see HomePage.route)."""
    url = page.get_url(request)
    own = page.locale.language_code
    current = translation.get_language()
    return url if own == current else _path_in_language(url, own, current)


def _path_in_language(url, from_language, to_language):
    with translation.override(from_language):
        return translate_url(url, to_language)


def language_links(request, page=None):
    """One link per site language that keeps the visitor on the same page, with the
    rest of the path (a company page under the directory) and the query string.

    The link goes to the page's translation where a live one exists, otherwise
    to the default-language page under the other language's prefix, where it is
    served in the default language with a note.
    """
    current = translation.get_language()
    if page is not None and isinstance(page, Page) and page.pk:
        # The page's own addresses are the same for every visitor: shared like the menus.
        key = f"language-urls|{request.get_host()}|{current}|{page.pk}"
        bases = shared_fragment(key, lambda: _page_urls(request, page))
        rest = subpath(request.path, bases.get(current, ("", False))[0])
    else:
        # One leading slash: "//host/..." would read as another host's address,
        # and "//[" as a broken IPv6 one.
        path = "/" + request.path.lstrip("/")
        bases = {code: (_path_in_language(path, current, code), True) for code in _codes()}
        rest = ""
    query = request.META.get("QUERY_STRING", "")
    return [
        LanguageLink(
            code,
            name,
            bases[code][0] + rest + (f"?{query}" if query else ""),
            code == current,
            bases[code][1],
        )
        for code, name in settings.LANGUAGES
    ]


def _codes():
    return [code for code, _name in settings.LANGUAGES]


def _page_urls(request, page):
    """{language: (the page's address in that language, whether it is translated)}."""
    versions = page_versions(page, request)
    default = settings.LANGUAGE_CODE
    original = versions.get(default)
    urls = {}
    for code in _codes():
        target = versions.get(code)
        if target is not None:
            urls[code] = (target.get_url(request), True)
        elif original is not None:
            urls[code] = (_path_in_language(original.get_url(request), default, code), False)
        else:
            urls[code] = (
                _path_in_language(page.get_url(request), page.locale.language_code, code),
                False,
            )
    return urls


def subpath(path, page_url):
    """What follows the page's own address in `path` (a routable page's subpage, such
    as a company page under the directory), or "" when `path` is the page itself."""
    if page_url and path.startswith(page_url) and page_url.endswith("/"):
        return path[len(page_url) :]
    return ""


def alternate_links(request, page):
    """[(hreflang, absolute URL)] for the page's live translations, plus x-default."""
    versions = page_versions(page, request)
    if len(versions) < 2:
        return []
    links = [
        (code, versions[code].get_full_url(request))
        for code, _name in settings.LANGUAGES
        if code in versions
    ]
    if settings.LANGUAGE_CODE in versions:
        links.append(("x-default", versions[settings.LANGUAGE_CODE].get_full_url(request)))
    return links


def translate_page(page, language_code, **fields):
    """The live translation of `page` into `language_code`; if there is none yet, a new
    page of the same type with `fields`, in the same place of that language's tree and
    with the same translation_key, is published. Returns (translation, created).

    Used by the demo content; editors make translations with "Translate" in the admin
    (wagtail.contrib.simple_translation). The page's parent must be translated first.
    """
    locale = Locale.objects.get(language_code=language_code)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific, False
    parent = page.get_parent()
    if not parent.is_root():
        parent = parent.get_translation(locale)
    translated = page.specific_class(
        locale=locale,
        translation_key=page.translation_key,
        show_in_menus=page.show_in_menus,
        **fields,
    )
    parent.add_child(instance=translated)
    translated.save_revision().publish()
    return translated, True
