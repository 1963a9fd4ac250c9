"""Replaying recorded answers of the statistics APIs through `requests` itself.

No machine of the project reaches Kolada or SSB (no network at run time), so the tests
and the demo mount this adapter on the client's `requests.Session`: everything above the
socket — URL building, query strings, paging, status codes, headers, JSON decoding — runs
as it would against the real services. The recordings are listed in `index.json` of the
directory: each entry names a method, a URL (its query parameters in any order) and one
or more answers, served in turn (the last one repeats), so "429, then 200" is a recording
too.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from requests.adapters import BaseAdapter
from requests.models import Response
from requests.structures import CaseInsensitiveDict


def _key(method: str, url: str) -> tuple:
    parts = urlsplit(url)
    query = tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return (method.upper(), parts.scheme, parts.netloc, parts.path.rstrip("/"), query)


class ReplayAdapter(BaseAdapter):
    def __init__(self, directory: str | Path):
        super().__init__()
        self.directory = Path(directory)
        index = json.loads((self.directory / "index.json").read_text(encoding="utf-8"))
        self.entries = {_key(e.get("method", "GET"), e["url"]): e["responses"] for e in index}
        self.served: dict[tuple, int] = {}
        self.requests: list[str] = []  # what was asked, for tests that count requests

    def send(self, request, **kwargs):
        key = _key(request.method, request.url)
        self.requests.append(request.url)
        answers = self.entries.get(key)
        response = Response()
        response.request = request
        response.url = request.url
        response.headers = CaseInsensitiveDict({"Content-Type": "application/json"})
        if answers is None:
            response.status_code = 404
            response._content = json.dumps({"error": "not recorded"}).encode()
            return response
        turn = self.served.get(key, 0)
        self.served[key] = turn + 1
        answer = answers[min(turn, len(answers) - 1)]
        response.status_code = answer.get("status", 200)
        response.headers.update(answer.get("headers", {}))
        if "file" in answer:
            path = Path(answer["file"])
            response._content = (path if path.is_absolute() else self.directory / path).read_bytes()
        else:
            response._content = json.dumps(answer.get("body", {})).encode()
        response.encoding = "utf-8"
        return response

    def close(self):
        pass
