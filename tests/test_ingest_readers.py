"""Each reader on small inputs written the way real sources write them."""

from __future__ import annotations

import json
from pathlib import Path

from diplowatch.core.dates import date_in_name, parse_date
from diplowatch.ingest.options import IngestOptions
from diplowatch.ingest.pipeline import ingest_sources
from diplowatch.store import connect
from diplowatch.store.articles import iter_articles

BODY = (
    "KABUL — The Taliban named an interim cabinet on Tuesday, with Mohammad Hasan Akhund as acting "
    "prime minister and no women among its members, drawing criticism from Western governments."
)


def _ingest(db_path: Path, *sources: Path | str, **options):
    con = connect(db_path)
    issues = []
    summary = ingest_sources(
        [str(s) for s in sources], con, IngestOptions(on_issue=issues.append, **options), progress=False
    )
    stored = {a.source: a for a in iter_articles(con)}
    con.close()
    return summary, stored, [str(i) for i in issues]


def test_dates_in_the_forms_news_uses():
    assert parse_date("2021-08-10 20:00:00-04:00") == "2021-08-10"  # local day, not UTC
    assert parse_date("Thu, 23 Sep 2021 10:00:00 GMT") == "2021-09-23"
    assert parse_date("September 23, 2021") == "2021-09-23"
    assert parse_date("23 Sept. 2021") == "2021-09-23"
    assert parse_date("someday") is None and parse_date("2021-02-30") is None
    assert date_in_name("2021-09-07-taliban-cabinet.txt") == "2021-09-07"
    assert date_in_name("000_ba66cce47d68cf19.txt") is None


def test_txt_headline_published_line_and_file_name_date(tmp_path, db_path):
    (tmp_path / "cabinet.txt").write_text(
        f"Taliban name interim cabinet\nPublished: 7 September 2021\n\n{BODY}\n"
    )
    (tmp_path / "2021-09-08-reaction.txt").write_text(
        f"Western capitals react\n\n{BODY.replace('Tuesday', 'Wednesday')}\n"
    )
    _, stored, issues = _ingest(db_path, tmp_path)
    first = stored[str(tmp_path / "cabinet.txt")]
    assert (first.title, first.published, first.text) == ("Taliban name interim cabinet", "2021-09-07", BODY)
    second = stored[str(tmp_path / "2021-09-08-reaction.txt")]
    assert (second.title, second.published) == ("Western capitals react", "2021-09-08")
    assert issues == []


def test_wrapped_txt_without_headline_keeps_its_first_line(tmp_path, db_path):
    wrapped = "The Taliban named an interim cabinet\non Tuesday with no women among\nits members.\n\nWestern governments said they would judge the new authorities by their actions.\n"
    (tmp_path / "wrapped.txt").write_text(wrapped)
    _, stored, _ = _ingest(db_path, tmp_path)
    article = stored[str(tmp_path / "wrapped.txt")]
    assert article.text.startswith(
        "The Taliban named an interim cabinet on Tuesday with no women among its members."
    )
    assert article.meta.get("title_from_text") is True


