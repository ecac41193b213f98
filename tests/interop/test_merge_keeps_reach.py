"""A file's record that matches a contact fills their blanks and keeps what the user
typed; a second email, phone or URL, and note lines, went nowhere (a vCard from a
person's new job lost its email). They are added to the notes, once."""

from __future__ import annotations

from netrack.domain.records import kept_aside
from netrack.interop import api


def test_a_new_email_phone_and_note_are_kept_in_the_notes(repo, tmp_path):
    first, second = tmp_path / "a.vcf", tmp_path / "b.vcf"
    first.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Anand Rao\nEMAIL:anand@nw.io\nTEL:+1 555 0100\n"
        "NOTE:met at PyCon\nEND:VCARD\n",
        encoding="utf-8",
    )
    second.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Anand Rao\nTITLE:Principal\n"
        "EMAIL:anand.rao@newjob.io\nTEL:(1) 555-0100\nNOTE:moved to Newjob\nEND:VCARD\n",
        encoding="utf-8",
    )
    api.import_file(repo, "vcard", first)
    assert "contacts: 0 added, 1 updated" in api.import_file(repo, "vcard", second)
    contact = repo.contacts.get(repo.contacts.resolve("Anand Rao"))
    assert contact.email == "anand@nw.io"  # what was there stays
    assert contact.title == "Principal"  # a blank filled
    # the same phone written another way is no second phone
    assert contact.notes == "met at PyCon\nOther email: anand.rao@newjob.io\nmoved to Newjob"
    again = api.import_file(repo, "vcard", second)
    assert "already in netrack: 1" in again
    assert repo.contacts.get(contact.id).notes == contact.notes


def test_kept_aside_compares_as_people_write_them():
    row = {"email": "Ana@Acme.com", "phone": "+34 600 11 22 33", "url": "https://acme.com/"}
    same = {
        "email": "ana@acme.com",
        "phone": "+34600112233",
        "url": "HTTPS://ACME.COM",
        "notes": "",
    }
    assert kept_aside(row, same, "") is None
    profile = {"url": "https://www.linkedin.com/in/analopez"}
    shared = {"url": "linkedin.com/in/analopez/en?utm_source=share#about", "notes": ""}
    assert kept_aside(profile, shared, "") is None  # one profile, written two ways
    other = {**same, "url": "https://ana.dev", "notes": "a\n\nb\na"}
    assert kept_aside(row, other, "a") == "a\nOther URL: https://ana.dev\nb"
    assert kept_aside(row, {**same, "notes": "x" * 10_001}, "") is None  # no room


def test_a_renamed_contact_is_found_by_their_linkedin_profile(repo, tmp_path):
    """A rename, then the same Connections.csv again: a second "Anand Rao" with the same
    profile URL was added beside "Anand K. Rao"."""
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Anand,Rao,https://www.linkedin.com/in/anandrao,,Northwind,Engineer,30 May 2024\n",
        encoding="utf-8",
    )
    api.import_file(repo, "linkedin", export)
    anand = repo.contacts.resolve("Anand Rao")
    repo.contacts.update(anand, name="Anand K. Rao")
    again = api.import_file(repo, "linkedin", export)
    assert "contacts: 0 added" in again
    assert [c.name for c in repo.contacts.all()] == ["Anand K. Rao"]
    # a share link of the same profile is the same person too
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Anand,Rao,https://www.linkedin.com/in/anandrao/en?utm_source=share,anand@nw.io,"
        "Northwind,Engineer,30 May 2024\n",
        encoding="utf-8",
    )
    assert "contacts: 0 added, 1 updated" in api.import_file(repo, "linkedin", export)
    assert repo.contacts.get(anand).email == "anand@nw.io"


def test_a_profile_does_not_make_another_name_the_same_person(repo, tmp_path):
    """Jane Doe took Bob Jones's title from a row with her profile URL: a shared URL never
    makes two different names one person (SPEC) unless a word of the names is shared,
    as a rename keeps one ("Anand K. Rao")."""
    jane = repo.contacts.add("Jane Doe", "Acme")
    repo.contacts.update(jane.id, url="https://www.linkedin.com/in/jane")
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Bob,Jones,https://www.linkedin.com/in/jane,,Globex,CTO,30 May 2024\n",
        encoding="utf-8",
    )

    summary = api.import_file(repo, "linkedin", export)

    assert "contacts: 1 added, 0 updated, 0 skipped" in summary
    people = {c.name: c for c in repo.contacts.all()}
    assert sorted(people) == ["Bob Jones", "Jane Doe"]
    assert (people["Jane Doe"].title, people["Jane Doe"].organization) == ("", "Acme")
    assert (people["Bob Jones"].title, people["Bob Jones"].organization) == ("CTO", "Globex")


def test_two_contacts_with_one_profile_leave_a_new_name_alone(repo, tmp_path):
    """Whom a profile names is only clear when one contact alone has it."""
    for name in ("Sam Lee", "Samuel Lee"):
        contact = repo.contacts.add(name)
        repo.contacts.update(contact.id, url="https://www.linkedin.com/in/samlee")
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Sammy,Lee,https://www.linkedin.com/in/samlee,,,,30 May 2024\n",
        encoding="utf-8",
    )
    assert "contacts: 1 added" in api.import_file(repo, "linkedin", export)


def test_an_email_that_finds_no_room_is_named_in_the_summary(repo, tmp_path):
    """Notes nearly full: the other email went nowhere and the summary said "already
    in netrack" alone."""
    repo.contacts.add("Bo Berg", organization="Acme", email="bo@acme.com", notes="x" * 9990)
    card = tmp_path / "c.vcf"
    card.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Bo Berg\nORG:Acme\nEMAIL:bo@thirdjob.com\nEND:VCARD\n",
        encoding="utf-8",
    )
    said = api.import_file(repo, "vcard", card)
    assert said.splitlines()[1] == (
        "  contacts: 0 added, 0 updated, 1 skipped (already in netrack: 1); not kept, the "
        "contact's notes being full: Bo Berg: Other email: bo@thirdjob.com"
    )
