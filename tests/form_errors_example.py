"""A small form rendered with templates/includes/form_errors.html, for the tests of that
include (tests/home/test_form_errors.py and the browser tests in tests/e2e/test_i18n.py).

Mounted only in the tests: `pytest.mark.urls("tests.form_errors_example")`.
"""

from django import forms
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

TEMPLATE = """{% extends "base.html" %}{% load crispy_forms_tags %}
{% block title %}Form{% endblock %}
{% block content %}
<h1>Form</h1>
{% include "includes/form_errors.html" with form=form %}
<form method="post" novalidate>{% csrf_token %}
    {{ form|crispy }}
    <button type="submit" class="btn btn-primary">Send</button>
</form>
{% endblock %}"""


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name", max_length=100)
    email = forms.EmailField(label="Email address", help_text="name@example.fi")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("name") == "forbidden":
            raise forms.ValidationError("Not allowed.")
        return cleaned


def example_form(request):
    form = ExampleForm(request.POST or None)
    template = engines["django"].from_string(TEMPLATE)
    status = 400 if form.is_bound and not form.is_valid() else 200
    return HttpResponse(template.render({"form": form}, request), status=status)


urlpatterns = (
    i18n_patterns(path("form-errors-example/", example_form), prefix_default_language=False)
    + site_urlpatterns
)
