"""`org list` and `org edit`: an organization made in passing (`contact add --org`) gets
its industry, size and location later, which the scorecard's diversity reads."""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from netrack.cli import main
from netrack.data.repo import Repo
from tests.cli.conftest import ADD_HINT, Run, database_dump


def _card(db: Path) -> Any:
    repo = Repo.open(db, clock=lambda: date(2026, 11, 27))
    try:
        return repo.scorecard.card(repo.scorecard.period("week"))
    finally:
        repo.close()


def test_org_edit_fills_what_contact_add_left_blank(run: Run, db: Path) -> None:
    for argv in (
        ("contact", "add", "Ana", "--org", "Acme", "--met", "2026-10-01"),
        ("contact", "add", "Raj", "--org", "Globex", "--met", "2026-10-01"),
        ("campaign", "add", "SRE", "--org", "acme", "--on", "2026-11-02"),
    ):
        assert run(*argv).code == 0, argv
    assert _card(db).diversity.industry is None  # no contact has an industry

    edited = run("org", "edit", "acme", "--industry", "fintech", "--size", "51-200",
                 "--location", "Berlin", "--note", "series B")  # fmt: skip
    assert (edited.code, edited.out) == (0, "updated organization Acme\n")
    assert run("org", "edit", "glob", "--industry", "retail").code == 0

    listed = json.loads(run("org", "list", "--format", "json").out)["organizations"]
    assert [(o["name"], o["industry"], o["size_band"], o["location"], o["notes"],
             o["contacts"], o["campaigns"]) for o in listed] == [
        ("Acme", "fintech", "51-200", "Berlin", "series B", 1, 1),
        ("Globex", "retail", None, "", "", 1, 0),
    ]  # fmt: skip
    table = run("org", "list").out.splitlines()
    assert table[0].split() == [
        "id", "organization", "industry", "size", "location", "contacts", "campaigns"
    ]  # fmt: skip
    assert table[1].split() == ["1", "Acme", "fintech", "51-200", "Berlin", "1", "1"]
    # The contacts now read their organization's industry: two, one contact each, so
    # Gini-Simpson 1 - (1/2)^2 - (1/2)^2.
    assert _card(db).diversity.industry == 0.5
    ana = json.loads(run("contact", "show", "ana", "--format", "json").out)["contact"]
    assert (ana["industry"], ana["location"], ana["size_band"]) == ("fintech", "Berlin", "51-200")

    assert run("org", "edit", "acme", "--industry", "", "--name", "ACME Corp").code == 0
    renamed = json.loads(run("org", "list", "--format", "json").out)["organizations"][0]
    assert (renamed["name"], renamed["industry"]) == ("ACME Corp", "")
    assert run("campaign", "show", "acme corp sre").code == 0  # campaigns read the new name


def test_org_list_counts_the_active_contacts_and_tells_the_archived_apart(run: Run) -> None:
    """`org list` said "contacts 2" where `contact list --filter org:acme` listed one:
    it counted an archived contact, and archived contacts leave lists (SPEC)."""
    for argv in (
        ("contact", "add", "Ann One", "--org", "Acme"),
        ("contact", "add", "Bo Two", "--org", "Acme"),
        ("contact", "add", "Cy Three", "--org", "Globex"),
        ("contact", "archive", "Bo Two"),
        ("contact", "archive", "Cy Three"),
        ("org", "add", "Initech"),
    ):
        assert run(*argv).code == 0, argv
    listed = json.loads(run("org", "list", "--format", "json").out)["organizations"]
    assert [(o["name"], o["contacts"], o["archived_contacts"]) for o in listed] == [
        ("Acme", 1, 1),
        ("Globex", 0, 1),
        ("Initech", 0, 0),
    ]
    filtered = json.loads(run("contact", "list", "--filter", "org:acme", "--format", "json").out)
    assert [c["name"] for c in filtered["contacts"]] == ["Ann One"]
    table = [line.split("  ") for line in run("org", "list").out.splitlines()]
    assert [[cell.strip() for cell in row if cell.strip()][-2:] for row in table] == [
        ["contacts", "campaigns"],
        ["1 (+1 archived)", "0"],
        ["0 (+1 archived)", "0"],
        ["0", "0"],
    ]
    assert run("contact", "unarchive", "Bo Two").code == 0
    listed = json.loads(run("org", "list", "--format", "json").out)["organizations"]
    assert (listed[0]["contacts"], listed[0]["archived_contacts"]) == (2, 0)


