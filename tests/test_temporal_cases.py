"""Table-driven cases for the temporal tagger, written for this project.

Each row: the text, the document date (or None), the mode, the words of the
expression under test, and the expected TIMEX3 value (and type / mod where it
matters). The phrasing is our own; the conventions are TimeML's.
"""

from __future__ import annotations

import pytest

from datelines.nlp.temporal import tag

N, S = "narrative", "news"

# text, dct, mode, extent, value, type, mod
CASES: list[tuple[str, str | None, str, str, str, str, str | None]] = [
    # explicit calendar dates
    (
        "The treaty was signed on 6 September 1965.",
        None,
        N,
        "6 September 1965",
        "1965-09-06",
        "DATE",
        None,
    ),
    (
        "Fighting resumed in August of 1971.",
        None,
        N,
        "August of 1971",
        "1971-08",
        "DATE",
        None,
    ),
    ("The siege ended in 1453.", None, N, "1453", "1453", "DATE", None),
    ("The colony was founded in 264 BC.", None, N, "264 BC", "BC0264", "DATE", None),
    ("Music changed in the 1960s.", None, N, "the 1960s", "196", "DATE", None),
    ("Trade boomed in the eighties.", None, N, "the eighties", "198", "DATE", None),
    (
        "Cities grew in the 19th century.",
        None,
        N,
        "the 19th century",
        "18",
        "DATE",
        None,
    ),
    (
        "Rebels met in the spring of 1848.",
        None,
        N,
        "the spring of 1848",
        "1848-SP",
        "DATE",
        None,
    ),
    (
        "Output fell in the second quarter of 2009.",
        None,
        N,
        "the second quarter of 2009",
        "2009-Q2",
        "DATE",
        None,
    ),
    (
        "Exports rose in the first half of 2012.",
        None,
        N,
        "the first half of 2012",
        "2012-H1",
        "DATE",
        None,
    ),
    (
        "Unrest spread in the early 1980s.",
        None,
        N,
        "the early 1980s",
        "198",
        "DATE",
        "START",
    ),
    ("The mill closed in mid-1931.", None, N, "mid-1931", "1931", "DATE", "MID"),
    ("Talks began around 1980.", None, N, "around 1980", "1980", "DATE", "APPROX"),
    (
        "Snow fell heavily on Christmas Day 1914.",
        None,
        N,
        "Christmas Day 1914",
        "1914-12-25",
        "DATE",
        None,
    ),
    (
        "The ferry left at 3 p.m. on 4 May 1950.",
        None,
        N,
        "3 p.m.",
        "1950-05-04T15:00",
        "TIME",
        None,
    ),
    # narrative anchoring
    (
        "The strike began on March 3, 1922. Two weeks later the mines reopened.",
        None,
        N,
        "Two weeks later",
        "1922-W11",
        "DATE",
        None,
    ),
    (
        "The strike began on March 3, 1922. The next day the army arrived.",
        None,
        N,
        "The next day",
        "1922-03-04",
        "DATE",
        None,
    ),
    (
        "The strike began in 1922. The following year it spread.",
        None,
        N,
        "The following year",
        "1923",
        "DATE",
        None,
    ),
    (
        "Troops landed in 1943. That winter was hard.",
        None,
        N,
        "That winter",
        "1943-WI",
        "DATE",
        None,
    ),
    (
        "Troops landed in 1943. On June 9th they marched north.",
        None,
        N,
        "June 9th",
        "1943-06-09",
        "DATE",
        None,
    ),
    (
        "Troops landed on 4 July 1943. The same day they marched north.",
        None,
        N,
        "The same day",
        "1943-07-04",
        "DATE",
        None,
    ),
    (
        "On June 9th they marched north.",
        None,
        N,
        "June 9th",
        "XXXX-06-09",
        "DATE",
        None,
    ),
    (
        "The port fell in 1916. Four years earlier it had been rebuilt.",
        None,
        N,
        "Four years earlier",
        "1912",
        "DATE",
        None,
    ),
    # news, resolved against the document date
    ("The board met Tuesday.", "2015-06-12", S, "Tuesday", "2015-06-09", "DATE", None),
    (
        "The board will meet Tuesday.",
        "2015-06-12",
        S,
        "Tuesday",
        "2015-06-16",
        "DATE",
        None,
    ),
    ("Sales doubled last year.", "2015-06-12", S, "last year", "2014", "DATE", None),
    (
        "Rates may rise next month.",
        "2015-06-12",
        S,
        "next month",
        "2015-07",
        "DATE",
        None,
    ),
    (
        "The plant opened two weeks ago.",
        "2015-06-12",
        S,
        "two weeks ago",
        "2015-W22",
        "DATE",
        None,
    ),
    (
        "Prices fell yesterday.",
        "2015-06-12",
        S,
        "yesterday",
        "2015-06-11",
        "DATE",
        None,
    ),
    ("Prices are high today.", "2015-06-12", S, "today", "2015-06-12", "DATE", None),
    (
        "Profits grew in the past three years.",
        "2015-06-12",
        S,
        "the past three years",
        "P3Y",
        "DURATION",
        None,
    ),
    (
        "The vote is due in January.",
        "2015-11-20",
        S,
        "January",
        "2016-01",
        "DATE",
        None,
    ),
    (
        "The company is now profitable.",
        "2015-06-12",
        S,
        "now",
        "PRESENT_REF",
        "DATE",
        None,
    ),
    (
        "Shares have recently fallen.",
        "2015-06-12",
        S,
        "recently",
        "PAST_REF",
        "DATE",
        None,
    ),
    # durations and sets
    (
        "The war lasted several years.",
        None,
        N,
        "several years",
        "PXY",
        "DURATION",
        None,
    ),
    ("The siege lasted 16 days.", None, N, "16 days", "P16D", "DURATION", None),
    (
        "The ceasefire held for eighteen months.",
        None,
        N,
        "eighteen months",
        "P18M",
        "DURATION",
        None,
    ),
    ("The paper is printed daily.", None, N, "daily", "XXXX-XX-XX", "SET", None),
    ("The paper is printed daily.", "2000-01-01", S, "daily", "P1D", "SET", None),
    ("The fair is held every year.", None, N, "every year", "P1Y", "SET", None),
    (
        "The army had withdrawn by 1975.",
        None,
        N,
        "1975",
        "1975",
        "DATE",
        "ON_OR_BEFORE",
    ),
    ("It rained after three days.", None, N, "three days", "P3D", "DURATION", None),
    (
        "The shops closed on Nowruz 1980.",
        None,
        N,
        "Nowruz 1980",
        "1980-03-21",
        "DATE",
        None,
    ),
    (
        "Talks failed. That Tuesday the board resigned.",
        "2015-06-12",
        S,
        "That Tuesday",
        "2015-06-09",
        "DATE",
        None,
    ),
    # ranges and lists
    ("The crisis of 1995-96 passed.", None, N, "96", "1996", "DATE", None),
    ("The islands fell (May-August 1950).", None, N, "May", "1950-05", "DATE", None),
    (
        "The summit met on April 24 and 25, 1999.",
        None,
        N,
        "April 24",
        "1999-04-24",
        "DATE",
        None,
    ),
    (
        "The form is dated 31/12/1999.",
        None,
        N,
        "31/12/1999",
        "1999-12-31",
        "DATE",
        None,
    ),
    ("The revolt lasted from 499 to 493 BC.", None, N, "499", "BC0499", "DATE", None),
    # story order
    (
        "Pearl Harbor was hit on December 8, 1941. In January the allies met.",
        None,
        N,
        "January",
        "1942-01",
        "DATE",
        None,
    ),
    (
        "The siege began on 3 March 1975, and elections were set for 1976. On 20 March the city fell.",
        None,
        N,
        "20 March",
        "1975-03-20",
        "DATE",
        None,
    ),
    # extents
    ("They called a one-day strike.", None, N, "one-day", "P1D", "DURATION", None),
    # a thousands separator belongs to the number, not a boundary
    (
        "The abbey keeps a 1,300-year archive.",
        "2013-03-21",
        S,
        "1,300-year",
        "P1300Y",
        "DURATION",
        None,
    ),
    ("Farmers have worked here for 9,000 years.", None, N, "9,000 years", "P9000Y",
     "DURATION", None),  # fmt: skip
    (
        "It took about three days.",
        None,
        N,
        "about three days",
        "P3D",
        "DURATION",
        "APPROX",
    ),
    (
        "Prices fell over the past two weeks.",
        "2000-01-10",
        S,
        "the past two weeks",
        "P2W",
        "DURATION",
        None,
    ),
    # news: "earlier in" stays outside the extent, "the day" is the expression
    (
        "Earlier in the day, crews had cleared the road.",
        "2013-03-21",
        S,
        "the day",
        "2013-03-21",
        "DATE",
        "START",
    ),
    # the half of a decade or century is that period with a mod; a half or
    # quarter "of the game" is no calendar part
    (
        "Rents doubled in the latter half of the 1990s.",
        None,
        N,
        "the latter half of the 1990s",
        "199",
        "DATE",
        "END",
    ),
    # narratives (TIMEX2 style) tag the unit of a rate; news leaves it out
    ("Raids averaged 40 a day that spring.", None, N, "a day", "P1D", "DURATION",
     None),  # fmt: skip
    # things that are not dates
    (
        "You may go now that the march is over.",
        None,
        N,
        "now",
        "PRESENT_REF",
        "DATE",
        None,
    ),
]


