"""The quick-log one-liner: SPEC's example exactly, aliases, quotes, and errors with
the position of the offending text. "Today" is Friday 2026-11-27."""

from __future__ import annotations

from datetime import date

import pytest

from netrack.domain.errors import ParseError
from netrack.domain.models import Kind
from netrack.domain.quicklog import NameRef, parse

TODAY = date(2026, 11, 27)  # a Friday


def test_spec_example_exactly() -> None:
    line = (
        '#coffee @"Ana López" @raj +acme 45m ! fu:fri on:yesterday $12 '
        "talked about the platform team"
    )
    entry = parse(line, TODAY)
    assert entry.kind == Kind.IN_PERSON
    assert entry.contacts == (NameRef("Ana López", False, 8), NameRef("raj", True, 21))
    assert entry.campaign == NameRef("acme", True, 26)
    assert entry.minutes == 45
    assert entry.meaningful is True
    assert entry.follow_up_on == date(2026, 12, 4)  # the next Friday after today
    assert entry.on == date(2026, 11, 26)
    assert entry.cost == 12.0
    assert entry.note == "talked about the platform team"
    assert entry.warnings == ()


def test_defaults() -> None:
    entry = parse("@ana", TODAY)
    assert (entry.kind, entry.on, entry.minutes, entry.meaningful) == (Kind.OTHER, TODAY, 0, False)
    assert (entry.campaign, entry.follow_up_on, entry.cost, entry.note) == (None, None, 0.0, "")


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("coffee", Kind.IN_PERSON),
        ("lunch", Kind.IN_PERSON),
        ("meet", Kind.IN_PERSON),
        ("f2f", Kind.IN_PERSON),
        ("F2F", Kind.IN_PERSON),
        ("zoom", Kind.VIDEO),
        ("phone", Kind.CALL),
        ("dm", Kind.MESSAGE),
        ("linkedin", Kind.MESSAGE),
        ("in_person", Kind.IN_PERSON),
        ("in-person", Kind.IN_PERSON),  # as `--channel cold-outreach`: one rule for choices
        ("In-Person", Kind.IN_PERSON),
        ("video", Kind.VIDEO),
        ("email", Kind.EMAIL),
        ("event", Kind.EVENT),
        ("interview", Kind.INTERVIEW),
        ("other", Kind.OTHER),
    ],
)
def test_kind_aliases(word: str, kind: Kind) -> None:
    assert parse(f"@ana #{word}", TODAY).kind == kind


def test_quoted_names_and_campaigns() -> None:
    entry = parse('@"Jean-Luc Picard" +"Acme Platform Engineer" 1h30m', TODAY)
    assert entry.contacts == (NameRef("Jean-Luc Picard", False, 0),)
    assert entry.campaign == NameRef(
        "Acme Platform Engineer", False, 19
    )  # after 18 chars and a space
    assert entry.minutes == 90


def test_bare_names_keep_dashes_for_the_resolver() -> None:
    entry = parse("@ana-lópez @jean_luc hello", TODAY)
    assert [(ref.text, ref.bare) for ref in entry.contacts] == [
        ("ana-lópez", True),
        ("jean_luc", True),
    ]
    assert entry.note == "hello"


def test_words_that_look_like_tokens_but_are_notes() -> None:
    # "+7d" is a date-ish word, not a campaign; a bare 90 is SPEC's DURATION (minutes)
    entry = parse("@ana 90 people at +7d", TODAY)
    assert (entry.minutes, entry.campaign, entry.note) == (90, None, "people at +7d")


@pytest.mark.parametrize(
    ("line", "minutes", "note"),
    [
        ("@ana #call 30", 30, ""),
        ("@ana 30 #call", 30, ""),
        # A duration with a unit is the time: bare numbers stay words, unrefused.
        ("@ana 45m 3 roles", 45, "3 roles"),
        ("@ana 3 roles 45m", 45, "3 roles"),
        # The first bare number is the time; a second is a word.
        ("@ana 30 with 4 people", 30, "with 4 people"),
        # Ordinals, times, amounts and quoted numbers stay words as they were.
        ('@ana 20 2nd round at 10am, 120k "90"', 20, '2nd round at 10am, 120k "90"'),
        # Once the note has begun, its numbers are its words: never cut out of it.
        ("@ana #call talked about 2 roles", 0, "talked about 2 roles"),
        ("@ana sent 3 CVs, follow up in 30", 0, "sent 3 CVs, follow up in 30"),
        ("@ana met her at the 2026 summit", 0, "met her at the 2026 summit"),
        # No time said by a 0: the word stays.
        ("@ana 0", 0, "0"),
    ],
)
def test_a_bare_number_before_the_note_is_minutes_when_no_other_duration_is(
    line: str, minutes: int, note: str
) -> None:
    entry = parse(line, TODAY)
    assert (entry.minutes, entry.note) == (minutes, note)


