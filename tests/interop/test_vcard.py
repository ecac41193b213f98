"""vCard 2.1 / 3.0 / 4.0 in, field by field; vCard 3.0 out, read back."""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject

from netrack.data import tables as t
from netrack.data.repo import Repo
from netrack.domain.errors import InputError
from netrack.domain.people import Contact
from netrack.interop import api, vcard, vcard_lines, vcard_write
from tests.interop.conftest import snapshot

FILES = ("iphone-3.0.vcf", "android-2.1.vcf", "modern-4.0.vcf")


def by_name(repo: Repo) -> dict[str, Contact]:
    return {c.name: c for c in repo.contacts.all(include_archived=True)}


def test_apple_3_0(repo: Repo, data: Path) -> None:
    summary = api.import_file(repo, "vcard", data / "vcard/iphone-3.0.vcf")

    assert "contacts: 2 added, 0 updated, 0 skipped" in summary
    people = by_name(repo)
    assert set(people) == {"Ana María López", "Raj Patel"}
    ana = people["Ana María López"]
    assert ana.organization == "Acme Robotics"
    assert ana.function == "Engineering"  # the first ORG unit
    assert ana.title == "Staff Engineer"
    assert ana.email == "ana@acme.example"  # the preferred of two
    assert ana.phone == "+34 600 123 456"
    assert ana.url == "https://www.linkedin.com/in/ana-lopez-4b1a2c"
    assert ana.tags == ("mentor", "pycon")
    assert ana.notes == (
        "Met at PyCon ES 2026, talked about robot fleets.\n"
        "Introduced me to the platform team; follow up in spring.\n"
        "Other email: ana.lopez@mail.example\n"
        "Other phone: +34 91 555 0101"
    )
    assert ana.channel is None
    raj = people["Raj Patel"]
    assert (raj.organization, raj.title) == ("Globex, Inc.", "Director, Platform Engineering")
    # X-ABShowAs:COMPANY is Apple's organization card
    hooli = repo.organizations.find("hooli")
    assert hooli is not None and hooli.notes == "Campus in Mountain View"


def test_android_2_1_quoted_printable_and_charsets(repo: Repo, data: Path) -> None:
    summary = api.import_file(repo, "vcard", data / "vcard/android-2.1.vcf")

    assert "contacts: 2 added, 0 updated, 1 skipped (without a name: 1)" in summary
    people = by_name(repo)
    zoe = people["Zoë O'Brien"]
    assert zoe.notes == (
        "Prefers calls after 5pm. Café near the office is the usual spot. München trip in May.\n"
        "Other phone: +44 20 7946 0000"
    )
    assert (zoe.organization, zoe.function, zoe.title) == (
        "Wayne Enterprises",
        "R&D",
        "Research Scientist",
    )
    assert zoe.phone == "+44 7700 900123"
    assert zoe.email == "zoe@example.org"
    tomas = people["Tomás Ruiz"]  # from N, ISO-8859-1 quoted-printable
    assert tomas.url == "http://linkedin.com/in/tomas-ruiz/"
    assert tomas.email == "tomas.ruiz@acme.example"


def test_4_0_kinds_pref_and_tel_uris(repo: Repo, data: Path) -> None:
    summary = api.import_file(repo, "vcard", data / "vcard/modern-4.0.vcf")

    assert "group cards (KIND:group): 1" in summary
    assert "organizations: 2 added" in summary  # Initech (KIND:org) and Hooli
    people = by_name(repo)
    assert set(people) == {"Priya Nair", "Mei Chen"}
    priya = people["Priya Nair"]
    assert priya.phone == "+1-650-555-0142"
    assert priya.email == "priya@hooli.example"
    assert priya.tags == ("hiring manager", "infra")
    assert priya.function == "Infrastructure"
    assert people["Mei Chen"].title == '=HYPERLINK("http://evil.example/x","Click me")'
    initech = repo.organizations.find("Initech")
    assert initech is not None and initech.notes == "Office Space sequel startup; 200 people."
    assert people["Mei Chen"].organization_id == initech.id


def test_all_three_twice_adds_nothing_the_second_time(
    repo: Repo, data: Path, db_path: Path
) -> None:
    for name in FILES:
        api.import_file(repo, "vcard", data / "vcard" / name)
    before = snapshot(db_path)

    for name in FILES:
        summary = api.import_file(repo, "vcard", data / "vcard" / name)
        assert "contacts: 0 added, 0 updated" in summary

    assert snapshot(db_path) == before


