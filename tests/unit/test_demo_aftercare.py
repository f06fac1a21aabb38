"""The demo step makes discharges, plans and check-ins, some of them due this week."""

from __future__ import annotations

import datetime as dt
import random

from iopdesk.db.models.aftercare import AftercarePlan, Discharge, FollowUp
from iopdesk.db.models.core import Episode
from iopdesk.demo import DemoContext
from iopdesk.demo.steps import s70_aftercare
from iopdesk.domain.aftercare import DischargeFacts
from tests.factories.aftercare import TODAY
from tests.factories.clients import episode_of, make_client


def test_demo_step(clinician):
    for n in range(12):
        admitted = TODAY - dt.timedelta(days=60 + 7 * n)
        episode_id = episode_of(
            make_client(counselor=clinician, admitted=admitted, status="discharged")
        )
        Episode.update(discharge_date=admitted + dt.timedelta(days=30)).where(
            Episode.id == episode_id
        ).execute()
    make_client(counselor=clinician, admitted=TODAY - dt.timedelta(days=9))
    ctx = DemoContext("small", random.Random(7), TODAY, clinicians=[clinician], log=lambda _: None)
    s70_aftercare.populate(ctx)
    assert Discharge.select().count() == 12
    for row in Discharge.select():
        facts = DischargeFacts.from_json(row.facts)
        assert facts.length_of_stay_days == 30 and "30 days in care" in row.summary
    assert FollowUp.select().count() == 36
    monday = TODAY - dt.timedelta(days=TODAY.weekday())
    assert (
        not FollowUp.select()
        .where((FollowUp.due_date >= monday) & FollowUp.done_on.is_null(False))
        .exists()
    )
    assert FollowUp.select().where(FollowUp.done_on.is_null(False)).count() > 10
    assert AftercarePlan.select().where(AftercarePlan.status == "draft").count() == 1
    assert all(p.contacts.count() == 1 and p.support_groups.count() == 2
               for p in AftercarePlan.select())  # fmt: skip