def test_org_edit_refuses_what_would_make_two_one_and_writes_nothing(run: Run, db: Path) -> None:
    assert run("org", "add", "Acme").code == 0
    assert run("org", "add", "Globex").code == 0
    before = database_dump(db)
    cases: list[tuple[tuple[str, ...], str]] = [
        (("org", "edit", "globex", "--name", "  ACME "), "organization 'Acme' already exists"),
        (("org", "edit", "globex", "--size", "12"), "unknown size band '12'"),
        (("org", "edit", "initech", "--industry", "x"), "no organization matches 'initech'"),
        (("org", "edit", "id:9", "--industry", "x"), "no organization with id 9"),
        (("org", "edit", "globex", "--name", " "), "organization name must not be blank"),
        (("org", "edit", "globex"), "nothing to change: give --name, --industry, --size"),
    ]
    refused: Callable[[tuple[str, ...]], Any] = lambda argv: run(*argv)  # noqa: E731
    for argv, words in cases:
        result = refused(argv)
        assert result.code == 2 and result.err.startswith(f"netrack: {words}"), result
        assert result.err.count("\n") == 1
    assert database_dump(db) == before
    assert run("org", "list").out.count("\n") == 3  # the header and two


def test_org_add_refuses_an_id_as_a_name_whether_or_not_one_has_it(run: Run, db: Path) -> None:
    """`org add "id:5"` said "no organization with id 5", where `org add "id:1"` (one
    there) said the name reads as an id: adding looks nothing up."""
    assert run("org", "add", "Acme").code == 0
    for name in ("id:1", "id:5"):
        refused = run("org", "add", name)
        assert (refused.code, refused.err) == (
            2,
            f"netrack: organization name '{name}' would read as an id (id:N names by id)\n",
        )
    assert [
        o["name"] for o in json.loads(run("org", "list", "--format", "json").out)["organizations"]
    ] == ["Acme"]


def test_org_id_names_an_organization_by_its_id_as_org_edit_does(run: Run, db: Path) -> None:
    """`--org id:1` was refused with "organization name 'id:1' would read as an id (id:N
    names by id)", where the JSON gives that id and `org edit id:1` takes it. It names
    the organization with that id on every command that takes `--org`; an id none has
    is refused in one line naming it, and never makes an organization called so."""
    assert run("contact", "add", "Ana", "--org", "Northwind").code == 0
    assert run("org", "add", "Globex").code == 0
    said = [
        run("contact", "add", "Bo", "--org", "id:1").out,
        run("campaign", "add", "Data Lead", "--org", "ID: 2").out,
        run("campaign", "edit", "data lead", "--org", "id:01").out,
        run("contact", "edit", "bo", "--org", "id:2", "--size", "51-200").out,
    ]
    assert said == [
        "added contact Bo (Northwind)\n",
        "added campaign Globex Data Lead [research]\n",
        "updated campaign Northwind Data Lead\n",
        "updated contact Bo (Globex) · Globex's size none → 51-200 (1 contact)\n",
    ]
    # the same person at the organization an id names: one, as by its name
    twin = run("contact", "add", "Bo", "--org", "id:2")
    assert (twin.code, twin.err) == (
        2, "netrack: Bo at Globex is already a contact: same name and organization\n"
    )  # fmt: skip
    before = database_dump(db)
    for argv in (
        ("contact", "add", "Cy", "--org", "id:9"),
        ("contact", "edit", "ana", "--org", "id:9"),
        ("campaign", "add", "SRE", "--org", "id:9"),
        ("campaign", "edit", "data lead", "--org", "id:9"),
    ):
        result = run(*argv)
        assert (result.code, result.err) == (2, "netrack: no organization with id 9\n"), argv
    assert database_dump(db) == before
    listed = json.loads(run("org", "list", "--format", "json").out)["organizations"]
    assert [(o["id"], o["name"], o["contacts"], o["campaigns"]) for o in listed] == [
        (2, "Globex", 1, 0),
        (1, "Northwind", 1, 1),
    ]


