"""vCards as phones and mail apps really write them: comments, 2.1 continuations, AGENT
cards, Shift_JIS, Apple's social profiles, nameless cards, a folder of .vcf files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netrack.data.repo import Repo
from netrack.domain.errors import InputError
from netrack.interop import api, vcard
from tests.interop.conftest import DATA, snapshot


def card(*lines: bytes, version: bytes = b"3.0") -> bytes:
    body = b"".join(line + b"\r\n" for line in lines)
    return b"BEGIN:VCARD\r\nVERSION:" + version + b"\r\n" + body + b"END:VCARD\r\n"


def people(repo: Repo) -> dict[str, tuple[str, str, str, str]]:
    return {
        c.name: (c.organization, c.email, c.phone, c.url)
        for c in repo.contacts.all(include_archived=True)
    }


# Written out by hand from the fixture files (not by the parser).
QUIRKS = {
    "Hannah Okafor": ("", "hannah.okafor@example.com", "+1 555 0101", ""),
    "Bruno Silva": ("Vandelay Industries", "", "", "https://www.linkedin.com/in/bruno-silva-1"),
    # Her LinkedIn profile is the address kept (what finds her connection); her site
    # goes to the notes ("Other URL: …").
    "Chloé Durand": ("", "", "", "https://www.linkedin.com/in/chloe-durand"),
    "Acme Plumbing": ("Acme Plumbing", "", "+1 555 0199", ""),
    "Kenji": ("", "kenji@example.jp", "", ""),
}
SHIFT_JIS = {
    "山田 太郎": (
        "株式会社ソニー・インタラクティブエンタテインメント",
        "taro.yamada@example.jp",
        "090-1234-5678",
        "",
    ),
    "花子 佐藤": ("", "", "03-5555-0000", ""),
}


@pytest.mark.parametrize(
    ("name", "expected", "skipped"),
    [("phone-quirks.vcf", QUIRKS, 2), ("android-shift_jis.vcf", SHIFT_JIS, 0)],
)
def test_a_phone_export_imports_once_and_the_second_run_adds_nothing(
    repo: Repo, db_path: Path, name: str, expected: dict[str, tuple[str, ...]], skipped: int
) -> None:
    path = DATA / "vcard" / name

    first = api.import_file(repo, "vcard", path)

    assert f"contacts: {len(expected)} added, 0 updated, {skipped} skipped" in first
    assert people(repo) == expected
    before = snapshot(db_path)
    second = api.import_file(repo, "vcard", path)
    assert f"contacts: 0 added, 0 updated, {len(expected) + skipped} skipped" in second
    assert snapshot(db_path) == before


def test_comments_continuations_and_agents_keep_the_outer_card_whole(repo: Repo) -> None:
    summary = api.import_file(repo, "vcard", DATA / "vcard/phone-quirks.vcf")

    assert "(without a name: 2)" in summary  # the email-only and the phone-only card
    contacts = {c.name: c for c in repo.contacts.all()}
    assert contacts["Hannah Okafor"].notes == "Met at the data meetup\nasked about the analyst role"
    assert not {"Sam Assistant", "Not Bruno", "Inline Agent"} & set(contacts)
    assert contacts["Acme Plumbing"].function == "Emergencies"


def test_shift_jis_decodes_including_windows_31j_characters(repo: Repo) -> None:
    api.import_file(repo, "vcard", DATA / "vcard/android-shift_jis.vcf")
    contacts = {c.name: c for c in repo.contacts.all()}
    assert contacts["山田 太郎"].notes == "ソニー勤務①"  # ソ holds a 0x5C byte; ① is cp932 only
    assert contacts["花子 佐藤"].title == "表計算担当"


def test_a_social_profile_matches_the_linkedin_connection(repo: Repo, tmp_path: Path) -> None:
    api.import_file(repo, "linkedin", DATA / "linkedin/Connections.csv")
    path = tmp_path / "iphone.vcf"
    path.write_bytes(
        card(
            "FN:Ana López".encode(),
            b"ORG:Globex",  # another company than on LinkedIn: only the profile ties them
            b"EMAIL;type=INTERNET:ana@home.example",
            b"X-SOCIALPROFILE;type=linkedin;x-user=ana-lopez-4b1a2c:x-apple:ana-lopez-4b1a2c",
        )
    )

    summary = api.import_file(repo, "vcard", path)

    assert "contacts: 0 added, 1 updated, 0 skipped" in summary
    anas = [c for c in repo.contacts.all() if c.name == "Ana López"]
    assert [(c.organization, c.email) for c in anas] == [("Acme Robotics", "ana@home.example")]


def test_a_value_ending_in_a_backslash_before_a_property_stays_whole(tmp_path: Path) -> None:
    path = tmp_path / "paths.vcf"
    path.write_bytes(card(b"FN:Dee Path", b"NOTE:share is C:\\\\files\\", b"TEL:+1 555 0103"))
    (dee,) = vcard.parse(path).people
    assert (dee.notes, dee.phones) == ("share is C:\\files\\", ["+1 555 0103"])


# --- a folder of .vcf files ------------------------------------------------------------


def test_a_folder_of_vcf_files_imports_every_card_with_file_and_line(
    repo: Repo, tmp_path: Path, db_path: Path
) -> None:
    folder = tmp_path / "Contacts"
    folder.mkdir()
    (folder / "b-raj.vcf").write_bytes(card(b"FN:Raj Patel", b"EMAIL:raj@example.com"))
    (folder / "a-ana.VCF").write_bytes(card("FN:Ana López".encode()))
    (folder / "c-broken.vcf").write_bytes(card(b"FN:Broken", b"not a property"))
    (folder / "d-empty.vcf").write_bytes(b"")
    (folder / "notes.txt").write_bytes(card(b"FN:Not Imported"))

    summary = api.import_file(repo, "vcard", folder)

    assert summary.splitlines() == [
        "imported Contacts:",
        "  contacts: 2 added, 0 updated, 2 skipped ("
        "d-empty.vcf: no vCards in this file (expected BEGIN:VCARD): 1, "
        "c-broken.vcf:4: not a vCard property (no ':'))",
    ]
    assert sorted(people(repo)) == ["Ana López", "Raj Patel"]
    before = snapshot(db_path)
    assert "contacts: 0 added" in api.import_file(repo, "vcard", folder)
    assert snapshot(db_path) == before


def test_a_folder_without_a_readable_card_is_refused(repo: Repo, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"empty: no \.vcf files in this folder$"):
        api.import_file(repo, "vcard", tmp_path / "empty")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "x.vcf").write_bytes(card(b"no colon here"))
    with pytest.raises(InputError, match=r"x\.vcf:3: not a vCard property"):
        api.import_file(repo, "vcard", tmp_path / "bad")


def test_the_cli_imports_a_folder(run_cli, tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "one.vcf").write_bytes(card(b"FN:Mei Chen"))
    done = run_cli("import", "vcard", folder, db=db_path)
    assert done.returncode == 0, done.stderr
    assert "contacts: 1 added" in done.stdout


# --- anything at all -------------------------------------------------------------------

PIECES = [
    b"BEGIN:VCARD",
    b"END:VCARD",
    b"VERSION:2.1",
    b"FN:Ana",
    b"N:Lopez;Ana;;;",
    b"# comment",
    b"AGENT:",
    b"AGENT:BEGIN:VCARD",
    b"NOTE:ends in\\",
    b"continued",
    b" folded",
    b"ORG:Acme",
    b"EMAIL:xxx",
    b"X-SOCIALPROFILE;type=linkedin:x-apple:",
    b"N;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=83=5C=",
    b"=8",
    b"\xff\xfe",
]


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(PIECES) | st.binary(max_size=20), max_size=30))
def test_random_card_lines_give_cards_or_one_input_error(
    tmp_path: Path, lines: list[bytes]
) -> None:
    path = tmp_path / "random.vcf"
    path.write_bytes(b"\r\n".join(lines))
    try:
        parsed = vcard.parse(path)
    except InputError as error:
        assert "\n" not in str(error)
        return
    assert all(person.name.strip() for person in parsed.people)
