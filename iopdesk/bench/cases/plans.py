"""Treatment plan figures: opening the editor's data, one plan PDF, a batch of 60 plans."""

from __future__ import annotations

from iopdesk.bench import BenchCase
from iopdesk.db.models.plans import TreatmentPlan
from iopdesk.services.plans import printing as plans_printing
from iopdesk.services.plans import records as plans
from iopdesk.services.plans import reviews as plans_reviews


def _newest_plan() -> int:
    """A recent signed plan (what a counselor opens on a normal day)."""
    row = (
        TreatmentPlan.select(TreatmentPlan.id)
        .where(TreatmentPlan.status == "signed")
        .order_by(TreatmentPlan.id.desc())
        .first()
    )
    if row is None:
        raise RuntimeError("the demo clinic has no signed treatment plan")
    return row.id


def _open_editor(actors) -> None:
    """What the editor asks for when it opens: the plan (audited read) and its versions."""
    clinician = actors["clinician"]
    doc = plans.open_plan(clinician, _newest_plan())
    plans.plan_versions(clinician, doc.client_id)


def _one_pdf(actors) -> None:
    plans_printing.print_plan(actors["clinician"], _newest_plan())


def _sixty(actors) -> None:
    """Today's plans of 60 clients with a signed plan (each read audited, one PDF)."""
    clients = [
        p.client_id
        for p in TreatmentPlan.select(TreatmentPlan.client)
        .where(TreatmentPlan.status == "signed")
        .distinct()
        .order_by(TreatmentPlan.client.desc())
        .limit(60)
    ]
    plans_printing.print_todays_plans(actors["clinician"], client_ids=clients)


def _due(actors) -> None:
    plans_reviews.plans_due(actors["clinician"])


CASES = [
    BenchCase("plan editor opens (plan + versions, audited)", 100, _open_editor),
    BenchCase("treatment plan PDF (one plan)", 100, _one_pdf),
    BenchCase("60 treatment plans in one PDF", 5000, _sixty, repeat=2),
    BenchCase(
        "Today: plans due for review",
        100,
        _due,
        floor_sql="SELECT id FROM treatment_plan WHERE next_review_date <= date('now', '+7 day')",
    ),
]
