"""A form's Organization field: known names to suggest, and a question before a typo
becomes a new organization ("did you mean 'Acme'? save again to create it")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netrack.data.repo.org_names import org_key
from netrack.domain import validate
from netrack.domain.errors import InputError
from netrack.domain.resolve import BY_ID, id_digits, reads_as_id
from netrack.domain.similar import close_to_new

if TYPE_CHECKING:
    from netrack.data.repo import Repo


class OrganizationCheck:
    """`check(text)` refuses, once, a new organization close to a known one: the same
    text saved again is taken as meant; `id:N` must name one that is there."""

    def __init__(self, repo: Repo) -> None:
        self.repo = repo
        organizations = repo.organizations.all()
        self.known = [org.name for org in organizations]
        # Each one's size band, by the key the repository finds it by (and by `id:N`): a
        # contact form's "Org size" shows the band of the organization typed
        self._bands = {org_key(org.name): org.size_band for org in organizations}
        self._bands.update({f"id:{org.id}": org.size_band for org in organizations})
        self._asked: set[str] = set()

    def band_of(self, text: str) -> str:
        """The size band of the known organization `text` names; "" for none or a new one."""
        by_id = BY_ID.match(text)
        if by_id:  # as digits: 5,000 of them are no int (Python refuses the conversion)
            return self._bands.get(f"id:{id_digits(by_id['id'])}", "")
        return self._bands.get(org_key(text), "")

    def check(self, text: str) -> None:
        name = " ".join(text.split())
        if not name:
            return
        if reads_as_id(name):  # one that is there, by its id, as `--org id:N` names it
            self.repo.organizations.resolve(name)
            return
        validate.name(name, "organization name")
        if name in self._asked:
            return
        near = close_to_new(name, self.known)  # the rule the command line's note follows
        if not near:
            return
        self._asked.add(name)
        meant = " or ".join(repr(other) for other in near)
        raise InputError(
            f"new organization {name!r}: did you mean {meant}? save again to create it"
        )
