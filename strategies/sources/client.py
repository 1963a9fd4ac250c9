"""HTTP clients for Kolada (API v3) and SSB's statistics bank (PxWebApi v2).

Both are read with `requests`; `session()` mounts the replay adapter when
INDICATOR_SOURCES_REPLAY_DIR is set (tests, the embedded demo), so the same code path
builds URLs, follows Kolada's `next_page`, parses SSB's JSON-stat2 and handles 429.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from email.utils import parsedate_to_datetime

import requests
from django.conf import settings
from django.core.cache import cache

KOLADA_URL = "https://api.kolada.se/v3"
SSB_URL = "https://data.ssb.no/api/pxwebapi/v2"
# Kolada's own pages hold up to 5000 rows; a search shows the first page of 20 only.
SEARCH_SIZE = 20
MAX_PAGES = 50
METADATA_SECONDS = 24 * 3600


class SourceError(Exception):
    """The statistics service answered with an error or could not be reached."""


class NotFound(SourceError):
    pass


class RateLimited(SourceError):
    """429 with a wait longer than we are willing to sleep in a request or a task."""

    def __init__(self, retry_after: int):
        super().__init__(f"rate limited, retry after {retry_after} s")
        self.retry_after = retry_after


@dataclass
class Statistic:
    """A KPI (Kolada) or a table (SSB) as the coordinator sees it when linking."""

    id: str
    title: str
    unit: str = ""
    # SSB: the table's content variables (code → (label, unit)); Kolada: none.
    variables: dict[str, tuple[str, str]] = field(default_factory=dict)


def session() -> requests.Session:
    http = requests.Session()
    http.headers["User-Agent"] = "intlstrategy (municipal international strategy portal)"
    replay = getattr(settings, "INDICATOR_SOURCES_REPLAY_DIR", "")
    if replay:
        from .replay import ReplayAdapter

        http.mount("https://", ReplayAdapter(replay))
    return http


def _retry_after(header: str | None) -> int:
    """Seconds to wait: Retry-After is either a number of seconds or an HTTP date."""
    if not header:
        return 60
    header = header.strip()
    if header.isdigit():
        return int(header)
    try:
        when = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return 60
    return max(0, int((when - datetime.now(UTC)).total_seconds()))


def get_json(http: requests.Session, url: str, params=None, *, sleep=time.sleep):
    """GET and decode JSON; on 429 wait as told when it is short, else raise RateLimited."""
    max_wait = getattr(settings, "INDICATOR_SOURCES_MAX_WAIT", 5)
    for attempt in range(3):
        try:
            response = http.get(url, params=params, timeout=30)
        except requests.RequestException as error:
            raise SourceError(str(error)) from error
        if response.status_code == 429:
            wait = _retry_after(response.headers.get("Retry-After"))
            if wait > max_wait or attempt == 2:
                raise RateLimited(max(wait, 1))
            sleep(wait)
            continue
        if response.status_code == 404:
            raise NotFound(url)
        if response.status_code >= 400:
            raise SourceError(f"{response.status_code} from {url}")
        try:
            return response.json()
        except ValueError as error:
            raise SourceError(f"not JSON from {url}") from error
    raise SourceError(url)  # pragma: no cover - the loop returns or raises


def _decimal(value) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


# --- Kolada -------------------------------------------------------------------------


def _kolada_unit(title: str) -> str:
    """Kolada has no unit field: its titles end in it ("…, antal", "…, andel (%)")."""
    tail = title.rsplit(",", 1)[-1].strip() if "," in title else ""
    return tail if len(tail) <= 40 else ""


def _kolada_statistic(row: dict) -> Statistic:
    title = row.get("title", "")
    return Statistic(id=row["id"], title=title, unit=_kolada_unit(title))


def kolada_search(text: str, *, http=None) -> list[Statistic]:
    http = http or session()
    body = get_json(http, f"{KOLADA_URL}/kpi", {"title": text, "per_page": SEARCH_SIZE})
    return [_kolada_statistic(row) for row in body.get("values", [])]


def kolada_kpi(kpi_id: str, *, http=None) -> Statistic:
    http = http or session()
    body = get_json(http, f"{KOLADA_URL}/kpi/{kpi_id.strip().upper()}")
    rows = body.get("values", [])
    if not rows:
        raise NotFound(kpi_id)
    return _kolada_statistic(rows[0])


def kolada_values(kpi_id: str, codes: list[str], *, http=None) -> dict[str, dict[int, Decimal]]:
    """{municipality code: {year: total value}}, every page followed (next_page)."""
    http = http or session()
    url = f"{KOLADA_URL}/data/kpi/{kpi_id}/municipality/{','.join(sorted(codes))}"
    result: dict[str, dict[int, Decimal]] = {}
    for _page in range(MAX_PAGES):
        body = get_json(http, url)
        for row in body.get("values", []):
            for figure in row.get("values", []):
                # "T" is the total of a KPI divided by gender ("K", "M" the halves).
                if figure.get("gender", "T") != "T":
                    continue
                value = _decimal(figure.get("value"))
                if value is not None:
                    result.setdefault(row["municipality"], {})[int(row["period"])] = value
        url = body.get("next_page")
        if not url:
            break
    return result


# --- SSB (PxWebApi v2, JSON-stat2) ----------------------------------------------------


def ssb_search(text: str, *, http=None) -> list[Statistic]:
    http = http or session()
    body = get_json(
        http, f"{SSB_URL}/tables", {"query": text, "lang": "no", "pageSize": SEARCH_SIZE}
    )
    return [
        Statistic(id=table["id"], title=table.get("label", table["id"]))
        for table in body.get("tables", [])
    ]


def _metadata(table_id: str, http) -> dict:
    key = f"ssb-metadata:{table_id}"
    body = cache.get(key)
    if body is None:
        body = get_json(http, f"{SSB_URL}/tables/{table_id}/metadata", {"lang": "no"})
        cache.set(key, body, METADATA_SECONDS)
    return body


def _roles(body: dict) -> tuple[str, str, str]:
    """The table's (content, time, region) dimension ids, from JSON-stat2 roles."""
    role = body.get("role", {})
    ids = body.get("id", [])
    metric = (role.get("metric") or ["ContentsCode"])[0]
    time_dim = (role.get("time") or ["Tid"])[0]
    geo = role.get("geo") or [d for d in ids if d not in (metric, time_dim)][:1]
    return metric, time_dim, geo[0] if geo else ""


