"""Who is who on import: a shared email, phone or website never makes two different names
one person (SPEC, Contact); the same name with the same organization, or with a shared
email / profile when one side has no organization, does."""

from __future__ import annotations

from pathlib import Path

from netrack.data.repo import Repo
from netrack.domain.people import Contact
from netrack.interop import api


def vcf(tmp_path: Path, *cards: str, name: str = "cards.vcf") -> Path:
    """A vCard file of `cards`, each given as its property lines."""
    text = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\n{card.strip()}\r\nEND:VCARD\r\n" for card in cards
    )
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").replace("\r\r\n", "\r\n").encode("utf-8"))
    return path


def people(repo: Repo) -> list[Contact]:
    return sorted(repo.contacts.all(include_archived=True), key=lambda c: c.id)


def test_a_family_sharing_an_email_stays_two_people(repo: Repo, tmp_path: Path) -> None:
    path = vcf(
        tmp_path,
        "FN:Alice Martin\nEMAIL:family@home.net",
        "FN:Bob Martin\nEMAIL:family@home.net\nTEL:+44 7700 900456\nNOTE:Bob's private note",
    )

    summary = api.import_file(repo, "vcard", path)

    assert "contacts: 2 added, 0 updated, 0 skipped" in summary
    alice, bob = people(repo)
    assert (alice.name, alice.email, alice.phone, alice.notes) == (
        "Alice Martin",
        "family@home.net",
        "",
        "",
    )
    assert (bob.name, bob.email, bob.phone, bob.notes) == (
        "Bob Martin",
        "family@home.net",
        "+44 7700 900456",
        "Bob's private note",
    )


def test_a_shared_inbox_at_one_company_stays_two_people(repo: Repo, tmp_path: Path) -> None:
    path = vcf(
        tmp_path,
        "FN:Ana López\nORG:Acme\nEMAIL:jobs@acme.com\nTITLE:Recruiter",
        "FN:Raj Patel\nORG:Acme\nEMAIL:jobs@acme.com\nTITLE:Hiring manager",
    )

    api.import_file(repo, "vcard", path)

    assert [(c.name, c.title) for c in people(repo)] == [
        ("Ana López", "Recruiter"),
        ("Raj Patel", "Hiring manager"),
    ]


def test_a_company_site_on_several_cards_and_in_the_database(repo: Repo, tmp_path: Path) -> None:
    carol = repo.contacts.add("Carol Smith", organization="Acme", url="https://www.acme.com/")
    path = vcf(
        tmp_path,
        "FN:Dave Jones\nORG:Acme\nURL:https://acme.com\nTEL:+1 555 0101",
        "FN:Erin Brown\nURL:https://acme.com\nNOTE:met at the booth",
        "FN:Frank White\nURL:http://acme.com/",
    )

    summary = api.import_file(repo, "vcard", path)

    assert "contacts: 3 added, 0 updated, 0 skipped" in summary
    assert [c.name for c in people(repo)] == [
        "Carol Smith",
        "Dave Jones",
        "Erin Brown",
        "Frank White",
    ]
    mine = repo.contacts.get(carol.id)
    assert (mine.phone, mine.notes) == ("", "")


def test_an_existing_contact_keeps_its_email_from_another_name(repo: Repo, tmp_path: Path) -> None:
    alice = repo.contacts.add("Alice Martin", email="family@home.net")
    path = vcf(tmp_path, "FN:Bob Martin\nEMAIL:FAMILY@home.net\nTEL:+44 7700 900456\nNOTE:Bob's")

    summary = api.import_file(repo, "vcard", path)

    assert "contacts: 1 added, 0 updated, 0 skipped" in summary
    mine = repo.contacts.get(alice.id)
    assert (mine.name, mine.phone, mine.notes) == ("Alice Martin", "", "")
    assert [c.name for c in people(repo)] == ["Alice Martin", "Bob Martin"]


def test_same_name_and_email_with_no_organization_on_one_side_is_one_person(
    repo: Repo, tmp_path: Path
) -> None:
    zoe = repo.contacts.add("Zoë O'Brien", email="zoe@example.org", notes="likes tea")
    # Case, accents and spacing differ; the email is the same person's.
    path = vcf(
        tmp_path,
        "FN:ZOE  o'brien\nORG:Wayne Enterprises\nEMAIL:Zoe@Example.org\nTEL:+44 7700 900123",
    )

    summary = api.import_file(repo, "vcard", path)

    assert "contacts: 0 added, 1 updated, 0 skipped" in summary
    (only,) = people(repo)
    assert only.id == zoe.id
    assert only.name == "Zoë O'Brien"  # what the user typed stays
    assert (only.organization, only.phone, only.notes) == (
        "Wayne Enterprises",
        "+44 7700 900123",
        "likes tea",
    )


