"""A name an older netrack stored though it reads as an id ("id:Sense", before the rule
that refuses such names) is kept as stored by an edit that leaves it as it is: the TUI's
forms send every field back on save, and editing a contact's e-mail failed on its name.
A new name that reads as an id is still refused."""

from __future__ import annotations

import pytest

from netrack.data import tables as t
from netrack.data.repo import Repo
from netrack.domain.errors import InputError


def test_an_older_id_name_survives_an_edit_of_another_field(repo: Repo) -> None:
    kim = repo.contacts.add("Kim Lee", organization="Sense")
    campaign = repo.campaigns.add("Data Engineer", organization="Sense")
    org_id = t.Organization.get(t.Organization.name == "Sense").id
    # As an older netrack left them.
    t.Contact.update(name="id:Kim").where(t.Contact.id == kim.id).execute()
    t.Campaign.update(title="id:Data").where(t.Campaign.id == campaign.id).execute()
    t.Organization.update(name="id:Sense").where(t.Organization.id == org_id).execute()

    assert repo.contacts.update(kim.id, name="id:Kim", email="kim@example.com").name == "id:Kim"
    assert repo.campaigns.update(campaign.id, title="id:Data", notes="x").title == "id:Data"
    assert repo.organizations.update(org_id, name="id:Sense", location="Oslo").name == "id:Sense"

    with pytest.raises(InputError, match="would read as an id"):
        repo.contacts.update(kim.id, name="id:Other")
    with pytest.raises(InputError, match="would read as an id"):
        repo.campaigns.update(campaign.id, title="id:Other")
    with pytest.raises(InputError, match="would read as an id"):
        repo.organizations.update(org_id, name="id:Other")
    # Renamed to a plain name: the way out doctor names.
    assert repo.contacts.update(kim.id, name="Kim Lee").name == "Kim Lee"