def test_a_bare_number_longer_than_a_day_is_refused_at_its_column() -> None:
    with pytest.raises(ParseError) as caught:
        parse("@ana 2026 summit", TODAY)
    assert (caught.value.position, str(caught.value)) == (
        5,
        "2026 minutes is more than a day (24h at most); quote it to keep it as note text",
    )


def test_the_forms_a_wrong_duration_is_told_list_the_bare_minutes() -> None:
    with pytest.raises(ParseError) as caught:
        parse("@ana 90x", TODAY)
    assert "(expected 45m, 45min, 1h, 1.5h, 1h30m, 1h30, 2hrs or 90)" in str(caught.value)


def test_note_words_that_are_not_durations() -> None:
    # Ordinals, times of day and amounts stay words; a quoted typo stays a word too.
    entry = parse('@ana 2nd round at 10am, 120k "90x" 1.5h', TODAY)
    assert entry.minutes == 90
    assert entry.note == '2nd round at 10am, 120k "90x"'


def test_a_token_quoted_as_a_whole_is_note_text_whatever_its_sigil() -> None:
    # `@"Ana López"` quotes a name; `"@ana"` quotes a word, as `"45m"` and `"#coffee"` do.
    entry = parse('@raj "@ana" suggested "+platform" "+7d" "$12" "!" @"Ana López"', TODAY)
    assert entry.contacts == (NameRef("raj", True, 0), NameRef("Ana López", False, 50))
    assert (entry.campaign, entry.cost, entry.meaningful) == (None, 0.0, False)
    assert entry.note == '"@ana" suggested "+platform" "+7d" "$12" "!"'


@pytest.mark.parametrize(
    ("line", "note"),
    [
        ('@ana he said "wow"! call back', 'he said "wow"! call back'),
        ('@ana she said "not now", retry in Q1', 'she said "not now", retry in Q1'),
        ('@ana "2 rounds"45m', '"2 rounds"45m'),
        ('@ana "a""b"', '"a""b"'),
    ],
)
def test_text_glued_to_a_closing_quote_is_the_same_note_word(line: str, note: str) -> None:
    # Tokens are whitespace-separated: `"wow"!` is one word, as `great!` is; the `!`
    # set the meaningful flag and `45m` the time, and a space went in before a comma.
    entry = parse(line, TODAY)
    assert (entry.note, entry.meaningful, entry.minutes) == (note, False, 0)


@pytest.mark.parametrize(
    ("line", "position"),
    [('@"ana lopez", hi', 12), ('@ana fu:"dec 5"x', 15), ('@ana +"acme"!', 12)],
)
def test_text_glued_after_a_quoted_name_or_date_is_refused(line: str, position: int) -> None:
    with pytest.raises(ParseError) as caught:
        parse(line, TODAY)
    assert caught.value.position == position
    assert "text right after the closing quote; put a space before it" in str(caught.value)


def test_cost_with_cents_and_dates() -> None:
    entry = parse("@ana $12.50 on:2026-11-20 fu:+7d", TODAY)
    assert entry.cost == 12.5
    assert entry.on == date(2026, 11, 20)
    assert entry.follow_up_on == date(2026, 12, 4)  # +7d from today


def test_a_quoted_date_may_hold_a_space() -> None:
    entry = parse('@ana on:"nov 20" FU:"dec 5" fu-talk "fu:jan 2"', TODAY)
    assert (entry.on, entry.follow_up_on) == (date(2026, 11, 20), date(2026, 12, 5))
    assert entry.note == 'fu-talk "fu:jan 2"'  # a quote around the whole token: note text


