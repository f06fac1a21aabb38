"""Which sessions already carry records (attendance, notes): those never change silently."""

from __future__ import annotations

from iopdesk.db.models.calendar import Session, SessionClient

_BATCH = 400


def has_records(session_ids: list[int]) -> set[int]:
    """Sessions that other records hang on (attendance, notes): these never change silently."""
    found: set[int] = set()
    if not session_ids:
        return found
    # Every table pointing at a session counts, so a new kind of record is covered by itself.
    for backref in Session._meta.backrefs:
        if backref.model is SessionClient:
            continue
        for start in range(0, len(session_ids), _BATCH):
            chunk = session_ids[start : start + _BATCH]
            rows = backref.model.select(backref).where(backref.in_(chunk)).distinct()
            found.update(r[0] for r in rows.tuples())
    return found