@pytest.mark.parametrize("typed", ["id:-1", "id:+3", "ID:x", "id:", " id: 2b", "id:٢"])
def test_org_text_that_reads_as_an_id_but_gives_none_is_refused_never_made(
    run: Run, db: Path, typed: str
) -> None:
    """`--org id:-1` (`id:+3`, `id:x` …) made an organization called so, where `org add
    "id:5"` is refused as a name that reads as an id: on every command that takes
    `--org`, and as a name anywhere, it is refused in one line and nothing is written."""
    assert run("contact", "add", "Ana", "--org", "Northwind").code == 0
    assert run("campaign", "add", "Data Lead", "--org", "Northwind").code == 0
    before = database_dump(db)
    shown = " ".join(typed.split())
    words = f"'{shown}' reads as an id but gives none: id:N takes the organization's number"
    for argv in (
        ("contact", "add", "Cy", "--org", typed),
        ("contact", "edit", "ana", "--org", typed),
        ("campaign", "add", "SRE", "--org", typed),
        ("campaign", "edit", "data lead", "--org", typed),
        ("org", "edit", typed, "--industry", "software"),
    ):
        result = run(*argv)
        assert result.code == 2 and result.err.startswith(f"netrack: {words}"), (argv, result)
        assert result.err.count("\n") == 1
    for naming in (("org", "add", typed), ("org", "edit", "northwind", "--name", typed)):
        result = run(*naming)
        assert (result.code, result.err) == (
            2, f"netrack: organization name '{shown}' would read as an id (id:N names by id)\n"
        ), naming  # fmt: skip
    assert database_dump(db) == before


def test_a_rename_that_would_make_two_contacts_one_is_refused(run: Run, db: Path) -> None:
    # Organizations keep accents apart; contacts match without them (SPEC).
    assert run("contact", "add", "Ana", "--org", "Café").code == 0
    assert run("contact", "add", "Ana", "--org", "Zed").code == 0
    before = database_dump(db)
    result = run("org", "edit", "zed", "--name", "Cafe")
    assert (result.code, result.err) == (
        2, "netrack: renamed, Ana at Cafe would be a second Ana at Café (merge the two first)\n"
    )  # fmt: skip
    assert database_dump(db) == before
    assert run("org", "edit", "zed", "--name", "Zeta").code == 0  # no Ana there: fine


def test_lists_sort_names_as_they_are_compared(run: Run) -> None:
    """Accented initials sorted after Z, and `org list` put "alpha" after "Zulu"."""
    for name in ("Zoë Zed", "Ángel Abad", "Émile", "Anna Alpha"):
        assert run("contact", "add", name).code == 0
    for name in ("Zulu", "ábaco", "Beta", "alpha"):
        assert run("org", "add", name).code == 0
    contacts = json.loads(run("contact", "list", "--format", "json").out)["contacts"]
    assert [c["name"] for c in contacts] == ["Ángel Abad", "Anna Alpha", "Émile", "Zoë Zed"]
    orgs = json.loads(run("org", "list", "--format", "json").out)["organizations"]
    assert [o["name"] for o in orgs] == ["ábaco", "alpha", "Beta", "Zulu"]

    # With none archived, the archived list said "no contacts" of a book of four.
    assert run("contact", "list", "--archived").out == "no archived contacts\n"


