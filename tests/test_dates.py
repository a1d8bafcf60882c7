"""event_date: the day an event happened, from its sentence and the publication date."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import random
import re

import pytest

from diplowatch.nlp.dates import event_date, parse_date, resolve_yearless

THURSDAY = "2021-08-19"
_MONTH = re.compile(
    r"\b(?:" + "|".join(calendar.month_name[1:] + calendar.month_abbr[1:]) + r")\b"
)  # Kabul fell on Sunday 15 August 2021


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Taliban fighters entered Kabul on Sunday after the president fled.", "2021-08-15"),
        ("The Taliban held their first news conference in Kabul on Tuesday.", "2021-08-17"),
        # The publication weekday is the publication day itself ...
        ("Crowds gathered at the airport on Thursday, witnesses said.", THURSDAY),
        # ... unless the reporter says "last".
        ("Officials met the delegation last Thursday in Doha.", "2021-08-12"),
        ("Protesters waved the national flag in Jalalabad yesterday.", "2021-08-18"),
        ("The day before yesterday, gunmen fired on a crowd in Asadabad.", "2021-08-17"),
        ("Three people were killed in a stampede two days ago, a doctor said.", "2021-08-17"),
        ("The U.S. military said today that 2,000 people had been evacuated.", THURSDAY),
    ],
)
def test_relative_days_count_back_from_publication(sentence, expected):
    assert event_date(sentence, THURSDAY) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Taliban and Afghan government negotiators will meet in Doha on Friday.",
        "The foreign ministers will meet next Thursday in Islamabad.",
        "The envoy said he would travel to Moscow on Monday.",
        "The airlift is expected to end tomorrow.",
        "Officials said schools will reopen on Monday.",
        "The summit will be held on Sept. 7.",
        "Elections will be held on 2 January.",
        "The Taliban pledged to sever ties with foreign fighters ahead of a 31 August deadline.",
    ],
)
def test_a_planned_day_is_not_the_day_of_the_reported_act(sentence):
    # A report can only tell what has happened by the day it appears: the plan or the promise is made
    # then, and the day it names is the plan's (issue 10: pledges were dated to the future day they named).
    assert event_date(sentence, THURSDAY) == THURSDAY


def test_the_day_of_saying_dates_a_promise_about_a_later_day():
    sentence = "The Taliban said on Monday that schools would reopen on 6 September."
    assert event_date(sentence, THURSDAY) == "2021-08-16"


@pytest.mark.parametrize(
    ("month", "day", "published", "cue", "expected"),
    [
        # the nearest year, whatever the wording, within a quarter-year of publication
        (5, 1, "2021-03-21", None, "2021-05-01"),
        (5, 1, "2021-03-21", "behind", "2021-05-01"),
        (12, 28, "2022-01-05", None, "2021-12-28"),
        (12, 28, "2022-01-05", "ahead", "2021-12-28"),
        (1, 2, "2021-11-20", None, "2022-01-02"),
        # farther off, both readings are plausible: the wording decides, else the nearest stands
        (8, 15, "2022-03-01", "behind", "2021-08-15"),
        (8, 15, "2022-03-01", "ahead", "2022-08-15"),
        (8, 15, "2022-03-01", None, "2022-08-15"),
        (10, 7, "2021-03-21", "ahead", "2021-10-07"),
        (10, 7, "2021-03-21", None, "2020-10-07"),
        # only leap years have 29 February; no year has 31 June
        (2, 29, "2021-03-10", None, "2020-02-29"),
        (6, 31, "2021-03-10", None, None),
    ],
)
def test_a_yearless_day_takes_the_nearest_year_and_the_wording_settles_far_ones(
    month, day, published, cue, expected
):
    found = resolve_yearless(month, day, dt.date.fromisoformat(published), cue)
    assert (found.isoformat() if found else None) == expected


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # "ahead of a May 1 deadline" is 1 May 2021, after publication: the act is dated to the report,
        # not to 1 May 2020 (the old reading, which put it ten months back)
        ("The Taliban vowed to keep fighting ahead of a May 1 deadline.", "2021-03-21", "2021-03-21"),
        ("Germany extended its lockdown until March 7.", "2021-02-10", "2021-02-10"),
        # a past-tense verb settles a day half a year off as the one before
        ("Kabul fell to the Taliban on August 15.", "2022-03-01", "2021-08-15"),
        ("The vote held on October 7 was disputed.", "2021-03-21", "2020-10-07"),
        ("Protests have continued since August 15.", "2022-03-01", "2021-08-15"),
    ],
)
def test_yearless_dates_in_sentences(sentence, published, expected):
    assert event_date(sentence, published) == expected


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("Kabul fell to the Taliban on 15 August.", THURSDAY, "2021-08-15"),
        ("Kabul fell to the Taliban on August 15.", THURSDAY, "2021-08-15"),
        ("The Doha agreement was signed on 29 February 2020.", THURSDAY, "2020-02-29"),
        ("Talks opened on Aug. 15, 2021, in the Qatari capital.", "2021-09-30", "2021-08-15"),
        ("The envoy arrived on Sept. 7.", "2021-09-10", "2021-09-07"),
        # A day and month without a year take the nearest year.
        ("Fighting broke out on Dec. 28 near the border.", "2022-01-05", "2021-12-28"),
        # An explicit date beats a weekday elsewhere in the sentence.
        ("On Monday the ministry confirmed the strike of 12 August.", THURSDAY, "2021-08-12"),
    ],
)
def test_explicit_dates_win_when_plausible(sentence, published, expected):
    assert event_date(sentence, published) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The modal comes after the day: the day is when it was said, in the past.
        ("The Taliban said on Monday that they would reopen girls' schools.", "2021-08-16"),
        ("On Tuesday, the ministry said talks would resume.", "2021-08-17"),
        # Holidays are not weekdays to resolve; the real one after them is.
        (
            "Pilgrims marked Good Friday in Jerusalem; police said on Wednesday they arrested two men.",
            "2021-08-18",
        ),
    ],
)
def test_reported_future_keeps_the_day_of_saying(sentence, expected):
    assert event_date(sentence, THURSDAY) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The Taliban said foreign troops left Afghanistan last week.",  # vague: no day named
        "Food prices in Kabul rose sharply last month, the UN said.",
        "The agreement takes effect on 15 August 2030.",  # after publication, not a future sentence
        "On 31 September the council met.",  # not a calendar date
        "In March 15,000 people fled the fighting.",  # a number, not a day
        "The government may 5 times extend the deadline.",  # lower-case "may" is a verb
        "Women protested against the new restrictions.",
    ],
)
def test_no_usable_day_keeps_publication_date(sentence):
    assert event_date(sentence, THURSDAY) == THURSDAY


def test_publication_in_other_formats_is_read():
    assert event_date("The ministry said on Monday.", "Thu, 19 Aug 2021 10:00:00 +0000") == "2021-08-16"
    assert event_date("No day here.", "2022-03-23T10:00:00Z") == "2022-03-23"
    assert event_date("No day here.", "March 23, 2022") == "2022-03-23"


def test_without_publication_only_full_dates_count():
    assert event_date("Protesters marched on Tuesday.", None) is None
    assert event_date("Kabul fell on 15 August 2021.", None) == "2021-08-15"
    assert event_date("Kabul fell on 15 August.", "not a date") is None


def test_parse_date_is_the_ingest_reader():
    assert parse_date("2022-03-23T10:00:00Z") == "2022-03-23"
    assert parse_date("Wed, 23 Mar 2022 10:00:00 GMT") == "2022-03-23"
    assert parse_date("March 23, 2022") == "2022-03-23"
    assert parse_date("yesterday") is None


def test_current_events_sentences(shared):
    """Sample the Wikipedia current-events corpus: every answer is a real date no later than the
    entry's date (a later day a sentence names is a plan or a deadline, not the act's day), and the
    entries that say "yesterday" resolve to the day before."""
    path = shared / "corpora" / "current-events-2021-2022.jsonl"
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    rows = random.Random(3).sample(rows, 600)
    yesterday = 0
    for row in rows:
        published = dt.date.fromisoformat(row["date"])
        found = event_date(row["text"], row["date"])
        assert found is not None
        found_date = dt.date.fromisoformat(found)
        assert found_date <= published, row["text"]
        assert published - found_date <= dt.timedelta(days=366), row["text"]
        text = row["text"].lower()
        if "yesterday" in text and "before yesterday" not in text and not _MONTH.search(row["text"]):
            yesterday += 1
            assert found_date == published - dt.timedelta(days=1), row["text"]
    assert yesterday > 0