def test_same_name_at_another_organization_is_another_person(repo: Repo, tmp_path: Path) -> None:
    repo.contacts.add("Ana López", organization="Acme", email="ana@mail.example")
    # Each with an email of their own (one email these two alone held would be one
    # person: see test_import_namesakes)
    path = vcf(tmp_path, "FN:Ana Lopez\nORG:Globex\nEMAIL:ana@globex.example\nTITLE:CTO")

    summary = api.import_file(repo, "vcard", path)

    assert "contacts: 1 added, 0 updated, 0 skipped" in summary
    assert [(c.organization, c.title) for c in people(repo)] == [("Acme", ""), ("Globex", "CTO")]


def test_same_name_and_organization_is_the_same_person(repo: Repo, tmp_path: Path) -> None:
    ana = repo.contacts.add("Ana López", organization="Acme")
    path = vcf(tmp_path, "FN:ana lopez\nORG:ACME\nTITLE:CTO")

    summary = api.import_file(repo, "vcard", path)

    assert "contacts: 0 added, 1 updated, 0 skipped" in summary
    assert repo.contacts.get(ana.id).title == "CTO"


def test_each_existing_namesake_takes_one_card(repo: Repo, tmp_path: Path) -> None:
    first = repo.contacts.add("John Smith", organization="Acme")
    second = repo.contacts.add("John Smith", organization="Globex")
    path = vcf(
        tmp_path,
        "FN:John Smith\nORG:Acme\nTEL:+1 555 0100",
        "FN:John Smith\nORG:Globex\nTEL:+1 555 0199",
    )

    summary = api.import_file(repo, "vcard", path)

    assert "contacts: 0 added, 2 updated, 0 skipped" in summary
    assert repo.contacts.get(first.id).phone == "+1 555 0100"
    assert repo.contacts.get(second.id).phone == "+1 555 0199"
    again = api.import_file(repo, "vcard", path)
    assert "contacts: 0 added, 0 updated, 2 skipped (already in netrack: 2)" in again


def test_a_card_listed_twice_is_one_person(repo: Repo, tmp_path: Path) -> None:
    path = vcf(
        tmp_path,
        "FN:Raj Patel\nEMAIL:raj@example.com",
        "FN:Raj Patel\nEMAIL:raj@example.com\nTEL:+1 555 0142",
    )

    summary = api.import_file(repo, "vcard", path)

    assert (
        "contacts: 1 added, 0 updated, 1 joined to the same contact earlier in the file, "
        "0 skipped" in summary
    )
    (raj,) = people(repo)
    assert raj.phone == "+1 555 0142"


def test_a_linkedin_profile_follows_its_person_to_another_company(
    repo: Repo, tmp_path: Path
) -> None:
    ana = repo.contacts.add(
        "Ana López", organization="Acme", url="https://www.linkedin.com/in/ana-lopez"
    )
    path = vcf(
        tmp_path,
        "FN:Ana López\nORG:Globex\nURL:https://linkedin.com/in/ana-lopez/\nTEL:+34 600 1",
        "FN:Ana López\nORG:Initech\nURL:https://linkedin.com/in/another-ana\nTITLE:Intern",
    )

    summary = api.import_file(repo, "vcard", path)

    assert "contacts: 1 added, 1 updated, 0 skipped" in summary
    assert repo.contacts.get(ana.id).phone == "+34 600 1"
    assert [(c.organization, c.title) for c in people(repo)] == [
        ("Acme", ""),
        ("Initech", "Intern"),
    ]


def test_a_profile_follows_its_person_by_a_word_of_any_script(repo: Repo, tmp_path: Path) -> None:
    """A profile finds its person under a new spelling that keeps a word of the name: a
    one-syllable Korean family name is a word, and so is a Hindi name with its virama."""
    kim = repo.contacts.add("김 민준", organization="Acme", url="https://linkedin.com/in/mj")
    priya = repo.contacts.add("प्रिया शर्मा", url="https://linkedin.com/in/priya")
    path = vcf(
        tmp_path,
        "FN:김 Minjun\nORG:Globex\nURL:https://www.linkedin.com/in/mj/\nTITLE:CTO",
        "FN:प्रिया Sharma\nURL:https://www.linkedin.com/in/priya\nTITLE:Founder",
    )

    summary = api.import_file(repo, "vcard", path)

    assert "contacts: 0 added, 2 updated, 0 skipped" in summary
    assert (repo.contacts.get(kim.id).title, repo.contacts.get(priya.id).title) == (
        "CTO",
        "Founder",
    )


