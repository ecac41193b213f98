"""A form's Organization field: known names to suggest, and a question before a typo
becomes a new organization ("did you mean 'Acme'? save again to create it")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netrack.domain import validate
from netrack.domain.errors import InputError
from netrack.domain.similar import close_names

if TYPE_CHECKING:
    from netrack.data.repo import Repo


class OrganizationCheck:
    """`check(text)` refuses, once, a new organization close to a known one: the same
    text saved again is taken as meant."""

    def __init__(self, repo: Repo) -> None:
        self.known = [org.name for org in repo.organizations.all()]
        self._folded = {name.casefold() for name in self.known}
        self._asked: set[str] = set()

    def check(self, text: str) -> None:
        name = " ".join(text.split())
        if not name:
            return
        validate.name(name, "organization name")
        if name.casefold() in self._folded or name in self._asked:
            return
        near = close_names(name, self.known)
        if not near:
            return
        self._asked.add(name)
        meant = " or ".join(repr(other) for other in near[:2])
        raise InputError(
            f"new organization {name!r}: did you mean {meant}? save again to create it"
        )
