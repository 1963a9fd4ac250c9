"""E-mail texts from templates, in one language, as plain text.

A subject line is one line of plain text: whatever markup a template produces (a
`{% tr %}` fallback's `<span lang="..">`, an escaped `&amp;`) must not reach the mail
program, which would show it literally. Text people typed stays as they typed it: the
template escapes it (`<b>` becomes `&lt;b&gt;`), the tags the template itself made are
stripped, and only then are the entities turned back into characters.
"""

import html

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags


def plain_text(rendered: str) -> str:
    return html.unescape(strip_tags(rendered))


def one_line(rendered: str) -> str:
    return " ".join(plain_text(rendered).split())


def render_email(template: str, context: dict, language: str) -> tuple[str, str]:
    """(subject, body) of `template`_subject.txt and `template`.txt in `language`."""
    with translation.override(language):
        subject = one_line(render_to_string(f"{template}_subject.txt", context))
        body = plain_text(render_to_string(f"{template}.txt", context))
    return subject, body
