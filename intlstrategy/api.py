"""The open-data API's shared parts: municipalities, the language switch, and what every
list shares — pages, streamed exports, conditional GET and a per-client rate limit.

- *Pages.* Every list is paginated (`OpenDataPagination`: `?page=`, `?page_size=` up to
  `MAX_PAGE_SIZE`, `count`/`next`/`previous`/`results`), in a stable order that ends in
  the primary key, so a harvester paging through sees every row once.
- *Exports.* `?format=csv` and `?format=xlsx` are the whole (filtered) set, streamed:
  rows are serialised in chunks of `EXPORT_CHUNK` as they are sent, never held in
  memory as one list (an XLSX is written row by row to a temporary file by openpyxl's
  write-only mode, then sent in blocks). Every cell goes through `spreadsheets.defuse`.
- *Conditional GET.* A list's `ETag` and `Last-Modified` come from the page-cache
  generations of its municipality and of the portal (intlstrategy.public_cache: their
  value is the time of the last change), so `If-None-Match` / `If-Modified-Since` are
  answered 304 before any query.
- *Rate limit.* DRF's throttling per client address (`API_RATE_LIMIT`, default
  120/minute); over the limit: 429 with `Retry-After`.
"""

from __future__ import annotations

import tempfile

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date, quote_etag
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, renderers, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from . import public_cache, spreadsheets
from .models import Municipality

MAX_PAGE_SIZE = 500
EXPORT_CHUNK = 500

EXPORT_PARAMETERS = [
    OpenApiParameter(
        "lang",
        str,
        enum=["nb", "sv", "en"],
        description="Language of the texts (default: the municipality's).",
    ),
    OpenApiParameter(
        "format",
        str,
        enum=["json", "csv", "xlsx"],
        description="json: one page (see `page`, `page_size`); csv or xlsx: the whole "
        "filtered set in one file, streamed, nested lists as dotted columns.",
    ),
]


