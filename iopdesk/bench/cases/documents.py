"""Documents a person waits for: one treatment plan PDF, and today's 60 plans in one PDF."""

from __future__ import annotations

from iopdesk.bench import Case, Step, Trial
from iopdesk.bench.desk import Desk
from iopdesk.services.plans import printing

_NEWEST_SIGNED = "SELECT id FROM treatment_plan WHERE status = 'signed' ORDER BY id DESC LIMIT 1"
_SIXTY = (
    "SELECT DISTINCT client_id FROM treatment_plan WHERE status = 'signed' "
    "ORDER BY client_id DESC LIMIT 60"
)


def _one_plan(desk: Desk) -> Trial:
    plan_id = int(desk.one(_NEWEST_SIGNED))
    actor = desk.actors["clinician"]
    return Trial([Step(lambda: printing.print_plan(actor, plan_id))])


def _sixty_plans(desk: Desk) -> Trial:
    clients = [row[0] for row in desk.raw.execute(_SIXTY)]
    actor = desk.actors["clinician"]
    return Trial([Step(lambda: printing.print_todays_plans(actor, client_ids=clients))])


CASES = [
    Case("treatment plan PDF (one plan)", 100, _one_plan, scaled=False),
    Case("60 treatment plans in one PDF", 5000, _sixty_plans, scaled=False),
]
