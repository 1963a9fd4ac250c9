"""Template helpers shared by every app."""

from django import template
from django.conf import settings
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from intlstrategy.i18n import fallback_languages, language_name

register = template.Library()


def _translated(obj, field: str) -> tuple[str, str, str]:
    """(text, language shown, reader's language) of a translated field: the reader's
    language, else the closest existing translation, else the untranslated column."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    value = getattr(obj, f"{field}_{language}", None)
    if value:
        return value, language, language
    for candidate in fallback_languages(language):
        value = getattr(obj, f"{field}_{candidate}", None)
        if value:
            return value, candidate, language
    return getattr(obj, field, "") or "", language, language


@register.simple_tag
def trtext(obj, field: str) -> str:
    """The same text as `tr`, without any markup: for `<title>`, PDF metadata, e-mail
    subjects and attributes, where a language mark cannot go (the text is escaped by
    the template as usual)."""
    if obj is None:
        return ""
    return _translated(obj, field)[0]


@register.simple_tag
def tr(obj, field: str, paragraphs: bool = False):
    """A translated field in the reader's language, or a visibly marked fallback.

    `{% tr document "title" %}` prints the title in the active language. When that
    translation is missing, it prints the closest existing one inside
    `<span lang="..">` (so screen readers switch voice) followed by a visible mark
    saying which language is shown.
    """
    if obj is None:
        return ""
    value, shown_language, language = _translated(obj, field)
    if not value:
        return ""
    text = linebreaks_filter(value, autoescape=True) if paragraphs else conditional_escape(value)
    if shown_language == language:
        return mark_safe(text)
    element = "div" if paragraphs else "span"
    return format_html(
        '<{el} lang="{lang}" class="fallback">{text}</{el}> '
        '<span class="untranslated-mark">{mark}</span>',
        el=element,
        lang=shown_language,
        text=mark_safe(text),
        mark=gettext("(not translated, shown in %(language)s)")
        % {"language": language_name(shown_language)},
    )


@register.filter
def translation_missing(obj, field: str) -> list[str]:
    """The languages in which `field` is empty, for the side-by-side editors."""
    return [code for code, _ in settings.LANGUAGES if not getattr(obj, f"{field}_{code}", None)]


@register.simple_tag(takes_context=True)
def url_in_language(context, language: str):
    """The current page's address in another interface language (for the switcher)."""
    from django.urls import translate_url

    request = context["request"]
    return translate_url(request.get_full_path(), language)