def test_organizations_that_differ_by_accents_are_named_by_id_or_spelling(run: Run) -> None:
    """Both "Northwind" spellings matched either name, and the ambiguity listed them by
    spelling alone, which names neither: the ids that do are shown now. A name typed as
    one is spelled (any case) is that one: "Acme" beside "Ácme" could be reached by id
    alone, its own name typed exactly said ambiguous."""
    assert run("org", "add", "Northwind Analytics").code == 0
    assert run("org", "add", "Nörthwind Analytics").code == 0
    refused = run("org", "edit", "Northwind", "--location", "Oslo")
    assert refused.code == 2
    assert refused.err == (
        "netrack: organization 'Northwind' is ambiguous: "
        "Northwind Analytics [id:1]; Nörthwind Analytics [id:2]\n"
    )
    assert run("org", "edit", "id:2", "--location", "Oslo").code == 0
    assert run("org", "edit", "northwind  analytics", "--location", "Bergen").out == (
        "updated organization Northwind Analytics\n"
    )
    listed = json.loads(run("org", "list", "--format", "json").out)["organizations"]
    assert [(o["name"], o["location"]) for o in listed] == [
        ("Northwind Analytics", "Bergen"),
        ("Nörthwind Analytics", "Oslo"),
    ]


def test_a_duplicate_organization_is_merged_into_the_one_to_keep(run: Run, db: Path) -> None:
    """`--org northwind` beside "Northwind Analytics" made a second organization that
    stayed for ever (no merge, no delete): merged, its contact and campaign move, its
    blank-filling details fill, the differing ones go into the notes, it is gone."""
    for argv in (
        ("contact", "add", "Ana", "--org", "Northwind Analytics", "--met", "2026-10-01"),
        ("org", "edit", "northwind", "--industry", "data", "--location", "Berlin"),
        ("contact", "add", "Raj", "--org", "northwind", "--met", "2026-10-01"),
        ("org", "edit", "id:2", "--location", "Oslo", "--size", "51-200", "--note", "typo"),
        ("campaign", "add", "SRE", "--org", "northwind", "--on", "2026-11-02"),
    ):
        assert run(*argv).code == 0, argv
    merged = run("org", "merge", "Northwind Analytics", "id:2")
    assert (merged.code, merged.err) == (0, "")
    assert merged.out.startswith(
        "merged northwind into Northwind Analytics · moved 1 contact, 1 campaign · filled "
        "size, notes · kept northwind's other location in the notes · backup: "
    )
    orgs = json.loads(run("org", "list", "--format", "json").out)["organizations"]
    assert [(o["name"], o["size_band"], o["location"], o["notes"]) for o in orgs] == [
        (
            "Northwind Analytics",
            "51-200",
            "Berlin",
            "typo\n\nFrom northwind (merged 2026-11-27): location Oslo",
        )
    ]
    raj = json.loads(run("contact", "show", "raj", "--format", "json").out)["contact"]
    assert raj["organization"]["name"] == "Northwind Analytics"
    assert run("campaign", "list").out.splitlines()[1].split()[1:4] == [
        "Northwind",
        "Analytics",
        "SRE",
    ]
    assert _card(db).diversity.company_size == 0.0  # both at 51-200 now: one value


def test_org_merge_and_delete_refuse_and_write_nothing(run: Run, db: Path) -> None:
    for argv in (
        ("contact", "add", "Ana", "--org", "Acme"),
        ("contact", "add", "Ana", "--org", "Zed"),
        ("org", "add", "Fjord"),
    ):
        assert run(*argv).code == 0, argv
    before = database_dump(db)
    refused: tuple[tuple[tuple[str, ...], str], ...] = (
        (("org", "delete", "acme"), "Acme has 1 contact: give them another organization first"),
        (("org", "merge", "acme", "acme"), "an organization cannot be merged into itself"),
        (("org", "merge", "acme", "zed"), "cannot merge: Ana is at both Acme and Zed (merge"),
        (("org", "merge", "acme", "nowhere"), "no organization matches 'nowhere'"),
        # An accented twin that is not there is not the unaccented one: accents keep
        # organizations apart, and `org delete Fjörd` deleted Fjord.
        (("org", "delete", "Fjörd"), "no organization is spelled 'Fjörd' (did you mean Fjord?"),
        (("org", "merge", "acme", "fjörd"), "no organization is spelled 'fjörd' (did you"),
        (("org", "merge", "Ácme", "fjord"), "no organization is spelled 'Ácme' (did you"),
    )
    for command, words in refused:
        result = run(*command)
        assert (result.code, result.out) == (2, ""), command
        assert words in result.err and result.err.count("\n") == 1, (command, result.err)
    assert database_dump(db) == before
    assert not (db.parent / "backups").exists()  # a refused merge makes no backup
    # Notes that would not fit together (an export of them would not import)
    assert run("org", "edit", "acme", "--note", "y" * 9995, "--industry", "fintech").code == 0
    assert run("org", "edit", "fjord", "--industry", "retail").code == 0
    before = database_dump(db)
    too_long = run("org", "merge", "acme", "fjord")
    assert too_long.code == 2 and "cannot merge: the notes together would be 10,044" in too_long.err
    assert database_dump(db) == before
    assert run("org", "delete", "fjord").out == "deleted organization Fjord\n"  # unused still
    assert "Fjord" not in run("org", "list").out


