"""The quick-log bar's names, held for the line's people, are gone through on its first
key only: each key after it and the write find them where they stand
(`told_apart.held_items`)."""

from __future__ import annotations

from netrack.data.repo import Repo
from netrack.data.repo.told_apart import Resolved
from tests.unit.test_held_items import Counted


def test_the_bar_s_names_are_gone_through_on_the_first_key_only(repo: Repo) -> None:
    # A preview on every key, then the write: after the first key, the names the bar
    # holds are not gone through again (they were twice a key and twice in the write).
    repo.contacts.add("Sam Lee", organization="Acme")
    repo.contacts.add("Sam Lee", organization="Globex")
    repo.contacts.add("Ana López")
    people = Counted(repo.contacts.named())
    archived = repo.contacts.named(archived=True)
    campaigns = repo.campaigns.names()
    memo: Resolved = {}
    line = '@"Sam Lee (Acme)" @ana #call 20m'
    first = repo.activity.preview_log(line, people, campaigns, memo, archived)
    after_first = people.walks
    again = repo.activity.preview_log(line, people, campaigns, memo, archived)
    done = repo.activity.log_line(line, people, campaigns, memo, archived)
    assert people.walks == after_first
    assert first.contact_names == again.contact_names == ("Sam Lee (Acme)", "Ana López")
    assert done.entry.contact_names == ("Sam Lee (Acme)", "Ana López")