def test_json_import_never_merges_two_names_sharing_an_email(repo: Repo, tmp_path: Path) -> None:
    bob = repo.contacts.add("Bob Martin", email="family@home.net", notes="Bob's")
    api.export(repo, "json", tmp_path / "bob.json")
    # The same database now holds Alice with that email, and no Bob. (Bob renamed
    # "Alice Martin" would be Bob still: the same uid, schema 13.)
    repo.tidy.delete_contact(bob.id)
    alice = repo.contacts.add("Alice Martin", email="family@home.net")

    summary = api.import_file(repo, "json", tmp_path / "bob.json")

    assert "contacts: 1 added, 0 updated" in summary
    assert repo.contacts.get(alice.id).notes == ""
    assert [(c.name, c.notes) for c in people(repo)] == [
        ("Alice Martin", ""),
        ("Bob Martin", "Bob's"),
    ]


def test_linkedin_never_merges_two_names_sharing_an_email(repo: Repo, tmp_path: Path) -> None:
    alice = repo.contacts.add("Alice Martin", email="family@home.net")
    path = tmp_path / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Bob,Martin,https://www.linkedin.com/in/bob,family@home.net,Acme,CTO,1 Oct 2026\n",
        encoding="utf-8",
    )

    summary = api.import_file(repo, "linkedin", path)

    assert "contacts: 1 added, 0 updated" in summary
    assert repo.contacts.get(alice.id).title == ""


def coffee(tmp_path: Path, *attendees: str) -> Path:
    """A calendar of one past meeting, "Coffee", with `attendees` (ATTENDEE values)."""
    lines = "".join(f"ATTENDEE;{attendee}\r\n" for attendee in attendees)
    path = tmp_path / "coffee.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:k1\r\n"
        "DTSTART:20261120T100000Z\r\nDTEND:20261120T110000Z\r\nSUMMARY:Coffee\r\n"
        f"{lines}END:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    return path


def met(repo: Repo) -> list[tuple[str, list[str]]]:
    """(note, names of the contacts) of each interaction."""
    names = {c.id: c.name for c in people(repo)}
    return [
        (i.note, sorted(names[cid] for cid in i.contact_ids)) for i in repo.activity.interactions()
    ]


def test_a_calendar_attendee_at_a_shared_email_is_the_contact_of_their_name(
    repo: Repo, tmp_path: Path
) -> None:
    """Sam Lee, the first contact with jobs@acme.com, got Kim Park's coffee."""
    repo.contacts.add("Sam Lee", email="jobs@acme.com")
    repo.contacts.add("Kim Park", email="jobs@acme.com")

    summary = api.import_file(repo, "ics", coffee(tmp_path, "CN=Kim Park:mailto:jobs@acme.com"))

    assert "interactions: 1 added, 0 updated, 0 skipped" in summary
    assert met(repo) == [("Coffee", ["Kim Park"])]


def test_a_calendar_attendee_a_shared_email_cannot_tell_apart_is_skipped_with_why(
    repo: Repo, tmp_path: Path
) -> None:
    """Two Ana López (Acme, Globex) with one email: the meeting went to Acme's."""
    repo.contacts.add("Ana López", "Acme", email="ana@x.com")
    repo.contacts.add("Ana López", "Globex", email="ana@x.com")
    repo.contacts.add("Sam Lee", email="jobs@acme.com")
    repo.contacts.add("Kim Park", email="jobs@acme.com")

    for attendee in ("CN=Ana López:mailto:ana@x.com", "CN=Jo Doe:mailto:jobs@acme.com"):
        summary = api.import_file(repo, "ics", coffee(tmp_path, attendee))
        assert "interactions: 0 added, 0 updated, 1 skipped " in summary
        assert "(an attendee could be any of several contacts: 1)" in summary
    assert met(repo) == []