def test_vcard_after_linkedin_matches_on_url_and_fills_blanks(repo: Repo, data: Path) -> None:
    api.import_file(repo, "linkedin", data / "linkedin/Connections.csv")
    summary = api.import_file(repo, "vcard", data / "vcard/android-2.1.vcf")

    assert "contacts: 0 added, 2 updated" in summary
    tomas = by_name(repo)["Tomás Ruiz"]  # http://linkedin.com/in/tomas-ruiz/ matched
    assert tomas.phone == "+34 93 555 0000"
    assert tomas.email == "tomas.ruiz@acme.example"


def test_a_file_whose_only_card_is_broken_is_refused_with_its_line(
    repo: Repo, data: Path, db_path: Path
) -> None:
    before = snapshot(db_path)
    path = data / "vcard" / "no_colon.vcf"

    with pytest.raises(InputError) as caught:
        api.import_file(repo, "vcard", path)

    assert str(caught.value) == f"{path}:4: not a vCard property (no ':')"
    assert snapshot(db_path) == before


def test_an_organization_card_called_none_is_skipped_with_its_line(
    repo: Repo, tmp_path: Path
) -> None:
    """`none` means no organization (`--org none`): a KIND:org card of that name ended
    the import with "internal error: KeyError"."""
    source = tmp_path / "in.vcf"
    source.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:None\r\nEND:VCARD\r\n"
    )

    summary = api.import_file(repo, "vcard", source)

    assert "contacts: 1 added, 0 updated, 0 skipped" in summary
    assert (  # an organization's card, counted as one (it was under contacts)
        "organizations: 0 added, 0 updated, 1 skipped (line 5: an organization cannot be "
        "called none: none means no organization)"
    ) in summary
    assert [c.name for c in repo.contacts.all()] == ["Ana"]
    assert repo.organizations.find("none") is None


def test_a_refused_organization_card_is_counted_under_organizations(
    repo: Repo, tmp_path: Path
) -> None:
    """A KIND:org card too long to take, or with no name, was counted under contacts
    ("contacts: 1 added, 0 updated, 2 skipped"), though the one taken is counted under
    organizations; in a folder too, with its file's name."""
    cards = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nKIND:org\r\nFN:" + b"O" * 301 + b"\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Initech\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN: \r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Pat Doe\r\nEND:VCARD\r\n"
    )
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "orgs.vcf").write_bytes(cards)
    (tmp_path / "orgs.vcf").write_bytes(cards)

    summaries = [api.import_file(repo, "vcard", tmp_path / name) for name in ("orgs.vcf", "folder")]

    too_long = "organization name is too long (300 characters at most)"
    assert summaries[0].splitlines()[1:] == [
        "  contacts: 1 added, 0 updated, 0 skipped",
        f"  organizations: 1 added, 0 updated, 2 skipped (without a name: 1, line 1: {too_long})",
    ]
    assert summaries[1].splitlines()[1:] == [
        "  contacts: 0 added, 0 updated, 1 skipped (already in netrack: 1)",
        "  organizations: 0 added, 0 updated, 3 skipped "
        f"(already in netrack: 1, without a name: 1, orgs.vcf:1: {too_long})",
    ]
    assert [org.name for org in repo.organizations.all()] == ["Initech"]


def test_an_organization_cards_address_is_its_location_when_it_has_none(
    repo: Repo, tmp_path: Path
) -> None:
    """A KIND:org card's ADR was dropped (its NOTE kept): its city, else region, else
    country is the organization's location, as a person's card's is the contact's,
    filled in where the organization has none and never over one it has."""
    with repo.writing():
        repo.organizations.add("Acme", location="Berlin")
        repo.organizations.add("Globex")
    source = tmp_path / "orgs.vcf"
    source.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Initech\r\nORG:Initech\r\n"
        b"ADR;TYPE=WORK:;;1 Main St;Austin;TX;;USA\r\nNOTE:printers\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nORG:Acme\r\nADR:;;;;Bavaria;;DE\r\n"
        b"END:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nORG:Globex\r\nADR:;;;;;;Germany\r\n"
        b"END:VCARD\r\n"
    )

    summary = api.import_file(repo, "vcard", source)

    assert (  # Acme's Bavaria not taken over its Berlin: said so, as of a person's card
        "organizations: 1 added, 1 updated, 1 skipped "
        "(in netrack with other values, netrack's kept: 1)"
    ) in summary
    orgs = {org.name: (org.location, org.notes) for org in repo.organizations.all()}
    assert orgs == {
        "Acme": ("Berlin", ""),
        "Globex": ("Germany", ""),
        "Initech": ("Austin", "printers"),
    }


