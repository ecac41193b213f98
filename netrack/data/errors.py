"""Errors below netrack's own, for the one place outside `netrack.data` that names them."""

from __future__ import annotations

import sqlite3

from peewee import PeeweeException

# What the CLI's last-resort handler turns into one line when a database problem escapes
# a command (damage found by a read outside a write transaction).
LOW_LEVEL_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, PeeweeException)