@pytest.mark.parametrize(
    ("text", "dct", "mode", "extent", "value", "type_", "mod"),
    CASES,
    ids=[c[3] + "|" + c[0][:30] for c in CASES],
)
def test_case(
    text: str, dct: str | None, mode: str, extent: str, value: str, type_: str,
    mod: str | None,
) -> None:  # fmt: skip
    found = {t.text: t for t in tag(text, dct=dct, mode=mode)}
    assert extent in found, f"{extent!r} not found in {list(found)}"
    timex = found[extent]
    assert (timex.value, timex.type, timex.mod) == (value, type_, mod)


@pytest.mark.parametrize(
    ("text", "extents"),
    [
        # "last" the verb before a bare plural unit: the unit alone is the duration
        ("The outage could last hours, the utility warned.", ["hours"]),
        ("Repairs are likely to last two weeks.", ["two weeks"]),
        # "last" the adjective keeps its extent
        ("Compared to last year, sales doubled.", ["last year"]),
        ("Snow fell in the last days of the storm.", ["the last days"]),
    ],
)
def test_last_the_verb_is_not_part_of_a_duration(text: str, extents: list[str]) -> None:
    found = tag(text, dct="2013-03-21", mode="news")
    assert [t.text for t in found] == extents


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # holidays on the n-th weekday of a month move with the year
        ("Banks shut for Martin Luther King Jr. Day 2013.", "2013-01-21"),
        ("Florists were busy before Mother's Day 2011.", "2011-05-08"),
        ("Stores opened on Presidents' Day 2010.", "2010-02-15"),
        ("Fireworks lit the sky on the Fourth of July, 1999.", "1999-07-04"),
        # and those a number of days from Easter or Thanksgiving
        ("Malls were packed on Black Friday 2012.", "2012-11-23"),
        ("Lent opened on Ash Wednesday 2013.", "2013-02-13"),
        ("The march was held on Easter Monday 1916.", "1916-04-24"),
    ],
)
def test_holidays_on_a_weekday_of_a_month(text: str, value: str) -> None:
    assert tag(text, mode="narrative")[0].value == value