def test_refusals_about_archived_contacts_name_them_and_the_way_back(run: Run, db: Path) -> None:
    """An archived contact is out of `contact edit`'s and `contact merge`'s reach: the
    advice "give them another organization" and "merge the two contacts first" could
    not be followed as written (a sweep)."""
    for argv in (
        ("contact", "add", "Kim Lee", "--org", "Atlas Cloud"),
        ("contact", "add", "Kim Lee", "--org", "atlas-cloud"),
        ("contact", "archive", "Kim Lee (atlas-cloud)"),
        ("contact", "add", "Arch Person", "--org", "Solo Org"),
        ("contact", "archive", "Arch Person"),
    ):
        assert run(*argv).code == 0, argv
    before = database_dump(db)
    merge = run("org", "merge", "Atlas Cloud", "atlas-cloud")
    assert merge.code == 2 and merge.err == (
        'netrack: cannot merge: Kim Lee is at both Atlas Cloud and atlas-cloud (bring back "Kim '
        'Lee (atlas-cloud)" (netrack contact unarchive), then merge the two contacts first: '
        'netrack contact merge "Kim Lee (Atlas Cloud)" "Kim Lee (atlas-cloud)")\n'
    )
    delete = run("org", "delete", "Solo Org")
    assert delete.code == 2 and delete.err.startswith(
        "netrack: Solo Org has 1 contact; archived: Arch Person (netrack contact unarchive "
        "NAME first): give them another organization first"
    )
    assert database_dump(db) == before
    # The advice, followed as written, works.
    assert run("contact", "unarchive", "Kim Lee (atlas-cloud)").code == 0
    assert run("contact", "merge", "Kim Lee (Atlas Cloud)", "Kim Lee (atlas-cloud)").code == 0
    assert run("org", "merge", "Atlas Cloud", "atlas-cloud").code == 0


def test_a_name_spelled_as_typed_is_found_beside_an_accent_twin(run: Run) -> None:
    """`org delete Northwind` beside "Northwind Analytics" and "Nörthwind": the accent-
    blind match took Nörthwind, then refused it as not so spelled, and named it as the
    one meant (a review sweep). Among names spelled as typed, SPEC's tiers decide."""
    for name in ("Northwind Analytics", "Nörthwind", "Acme", "Ácme", "Acme (UK)"):
        assert run("org", "add", name).code == 0, name
    assert run("org", "delete", "Ácm").out == "deleted organization Ácme\n"
    assert run("org", "delete", "northwind an").out == (
        "deleted organization Northwind Analytics\n"
    )
    ambiguous = run("org", "delete", "acm")
    assert ambiguous.code == 2 and "ambiguous" in ambiguous.err and "Ácme" not in ambiguous.err
    # "Acme Corp" spelled so, but "Ácme" accent-blind exactly: which one was meant cannot
    # be told, and a merge removes one (a review sweep saw Acme Corp merged away).
    for name in ("Acme Corp", "Empty Inc"):
        assert run("org", "add", name).code == 0, name
    assert run("org", "delete", "Acme (UK)").code == 0
    assert run("org", "delete", "Acme").code == 0  # exactly spelled: itself
    assert run("org", "add", "Ácme").code == 0
    unclear = run("org", "merge", "Empty Inc", "Acme")
    assert (unclear.code, unclear.out) == (2, "")
    assert "organization 'Acme' is ambiguous: Acme Corp; Ácme (type it as" in unclear.err
    assert "Acme Corp" in run("org", "list").out
    # Typed without accents, "Cafe" names Café Nero as much as Cafeteria Ltd (SPEC:
    # accents never matter): ambiguous, not decided by the spelling.
    for name in ("Café Nero", "Cafeteria Ltd"):
        assert run("org", "add", name).code == 0, name
    cafe = run("org", "delete", "Cafe")
    assert cafe.code == 2 and "ambiguous" in cafe.err and "Café Nero" in cafe.err
    assert run("org", "delete", "Café").out == "deleted organization Café Nero\n"


