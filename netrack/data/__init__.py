"""The data layer: the only place that speaks SQL (Peewee, SQLite and PostgreSQL)."""

from netrack.data import drivers as _drivers

_drivers.hide()  # before anything here imports Peewee (see netrack/data/drivers.py)
