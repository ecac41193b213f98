"""The quick-log bar's names, held for the line's people, are gone through on its first
key only: each key after it and the write find them where they stand
(`told_apart.held_items`), or meet the same refusal (`Resolved.refused`)."""

from __future__ import annotations

import pytest

from netrack.data.repo import Repo, activity
from netrack.data.repo.told_apart import Resolved
from netrack.domain.errors import NetrackError
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
    memo = Resolved()
    line = '@"Sam Lee (Acme)" @ana #call 20m'
    first = repo.activity.preview_log(line, people, campaigns, memo, archived)
    after_first = people.walks
    again = repo.activity.preview_log(line, people, campaigns, memo, archived)
    done = repo.activity.log_line(line, people, campaigns, memo, archived)
    assert people.walks == after_first
    assert first.contact_names == again.contact_names == ("Sam Lee (Acme)", "Ana López")
    assert done.entry.contact_names == ("Sam Lee (Acme)", "Ana López")


def test_a_refused_name_is_not_resolved_again_on_the_keys_after_it(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `@sam` fits two people: refused, with who they are, on every key after it too,
    # the same words, without resolving it among every name again.
    repo.contacts.add("Sam Lee", organization="Acme")
    repo.contacts.add("Sam Ortiz")
    people = repo.contacts.named()
    archived = repo.contacts.named(archived=True)
    memo = Resolved()
    said = []
    for line in ("@sam", "@sam 2", "@sam 20m"):
        with pytest.raises(NetrackError) as refused:
            repo.activity.preview_log(line, people, None, memo, archived)
        said.append(str(refused.value))
        if len(said) == 1:  # from the second key on, no resolving at all
            monkeypatch.setattr(activity, "resolve", _never)
    assert said[0] == said[1] == said[2] and "Sam Lee" in said[0] and "Sam Ortiz" in said[0]
    # another reference is resolved as before
    monkeypatch.undo()
    done = repo.activity.preview_log('@"Sam Ortiz" #call 2', people, None, memo, archived)
    assert done.contact_names == ("Sam Ortiz",)


def _never(*args: object, **kwargs: object) -> int:
    raise AssertionError("resolved again")
