"""The treatment plan as plain frozen data: what the editor shows and the PDF prints."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from iopdesk.domain.plans import EDITABLE, PLAN_STATUSES, SIGNATURE_ROLES


@dataclass(frozen=True)
class InterventionView:
    """One intervention under an objective."""

    id: int
    modality: str
    approach: str
    description: str
    frequency: str
    responsible_id: int | None
    responsible_name: str


@dataclass(frozen=True)
class ObjectiveView:
    """One objective with its printed number ("1.2")."""

    id: int
    number: str
    text: str
    target_date: dt.date
    status: str
    status_label: str
    interventions: tuple[InterventionView, ...]


@dataclass(frozen=True)
class GoalView:
    """One goal (in the client's words) under a problem."""

    id: int
    letter: str
    text: str
    objectives: tuple[ObjectiveView, ...]


@dataclass(frozen=True)
class ProblemView:
    """One numbered problem."""

    id: int
    number: int
    statement: str
    asam_dimension: int | None
    goals: tuple[GoalView, ...]


@dataclass(frozen=True)
class SignatureView:
    """A signature recorded on the plan (or a blank line when ``name`` is empty)."""

    role: str
    name: str
    signed_on: dt.date | None
    on_paper: bool

    @property
    def role_label(self) -> str:
        return SIGNATURE_ROLES.get(self.role, self.role)


@dataclass(frozen=True)
class ObjectiveProgressView:
    """Progress on one objective as recorded at a review."""

    objective_id: int
    number: str
    text: str
    status: str
    note: str


@dataclass(frozen=True)
class ReviewView:
    """A review of this plan version."""

    id: int
    review_date: dt.date
    by_name: str
    changes: str
    progress: tuple[ObjectiveProgressView, ...]


@dataclass(frozen=True)
class PlanDocument:
    """One version of a treatment plan with everything the editor and the printout need."""

    plan_id: int
    client_id: int
    episode_id: int
    version: int
    status: str
    clinic_name: str
    clinic_address: str
    clinic_phone: str
    program_label: str
    client_name: str
    preferred_name: str
    date_of_birth: dt.date
    record_number: str
    level_of_care: str
    diagnosis: str
    icd10_code: str
    counselor_id: int | None
    counselor_name: str
    start_date: dt.date
    next_review_date: dt.date
    version_date: dt.date
    latest_version: int
    problems: tuple[ProblemView, ...]
    signatures: tuple[SignatureView, ...]
    reviews: tuple[ReviewView, ...]
    printed_on: dt.date
    printed_by: str
    notice: str = "short"  # "long" when released outside the program under a consent
    released_to: str = ""

    @property
    def status_label(self) -> str:
        return PLAN_STATUSES.get(self.status, self.status)

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def objectives(self) -> list[ObjectiveView]:
        """Every objective in printed order."""
        return [o for p in self.problems for g in p.goals for o in g.objectives]

    def signature(self, role: str) -> SignatureView | None:
        for sig in self.signatures:
            if sig.role == role:
                return sig
        return None
