"""Demo step: sobriety dates for most clients in care, some reset after a return to use, so the
chart header and Today's milestones have something to show."""

from __future__ import annotations

import datetime as dt

from iopdesk.db.models.care import SobrietyDate
from iopdesk.demo import DemoContext

ORDER = 37
BATCH = 4000
RESET_NOTE = "Return to use; new date agreed in session."


def populate(ctx: DemoContext) -> None:
    rng, rows = ctx.rng, []
    for client_id, (_episode, status, counselor, admitted) in ctx.clients.items():
        if status != "active" or counselor is None or admitted is None or rng.random() < 0.25:
            continue
        first = admitted - dt.timedelta(days=rng.randint(3, 45))
        set_at = dt.datetime.combine(admitted, dt.time(10))
        if rng.random() < 0.15 and (ctx.today - admitted).days > 14:
            rows.append((client_id, first, "Date given at intake.", counselor, set_at))
            first = admitted + dt.timedelta(days=rng.randint(7, (ctx.today - admitted).days))
            set_at, note = dt.datetime.combine(first, dt.time(11)), RESET_NOTE
        else:
            note = "Date given at intake."
        rows.append((client_id, first, note, counselor, set_at))
    fields = [SobrietyDate.client, SobrietyDate.sober_since, SobrietyDate.note,
              SobrietyDate.set_by, SobrietyDate.set_at]  # fmt: skip
    for start in range(0, len(rows), BATCH):
        SobrietyDate.insert_many(rows[start : start + BATCH], fields=fields).execute()
    ctx.log(f"  {len(rows)} sobriety dates")