def test_an_outlook_attendee_written_family_name_first_is_the_contact_of_that_name(
    repo: Repo, tmp_path: Path
) -> None:
    """Outlook writes CN="Tanaka, Mei": the meeting with Mei Tanaka, known by name only,
    was skipped as "no attendee is a contact". Turned round only when the name as
    written is nobody's, and never onto one of two namesakes."""
    repo.contacts.add("Mei Tanaka")
    repo.contacts.add("Sam Lee", "Acme")
    repo.contacts.add("Sam Lee", "Globex")

    for attendee, reason in (
        ('CN="Lee, Sam":mailto:sam@x.example', "an attendee could be any of several contacts"),
        ('CN="Tanaka, Mei, PhD":mailto:mt@x.example', "no attendee is a contact"),
    ):
        summary = api.import_file(repo, "ics", coffee(tmp_path, attendee))
        assert f"interactions: 0 added, 0 updated, 1 skipped ({reason}: 1)" in summary
    summary = api.import_file(
        repo, "ics", coffee(tmp_path, 'CN="Tanaka, Mei";RSVP=TRUE:mailto:mt@umbrella.example')
    )

    assert "interactions: 1 added, 0 updated, 0 skipped" in summary
    assert met(repo) == [("Coffee", ["Mei Tanaka"])]


def test_a_linkedin_message_at_a_shared_profile_url_is_the_contact_of_its_name(
    repo: Repo, tmp_path: Path
) -> None:
    repo.contacts.add("Jane Doe", url="https://www.linkedin.com/in/jane")
    repo.contacts.add("Bob Jones", url="https://www.linkedin.com/in/jane")
    path = tmp_path / "messages.csv"
    path.write_text(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,"
        "FOLDER\nc1,,Bob Jones,https://www.linkedin.com/in/jane,Sam Rivera,"
        "2026-11-20 10:00:00 UTC,,Hello,INBOX\n",
        encoding="utf-8",
    )

    api.import_file(repo, "linkedin", path, me="Sam Rivera")

    assert met(repo) == [("Hello", ["Bob Jones"])]


def test_a_linkedin_message_under_another_name_at_ones_profile_is_someone_else(
    repo: Repo, tmp_path: Path
) -> None:
    """One contact has the profile; a message from a name that shares no word with
    theirs is another person's (SPEC: a shared website never makes two names one
    person), where a rename ("Jane A. Doe") is still theirs."""
    repo.contacts.add("Jane Doe", url="https://www.linkedin.com/in/jane")
    repo.contacts.add("Bob Jones")
    path = tmp_path / "messages.csv"
    path.write_text(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,"
        "FOLDER\nc1,,Bob Jones,https://www.linkedin.com/in/jane,Sam Rivera,"
        "2026-11-20 10:00:00 UTC,,Hello,INBOX\n"
        "c2,,Jane A. Doe,https://www.linkedin.com/in/jane,Sam Rivera,"
        "2026-11-21 10:00:00 UTC,,Hi again,INBOX\n",
        encoding="utf-8",
    )

    api.import_file(repo, "linkedin", path, me="Sam Rivera")

    assert sorted(met(repo)) == [("Hello", ["Bob Jones"]), ("Hi again", ["Jane Doe"])]


def test_a_name_one_kana_or_devanagari_mark_apart_is_another_person_on_import(
    repo: Repo, tmp_path: Path
) -> None:
    """Folding dropped a kana's voicing mark and the Devanagari virama: ダン's meeting
    was タン's, his card put his email on タン ("1 updated"), and परिया's LinkedIn row
    updated प्रिया."""
    tan = repo.contacts.add("タン")
    repo.contacts.add("प्रिया")

    meeting = coffee(tmp_path, "CN=ダン:mailto:dan@example.com")
    assert "1 skipped (no attendee is a contact: 1)" in api.import_file(repo, "ics", meeting)
    card = vcf(tmp_path, "FN:ダン\nEMAIL:dan@example.com")
    assert "contacts: 1 added, 0 updated, 0 skipped" in api.import_file(repo, "vcard", card)
    connections = tmp_path / "Connections.csv"
    connections.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "परिया,,https://www.linkedin.com/in/pariya,,,Engineer,1 Oct 2026\n",
        encoding="utf-8",
    )
    assert "contacts: 1 added, 0 updated" in api.import_file(repo, "linkedin", connections)

    assert [(c.name, c.email, c.title) for c in people(repo)] == [
        ("タン", "", ""),
        ("प्रिया", "", ""),
        ("ダン", "dan@example.com", ""),
        ("परिया", "", "Engineer"),
    ]
    assert repo.contacts.get(tan.id).email == "" and met(repo) == []