def test_a_contacts_size_says_it_changed_the_organization_for_all(run: Run, db: Path) -> None:
    """`contact edit B --size 5000+` said only "updated contact B (Beta)", though the band
    is Beta's and every one of its contacts reads the new one: the line says so."""
    assert run("contact", "add", "A", "--org", "Beta", "--size", "1-10").out == (
        "added contact A (Beta)\n"  # a new organization: no one else's band changed
    )
    assert run("contact", "add", "B", "--org", "Beta").out == "added contact B (Beta)\n"
    edited = run("contact", "edit", "B", "--size", "5000+")
    assert (edited.code, edited.out) == (
        0,
        "updated contact B (Beta) · Beta's size 1-10 → 5000+ (2 contacts)\n",
    )
    added = run("contact", "add", "C", "--org", "beta", "--size", "11-50")
    assert added.out == "added contact C (Beta) · Beta's size 5000+ → 11-50 (3 contacts)\n"
    same = run("contact", "edit", "A", "--size", "11-50")  # as it was: nothing to say
    assert same.out == "updated contact A (Beta)\n"
    cleared = run("contact", "edit", "A", "--size", "")
    assert cleared.out == "updated contact A (Beta) · Beta's size 11-50 → none (3 contacts)\n"
    listed = json.loads(run("org", "list", "--format", "json").out)["organizations"]
    assert [(o["name"], o["size_band"], o["contacts"]) for o in listed] == [("Beta", None, 3)]