def test_follow_up_not_after_the_interaction_warns() -> None:
    entry = parse("@ana on:today fu:today", TODAY)
    assert entry.warnings == ("follow-up date is not after the interaction",)


@pytest.mark.parametrize(
    ("line", "position", "words"),
    [
        ("@ana #zzz", 5, "unknown kind 'zzz'"),
        ('@"ana lopez', 1, "unclosed quote"),
        ("@ana fu:2026-13-45", 8, "invalid date '2026-13-45'"),
        ("@ana on:someday", 8, "invalid date 'someday'"),
        ("@ana $abc", 5, "invalid amount"),
        ("@a 10m 20m", 7, "two durations"),
        # Shaped like a duration but not one: an error, not note text (SPEC).
        ("@a 90x talk", 3, "'90x' is not a duration"),
        ("@a 1h99m", 3, "'1h99m' is not a duration"),
        # after a good one, still "not a duration": "two durations" sent users astray
        ("@a 10m 90x", 7, "'90x' is not a duration"),
        ("@a 10m 1h99m", 7, "'1h99m' is not a duration"),
        # More than one "digits then letters" after the first, or a point without its
        # digits: these were note text, and the entry was saved with no time.
        ("@a 1h30m45s", 3, "'1h30m45s' is not a duration"),
        ("@a 1.h", 3, "'1.h' is not a duration"),
        ("@a .5h", 3, "'.5h' is not a duration"),
        # Well formed, too long: said where it is (the preview's error), as too long.
        ("@a #call 25h", 9, "25h is more than a day (24h at most)"),
        ("@a 99999999m", 3, "99999999m is more than a day"),
        ("@a 12345678901h", 3, "12345678901h is more than a day"),
        ("@a -30m", 3, "'-30m' is not a duration: time spent is never negative"),
        ("@ana fu:dec 5", 8, 'quote a date with a space, like fu:"dec 5"'),
        # A bare `on:`/`fu:` said only "missing date", naming neither it nor the way out.
        ("@a decided on: the offer", 11, """'on:' has no date after it (expected YYYY-MM-DD"""),
        ("@a on:yesterday fu:", 16, """'fu:' has no date after it"""),
        ("@a on:yesterday FU:", 16, """quote it ("FU:") to keep it as note text"""),
        ("@a fu:fri fu:mon", 10, "two follow-up dates"),
        ("@a on:today on:yesterday", 12, "two dates"),
        # The write's rule, said before Enter at the follow-up's date (it previewed as a
        # mild warning, and Enter refused it).
        ("@a fu:2026-11-01 on:2026-11-20", 6, "follow-up 2026-11-01 is before the interaction"),
        ("@a on:2026-11-20 fu:-10d", 20, "follow-up 2026-11-17 is before the interaction"),
        ("@a +x +y", 6, "only one +campaign"),
        ("@a #call #video", 9, "only one #kind"),
        # The last of two costs won, silently; a duration with punctuation stuck to it
        # was note text, and the entry was saved with no time.
        ("@a $12 $15 lunch", 7, "two costs: '$15'"),
        ("@a coffee 45m.", 10, "'45m.' is not a duration"),
        ("@a 1,5h", 3, "'1,5h' is not a duration"),
        ("@a 1h-30m", 3, "'1h-30m' is not a duration"),
        ("@a 1½h", 3, "'1½h' is not a duration"),
        ("@a note 1h30.", 8, "'1h30.' is not a duration"),
        ("@a note 1h30m,", 8, "'1h30m,' is not a duration"),
        ("@a $1e3", 3, "invalid amount '1e3'"),
        ("#coffee 45m", 11, "at least one @contact"),
        ("", 0, "at least one @contact"),
    ],
)
def test_errors_carry_a_position(line: str, position: int, words: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse(line, TODAY)
    assert caught.value.position == position
    assert words in str(caught.value)


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        ('@ana on:"may"', 'a month needs its day, like on:"may 5"'),
        ('@ana fu:" Dec "', 'a month needs its day, like fu:"Dec 5"'),
    ],
)
def test_a_quoted_month_alone_is_said_to_need_its_day(line: str, hint: str) -> None:
    """The hint said to quote a date with a space where it was quoted: the day is what
    is missing."""
    with pytest.raises(ParseError) as caught:
        parse(line, TODAY)
    assert (caught.value.position, str(caught.value).split("; ")[-1]) == (8, hint)