def ssb_table(table_id: str, *, http=None) -> Statistic:
    http = http or session()
    table_id = table_id.strip()
    body = _metadata(table_id, http)
    metric, _time, _geo = _roles(body)
    category = body.get("dimension", {}).get(metric, {}).get("category", {})
    labels = category.get("label", {})
    units = category.get("unit", {})
    variables = {
        code: (labels.get(code, code), units.get(code, {}).get("base", ""))
        for code in _ordered(category.get("index", labels))
    }
    unit = next(iter(variables.values()))[1] if len(variables) == 1 else ""
    return Statistic(id=table_id, title=body.get("label", table_id), unit=unit, variables=variables)


def _ordered(index) -> list[str]:
    """JSON-stat2 category index: a list of codes, or {code: position}."""
    if isinstance(index, list):
        return index
    return sorted(index, key=index.get)


def parse_jsonstat(body: dict) -> list[tuple[dict[str, str], Decimal | None]]:
    """Every cell of a JSON-stat2 dataset as ({dimension: code}, value).

    The values are one flat array in row-major order over `id` with sizes `size` (the
    last dimension varies fastest); a sparse dataset gives them as {position: value}.
    """
    ids, sizes = body["id"], body["size"]
    codes = [_ordered(body["dimension"][d]["category"]["index"]) for d in ids]
    values = body.get("value", [])
    if isinstance(values, dict):
        cells = ((int(position), value) for position, value in values.items())
    else:
        cells = enumerate(values)
    result = []
    for position, value in cells:
        coordinates, rest = {}, position
        for dim, size, dim_codes in zip(
            reversed(ids), reversed(sizes), reversed(codes), strict=True
        ):
            coordinates[dim] = dim_codes[rest % size]
            rest //= size
        result.append((coordinates, _decimal(value)))
    return result


def ssb_values(
    table_id: str, codes: list[str], variables: list[str], *, http=None
) -> tuple[str, dict[tuple[str, str], dict[int, Decimal]]]:
    """One request for the table: (title, {(municipality, variable): {year: value}})."""
    http = http or session()
    meta = _metadata(table_id, http)
    metric, time_dim, geo = _roles(meta)
    params = {
        "lang": "no",
        "outputFormat": "json-stat2",
        f"valueCodes[{metric}]": ",".join(sorted(set(variables))),
        f"valueCodes[{time_dim}]": "*",
        f"valueCodes[{geo}]": ",".join(sorted(set(codes))),
    }
    body = get_json(http, f"{SSB_URL}/tables/{table_id}/data", params)
    result: dict[tuple[str, str], dict[int, Decimal]] = {}
    for coordinates, value in parse_jsonstat(body):
        if value is None:
            continue  # SSB's ".." / ":" (not available, confidential) come as null
        year = coordinates[time_dim]
        if not year[:4].isdigit():
            continue
        result.setdefault((coordinates[geo], coordinates[metric]), {})[int(year[:4])] = value
    return body.get("label", meta.get("label", table_id)), result