def test_byte_order_marks_are_honoured(tmp_path, db_path):
    text = f"Taliban name interim cabinet\n\n{BODY}\n"
    (tmp_path / "utf8bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "utf16.txt").write_bytes(text.replace("Tuesday", "Monday").encode("utf-16"))
    _, stored, issues = _ingest(db_path, tmp_path, near_dup_threshold=1.0)
    assert stored[str(tmp_path / "utf8bom.txt")].title == "Taliban name interim cabinet"
    assert stored[str(tmp_path / "utf16.txt")].text == BODY.replace("Tuesday", "Monday")
    assert issues == []


def test_markdown_front_matter(tmp_path, db_path):
    (tmp_path / "story.md").write_text(
        "---\ndate: '2021-08-30'\ntitle: \"Security Council\\_adopts resolution 2593\"\n"
        "source_url: https://example.org/unsc-2593\noutlet: Meridian Times\ntags: un\n---\n\n"
        "## Vote\n\nThe **Security Council** [adopted](https://example.org/r) a resolution\n"
        "demanding that Afghan territory not be used to threaten any country.\n"
    )
    _, stored, _ = _ingest(db_path, tmp_path)
    article = stored[str(tmp_path / "story.md")]
    assert article.title == "Security Council adopts resolution 2593"  # YAML "\_" is a no-break space
    assert article.published == "2021-08-30"
    assert (article.url, article.outlet) == ("https://example.org/unsc-2593", "Meridian Times")
    assert article.text == (
        "Vote\n\nThe Security Council adopted a resolution demanding that Afghan territory not be used "
        "to threaten any country."
    )
    assert article.meta["tags"] == "un"


def test_malformed_front_matter_is_a_warning_and_the_text_is_kept(tmp_path, db_path):
    (tmp_path / "bad.md").write_text(f"---\ntitle: [unclosed\n---\n{BODY}\n")
    summary, stored, issues = _ingest(db_path, tmp_path)
    assert summary.new == 1 and BODY in stored[str(tmp_path / "bad.md")].text
    assert len(issues) == 1 and issues[0].startswith(f"warning {tmp_path / 'bad.md'}: malformed front matter")


def test_jsonl_csv_and_json_with_mapped_fields(tmp_path, db_path):
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"doc": "j1", "body": BODY, "published_at": "2021-09-07", "headline": "Cabinet"}) + "\n"
    )
    (tmp_path / "b.csv").write_text(f'doc,body,published_at\nc1,"{BODY} Line one\nline two.",2021-09-08\n')
    (tmp_path / "c.json").write_text(
        json.dumps({"articles": [{"doc": "x1", "body": BODY, "published_at": "2021-09-09"}]})
    )
    summary, stored, issues = _ingest(
        db_path,
        tmp_path,
        fields={"id": "doc", "text": "body", "date": "published_at"},
        near_dup_threshold=1.0,
    )
    by_id = {a.id: a for a in stored.values()}
    assert set(by_id) == {"j1", "c1", "x1"}
    assert by_id["j1"].title == "Cabinet" and by_id["j1"].published == "2021-09-07"
    assert by_id["c1"].source == f"{tmp_path / 'b.csv'}:2" and by_id["c1"].published == "2021-09-08"
    assert by_id["x1"].source == f"{tmp_path / 'c.json'}:#1"
    assert issues == []


def test_rss_feed_file(tmp_path, db_path):
    (tmp_path / "feed.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Frontier Bulletin</title>'
        "<item><title>Qatar minister visits Kabul</title><link>https://example.org/q</link>"
        "<guid>https://example.org/q</guid><pubDate>Sun, 12 Sep 2021 09:00:00 +0000</pubDate>"
        f"<description><![CDATA[<p>{BODY}</p><p>The visit was the first of its kind.</p>]]></description></item>"
        "</channel></rss>"
    )
    _, stored, _ = _ingest(db_path, tmp_path)
    (article,) = stored.values()
    assert article.id == "https://example.org/q" and article.outlet == "Frontier Bulletin"
    assert article.published == "2021-09-12" and article.title == "Qatar minister visits Kabul"
    assert article.text == f"{BODY}\n\nThe visit was the first of its kind."


def test_html_page_main_text_without_page_furniture(tmp_path, db_path):
    paragraphs = [BODY] + [
        f"Paragraph {n} of the report says the envoys discussed humanitarian access and the rights of women in detail."
        for n in range(1, 5)
    ]
    article_html = "".join(f"<p>{p}</p>" for p in paragraphs)
    (tmp_path / "page.html").write_text(
        "<html><head><title>Cabinet named | Meridian Times</title>"
        '<meta property="og:title" content="Taliban name interim cabinet">'
        '<meta property="article:published_time" content="2021-09-07T10:00:00Z"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<div class='cookie'>We use cookies to improve your experience. Manage settings</div>"
        f"<article><h1>Taliban name interim cabinet</h1>{article_html}</article>"
        "<footer>Privacy policy · Terms · Contact</footer></body></html>"
    )
    _, stored, _ = _ingest(db_path, tmp_path)
    (article,) = stored.values()
    assert article.title == "Taliban name interim cabinet" and article.published == "2021-09-07"
    for paragraph in paragraphs:
        assert paragraph in article.text
    assert "cookies" not in article.text and "Privacy policy" not in article.text