def test_abbreviated_weekdays_with_a_period() -> None:
    found = tag("Bids closed Thurs. and Tues.", dct="2013-03-22", mode="news")
    assert [(t.text, t.value) for t in found] == [
        ("Thurs.", "2013-03-21"),
        ("Tues.", "2013-03-19"),
    ]


def test_may_and_march_as_words_are_not_months() -> None:
    found = tag("You may go now that the march is over.", mode="narrative")
    assert [t.text for t in found] == ["now"]


@pytest.mark.parametrize(
    "text",
    [
        "a 6-year-old boy",
        "Mr. Smith, 52 years old, retired.",
        "It saves $2 million a year.",
        "Guards watch 24 hours a day.",
        "The clinic is open six days a week.",
        "It imports three-quarters of its food.",
        "They met Jan Kavan in Prague.",
        "Prices fall when supply rises.",
        "The fall of the city shocked them.",
        "A force of 1,500 men landed.",
        "Arrested: 1000+",
        "Future payments were cut.",
        "Now, the mayor says, the rents must fall.",  # a discourse marker
        "A recent survey found little change.",  # "recent" alone: not markable
        "Crews dug on into the small hours.",
        "The guard scored 1999 points for the club.",
        "The mill shed 1200 jobs.",
        "She scored twice in the second half of the match.",
        "Flight 1492 was diverted to Denver.",
        "The envoy cited Resolution 1701 again.",
        "Protesters gathered at 1800 Market Street.",
        "Officers sealed off the 1900 block of Oak Lane.",
        "The hamlet, population 1300, lost power.",
        "Voters lined up on Super Tuesday.",
        "Lanterns glowed for Lunar New Year.",
        'The senator said on "Meet the Press" and "This Week" that he would run.',
    ],
)
def test_look_alikes_are_not_timexes(text: str) -> None:
    assert tag(text, mode="news", dct="2000-01-01") == []