def test_a_file_that_ends_inside_a_card_is_refused_whole(
    repo: Repo, data: Path, db_path: Path
) -> None:
    """Cut short (a download or a pipe that stopped): all or nothing, as a cut calendar or
    JSON file. It imported the cards before the cut and skipped the last, exit 0."""
    before = snapshot(db_path)
    path = data / "vcard" / "unterminated.vcf"

    with pytest.raises(InputError) as caught:
        api.import_file(repo, "vcard", path)

    assert str(caught.value) == f"{path}:6: this card has no END:VCARD: the file ends inside it"
    assert snapshot(db_path) == before


def test_export_is_vcard_3_that_others_read(repo: Repo, data: Path, tmp_path: Path) -> None:
    for name in FILES:
        api.import_file(repo, "vcard", data / "vcard" / name)
    out = tmp_path / "out" / "contacts.vcf"

    summary = api.export(repo, "vcard", out)

    assert "exported 6 contact(s)" in summary
    raw = out.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert out.stat().st_mode & 0o777 == 0o600
    cards = {c.fn.value: c for c in vobject.readComponents(raw.decode("utf-8"))}
    ana = cards["Ana María López"]
    assert ana.version.value == "3.0"
    assert ana.org.value == ["Acme Robotics", "Engineering"]
    assert ana.title.value == "Staff Engineer"
    assert ana.email.value == "ana@acme.example"
    assert ana.categories.value == ["mentor", "pycon"]
    assert ana.note.value.startswith("Met at PyCon ES 2026, talked about robot fleets.\n")
    assert cards["Mei Chen"].title.value == '=HYPERLINK("http://evil.example/x","Click me")'


def test_export_then_import_adds_nothing(repo: Repo, data: Path, tmp_path: Path) -> None:
    for name in FILES:
        api.import_file(repo, "vcard", data / "vcard" / name)
    out = tmp_path / "contacts.vcf"
    api.export(repo, "vcard", out)

    summary = api.import_file(repo, "vcard", out)

    assert "contacts: 0 added, 0 updated, 6 skipped (already in netrack: 6)" in summary
    parsed = vcard.parse(out)
    assert {p.name for p in parsed.people} == set(by_name(repo))


def test_its_own_export_of_control_characters_read_back_changes_nothing(
    repo: Repo, tmp_path: Path
) -> None:
    """The export writes an organization's ESC as U+FFFD, and a URL's newline and tab
    percent-encoded: read back, "Esc Person" at that organization came in a second time
    with a second organization, and Nia's notes gained "Other URL: …%0A…"."""
    esc = repo.contacts.add("Esc\x1b[1m Person", organization="Org\x1b[1m X", email="ep@x.io")
    nia = repo.contacts.add("Nia Line")
    # What `contact add --url` took before it refused control characters.
    old_url = "https://a.example/x\nhttps://b.example/y\tz"
    t.Contact.update(url=old_url).where(t.Contact.id == nia.id).execute()
    out = tmp_path / "out.vcf"
    api.export(repo, "vcard", out)
    assert b"URL:https://a.example/x%0Ahttps://b.example/y%09z\r\n" in out.read_bytes()

    summary = api.import_file(repo, "vcard", out)

    assert summary.splitlines()[1:] == [
        "  contacts: 0 added, 0 updated, 2 skipped (already in netrack: 2)"
    ]
    assert [(c.id, c.name, c.organization) for c in repo.contacts.all()] == [
        (esc.id, "Esc\x1b[1m Person", "Org\x1b[1m X"),
        (nia.id, "Nia Line", ""),
    ]
    assert [o.name for o in repo.organizations.all()] == ["Org\x1b[1m X"]
    assert repo.contacts.get(nia.id).notes == "" and repo.contacts.get(nia.id).url == old_url