@pytest.mark.parametrize(
    "line",
    [
        "@a meet at 10am.",
        "@a the 2nd round,",
        "@a at 1:30",
        "@a v1.5",
        '@a "45m." kept',
        # Words that only begin like a duration: note text, as they were.
        "@a commit 1h/week",
        "@a 2h-ish",
        "@a a 30m-call",
        "@a 1,000m",
        "@a raised 3m€",
        "@a (took 3h)",
        # Numbers and words around them, not shaped like a duration at all.
        # (a bare number alone is minutes, SPEC's `90`: test_a_bare_number_is_minutes_…)
        "@a three people, v1.2 of the h1b form on the 5th, .5 done, raised 1.5k",
    ],
)
def test_note_words_that_only_look_near_a_duration_stay_note_text(line: str) -> None:
    parsed = parse(line, TODAY)
    assert parsed.minutes == 0
    assert parsed.note == line.removeprefix("@a ")


@pytest.mark.parametrize(
    ("line", "minutes", "note"),
    [
        # A number and a unit word apart are one duration, as `2hours` is: the bare
        # number was taken as minutes and the unit word began the note.
        ("@raj 2 hours coffee", 120, "coffee"),
        ("@raj 1 hour lunch", 60, "lunch"),
        ("@raj 45 min chat", 45, "chat"),
        ("@raj 1.5 hours at the canal", 90, "at the canal"),
        ("@raj 30 minutes with 4 people", 30, "with 4 people"),
        ("@raj #call 2 H", 120, ""),
        ("@raj 10   mins x", 10, "x"),
        # Quoted, either half is the note's; in the note, "2 hours" stays its words.
        ('@raj "2" hours', 0, '"2" hours'),
        ('@raj 2 "hours"', 2, '"hours"'),
        ("@raj talked 2 hours", 0, "talked 2 hours"),
        # What a duration with a unit left alone stays so.
        ("@raj 45m 3 roles", 45, "3 roles"),
        ("@raj 1h30m 30 people", 90, "30 people"),
    ],
)
def test_a_duration_written_with_a_space_is_one_duration(
    line: str, minutes: int, note: str
) -> None:
    entry = parse(line, TODAY)
    assert (entry.minutes, entry.note) == (minutes, note)


@pytest.mark.parametrize(
    ("line", "position", "said"),
    [
        (
            "#call @raj 1h 30 went through",
            14,
            "two durations: '1h' then '30' (one is written like 1h30); "
            "quote it to keep it as note text",
        ),
        ("@raj 2 hours 30", 13, "two durations: '2 hours' then '30'"),
        ("@raj 2 hours 30 min", 13, "two durations: '30 min'"),
        ("@raj 1.5 min", 5, "'1.5 min' is not a duration (expected 45m"),
        ("@raj 2 hours, coffee", 5, "'2 hours,' is not a duration (expected 45m"),
    ],
)
def test_a_duration_split_in_a_way_that_reads_two_ways_is_refused_at_its_column(
    line: str, position: int, said: str
) -> None:
    with pytest.raises(ParseError) as caught:
        parse(line, TODAY)
    assert caught.value.position == position
    assert str(caught.value).startswith(said)


@pytest.mark.parametrize(
    ("line", "position", "said"),
    [
        # A number-like token before a unit word that is not one of the exact forms:
        # refused as its glued form (`1,5h`, `.5h`) is, not 0 minutes and a note.
        ("@raj 1,5 h coffee", 5, "'1,5 h' is not a duration (expected 45m"),
        ("#call @raj .5 h quick sync", 11, "'.5 h' is not a duration (expected 45m"),
        ("@raj 1.555 h", 5, "'1.555 h' is not a duration (expected 45m"),
        ("@raj 1. h x", 5, "'1. h' is not a duration (expected 45m"),
        ("@raj 1,5 h, x", 5, "'1,5 h,' is not a duration (expected 45m"),
        # A unit word with any mark glued to it: not 3 minutes and "hours' drive".
        ("@raj 3 hours' drive", 5, '"3 hours\'" is not a duration (expected 45m'),
        ("@raj 2 min. x", 5, "'2 min.' is not a duration (expected 45m"),
        ("@raj 2 (h) x", 5, "'2 (h)' is not a duration (expected 45m"),
    ],
)
def test_a_spaced_number_and_unit_that_is_no_duration_is_refused_at_its_column(
    line: str, position: int, said: str
) -> None:
    with pytest.raises(ParseError) as caught:
        parse(line, TODAY)
    assert caught.value.position == position
    assert str(caught.value).startswith(said)
    assert str(caught.value).endswith("; quote it to keep it as note text")