@pytest.mark.parametrize(
    "text",
    [
        "Guards shot two and 1000 arrested near the square.",
        "Officials said 1200 detained in the raid.",
        "Some 1500 strikers marched.",
        "Arrested: 1000",
        "Killed: 1300-plus",
        "At least 40 died and 1100 were wounded.",
        "After the fall of Mossadegh the army ruled.",
        "The Fall of Ceausescu",
        "Exports dropped by about a quarter in the north.",
    ],
)
def test_counts_and_event_nouns_are_not_dates(text: str) -> None:
    assert tag(text, mode="narrative") == []


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("In 1000 BC the town was walled.", ["BC1000"]),
        ("By 1500 the port had doubled.", ["1500"]),
        ("Between 1975 and 1976 armed bands grew.", ["1975", "1976"]),
        ("Around 1980 prices climbed.", ["1980"]),
        ("In the fall of 1956 the revolt began.", ["1956-FA"]),
    ],
)
def test_years_near_count_words_stay_years(text: str, values: list[str]) -> None:
    assert [t.value for t in tag(text, mode="narrative")] == values


@pytest.mark.parametrize(
    "middle",
    [
        "Both sides argued over the 1949 armistice lines.",
        "He promised a return to the March 3, 1949 boundary.",
        "They spoke of the line of “March 3, 1949,” when the guns fell silent.",
    ],
)
def test_a_date_naming_a_thing_does_not_move_the_story(middle: str) -> None:
    text = f"Envoys met in May 1995. {middle} That August a draft was ready."
    found = {t.text: t.value for t in tag(text, mode="narrative")}
    assert found["August"] == "1995-08"


def test_a_dated_happening_still_moves_the_story() -> None:
    text = "Talks began in 1990. The first of the 1992 offensives came in June."
    assert tag(text, mode="narrative")[-1].value == "1992-06"


@pytest.mark.parametrize(
    "middle",
    [
        "It reached the bridge, which it had last held in March 1911.",
        "It reached the bridge (first built in March 1911) at dusk.",
        "The garrison, who had surrendered in March 1911, watched.",
    ],
)
def test_a_flashback_aside_keeps_the_main_thread(middle: str) -> None:
    text = f"On 2 June 1918 the column marched east. {middle} Six days later it rested."
    assert tag(text, mode="narrative")[-1].value == "1918-06-08"


def test_a_flashback_told_as_the_main_clause_moves_the_story() -> None:
    text = (
        "On 2 June 1918 the column marched east. In March 1911 it was raised. "
        "Six days later it drilled."
    )
    assert tag(text, mode="narrative")[-1].value == "1911-03-XX"