class OpenDataPagination(PageNumberPagination):
    """`?page=` (from 1) and `?page_size=` (default 100, at most MAX_PAGE_SIZE)."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE


class OpenDataThrottle(AnonRateThrottle):
    """Per client address (REST_FRAMEWORK NUM_PROXIES = the reverse proxies in front),
    `API_RATE_LIMIT` requests (e.g. "120/minute"; empty: no limit)."""

    scope = "open_data"

    def get_rate(self):
        return settings.API_RATE_LIMIT or None


class XLSXRenderer(renderers.BaseRenderer):
    """`?format=xlsx`: only the streamed export answers in it (MunicipalityScopedMixin)."""

    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rows = list(spreadsheets.SafeCSVRenderer().tablize(data))
        return spreadsheets.write_xlsx(rows, title="data")


class MunicipalitySerializer(serializers.ModelSerializer):
    name = serializers.CharField()

    class Meta:
        model = Municipality
        fields = ["slug", "name", "country", "default_language"]


@extend_schema(parameters=EXPORT_PARAMETERS[:1])
class MunicipalityList(generics.ListAPIView):
    """All municipalities served by this portal (one page of up to MAX_PAGE_SIZE)."""

    serializer_class = MunicipalitySerializer
    queryset = Municipality.objects.order_by("slug", "pk")
    pagination_class = OpenDataPagination
    throttle_classes = [OpenDataThrottle]

    def list(self, request, *args, **kwargs):
        with translation.override(api_language(request)):
            return super().list(request, *args, **kwargs)


def api_language(request, municipality: Municipality | None = None) -> str:
    """`?lang=nb|sv|en`, else the first language of Accept-Language that the portal has
    (a browser on the English page asks for English titles, not the municipality's);
    default: the municipality's own language (else English)."""
    offered = {code for code, _name in settings.LANGUAGES}
    requested = request.query_params.get("lang", "")
    if requested in offered:
        return requested
    header = request.headers.get("Accept-Language", "")
    if header:
        from django.utils.translation.trans_real import parse_accept_lang_header

        for code, _quality in parse_accept_lang_header(header):
            base = code.split("-")[0].lower()
            base = "nb" if base in ("no", "nn") else base
            if base in offered:
                return base
    return municipality.default_language if municipality else "en"


def validators(request, slug: str) -> tuple[str, int] | None:
    """(ETag, Last-Modified as seconds) of a list of municipality `slug`, from the page
    generations; None when the cache server is down (then there are no validators)."""
    keys = [
        public_cache.GENERATION_KEY,
        public_cache.generation_key(public_cache.GENERATION_KEY, slug),
    ]
    try:
        generations = public_cache.current_generations(keys, cache.get_many(keys))
    except Exception:  # noqa: BLE001 - cache server down: answer without validators
        return None
    etag = public_cache._digest(
        [
            *map(str, generations),
            request.get_full_path(),
            request.headers.get("Accept", ""),
            request.headers.get("Accept-Language", ""),  # the titles' language
            settings.STATIC_URL,  # a release may change the output's form
        ]
    )[:32]
    return quote_etag(etag), max(generations) // 1_000_000_000


class MunicipalityScopedMixin:
    """For per-municipality endpoints: resolves <slug>, renders in the chosen language,
    paginates, streams ?format=csv|xlsx, answers conditional GETs and rate-limits."""

    pagination_class = OpenDataPagination
    throttle_classes = [OpenDataThrottle]
    renderer_classes = [
        renderers.JSONRenderer,
        spreadsheets.SafeCSVRenderer,
        XLSXRenderer,
    ]
    # False where nested lists hold nested lists (the strategy documents, a handful per
    # municipality): their CSV and XLSX are rendered from the whole list.
    export_streamed = True
    export_title = "data"

    def get_municipality(self) -> Municipality:
        if not hasattr(self, "_municipality"):
            self._municipality = get_object_or_404(Municipality, slug=self.kwargs["slug"])
        return self._municipality

    def get(self, request, *args, **kwargs):
        found = validators(request, self.kwargs["slug"])
        if found is not None:
            etag, last_modified = found
            not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
            if not_modified is not None:
                return not_modified
        response = super().get(request, *args, **kwargs)
        if found is not None and response.status_code == 200:
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
            patch_vary_headers(response, ["Accept", "Accept-Language"])
        return response

    def list(self, request, *args, **kwargs):
        municipality = self.get_municipality()
        language = api_language(request, municipality)
        export = request.accepted_renderer.format in {"csv", "xlsx"}
        if export and self.export_streamed:
            return self.export(request, language)
        # Serializer data is computed inside list(), so the language applies to it; the
        # response is rendered to JSON/CSV later by DRF, which is language-independent.
        with translation.override(language):
            if export:  # the whole list, unpaginated, in one CSV or XLSX
                serializer = self.get_serializer(
                    self.filter_queryset(self.get_queryset()), many=True
                )
                return Response(serializer.data)
            return super().list(request, *args, **kwargs)

    # --- the streamed export ------------------------------------------------------------

    def export(self, request, language: str):
        queryset = self.filter_queryset(self.get_queryset())
        with translation.override(language):
            header = sorted(export_columns(self.get_serializer(), queryset))
        rows = self._rows(queryset, header, language)
        name = f"{self.kwargs['slug']}-{self.export_title}"
        if request.accepted_renderer.format == "xlsx":
            response = StreamingHttpResponse(
                _xlsx_blocks(rows, title=self.export_title), content_type=XLSXRenderer.media_type
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        else:
            response = StreamingHttpResponse(
                _csv_lines(rows), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response

    def _rows(self, queryset, header, language):
        flatten = spreadsheets.SafeCSVRenderer().flatten_item
        yield header
        with translation.override(language):
            # iterator() with chunk_size keeps prefetch_related, one chunk at a time.
            for item in queryset.iterator(chunk_size=EXPORT_CHUNK):
                flat = flatten(self.get_serializer(item).data)
                yield [flat.get(column) for column in header]


def export_columns(serializer, queryset) -> list[str]:
    """The dotted CSV columns of `serializer`'s rows (as SafeCSVRenderer names them), for
    nested lists up to the longest one in `queryset` (one aggregate query each)."""
    columns = []
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.ListSerializer):
            longest = (
                queryset.order_by()
                .annotate(_n=Count(field.source, distinct=True))
                .aggregate(longest=Max("_n"))["longest"]
                or 0
            )
            child = _leaf_names(field.child)
            columns += [f"{name}.{i}.{sub}" for i in range(longest) for sub in child]
        elif isinstance(field, serializers.Serializer):
            columns += [f"{name}.{sub}" for sub in _leaf_names(field)]
        else:
            columns.append(name)
    return columns


def _leaf_names(serializer) -> list[str]:
    names = []
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.Serializer):
            names += [f"{name}.{sub}" for sub in _leaf_names(field)]
        else:
            names.append(name)
    return names


class _Echo:
    def write(self, value):
        return value


def _csv_lines(rows):
    import csv

    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow([spreadsheets.defuse(v) for v in row])


def _xlsx_blocks(rows, *, title: str, block: int = 64 * 1024):
    """Rows to a write-only workbook in a temporary file (openpyxl keeps one row in
    memory), then the file in blocks."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    for row in rows:
        sheet.append([spreadsheets.defuse(v) for v in row])
    with tempfile.TemporaryFile() as out:
        book.save(out)
        out.seek(0)
        while chunk := out.read(block):
            yield chunk
