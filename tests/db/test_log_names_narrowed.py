"""`netrack log` reads only the names its @names can match (`words_of_every_match`), and
resolves exactly as against every name: the same people, the same words, the same
refusals (did-you-mean included), on both engines."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netrack.data import tables as t
from netrack.data.engines import param_sql
from netrack.data.repo import Repo, names
from netrack.domain.errors import NetrackError
from netrack.domain.name_folding import words_of_every_match

# (name, organization): accents, letters with a stroke, ligatures, dashes, underscores,
# typographic apostrophes, parentheses of a name's own, LIKE's wildcards, other scripts,
# namesakes at two organizations.
PEOPLE = [
    ("Ana López", "Acme"),
    ("Ana Lopez", "Globex"),
    ("Zoë Park", None),
    ("Øystein Berg", None),
    ("Łukasz Nowak", "Acme"),
    ("Jean-Luc Picard", None),
    ("Mary_Jane Watson", None),
    ("Kate O’Neill", None),
    ("Dr. Who (BBC)", None),
    ("Hans Straße", None),
    ("ﬁona Grant", None),
    ("100% Sure", None),
    ("Sam Lee", "Acme"),
    ("Sam Lee", "Initech"),
    ("タン", None),
    ("ダン", None),
    ("Hiroshi Tanaka", None),
    ("MARIA  GARCIA", None),
    ("Иван Петров", "Acme"),
    ("Ivan Petrov", None),
]
ARCHIVED = [("Ana Pérez", None), ("Olga Ølsen", None)]
TYPED = [
    "@ana",
    "@lopez",
    '@"Ana López (Acme)"',
    '@"Ana Lopez (Globex)"',
    "@zoe",
    "@oystein",
    "@lukasz",
    "@jean-luc",
    "@jean_luc",
    "@mary-jane",
    "@o'neill",
    '@"Dr. Who (BBC)"',
    '@"Dr. Who"',
    "@strasse",
    "@fiona",
    '@"100%"',
    "@sam",
    '@"Sam Lee (Initech)"',
    "@id:3",
    "@タン",
    "@xyzzy",
    "@anaa",
    "@perez",
    "@olga",
    "@hiro",
    "@garcia",
    '@"maria garcia"',
    "@ana @zoe",
    "@zoe @xyzzy",
    "@иван",
    "@ПЕТРОВ",
    '@"Иван Петров (Acme)"',
    "@ivan",
    "@ивaн",  # a Latin a among the Cyrillic letters: no one
]


@pytest.fixture
def people(repo: Repo) -> Repo:
    for name, organization in PEOPLE + ARCHIVED:
        repo.contacts.add(name, organization)
    for name, _ in ARCHIVED:
        [found] = [c for c in repo.contacts.all() if c.name == name]
        repo.tidy.archive_contact(found.id)
    return repo


def _outcome(repo: Repo, line: str, whole: bool) -> object:
    """What previewing `line` gives: against every name (`whole`, as the TUI's bar gives
    them), or the names the line reads for itself."""
    everyone = repo.contacts.named() if whole else None
    archived = repo.contacts.named(archived=True) if whole else None
    try:
        preview = repo.activity.preview_log(line, everyone, archived=archived)
    except NetrackError as refused:
        return (type(refused).__name__, str(refused))
    return (preview.contact_ids, preview.contact_names)


def _names_read(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many names each read of `repo.contacts.named` gives, from now on."""
    read: list[int] = []
    named = repo.contacts.named

    def counted(*args: object, **kwargs: object) -> list[tuple[int, str, str]]:
        rows = named(*args, **kwargs)  # type: ignore[arg-type]
        read.append(len(rows))
        return rows

    monkeypatch.setattr(repo.contacts, "named", counted)
    return read


@pytest.mark.parametrize("typed", TYPED)
def test_a_log_resolves_as_against_every_name(people: Repo, typed: str) -> None:
    line = f"{typed} 30m coffee"
    assert _outcome(people, line, whole=False) == _outcome(people, line, whole=True)


def test_a_log_resolves_alike_where_names_lost_their_keys(people: Repo) -> None:
    """Every other contact renamed behind netrack's back (its folded name dropped by the
    trigger of schema 19): those are folded as read, and the answers stay the same.
    (Every typed name in one test: the people are added once.)"""
    lines = [f"{typed} 30m coffee" for typed in TYPED]
    expected = [_outcome(people, line, whole=True) for line in lines]
    for contact_id in range(1, len(PEOPLE) + len(ARCHIVED) + 1, 2):
        people.store.db.execute_sql(
            param_sql('UPDATE "contact" SET "name" = "name" || \' \' WHERE "id" = ?'),
            (contact_id,),
        )
        people.store.db.execute_sql(
            param_sql('UPDATE "contact" SET "name" = RTRIM("name") WHERE "id" = ?'),
            (contact_id,),
        )
    unkeyed = t.Contact.select().where(t.Contact.name_key.is_null()).count()
    assert unkeyed == (len(PEOPLE) + len(ARCHIVED) + 1) // 2
    assert [_outcome(people, line, whole=False) for line in lines] == expected