def test_a_month_range_in_an_infobox_starts_at_its_first_month() -> None:
    found = tag("Date: March–October 1977\nPlace: the delta", mode="narrative")
    assert (found[0].value, found[0].end_value) == ("1977-03", "1977-10")
    assert found[1].value == "1977-10"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a possessive weekday is a day already reported, even near a future verb
        ("Lawyers will appeal Monday's verdict.", "1999-03-08"),
        # a capitalized word in -ed is a name, not a past tense
        ("The envoy would fly to the United Kingdom Friday.", "1999-03-12"),
        # "next to" is a place, not a future; "is to" is a future
        ("Crowds gathered next to the embassy on Monday.", "1999-03-08"),
        ("Trading is to resume in London on Monday.", "1999-03-15"),
        ("Flights stopped due to the storm on Monday.", "1999-03-08"),
        # a quotation has its own tense; an abbreviation ends no sentence
        ("''The envoy will surely land there Friday,'' he said.", "1999-03-12"),
        ("Officials will meet with Sen. Ross Friday.", "1999-03-12"),
        # a passive participle leaves the tense to its auxiliary
        ("The new bishop will be installed Friday.", "1999-03-12"),
        ("The vote will be held Friday.", "1999-03-12"),
        # "set" is future only as "set to" / "set for"
        ("The board set aside the request on Friday.", "1999-03-05"),
        ("The vote is set for Friday.", "1999-03-12"),
        # "until" is no tense of its own: the verb decides, or a verb of putting off
        ("Until Monday, the court had not ruled.", "1999-03-08"),
        ("The judge adjourned the hearing until Monday.", "1999-03-15"),
        # "was" / "were" before a future cue: a future seen from the past
        ("Students planned a sit-in on Saturday and were planning a march.", "1999-03-13"),
        # a future cue after a determiner is a noun
        ("The board announced the plan Monday.", "1999-03-08"),
        # a present-tense verb of a scheduled event is a future
        ("The two envoys meet separately Friday.", "1999-03-12"),
        ("The new bridge opens on Monday.", "1999-03-15"),
        # "the coming Sunday" is ahead
        ("Voters go to the polls on the coming Sunday.", "1999-03-14"),
    ],
)
def test_weekday_tense_in_news(text: str, value: str) -> None:
    found = tag(text, dct="1999-03-10", mode="news")
    assert [t.value for t in found] == [value]


def test_a_day_with_a_part_of_day_is_a_time() -> None:
    found = tag("Votes came Sunday night and on Christmas night 1990.", mode="news",
                dct="1990-12-28")  # fmt: skip
    assert [(t.text, t.type) for t in found] == [
        ("Sunday night", "TIME"),
        ("Christmas night 1990", "TIME"),
    ]


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        ("Repairs will take a couple of weeks.", "a couple of weeks", "P2W"),
        ("Prices rose over the past couple of months.", "the past couple of months", "P2M"),
    ],
)
def test_a_couple_is_two_approximately(text: str, extent: str, value: str) -> None:
    found = tag(text, mode="news", dct="2001-05-01")
    assert [(t.text, t.value, t.mod) for t in found] == [(extent, value, "APPROX")]


def test_the_first_days_has_no_count() -> None:
    found = tag("In the first days of the siege and the first week after it.")
    assert [(t.text, t.value) for t in found] == [
        ("the first days", "PXD"),
        ("the first week", "P1W"),
    ]


def test_a_past_verb_right_before_a_date_outweighs_nearness() -> None:
    # three months ahead is nearer than nine back, but "ended" tells the past
    found = tag("The company ended Jan. 31 with a loss.",
                dct="1989-10-31", mode="news")  # fmt: skip
    assert [t.value for t in found] == ["1989-01-31"]


def test_a_fronted_month_takes_the_tense_of_the_main_verb() -> None:
    # "In December," belongs to the clause after the comma, whose verb is past
    found = tag("In December, the firm hired a new chief.",
                dct="1999-10-25", mode="news")  # fmt: skip
    assert [t.value for t in found] == ["1998-12"]


def test_a_month_after_since_is_past_even_near_a_future_cue() -> None:
    found = tag("The ship has been at sea since March and was scheduled to dock.",
                dct="1999-10-25", mode="news")  # fmt: skip
    assert [t.value for t in found] == ["1999-03"]


def test_a_yearless_month_with_no_tense_cue_leans_to_the_past() -> None:
    # six months back beats six months ahead when nothing points either way
    found = tag("The Ohio plant and its April opening.",
                dct="1999-10-25", mode="news")  # fmt: skip
    assert [t.value for t in found] == ["1999-04"]


def test_the_year_after_a_quarter_is_the_whole_year() -> None:
    # "a year earlier" keeps the quarter in focus; "the year" does not
    found = tag("Profit rose in the third quarter, up from a year earlier, and for "
                "the year it doubled.", dct="1989-10-27", mode="news")  # fmt: skip
    assert [(t.text, t.value) for t in found] == [
        ("the third quarter", "1989-Q3"),
        ("a year earlier", "1988-Q3"),
        ("the year", "1989"),
    ]


