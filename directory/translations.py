"""Listing texts in the visitor's language: a Swedish or English version where the
owner or staff wrote one, field by field, and the Finnish text where they did not."""

from django.conf import settings
from django.utils import translation

from pagecache.store import shared_fragment

from .models import Service

# The languages a listing text may have a version in besides Finnish, the original.
TRANSLATED_LANGUAGES = ("sv", "en")


class TextInLanguage(str):
    """A text that knows its language, so a template can mark a Finnish fallback
    with lang="fi" ({% content_lang text.lang %}) and leave the rest unmarked."""

    def __new__(cls, text, lang):
        value = super().__new__(cls, text)
        value.lang = lang
        return value

    def __reduce__(self):  # kept in the page cache
        return (TextInLanguage, (str(self), self.lang))


def field_name(field, language):
    """ "description_sv" for Swedish; "description" for Finnish or an unknown language."""
    return f"{field}_{language}" if language in TRANSLATED_LANGUAGES else field


def in_language(instance, field, language=None):
    """The field's text in `language` (default: the active one), else the Finnish one."""
    language = language or translation.get_language()
    translated = getattr(instance, field_name(field, language), "") or ""
    if translated:
        return TextInLanguage(translated, language)
    return TextInLanguage(getattr(instance, field) or "", settings.LANGUAGE_CODE)


def service_names():
    """{Finnish service name: its name in the active language}, shared like the menus
    (saving a service clears it); a search page's listings carry the Finnish names."""
    language = translation.get_language()

    def build():
        return {
            service.name: in_language(service, "name", language)
            for service in Service.objects.only("name", "name_sv", "name_en")
        }

    return shared_fragment(f"directory-service-names|{language}", build)


def localized_service_name(name, names=None):
    names = service_names() if names is None else names
    return names.get(name) or TextInLanguage(name, settings.LANGUAGE_CODE)