def test_a_log_reads_only_the_names_it_can_match(
    people: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = _names_read(people, monkeypatch)
    preview = people.activity.preview_log("@hiro 30m coffee")
    assert preview.contact_names == ("Hiroshi Tanaka",)
    # Hiroshi alone, through the folded names kept with the names (schema 19): before
    # them the nine names beyond ASCII were read too, which only folding compares, and
    # both archived ones
    assert read == [1, 0]
    assert sum(read) < len(PEOPLE) + len(ARCHIVED)


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("Ana López", ("lopez", "ana")),
        ("Jean-Luc", ("jean", "luc")),
        ("Ana (Acme)", ("ana",)),
        ("Sam Lee [id:3]", None),
        ("id:12", None),
        ("タン", ("タン",)),  # compared folded, in the key kept with each name
        ("Ana タン", ("ana", "タン")),
        ("ИВАН Петров", ("петров", "иван")),
        ("", None),
        ("  ", None),
        ("(Acme)", None),
        ("Straße", ("strasse",)),
        ("Ana Chen 0177 Ann Li", ("0177", "chen", "ana")),  # the three longest
        ("sam  SAM sam", ("sam",)),
    ],
)
def test_the_words_every_match_holds(query: str, words: tuple[str, ...] | None) -> None:
    assert words_of_every_match(query) == words


def test_a_log_reads_only_the_names_holding_every_word_typed(
    people: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`@"maria garcia"`: the names holding both words, where one word alone read every
    name holding the longer (a long history's 2,500 Chens for `@"Ana Chen 0177"`)."""
    for name in ("Maria Lopez", "Carla Garcia"):
        people.contacts.add(name)
    read = _names_read(people, monkeypatch)
    preview = people.activity.preview_log('@"maria garcia" 30m coffee')
    assert preview.contact_names == ("MARIA GARCIA",)
    # MARIA GARCIA alone: neither Maria Lopez nor Carla Garcia
    assert read == [1, 0]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(alphabet="aAeéEoØnñ -_'ßf", min_size=1, max_size=5))
def test_any_typed_text_resolves_as_against_every_name(people: Repo, query: str) -> None:
    if query.strip() == "" or query.startswith("-"):
        return
    line = f'@"{query}" 30m'
    assert _outcome(people, line, whole=False) == _outcome(people, line, whole=True)


def test_a_line_naming_many_people_reads_them_all(repo: Repo) -> None:
    """Each word narrowed by was one more LIKE in one condition: at 82 @names SQLite's
    parser gave up ("parser stack overflow"), at ~500 Peewee's recursion did."""
    for number in range(1, 90):
        repo.contacts.add(f"Guest {number:02}")
    line = " ".join(f"@guest-{number:02}" for number in range(1, 90)) + " #event meetup"
    preview = repo.activity.preview_log(line)
    assert len(preview.contact_ids) == 89
    assert repo.activity.preview_log("@guest-01 " * 500).contact_names == ("Guest 01",)


def test_a_word_longer_than_any_name_is_refused_as_matching_no_one(people: Repo) -> None:
    """A 50,000-character word made a LIKE pattern SQLite refuses ("pattern too
    complex"): a database error instead of the refusal."""
    line = "@" + "x" * 50_000 + " 30m"
    refused = _outcome(people, line, whole=False)
    assert refused == _outcome(people, line, whole=True)
    assert refused[0] == "Unmatched"  # type: ignore[index]


def _resolved(repo: Repo, query: str, archived: bool) -> object:
    try:
        return repo.contacts.resolve(query, archived=archived)
    except NetrackError as refused:
        return (type(refused).__name__, str(refused))


def test_a_name_a_command_takes_resolves_as_against_every_name(
    people: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`contact show NAME`, `--with NAME`, …: the names read narrowed by the words typed
    (schema 19's keys), the answer and every refusal the same as against them all,
    among the active contacts and the archived ones (`contact unarchive NAME`)."""
    asked = [
        (typed.removeprefix("@").strip('"'), archived)
        for typed in TYPED
        if typed.count("@") == 1
        for archived in (False, True)
    ]
    narrowed = [_resolved(people, query, archived) for query, archived in asked]
    monkeypatch.setattr(names, "words_of_every_match", lambda query: None)
    assert narrowed == [_resolved(people, query, archived) for query, archived in asked]
    assert sum(isinstance(found, int) for found in narrowed) >= 20


def test_a_name_a_command_takes_reads_only_the_names_it_can_match(
    people: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = _names_read(people, monkeypatch)
    assert people.contacts.resolve("Иван") == len(PEOPLE) - 1
    assert read == [1, 0]  # Иван Петров, and no archived name holds "иван"


def test_namesakes_are_told_apart_as_among_every_name(people: Repo) -> None:
    """`told_apart` reads the keys another contact has too, and the names without one:
    the same labels as folding every name, keyed or not."""

    def every_name() -> dict[int, str]:
        everyone = people.contacts.named() + people.contacts.named(archived=True)
        labels = people.contacts.labels(shared_only=True, people=everyone)
        return {
            cid: shown
            for (cid, shown), (_, name, _) in zip(labels, everyone, strict=True)
            if shown != name
        }

    people.contacts.add("OLGA ØLSEN", "Initech")  # an archived one's namesake
    expected = every_name()
    assert set(expected.values()) >= {"Ana López (Acme)", "Ana Lopez (Globex)", "Olga Ølsen ()"}
    assert people.contacts.told_apart() == expected
    # Names renamed behind netrack's back (no key), on either side of a pair
    for contact_id in range(1, len(PEOPLE) + len(ARCHIVED) + 2, 2):
        people.store.db.execute_sql(
            param_sql('UPDATE "contact" SET "name" = "name" || \' \' WHERE "id" = ?'),
            (contact_id,),
        )
    assert people.contacts.told_apart() == every_name() != {}