def test_a_time_takes_the_day_of_its_sentence_across_abbreviations() -> None:
    found = tag("Markets shut at 3 p.m. ET on Friday.", dct="2013-03-20", mode="news")
    assert [(t.text, t.value) for t in found] == [
        ("3 p.m. ET", "2013-03-15T15:00"),
        ("Friday", "2013-03-15"),
    ]


def test_midnight_ends_its_day() -> None:
    # TimeML 1.2.1 writes midnight as T24:00 of the day it ends, with or without
    # a weekday beside it
    found = tag("The offer expired at midnight Friday. The strike began at midnight.",
                dct="2013-03-20", mode="news")  # fmt: skip
    assert [(t.text, t.value) for t in found] == [
        ("midnight Friday", "2013-03-15T24:00"),
        ("midnight", "2013-03-20T24:00"),
    ]


def test_a_bare_time_takes_the_day_of_a_dated_time_beside_it() -> None:
    found = tag("He will leave at 4 in the morning (4 a.m. EDT Thursday).",
                dct="2000-04-05", mode="news")  # fmt: skip
    assert [t.value for t in found] == ["2000-04-06T04:00", "2000-04-06T04:00"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a quarter that has not begun at the document date, told in the past,
        # is last year's; a future cue keeps this year's
        ("Profit rose in the fourth quarter, the firm said.", "2012-Q4"),
        ("The firm expects growth in the fourth quarter.", "2013-Q4"),
        ("Sales rose in the second half.", "2012-H2"),
        ("Sales fell in the first quarter.", "2013-Q1"),
        # "last year's" already names the year: no second step back
        ("Sales rose in last year's fourth quarter.", "2012-Q4"),
    ],
)
def test_a_quarter_not_yet_begun_in_the_past_tense_is_last_years(
    text: str, value: str
) -> None:
    found = tag(text, dct="2013-03-20", mode="news")
    assert [t.value for t in found] == [value]


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        # "last" / "next" quarter count from the quarter the document is in
        ("Our chain sold fewer cars last quarter.", "last quarter", "2012-Q4"),
        ("The mill will reopen next quarter.", "next quarter", "2013-Q2"),
        # "the current quarter" is the one the document is in, not the last reported
        ("Orders look weak for the current quarter.", "the current quarter",
         "2013-Q1"),  # fmt: skip
        # "the last quarter of" a year is its fourth
        ("Hiring slowed in the last quarter of 2011.", "the last quarter of 2011",
         "2011-Q4"),  # fmt: skip
    ],
)
def test_last_and_next_quarter_in_news(text: str, extent: str, value: str) -> None:
    found = tag(text, dct="2013-03-21", mode="news")
    assert [(t.text, t.value) for t in found] == [(extent, value)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a bare season takes the year its tense points to, as a month does
        ("The plant closed in the fall.", "2012-FA"),
        ("The plant will close in the fall.", "2013-FA"),
        ("The plant closed this fall.", "2013-FA"),
        # a future cue outweighs the nearness of last November
        ("The vote will be held in November.", "2013-11"),
        # "the end of next year" moves a year, "the end of the year" does not
        ("Rates may rise by the middle of next year.", "2014"),
        ("Stocks sank at the end of last year.", "2012"),
        ("The lease runs to the end of the year.", "2013"),
        # a leap day takes the nearest year that has one
        ("The audit ended on Feb. 29.", "2012-02-29"),
        # "last season" is a season (meteorological), not a quarter
        ("The club was relegated last season.", "2012-FA"),
        # a future cue does not push a date of the document's own month a year on
        ("Bids are due by the end of January.", "2013-01"),
        ("Bids will be opened on January 7.", "2013-01-07"),
        # "a decade ago" is a year, not a decade
        ("A decade ago the plant was busy.", "2003"),
    ],
)
def test_seasons_and_decades_against_the_document_date(text: str, value: str) -> None:
    found = tag(text, dct="2013-01-25", mode="news")
    assert [t.value for t in found] == [value]


def test_a_clock_time_in_gmt_is_no_year_and_no_sentence_end() -> None:
    found = tag("The blast came at 10:35 a.m. (1835 GMT) Friday.",
                dct="1998-08-08", mode="news")  # fmt: skip
    assert [(t.text, t.value) for t in found] == [
        ("10:35 a.m.", "1998-08-07T10:35"),
        ("Friday", "1998-08-07"),
    ]