def test_a_card_whose_url_holds_a_control_character_is_skipped(repo: Repo, tmp_path: Path) -> None:
    """As `contact add --url` refuses it; the card was stored, its URL then exported
    percent-encoded (no longer the address netrack held)."""
    source = tmp_path / "in.vcf"
    source.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Tab Url\r\nURL:https://a.example/x\thttps://b.ex\r\n"
        "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ok Person\r\nEND:VCARD\r\n",
        encoding="utf-8",
        newline="",
    )

    summary = api.import_file(repo, "vcard", source)

    assert summary.splitlines()[1] == (
        "  contacts: 1 added, 0 updated, 1 skipped (line 1: url 'https://a.example/x\\thttps"
        "://b.ex' holds a control character ('\\t'); give one address)"
    )
    assert list(by_name(repo)) == ["Ok Person"]


def test_fold_never_splits_a_character() -> None:
    line = "NOTE:" + "é" * 100
    folded = vcard_write.fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert vcard.logical_lines(folded.encode()) == [(1, line.encode())]


def test_a_cards_address_gives_the_location_and_the_export_writes_it(
    repo: Repo, tmp_path: Path
) -> None:
    """ADR was ignored on import and never written: a contact's location was lost on the
    way in and on the way out (the extra emails and phones, by contrast, were kept)."""
    source = tmp_path / "in.vcf"
    source.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana López\r\n"
        "ADR;TYPE=WORK:;;Hauptstr. 1;Berlin;;10115;Germany\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Raj Patel\r\nADR:;;;;;;India\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    api.import_file(repo, "vcard", source)
    assert {c.name: c.location for c in repo.contacts.all()} == {
        "Ana López": "Berlin",
        "Raj Patel": "India",
    }
    out = tmp_path / "out.vcf"
    api.export(repo, "vcard", out)
    cards = {c.fn.value: c for c in vobject.readComponents(out.read_text(encoding="utf-8"))}
    assert cards["Ana López"].adr.value.city == "Berlin"
    assert [p.location for p in vcard.parse(out).people] == ["Berlin", "India"]


def test_a_url_is_written_as_a_uri_its_commas_escaped_as_apple_writes_them(
    repo: Repo, tmp_path: Path
) -> None:
    """Not text-escaped (`a\\;c` reads back with its backslash where a URI is taken as
    one), but its commas are: vobject ended `…/@52.52,13.40,15z` at the first comma.
    Both readers get the address whole."""
    import vobject

    repo.contacts.add("Ana López", url="https://x.example/a,b;c?q=1,2")
    out = tmp_path / "out.vcf"
    api.export(repo, "vcard", out)
    assert b"URL:https://x.example/a\\,b;c?q=1\\,2\r\n" in out.read_bytes()
    assert vcard.parse(out).people[0].urls == ["https://x.example/a,b;c?q=1,2"]
    assert vobject.readOne(out.read_text()).url.value == "https://x.example/a,b;c?q=1,2"


def test_an_apple_group_card_is_skipped_as_a_group(repo: Repo, tmp_path: Path) -> None:
    """iCloud and macOS Contacts spell KIND:group as X-ADDRESSBOOKSERVER-KIND:group: the
    group "Friends" was imported as a person called Friends."""
    path = tmp_path / "Friends.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.1//EN\r\n"
        b"N:Friends\r\nFN:Friends\r\nX-ADDRESSBOOKSERVER-KIND:group\r\n"
        b"X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:5AD380FD-B2DE-4261-BA99-DE1D1DB52FBE\r\n"
        b"UID:0D33E4C8-1111-2222-3333-123456789012\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana L\xc3\xb3pez\r\nEND:VCARD\r\n"
    )
    summary = api.import_file(repo, "vcard", path)
    assert "contacts: 1 added, 0 updated, 1 skipped (group cards (KIND:group): 1)" in summary
    assert [c.name for c in repo.contacts.all(include_archived=True)] == ["Ana López"]
    assert repo.organizations.find("Friends") is None


