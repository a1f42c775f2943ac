"""A search result as the results list shows it: the listing's public fields, with
the visitor's words marked.

Marked here, not with template filters: a page shows twenty results, and resolving
three filters with their arguments for each cost the template engine more than
the marking itself.
"""

import functools
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe


def search_hit(public, url, terms):
    """{url, public, and the name, services and description marked for `terms`}."""
    # The services' language when they share one (each may fall back to Finnish alone).
    languages = {getattr(name, "lang", "") for name in public.services}
    return {
        "url": url,
        "public": public,
        "services_lang": languages.pop() if len(languages) == 1 else "",
        "name": highlight(public.name, terms),
        "services": highlight(", ".join(public.services), terms),
        "description": highlight(excerpt(public.description, terms), terms),
    }


def highlight(text, terms):
    """Escape the text and mark each word that starts with one of the search terms."""
    text = escape(text or "")
    terms = tuple(term for term in (terms or []) if term)
    if not terms:
        return mark_safe(text)  # noqa: S308 (escaped above)
    return mark_safe(_word_starts(terms).sub(r"<mark>\1</mark>", text))  # noqa: S308 (escaped above)


@functools.lru_cache(maxsize=256)  # three fields of twenty results share one pattern
def _word_starts(terms):
    return re.compile(
        r"\b(" + "|".join(re.escape(escape(term)) for term in terms) + r")", re.IGNORECASE
    )


def excerpt(text, terms, length=220):
    """A passage of the text around the first search term, at most `length` characters."""
    text = text or ""
    if len(text) <= length:
        return text
    start = 0
    lowered = text.lower()
    positions = [lowered.find(term) for term in (terms or []) if lowered.find(term) >= 0]
    if positions:
        start = max(0, min(positions) - length // 3)
    passage = text[start : start + length]
    return ("…" if start else "") + passage + ("…" if start + length < len(text) else "")