@pytest.mark.parametrize(
    ("text", "mode", "expected"),
    [
        # a plural unit after "a" counts nothing: a vague duration
        ("The caravan made a months-long crossing.", N, [("months-long", "PXM")]),
        # the unit of a rate: a duration in TIMEX2-style narratives, nothing in news
        ("Raids rose to some 40 a day.", N, [("a day", "P1D")]),
        ("Raids rose to some 40 a day.", S, []),
        # narratives keep a duration's "of" phrase in the extent; news does not
        ("The fort fell after six weeks of siege.", N, [("six weeks of siege", "P6W")]),
        ("The fort fell after six weeks of siege.", S, [("six weeks", "P6W")]),
        # ... and "after EVENT" there dates the event: with no date told, the week
        # is unknown (see test_dates_anchored_to_events)
        (
            "It fell three weeks after the siege began.",
            N,
            [("three weeks after the siege began", "XXXX-WXX")],
        ),
        # ... unless it runs on into a clause
        (
            "The last days of the truce were calm.",
            N,
            [("The last days", "PXD")],
        ),
        # a "period" of the story: a vague duration in narratives only
        (
            "Unrest grew during the ceasefire period.",
            N,
            [("the ceasefire period", "PXX")],
        ),
        ("Unrest grew during the ceasefire period.", S, []),
        # "just" / "only" before a count: inside in narratives, outside in news
        ("The raid took just six hours.", N, [("just six hours", "PT6H")]),
        ("The raid took just six hours.", S, [("six hours", "PT6H")]),
        # "the" before a bare plural: outside in news (TimeML), inside in narratives
        ("Trade grew in the years that followed.", S, [("years", "PXY")]),
        ("Trade grew in the years that followed.", N, [("the years", "PXY")]),
        # a phrase holding a date is not taken in: the year keeps its own timex, so
        # the events of the sentence stay dated (TIMEX2 would take it in)
        (
            "In the first two months of 1916, rain fell. In March, the river rose.",
            N,
            [("the first two months", "P2M"), ("1916", "1916"), ("March", "1916-03")],
        ),
    ],
)
def test_durations(text: str, mode: str, expected: list[tuple[str, str]]) -> None:
    found = tag(text, dct="2013-01-25", mode=mode)
    assert [(t.text, t.value) for t in found] == expected


def test_now_with_a_comma_inside_a_sentence_is_still_the_present() -> None:
    found = tag("Until now, the mayor has said little.", dct="2013-03-21", mode="news")
    assert [(t.text, t.value) for t in found] == [("now", "PRESENT_REF")]


def test_a_count_before_a_frequency_adverb_is_the_sets_freq() -> None:
    found = tag("The ferry sails twice daily; the board meets three times weekly.",
                dct="2013-03-21", mode="news")  # fmt: skip
    assert [(t.text, t.type, t.value, t.freq) for t in found] == [
        ("twice daily", "SET", "P1D", "2X"),
        ("three times weekly", "SET", "P1W", "3X"),
    ]


def test_the_quantifier_of_a_set_is_its_own_word() -> None:
    found = tag(
        "They vote every year and meet each July.", dct="2013-03-21", mode="news"
    )
    assert [(t.text, t.quant) for t in found] == [
        ("every year", "EVERY"),
        ("each July", "EACH"),
    ]


def test_the_following_hours_is_a_vague_duration() -> None:
    # TimeML 1.2.1: "during the following hours" is a DURATION with an unknown count
    found = tag("During the following hours the rebels fled.", dct="2013-03-21",
                mode="news")  # fmt: skip
    assert [(t.text, t.type, t.value) for t in found] == [
        ("the following hours", "DURATION", "PTXH"),
    ]