def test_a_space_after_a_quoted_printable_soft_break_is_kept(repo: Repo, tmp_path: Path) -> None:
    """Outlook's 2.1 NOTE broken with `=` before a space: the next line was taken for a
    fold and lost its space ("regional leadrole"); after a soft break it is literal."""
    path = tmp_path / "outlook.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Gr\xfcn;J\xfcrgen\r\nFN:J\xfcrgen Gr\xfcn\r\n"
        b"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=Windows-1252:follow up after the holidays"
        b" about the regional lead=\r\n role in M=FCnchen\r\nEND:VCARD\r\n"
    )
    api.import_file(repo, "vcard", path)
    [jurgen] = repo.contacts.all()
    assert (jurgen.name, jurgen.notes) == (
        "Jürgen Grün",
        "follow up after the holidays about the regional lead role in München",
    )


def test_values_with_backslashes_come_back_from_the_export_unchanged(
    repo: Repo, tmp_path: Path
) -> None:
    """`ORG:Acme\\\\;sales` was split after the escaped backslash as if the `;` were escaped
    (organization "Acme\\;sales", no function), and a URL's backslash went out unescaped
    and came back dropped (`~sam\\cv` → `~samcv`)."""
    repo.contacts.add(
        "Sam Lee", organization="Acme\\", function="sales", url="https://intranet.example/~sam\\cv"
    )
    out = tmp_path / "out.vcf"
    api.export(repo, "vcard", out)
    assert b"URL:https://intranet.example/~sam\\\\cv\r\n" in out.read_bytes()
    [sam] = vcard.parse(out).people
    assert (sam.organization, sam.function, sam.urls) == (
        "Acme\\",
        "sales",
        ["https://intranet.example/~sam\\cv"],
    )
    assert vobject.readOne(out.read_text()).url.value == "https://intranet.example/~sam\\cv"
    assert vcard_lines.components("a\\\\\\;b;c\\\\;d") == ["a\\;b", "c\\", "d"]


def test_a_credential_after_a_comma_and_a_name_after_a_title_are_placed_in_n(
    repo: Repo, db_path: Path, tmp_path: Path
) -> None:
    """N: was "Jane Doe;CPA" (the credential as the given name) for "Jane Doe, CPA", and
    ";Smith" (no family name) for "Ms Smith"; "Tanaka, Mei" stays family name first."""
    for name in ("Jane Doe, CPA", "Pat Smith, CFA", "Ana Ruiz, RN", "Ms Smith", "Tanaka, Mei"):
        repo.contacts.add(name)
    repo.contacts.add("LEE, SAM")  # all capitals: SAM is a given name, not a credential
    # Family name first with the given name in capitals: no credential either
    repo.contacts.add("Van Dyke, JOE")
    repo.contacts.add("De la Cruz, MARIA")
    # A credential listed, with or without its dots, after a given and a family name;
    # capitals not listed are a given name after a family name of two words
    repo.contacts.add("Ray Chen, CSM")
    repo.contacts.add("Jo Park, M.B.A.")
    repo.contacts.add("Garcia Lopez, ANA")
    out = tmp_path / "out.vcf"
    api.export(repo, "vcard", out)
    cards = {c.fn.value: c.n.value for c in vobject.readComponents(out.read_text())}
    parts = {fn: (n.family, n.given, n.prefix, n.suffix) for fn, n in cards.items()}
    assert parts == {
        "Jane Doe, CPA": ("Doe", "Jane", "", "CPA"),
        "Pat Smith, CFA": ("Smith", "Pat", "", "CFA"),
        "Ana Ruiz, RN": ("Ruiz", "Ana", "", "RN"),
        "Ms Smith": ("Smith", "", "Ms", ""),
        "Tanaka, Mei": ("Tanaka", "Mei", "", ""),
        "LEE, SAM": ("LEE", "SAM", "", ""),
        "Van Dyke, JOE": ("Van Dyke", "JOE", "", ""),
        "De la Cruz, MARIA": ("De la Cruz", "MARIA", "", ""),
        "Ray Chen, CSM": ("Chen", "Ray", "", "CSM"),
        "Jo Park, M.B.A.": ("Park", "Jo", "", "M.B.A."),
        "Garcia Lopez, ANA": ("Garcia Lopez", "ANA", "", ""),
    }
    assert b"N:Doe;Jane;;;CPA\r\n" in out.read_bytes()
    before = snapshot(db_path)
    assert "11 skipped (already in netrack: 11)" in api.import_file(repo, "vcard", out)
    assert snapshot(db_path) == before