def test_size_none_clears_the_band_as_an_empty_one_does(
    run: Run, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`contact edit Tom --size none` and `org edit Globex --size none` were refused as
    an unknown band, though `none` clears `--org`, `--every` and `--introduced-by`."""
    assert run("contact", "add", "Tom", "--org", "Globex", "--size", "11-50").code == 0
    edited = run("contact", "edit", "Tom", "--size", "none")
    assert (edited.code, edited.out) == (
        0,
        "updated contact Tom (Globex) · Globex's size 11-50 → none (1 contact)\n",
    )
    assert run("org", "edit", "globex", "--size", "1-10").code == 0
    assert run("org", "edit", "globex", "--size", "None").out == "updated organization Globex\n"
    assert run("org", "add", "Initech", "--size", "none").code == 0
    # As `--size ""`: no band given, so none needs an organization, and none is cleared.
    assert run("contact", "add", "Ann", "--size", "none").out == "added contact Ann\n"
    assert run("contact", "edit", "Ann", "--size", "none").out == "updated contact Ann\n"
    listed = json.loads(run("org", "list", "--format", "json").out)["organizations"]
    assert [(o["name"], o["size_band"]) for o in listed] == [("Globex", None), ("Initech", None)]
    for command, words in (
        (("contact", "edit"), '(none or "" clears it)'),
        (("org", "edit"), '(none or "": no band)'),
        (("org", "add"), '(none or "": no band)'),
    ):
        with pytest.raises(SystemExit):
            main([*command, "--help"])
        assert words in " ".join(capsys.readouterr().out.split()), command


def test_contact_add_size_none_clears_the_band_as_contact_edit_does(
    run: Run, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`contact add Jo --org Acme --size none` said "added contact Jo (Acme)" and left
    Acme's 51-200 as it was; a blank `--size ""` on an add is still not given."""
    assert run("org", "add", "Acme", "--size", "51-200").code == 0
    added = run("contact", "add", "Jo", "--org", "Acme", "--size", "none")
    assert (added.code, added.out) == (
        0,
        "added contact Jo (Acme) · Acme's size 51-200 → none (1 contact)\n",
    )
    assert run("org", "edit", "acme", "--size", "1-10").code == 0
    blank = run("contact", "add", "Al", "--org", "Acme", "--size", "")
    assert (blank.code, blank.out) == (0, "added contact Al (Acme)\n")
    listed = json.loads(run("org", "list", "--format", "json").out)["organizations"]
    assert [(o["name"], o["size_band"]) for o in listed] == [("Acme", "1-10")]
    with pytest.raises(SystemExit):
        main(["contact", "add", "--help"])
    assert '(none clears it; "" leaves it)' in " ".join(capsys.readouterr().out.split())


def test_org_add_takes_a_note_as_org_edit_does(run: Run, db: Path) -> None:
    """`org add Foo --note hi` was "unrecognized arguments", though `org edit` and every
    other `add` take one."""
    added = run("org", "add", "Foo", "--industry", "retail", "--note", "met at FinConf")
    assert (added.code, added.out) == (0, "added organization Foo\n")
    listed = json.loads(run("org", "list", "--format", "json").out)["organizations"]
    assert [(o["name"], o["industry"], o["notes"]) for o in listed] == [
        ("Foo", "retail", "met at FinConf")
    ]


def test_a_new_organization_close_to_a_known_one_is_made_with_a_note(run: Run, db: Path) -> None:
    """A form asks before "ACME, Inc." becomes a second Acme; `contact add --org` made it
    without a word. A command cannot ask (scripts, no terminal): it still makes it, and
    says on standard error which known one it is close to and the merge that joins them."""
    assert run("org", "add", "Acme Inc").code == 0
    added = run("contact", "add", "Bob Ray", "--org", "ACME, Inc.")
    assert (added.code, added.out) == (0, "added contact Bob Ray (ACME, Inc.)\n")
    assert added.err == (
        'note: new organization "ACME, Inc." is close to "Acme Inc" '
        '(netrack org merge "Acme Inc" "ACME, Inc." joins them)\n'
    )
    merge = shlex.split(added.err.split("(", 1)[1].removesuffix(" joins them)\n"))
    assert merge[:3] == ["netrack", "org", "merge"]
    assert run(*merge[1:]).code == 0  # the merge it names is the one that joins them
    listed = json.loads(run("org", "list", "--format", "json").out)["organizations"]
    assert [(o["name"], o["contacts"]) for o in listed] == [("Acme Inc", 1)]

    # Every command that makes one in passing says it, in the same words.
    for argv, out, new in (
        (("campaign", "add", "SRE", "--org", "Acme Inc."), "added campaign Acme Inc. SRE [research]", "Acme Inc."),
        (("contact", "edit", "Bob Ray", "--org", "ACME Corp"), "updated contact Bob Ray (ACME Corp)", "ACME Corp"),
        (("campaign", "edit", "SRE", "--org", "Acme Ltd"), "updated campaign Acme Ltd SRE", "Acme Ltd"),
        (("org", "add", "Acme"), "added organization Acme", "Acme"),
    ):  # fmt: skip
        said = run(*argv)
        assert (said.code, said.out) == (0, out + "\n"), argv
        assert said.err.startswith(f'note: new organization "{new}" is close to "Acme Inc"'), argv
    # Two close: both named, the merge joining the new one to the closest.
    assert run("org", "add", "Globex").code == 0
    assert run("org", "add", "Globex Corp").err == (
        'note: new organization "Globex Corp" is close to "Globex" '
        '(netrack org merge "Globex" "Globex Corp" joins them)\n'
    )
    two = run("contact", "add", "Cy", "--org", "globex, ltd")
    assert two.err == (
        'note: new organization "globex, ltd" is close to "Globex" or "Globex Corp" '
        '(netrack org merge "Globex" "globex, ltd" joins it to the first)\n'
    )
    # A name the shell would change is given as its id; "Globex Corp", the same name
    # but for the "$", is the closest.
    dollar = run("contact", "add", "Di", "--org", "Globex $Corp")
    listed = json.loads(run("org", "list", "--format", "json").out)["organizations"]
    made = next(o["id"] for o in listed if o["name"] == "Globex $Corp")
    assert dollar.err.endswith(
        f'(netrack org merge "Globex Corp" id:{made} joins it to the first)\n'
    )


def test_the_note_names_first_the_one_that_differs_only_by_case_or_accents(
    run: Run, db: Path
) -> None:
    """ "Acmé" has the core "acme", as "Acme Corporation" and "Acme" have: the older one
    came first, and the merge offered joined "Acmé" to "Acme Corporation". And "Org010"
    is "Org10" with a zero typed first: the same number, so close."""
    assert run("contact", "add", "Al", "--org", "Acme Corporation").code == 0
    assert run("contact", "add", "Bo", "--org", "Acme").code == 0
    accented = run("contact", "add", "Cy", "--org", "Acmé")
    assert (accented.code, accented.err) == (
        0,
        'note: new organization "Acmé" is close to "Acme" or "Acme Corporation" '
        '(netrack org merge "Acme" "Acmé" joins it to the first)\n',
    )
    assert run("org", "add", "Org10").code == 0
    assert run("org", "add", "Org010").err == (
        'note: new organization "Org010" is close to "Org10" '
        '(netrack org merge "Org10" "Org010" joins them)\n'
    )
    assert run("org", "add", "Org11").err == ""  # another number: another organization


def test_no_note_for_a_known_organization_nothing_close_or_a_refused_write(
    run: Run, db: Path
) -> None:
    assert run("contact", "add", "Ana", "--org", "Acme Inc").code == 0
    for argv in (
        ("contact", "add", "Bo", "--org", "acme  INC"),  # the same one, as typed
        ("contact", "add", "Cy", "--org", "Hooli"),  # nothing close
        ("campaign", "add", "SRE", "--org", "acme inc"),
        ("contact", "edit", "Cy", "--org", "none"),
        ("contact", "edit", "Cy", "--title", "CTO"),
    ):
        said = run(*argv)
        assert (said.code, said.err) == (0, ""), argv
    before = database_dump(db)
    refused = run("contact", "add", "Di", "--org", "ACME, Inc.", "--introduced-by", "nobody")
    assert (refused.code, refused.err) == (
        2,
        f"netrack: no contact matches 'nobody'{ADD_HINT}\n",
    )
    assert database_dump(db) == before


def test_an_organization_name_of_thousands_of_digits_is_refused_as_too_long(
    run: Run, db: Path
) -> None:
    """More than 4,300 digits: the comparison with known names ran first, and int() said
    "internal error: ValueError: Exceeds the limit (4300 digits) …" (exit 1)."""
    assert run("contact", "add", "Ana", "--org", "Acme").code == 0
    assert run("campaign", "add", "SRE", "--org", "Acme").code == 0
    before = database_dump(db)
    name = "Studio " + "1" * 4400
    for argv in (
        ("contact", "add", "Bo", "--org", name),
        ("contact", "edit", "Ana", "--org", name),
        ("campaign", "add", "SRE", "--org", name),
        ("campaign", "edit", "SRE", "--org", name),
        ("org", "add", name),
    ):
        said = run(*argv)
        assert (said.code, said.out, said.err) == (
            2,
            "",
            "netrack: organization name is too long (300 characters at most)\n",
        ), argv[:2]
    assert database_dump(db) == before


def test_a_legal_form_written_with_dots_is_noted_as_close(run: Run, db: Path) -> None:
    """ "Globex S.A." beside "Globex" (and "Northwind LLC" beside "Northwind L.L.C.") was
    made without a note, where "Globex SA" had one."""
    assert run("contact", "add", "A", "--org", "Globex").code == 0
    assert run("contact", "add", "B", "--org", "Globex S.A.").err == (
        'note: new organization "Globex S.A." is close to "Globex" '
        '(netrack org merge "Globex" "Globex S.A." joins them)\n'
    )
    assert run("contact", "add", "D", "--org", "Northwind L.L.C.").err == ""
    assert run("contact", "add", "E", "--org", "Northwind LLC").err == (
        'note: new organization "Northwind LLC" is close to "Northwind L.L.C." '
        '(netrack org merge "Northwind L.L.C." "Northwind LLC" joins them)\n'
    )
