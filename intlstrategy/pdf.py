"""The one way the portal turns HTML into PDF.

Security: WeasyPrint fetches whatever a document points to (file:// URLs, internal
HTTP services). Our fetcher serves only `data:` URLs and files from our own static
folders; everything else is refused, so user text that slipped through escaping still
cannot read local files or reach the network.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation


class FetchRefused(ValueError):
    pass


def _static_path(url: str) -> Path | None:
    prefix = settings.STATIC_URL
    for base in ("", settings.SITE_URL):
        full = base + prefix
        if url.startswith(full):
            relative = url[len(full) :].split("?")[0].split("#")[0]
            if ".." in Path(relative).parts:
                return None
            found = finders.find(relative)
            if found:
                return Path(found)
            candidate = Path(settings.STATIC_ROOT) / relative
            return candidate if candidate.is_file() else None
    return None


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SafeURLFetcher(URLFetcher):
        """Serves `data:` URLs and our static files; refuses everything else."""

        def __init__(self):
            super().__init__(allowed_protocols={"data"}, allow_redirects=False)

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = _static_path(url)
            if path is None:
                raise FetchRefused(f"refused to fetch {url!r}")
            mime_type, _ = mimetypes.guess_type(str(path))
            return URLFetcherResponse(
                url, path.read_bytes(), {"Content-Type": mime_type or "application/octet-stream"}
            )

    return SafeURLFetcher()


def _tag_languages() -> None:
    """Give a structure element /Lang when its HTML element has `lang` (PDF/UA, WCAG
    3.1.2): WeasyPrint tags the document's language only, so an English PDF of a Swedish
    strategy was read aloud entirely as English. Wraps WeasyPrint's tag builder once; the
    PDF tests check the result, so a WeasyPrint that changes this shows up there."""
    import pydyf
    from weasyprint.pdf import tags

    build = getattr(tags, "_build_box_tree", None)
    if build is None or getattr(build, "portal_lang", False):
        return

    def build_with_lang(box, parent, *args, **kwargs):
        source = getattr(box, "_box", box)  # an absolutely placed box's placeholder
        element = getattr(source, "element", None)
        tag = getattr(source, "element_tag", None)
        lang = element.get("lang") if element is not None and tag not in ("html", "body") else None
        for struct in build(box, parent, *args, **kwargs):
            if lang and "Lang" not in struct:
                struct["Lang"] = pydyf.String(lang)
            yield struct

    build_with_lang.portal_lang = True
    tags._build_box_tree = build_with_lang


def html_to_pdf(html: str) -> bytes:
    """Render trusted template output to a tagged PDF (PDF/UA).

    The PDF's title and language come from the template's <title> and <html lang>.
    """
    import weasyprint  # imported here: it takes about a second and most processes never need it

    _tag_languages()

    document = weasyprint.HTML(
        string=html, base_url=settings.SITE_URL + "/", url_fetcher=_fetcher()
    )
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)


def render_to_pdf(template: str, context: dict, *, language: str) -> bytes:
    """Render a Django template (autoescaped, so user text stays text) in `language`."""
    with translation.override(language):
        html = render_to_string(template, {**context, "pdf_language": language})
    return html_to_pdf(html)
