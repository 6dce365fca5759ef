"""Follow every link a user can reach from "/" and report what a user should never see.

Used by the crawl in the normal suite (every demo role) and by the browser tests, which pick one URL
per pattern from it. Reports 5xx and 400 answers and raw values on screen: True/False, UTC offsets
and ISO timestamps.
"""

import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlparse

from django.urls import resolve

LINK = re.compile(r'(?:href|action|hx-get|data-url|data-href)="([^"#]+)"')
SKIP = ("/konto/logout", "/admin", "/static/", "/media/")
UNREADABLE = [
    re.compile(p)
    for p in (
        r">\s*(True|False|None)\s*<",  # a raw boolean or an empty value
        r"\+00:00",  # a UTC offset
        r"\b\d{4}-\d{2}-\d{2}T\d{2}:",  # an ISO timestamp
        r"-{9}",  # Django's "---------" where a Danish placeholder fits
        r"\w\((?:r|er|e)\)",  # "sagsområde(r)" instead of the right plural
    )
]
SCRIPT = re.compile(r"<script.*?</script>", re.S)
TAG = re.compile(r"<[^>]+>")


@dataclass
class Crawl:
    visited: dict = field(default_factory=dict)  # url -> status code
    pages: list = field(default_factory=list)  # urls answered 200 with an HTML page
    errors: list = field(default_factory=list)  # (url, status)
    unreadable: list = field(default_factory=list)  # (url, what was shown)


def visible_text(html):
    return TAG.sub("><", SCRIPT.sub("", html))


def links(url, html):
    for href in LINK.findall(html):
        parsed = urlparse(urljoin(url, href.replace("&amp;", "&")))
        if parsed.netloc not in ("", "testserver", "localhost"):
            continue
        path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
        if path.startswith("/") and not path.startswith(SKIP):
            yield path


def crawl(client, start="/", limit=3000):
    result = Crawl()
    seen, queue = {start}, deque([start])
    while queue and len(result.visited) < limit:
        url = queue.popleft()
        response = client.get(url)
        result.visited[url] = response.status_code
        if response.status_code >= 500 or response.status_code == 400:
            result.errors.append((url, response.status_code))
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if response.status_code == 200:
            result.pages.append(url)
        text = visible_text(html)
        for pattern in UNREADABLE:
            if match := pattern.search(text):
                result.unreadable.append((url, match.group(0)))
                break
        for path in links(url, html):
            if path not in seen:
                seen.add(path)
                queue.append(path)
    return result


def url_pattern(url):
    """The route a URL resolves to, e.g. "sagsomraade/<slug:slug>/<str:kle>/": one per kind of page."""
    return resolve(urlparse(url).path).route


def one_per_pattern(pages):
    """The first page of each route, in crawl order."""
    chosen = {}
    for url in pages:
        chosen.setdefault(url_pattern(url), url)
    return list(chosen.values())
