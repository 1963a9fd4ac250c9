"""Template helpers shared by every app."""

from contextvars import ContextVar

from django import template
from django.conf import settings
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from intlstrategy.i18n import fallback_languages, language_name

register = template.Library()

# The languages `tr` fell back to inside the innermost {% fallback_notice %} being rendered.
_shown_instead: ContextVar[set[str] | None] = ContextVar("tr_shown_instead", default=None)
_HERE = "<!--fallback-notice-->"


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
    """A translated field in the reader's language, or the closest existing translation.

    `{% tr document "title" %}` prints the title in the active language. When that
    translation is missing, it prints the closest existing one inside `<span lang="..">`
    (so screen readers switch voice, WCAG 3.1.2), without any mark of its own: the
    surrounding `{% fallback_notice %}` says once which language is shown instead.
    """
    if obj is None:
        return ""
    value, shown_language, language = _translated(obj, field)
    if not value:
        return ""
    text = linebreaks_filter(value, autoescape=True) if paragraphs else conditional_escape(value)
    if shown_language == language:
        return mark_safe(text)
    shown = _shown_instead.get()
    if shown is not None:
        shown.add(shown_language)
    element = "div" if paragraphs else "span"
    return format_html(
        '<{el} lang="{lang}" class="fallback">{text}</{el}>',
        el=element,
        lang=shown_language,
        text=mark_safe(text),
    )


def names_of(codes, reader: str) -> list[str]:
    names = [language_name(code) for code in codes]
    if reader in ("nb", "sv"):  # language names are written in lower case mid-sentence there
        names = [name[:1].lower() + name[1:] for name in names]
    return names


def fallback_notice_text(languages) -> str:
    """ "Some texts on this page are not available in English and are shown in Swedish." """
    reader = (get_language() or settings.LANGUAGE_CODE)[:2]
    names = names_of(sorted(languages), reader)
    if len(names) > 1:
        shown = gettext("%(languages)s and %(language)s") % {
            "languages": ", ".join(names[:-1]),
            "language": names[-1],
        }
    else:
        shown = names[0]
    return gettext(
        "Some texts here are not available in %(language)s and are shown in %(shown)s."
    ) % {"language": (names_of([reader], reader) or [""])[0], "shown": shown}


class FallbackNoticeNode(template.Node):
    def __init__(self, nodelist, when=None):
        self.nodelist = nodelist
        self.when = when

    def render(self, context):
        if self.when is not None and not self.when.resolve(context):
            # Not its own block here: its texts count for the surrounding notice.
            return self.nodelist.render(context)
        shown: set[str] = set()
        token = _shown_instead.set(shown)
        try:
            content = self.nodelist.render(context)
        finally:
            _shown_instead.reset(token)
        notice = ""
        if shown:
            notice = format_html(
                '<p class="notice fallback-notice" role="note">{}</p>', fallback_notice_text(shown)
            )
        if _HERE in content:
            head, _, tail = content.partition(_HERE)
            return mark_safe(head + notice + tail.replace(_HERE, ""))
        return mark_safe(notice + content)


@register.tag
def fallback_notice(parser, token):
    """`{% fallback_notice %}…{% endfallback_notice %}`: one notice for the whole block
    (a page, a section) saying which language is shown where a text is not translated
    into the reader's language; none when everything is. It is put where the block says
    `{% fallback_notice_here %}`, else at its top. An inner block announces its own texts.

    `{% fallback_notice when=pdf %}` is a block of its own only when `pdf` is true: the
    strategy PDF says it once per section (a reader of page 14 does not see page 1), the
    web page once at its top."""
    bits = token.split_contents()[1:]
    when = None
    for bit in bits:
        name, _sep, value = bit.partition("=")
        if name != "when" or not value:
            raise template.TemplateSyntaxError("fallback_notice takes only when=<variable>")
        when = parser.compile_filter(value)
    nodelist = parser.parse(("endfallback_notice",))
    parser.delete_first_token()
    return FallbackNoticeNode(nodelist, when)


@register.simple_tag
def fallback_notice_here():
    """Where the surrounding `{% fallback_notice %}` puts its notice (e.g. after the h1)."""
    return mark_safe(_HERE)


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


# One URL per row of a long list: `{% url %}` resolves the whole URL configuration (with
# the language prefix) for every row, about 0.05 ms each. Reverse once with a stand-in
# key, then put each row's key in.
_ROW_KEY = "2147483647"


@register.simple_tag
def url_pattern(viewname, key: str = "pk", **kwargs):
    """`{% url_pattern 'app:detail' municipality=m.slug as detail %}`: the URL of
    `viewname` with a stand-in for its `key` argument (`pk` unless given), for
    `{% row_url detail row.pk %}` in the loop."""
    from django.urls import reverse

    return reverse(viewname, kwargs={**kwargs, key: _ROW_KEY})


@register.simple_tag
def row_url(pattern: str, value) -> str:
    from urllib.parse import quote

    return pattern.replace(_ROW_KEY, quote(str(value), safe=""), 1)


@register.simple_tag
def sparkline(values):
    """A word-sized trend line of yearly values (objects with .value, or numbers).

    Decorative (alt=""): the figures are always written out beside it, as the
    accessibility rules want for a chart; with fewer than two values there is no trend.
    """
    from intlstrategy import charts

    numbers = [getattr(v, "value", v) for v in values]
    numbers = [n for n in numbers if n is not None]
    if len(numbers) < 2:
        return ""
    chart = charts.sparkline(numbers)
    return format_html(
        '<img class="sparkline" src="{}" alt="" width="{}" height="{}">',
        chart.data_uri,
        chart.width,
        chart.height,
    )