@pytest.mark.parametrize(
    ("dct", "expected"),
    [
        # a Sunday is the last day of its ISO week
        ("1998-03-22", ["1998-W11", "1998-W12", "1998-W13", "1998-W10"]),
        # a Sunday in ISO week 53 of the year before
        ("2005-01-02", ["2004-W52", "2004-W53", "2005-W01", "2004-W51"]),
        # a Monday of December in ISO week 1 of the next year
        ("2008-12-29", ["2008-W52", "2009-W01", "2009-W02", "2008-W51"]),
        # a Thursday of week 53
        ("2009-12-31", ["2009-W52", "2009-W53", "2010-W01", "2009-W51"]),
    ],
)
def test_weeks_are_iso_weeks_across_sundays_and_new_years(
    dct: str, expected: list[str]
) -> None:
    text = (
        "Sales dipped last week. The board meets this week. "
        "Talks resume next week. Rain fell two weeks ago."
    )
    assert [t.value for t in tag(text, dct=dct, mode="news")] == expected


@pytest.mark.parametrize(
    ("dct", "expected"),
    [
        # 1997-WI runs from December 1997 to February 1998
        ("1998-01-15", ["1997-WI", "1996-WI", "1998-WI", "1997-WI"]),
        ("1998-02-20", ["1997-WI", "1996-WI", "1998-WI", "1997-WI"]),
        ("1998-12-20", ["1998-WI", "1997-WI", "1999-WI", "1998-WI"]),
    ],
)
def test_a_winter_is_named_by_the_year_of_its_december(
    dct: str, expected: list[str]
) -> None:
    text = (
        "Heating bills rose this winter. Snow was scarce last winter. "
        "The resort will reopen next winter. The winter was mild."
    )
    assert [t.value for t in tag(text, dct=dct, mode="news")] == expected


def test_the_year_ago_period_is_a_comparison_not_a_new_focus() -> None:
    # "a year earlier" after "the 1988 period" still counts back from the quarter
    # the report is about, not from the comparison period
    text = (
        "Profit rose in the third quarter. In the 1988 period the bank earned "
        "less. The dividend is up from a year earlier."
    )
    found = tag(text, dct="1989-10-27", mode="news")
    assert [(t.text, t.value) for t in found] == [
        ("the third quarter", "1989-Q3"),
        ("the 1988 period", "1988-Q3"),
        ("a year earlier", "1988-Q3"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the event's date, found in an earlier sentence that names it, moved by
        # the amount at the unit's granularity
        (
            "The army invaded the north on 4 May 1861. On 20 May the capital fell. "
            "A week after the invasion, the king fled.",
            ("A week after the invasion", "DATE", "1861-W19", "1861-05-04"),
        ),
        (
            "The revolt began on 20 June 1981. The day after the revolt, arrests "
            "followed.",
            ("The day after the revolt", "DATE", "1981-06-21", "1981-06-20"),
        ),
        (
            "Ms Vale spoke in Leeds on 9 March 2004. On 12 March she rested. "
            "The day before Vale's speech, crowds gathered.",
            ("The day before Vale's speech", "DATE", "2004-03-08", "2004-03-09"),
        ),
        (
            "The treaty was signed in 1648. On 3 May 1650 the war resumed. "
            "A year after the treaty, the borders closed.",
            ("A year after the treaty", "DATE", "1649", "1648"),
        ),
        # no earlier sentence names the event: the story's anchor
        (
            "On 2 July 1916 the guns fell silent. Three days after the storm, "
            "they moved.",
            ("Three days after the storm", "DATE", "1916-07-05", "1916-07-02"),
        ),
        # "hours later": the day last told, its time unknown
        (
            "On 25 June 1950 the army crossed. In the past year, raids had grown. "
            "Hours later the council met.",
            ("Hours later", "TIME", "1950-06-25TXX", "1950-06-25"),
        ),
    ],
)
def test_dates_anchored_to_events(
    text: str, expected: tuple[str, str, str, str]
) -> None:
    found = tag(text)
    got = [(t.text, t.type, t.value, t.anchor_value) for t in found]
    assert got[-1] == expected
    assert found[-1].anchor == "relative"


def test_dates_anchored_to_events_stay_durations_in_news() -> None:
    found = tag("They left three days after the storm.", dct="1998-03-10", mode="news")
    assert [(t.text, t.type, t.value) for t in found] == [
        ("three days", "DURATION", "P3D")
    ]


def test_an_event_phrase_ends_before_the_next_amount() -> None:
    text = ("On 1 June 1861, two days after the rebels invaded and three months "
            "before the treaty, the king fled.")  # fmt: skip
    assert [t.text for t in tag(text)][1:] == [
        "two days after the rebels invaded",
        "three months before the treaty",
    ]
