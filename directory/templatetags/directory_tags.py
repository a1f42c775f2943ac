import re

from django import template
from django.utils import translation
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


# (language, choices' values, selected value) -> the rendered options; bounded, as only
# choices fixed in code come here and the selected value is one of them or none.
_rendered_options = {}


@register.simple_tag
def options(choices, selected):
    """A select's <option> elements for choices fixed in code (their labels depend on the
    language alone): rendered once per process, language and selected value, not in
    every request."""
    values = tuple(value for value, _ in choices)
    if selected not in values:
        selected = None  # a value from the visitor that is no choice selects nothing
    key = (translation.get_language(), values, selected)
    if key not in _rendered_options:
        _rendered_options[key] = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((value, " selected" if value == selected else "", label) for value, label in choices),
        )
    return _rendered_options[key]
