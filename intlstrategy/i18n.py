from django.conf import settings
from django.utils.translation import gettext, gettext_noop


def fallback_languages(language: str) -> tuple[str, ...]:
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    return tuple(fallbacks.get(language, fallbacks["default"]))


def language_name(code: str) -> str:
    names = dict(settings.LANGUAGES)
    return gettext(str(names.get(code, code)))


# Strings of the libraries whose wording the portal's catalogue (locale/, which wins over
# every app's) corrects to the glossary (docs/glossary.md): Django REST framework's nb says
# "epost-adresse". Listed here so that makemessages keeps them.
LIBRARY_OVERRIDES = (gettext_noop("Enter a valid email address."),)
