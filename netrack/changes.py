"""What the app's `data_changed` Signal tells every screen after the data changed."""

# Annotations evaluated, not postponed: NamedTuple would compile each one given as text.
from typing import NamedTuple


class Change(NamedTuple):
    """One change to the data, as the screens hear of it.

    `origin`: "app" for a write made in this app, "external" for one by another process
    (seen by the data_version poll). `logged`: the id of the interaction this write
    added, when adding it was all that changed since the previous Change; a screen may
    then update what it shows for that one row instead of reading everything again.
    """

    origin: str
    logged: int | None = None