@pytest.mark.parametrize(
    ("line", "minutes", "note"),
    [
        # The exact forms still log; in the note, or quoted, nothing changes.
        ("@raj 2 hours x", 120, "x"),
        ("@raj 1.5 hours x", 90, "x"),
        ("@raj 45 min x", 45, "x"),
        ("@raj 0.5 h x", 30, "x"),
        ("@raj 007 min x", 7, "x"),
        ("@raj talked 1,5 h, .5 h and 3 hours' drive", 0, "talked 1,5 h, .5 h and 3 hours' drive"),
        ('@raj "1,5" h', 0, '"1,5" h'),
        ("@raj 2 h-ish", 2, "h-ish"),
    ],
)
def test_exact_spaced_durations_and_note_words_keep_their_meaning(
    line: str, minutes: int, note: str
) -> None:
    entry = parse(line, TODAY)
    assert (entry.minutes, entry.note) == (minutes, note)


def test_a_note_too_long_to_store_is_refused_at_its_first_word() -> None:
    """Said by the parser, so the bar's preview says it before enter, as the write does."""
    assert len(parse("@raj 45m " + "x" * 10_000, TODAY).note) == 10_000
    with pytest.raises(ParseError) as caught:
        parse("@raj 45m " + "x" * 10_001, TODAY)
    assert (caught.value.position, str(caught.value)) == (
        9,
        "note is too long (10000 characters at most)",
    )


def test_the_grammar_log_help_lists_covers_every_token_the_parser_reads() -> None:
    """`log --help` lists GRAMMAR (it said "quick-log one-liner" and one example): every
    example is read as its row says, every prefix the parser reads a token by is shown,
    every kind and alias named, and each field of a parsed line set by one of them. A
    token the parser gains fails here until the help says it."""
    import re
    from dataclasses import fields

    from netrack.domain.models import KIND_ALIASES
    from netrack.domain.quicklog import ParsedLog
    from netrack.domain.quicklog_grammar import GRAMMAR
    from netrack.domain.resolve import resolve

    examples = [example for forms, _ in GRAMMAR for example in forms]
    read = {  # none refused
        example: parse(example if example.startswith("@") else f"@ana {example}", TODAY)
        for example in examples
    }
    for prefix in ("@", "+", "#", "!", "fu:", "on:", "$"):
        assert any(example.startswith(prefix) for example in examples), prefix
    plain = parse("@ana", TODAY)
    for field in fields(ParsedLog):
        if field.name != "warnings":  # a slip the preview points out, not a token
            changed = [
                getattr(entry, field.name) != getattr(plain, field.name) for entry in read.values()
            ]
            assert any(changed), field.name
    # Every name form names the contact it says: Ana López, whose id is 12.
    people = [(12, "Ana López", ""), (13, "Raj Patel", "")]
    for example, entry in read.items():
        if example.startswith("@"):
            (ref,) = entry.contacts
            assert resolve(ref.text, people, dashes_are_spaces=ref.bare) == 12, example
    (kinds,) = [meaning for forms, meaning in GRAMMAR if forms[0].startswith("#")]
    for word in [*(kind.value for kind in Kind), *KIND_ALIASES]:
        assert re.search(rf"(?<![\w]){word}(?![\w])", kinds), word
        kind = KIND_ALIASES[word] if word in KIND_ALIASES else Kind(word)
        assert parse(f"@ana #{word}", TODAY).kind == kind, word
    (note,) = [forms[0] for forms, meaning in GRAMMAR if meaning.startswith("anything else")]
    assert read[note].note == note
    assert read["90"].minutes == 90 and read["1h30m"].minutes == 90
