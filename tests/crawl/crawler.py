"""Follow every link a logged-in person can reach from the dashboard and list what a user would trip over.

GET only, same origin, bounded: one page per URL pattern (the route with its ids, and the query with its numbers,
collapsed), at most ``limit`` pages. A finding is one line, ``<url>: <what is wrong>``: in ``broken`` an error page,
a broken or malformed link or a file that does not open; in ``misread`` English, a raw value, date or log code.
"""

import html.parser
import io
import re
from collections import deque
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urldefrag, urlencode, urlsplit

import django
import polib
from django.conf import settings
from django.urls import Resolver404, resolve

import ocop
from ocop.backoffice.activity import VERB_LABELS

# Pages that are not the platform's own screens, or that end the session.
SKIPPED_PREFIXES = ("/django-admin/", "/static/", "/i18n/", "/backoffice/logout/")
VISIBLE_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
INVISIBLE_ELEMENTS = {"script", "style", "template", "noscript", "head", "title"}
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

ISO_DATE = re.compile(r"(?<![\d/])\d{4}-\d{2}-\d{2}(?!\d)")
PYTHON_VALUE = re.compile(r"\b(None|True|False)\b")
DECIMAL_POINT_SCORE = re.compile(r"\d+\.\d+\s*điểm")
MALFORMED_HREF = re.compile(r"\?\?|\bNone\b|\bTrue\b|\bFalse\b|\{\{|\{%|%7B|&amp;amp;|\s")


@cache
def english_strings() -> frozenset[str]:
    """Texts that, shown whole on a Vietnamese page, are English left untranslated.

    Every message of Django's own catalogue (forms, validators, widgets: "This field is required.", "- Select an
    option -") and of our catalogue whose Vietnamese differs from the English, less anything our Vietnamese uses.
    """
    ours = polib.pofile(str(Path(ocop.__file__).parent / "locale/vi/LC_MESSAGES/django.po"))
    django_root = Path(django.__file__).parent
    theirs = [
        polib.pofile(str(django_root / path))
        for path in ("conf/locale/en/LC_MESSAGES/django.po", "contrib/auth/locale/en/LC_MESSAGES/django.po")
    ]
    vietnamese = {entry.msgstr for entry in ours if entry.msgstr} | {
        text for entry in ours for text in entry.msgstr_plural.values()
    }
    english = {entry.msgid for entry in ours if entry.msgstr and entry.msgstr != entry.msgid}
    english |= {entry.msgid_plural for entry in ours if entry.msgid_plural}
    # Language names (conf/global_settings.py) double as names of ethnic groups ("Khmer"): not UI text.
    english |= {
        entry.msgid
        for catalogue in theirs
        for entry in catalogue
        if not any(path.endswith("global_settings.py") for path, _line in entry.occurrences)
    }
    return frozenset(
        text.strip()
        for text in english - vietnamese
        if "%" not in text and "{" not in text and re.search(r"[a-z]{2}", text)
    )


