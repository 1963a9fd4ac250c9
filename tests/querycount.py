"""Fixed query counts: a page must run as many queries with 3× the data as with 1×."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url: str) -> tuple[int, list[str]]:
    """Queries of rendering the page (not of serving it from the public page cache)."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured), [q["sql"] for q in captured.captured_queries]


def assert_constant_queries(client, url: str, grow) -> int:
    """Compare the page's queries at 1× and 3× data; `grow()` adds one unit of data.

    Data is added before the first count too: with no related rows at all, Django skips
    prefetch queries, which would make an empty page look cheaper than it is.
    """
    grow()
    client.get(url)  # warm caches filled once per process (content types, …)
    before, _ = count_queries(client, url)
    grow()
    grow()
    after, queries = count_queries(client, url)
    assert after == before, (
        f"{url}: {before} queries before, {after} after adding data:\n" + "\n".join(queries)
    )
    return before
