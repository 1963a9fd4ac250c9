from django.conf import settings
from django.utils.translation import gettext


def fallback_languages(language: str) -> tuple[str, ...]:
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    return tuple(fallbacks.get(language, fallbacks["default"]))


def language_name(code: str) -> str:
    names = dict(settings.LANGUAGES)
    return gettext(str(names.get(code, code)))
