from django import template
from django.utils import translation
from django.utils.html import format_html_join

register = template.Library()


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