@dataclass
class _Page(html.parser.HTMLParser):
    """The links, the visible texts and the visible attribute texts of one HTML page."""

    links: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    _open: list[tuple[str, bool, bool]] = field(default_factory=list)  # tag, hidden, English

    def __post_init__(self):
        super().__init__(convert_charrefs=True)

    def _hidden(self) -> bool:
        return any(hidden for _tag, hidden, _en in self._open)

    def _english(self) -> bool:
        return any(english for _tag, _hidden, english in self._open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"] or "")
        hidden = tag in INVISIBLE_ELEMENTS or "hidden" in attrs or attrs.get("type") == "hidden"
        # English, or machine text the page marks as not to be translated (an EPCIS event's JSON)
        english = (attrs.get("lang") or "").startswith("en") or attrs.get("translate") == "no"
        if not (hidden or english or self._hidden() or self._english()):
            for name in VISIBLE_ATTRIBUTES:
                if attrs.get(name):
                    self.texts.append(attrs[name])
            if tag == "input" and attrs.get("type") in {"submit", "button", "text"} and attrs.get("value"):
                self.texts.append(attrs["value"])
        if tag not in VOID_ELEMENTS:
            self._open.append((tag, hidden, english))

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                return

    def handle_data(self, data):
        if data.strip() and not self._hidden() and not self._english():
            self.texts.append(data)


def text_findings(texts: list[str]) -> list[str]:
    """What is wrong with the visible texts of a Vietnamese page."""
    english = english_strings()
    verbs = re.compile(r"\b(" + "|".join(re.escape(verb) for verb in VERB_LABELS) + r")\b")
    findings = []
    for raw in texts:
        text = " ".join(raw.split())
        if text in english or text.strip("-– ") in english:
            findings.append(f"English text {text!r}")
        for pattern, what in (
            (ISO_DATE, "ISO date"),
            (PYTHON_VALUE, "raw Python value"),
            (verbs, "raw log verb"),
            (DECIMAL_POINT_SCORE, "score with a decimal point"),
        ):
            if match := pattern.search(text):
                findings.append(f"{what} {match.group(0)!r} in {text[:80]!r}")
    return findings


def pattern_of(path: str, query: str) -> tuple:
    """Pages that differ only by ids or numbers count once: the route, and the query with its numbers collapsed."""
    route = resolve(path).route
    parameters = tuple(sorted((key, "N" if value.isdigit() else value) for key, value in parse_qsl(query)))
    return route, parameters


@dataclass
class Crawl:
    client: object
    limit: int = 400
    visited: dict[str, int] = field(default_factory=dict)
    broken: list[str] = field(default_factory=list)
    misread: list[str] = field(default_factory=list)

    def run(self, start: str = "/backoffice/") -> "Crawl":
        queue = deque([(start, start)])
        seen_patterns = set()
        while queue and len(self.visited) < self.limit:
            url, found_on = queue.popleft()
            parts = urlsplit(url)
            key = pattern_of(parts.path, parts.query)
            if key in seen_patterns:
                continue
            seen_patterns.add(key)
            for link in self._visit(url, found_on):
                queue.append((link, url))
        return self

    def _link(self, href: str, page_url: str) -> str | None:
        """The same-origin URL ``href`` leads to, or None for another site, an anchor or a skipped area."""
        if MALFORMED_HREF.search(href) or not href:
            self.broken.append(f"{page_url}: malformed link {href!r}")
            return None
        href = urldefrag(href).url
        if not href or href.startswith(("mailto:", "tel:", "javascript:")):
            return None
        parts = urlsplit(href)
        if parts.netloc not in {"", "testserver"}:
            return None  # another site
        base = urlsplit(page_url)
        path = parts.path or base.path
        if not path.startswith("/"):
            path = base.path.rsplit("/", 1)[0] + "/" + path
        if path.startswith(SKIPPED_PREFIXES) or path.startswith(settings.MEDIA_URL):
            return None
        try:
            resolve(path)
        except Resolver404:
            self.broken.append(f"{page_url}: link to no page {href!r}")
            return None
        query = urlencode(parse_qsl(parts.query, keep_blank_values=True))
        return path + (f"?{query}" if query else "")

    def _visit(self, url: str, found_on: str) -> list[str]:
        response = self.client.get(url)
        self.visited[url] = response.status_code
        if response.status_code >= 400:
            self.broken.append(f"{url}: answers {response.status_code} (linked from {found_on})")
            return []
        if response.status_code in (301, 302):
            location = response["Location"]
            return [link] if (link := self._link(location, url)) else []
        content_type = response.get("Content-Type", "")
        if not content_type.startswith("text/html"):
            self._check_file(url, response, content_type)
            return []
        page = _Page()
        page.feed(response.content.decode())
        self.misread += [f"{url}: {finding}" for finding in text_findings(page.texts)]
        return [link for href in page.links if (link := self._link(href, url))]

    def _check_file(self, url: str, response, content_type: str) -> None:
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if "spreadsheetml" in content_type:
            import openpyxl

            try:
                openpyxl.load_workbook(io.BytesIO(body), read_only=True).close()
            except Exception as error:  # a file that does not open is the finding
                self.broken.append(f"{url}: the Excel file does not open ({error})")
        elif content_type == "application/pdf" and not body.startswith(b"%PDF"):
            self.broken.append(f"{url}: not a PDF")
