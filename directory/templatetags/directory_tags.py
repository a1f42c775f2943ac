import re

from django import template
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def highlight(text, terms):
    """Escape the text and mark each word that starts with one of the search terms."""
    text = escape(text or "")
    terms = [term for term in (terms or []) if term]
    if not terms:
        return mark_safe(text)  # noqa: S308 (escaped above)
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(escape(term)) for term in terms) + r")", re.IGNORECASE
    )
    return mark_safe(pattern.sub(r"<mark>\1</mark>", text))  # noqa: S308 (escaped above)


@register.filter
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


@register.simple_tag
def options(choices, selected):
    """A select's <option> elements in one call, not a template loop over every choice."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if value == selected else "", label) for value, label in choices),
    )
