"""HTML pages: trafilatura finds the main text and the title, htmldate the publication date."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

from diplowatch.ingest.raw import Issue, RawDoc, Skip

MIN_WORDS = 15  # less than this from a whole page is navigation or an error page, not an article
_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "blockquote", "pre", "td", "dd")


def hostname(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


def fragment_to_text(html: str) -> str:
    """Text of an HTML fragment (a feed item's summary), one paragraph per block element."""
    import lxml.html

    if "<" not in html:
        return html
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml raises several types on odd fragments; fall back to the raw text
        return html
    blocks = [el.text_content().strip() for el in root.iter(*_BLOCKS)]
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) if blocks else root.text_content()


def read_html(data: bytes, source: str, url: str | None = None) -> Iterator[RawDoc | Issue]:
    """One article from an HTML page."""
    import htmldate
    import trafilatura
    from lxml import html as lxml_html

    try:
        tree = trafilatura.load_html(data)
    except Exception:  # trafilatura reports unreadable markup in several ways
        tree = None
    if tree is None:
        raise Skip("not readable HTML")
    text = trafilatura.extract(tree, url=url, include_comments=False, include_tables=False, favor_recall=True)
    if not text:
        # Very short pages fall below trafilatura's thresholds: take their paragraphs as they are.
        paragraphs = [el.text_content().strip() for el in tree.iter("p")]
        text = "\n".join(p for p in paragraphs if p)
    if not text or len(text.split()) < MIN_WORDS:
        raise Skip("no article text found in the HTML")
    metadata = trafilatura.extract_metadata(tree, default_url=url)
    try:
        date = htmldate.find_date(
            lxml_html.tostring(tree), url=url, original_date=True, outputformat="%Y-%m-%d"
        )
    except Exception:  # htmldate is best effort; no date is a valid answer
        date = None
    page_url = (metadata.url if metadata and metadata.url else None) or url
    outlet = (metadata.sitename if metadata else None) or hostname(page_url)
    yield RawDoc(
        # trafilatura puts one paragraph per line; blank lines keep them apart when re-flowing.
        text="\n\n".join(line for line in text.splitlines() if line.strip()),
        source=source,
        title=metadata.title if metadata else None,
        date=date,
        url=page_url,
        outlet=outlet,
        meta={"author": metadata.author} if metadata and metadata.author else {},
    )
