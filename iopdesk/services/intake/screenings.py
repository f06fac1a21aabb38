"""Screenings over the episode: record and score them, the safety flag and its follow-up,
history for trends, and the findings a treatment plan starts from."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass

from iopdesk.db.models.base import now
from iopdesk.db.models.core import Client, Episode, Staff
from iopdesk.db.models.intake import AsamRating, IntakeAssessment, SafetyFollowUp, ScreeningResult
from iopdesk.domain.intake import ASAM_DIMENSIONS, FINDING_RATING, is_concerning
from iopdesk.domain.screenings import (
    INSTRUMENTS,
    SAFETY_FLAG,
    audit_c,
    audit_c_cut,
    audit_c_line,
    instrument_for,
    score,
)
from iopdesk.domain.validators import date_field, required_text
from iopdesk.errors import Collector, DomainError, NotFound, ValidationError
from iopdesk.services.context import Actor, also_changed, describe, use_case


@dataclass(frozen=True)
class ScreeningView:
    """One administration as the chart, the PDF and the trends show it."""

    id: int
    client_id: int
    episode_id: int | None
    assessment_id: int | None
    code: str
    name: str
    administered_on: dt.date
    answers: dict[int, int]
    total: int | None
    band: str
    complete: bool
    flags: tuple[str, ...]
    administered_by: str
    needs_follow_up: bool
    #: An AUDIT's AUDIT-C line ("AUDIT-C (items 1-3): 5 of 12 – positive …"); "" on others.
    audit_c_text: str = ""

    @property
    def score_text(self) -> str:
        """ "14 of 27 (moderate)" or "incomplete" - never a partial total."""
        if not self.complete or self.total is None:
            return "incomplete"
        return f"{self.total} of {INSTRUMENTS[self.code].max_total} ({self.band})"


@dataclass(frozen=True)
class ScreeningHistory:
    """Every administration (newest first) and the first and last complete one per instrument."""

    rows: tuple[ScreeningView, ...]
    first_last: dict[str, tuple[ScreeningView, ScreeningView]]


@dataclass(frozen=True)
class AsamFinding:
    """A dimension rated at or above 2, with the clinician's narrative."""

    dimension: int
    name: str
    rating: int
    narrative: str


@dataclass(frozen=True)
class Findings:
    """What the latest intake found, for the treatment plan's suggested problems."""

    assessment_id: int | None
    asam: tuple[AsamFinding, ...]
    screenings: tuple[ScreeningView, ...]


def client_or_404(client_id: int) -> Client:
    """The client, or NotFound in words the desk understands."""
    client = Client.get_or_none(Client.id == client_id)
    if client is None:
        raise NotFound("That client does not exist.")
    return client


def current_episode(client: Client) -> Episode | None:
    """The client's most recent episode of care (None before any)."""
    return Episode.select().where(Episode.client == client).order_by(Episode.number.desc()).first()


def parse_answers(text: str) -> dict[int, int]:
    """Stored answers JSON back to {item number: answer value}."""
    return {int(k): int(v) for k, v in json.loads(text or "{}").items() if v is not None}


def store_screening(
    actor: Actor,
    client: Client,
    episode: Episode | None,
    code: str,
    answers: Mapping[int, int | None],
    administered_on: dt.date,
    *,
    assessment: IntakeAssessment | None = None,
    existing: ScreeningResult | None = None,
) -> ScreeningResult:
    """Score with the domain function and write (or rewrite) one result row."""
    result = score(code, answers)
    given = {number: value for number, value in answers.items() if value is not None}
    row = existing or ScreeningResult(
        client=client, episode=episode, assessment=assessment, code=code
    )
    row.administered_on = administered_on
    row.answers = json.dumps({str(k): v for k, v in sorted(given.items())})
    row.total = result.total
    row.band = result.band or ""
    row.complete = result.complete
    row.flags = "\n".join(result.flags)
    if code == "AUDIT":
        derived = audit_c(answers, client.sex)
        row.audit_c_total, row.audit_c_band = derived.total, derived.band or ""
        row.audit_c_cut = audit_c_cut(client.sex)
    row.administered_by = actor.staff_id
    row.save()
    return row


def outstanding_safety(client_id: int) -> list[ScreeningResult]:
    """PHQ-9 results whose item 9 raised the flag and that no clinician has followed up."""
    followed = SafetyFollowUp.select(SafetyFollowUp.screening).where(
        SafetyFollowUp.client == client_id, SafetyFollowUp.screening.is_null(False)
    )
    return list(
        ScreeningResult.select()
        .where(
            (ScreeningResult.client == client_id)
            & ScreeningResult.flags.contains(SAFETY_FLAG)
            & ScreeningResult.id.not_in(followed)
        )
        .order_by(ScreeningResult.administered_on)
    )


def refresh_safety_flag(client: Client) -> None:
    """Raise the header flag while a flagged PHQ-9 awaits follow-up; lower only our own flag."""
    waiting = outstanding_safety(client.id)
    if waiting:
        flag = f"{SAFETY_FLAG} (PHQ-9 of {waiting[-1].administered_on.isoformat()})"
    elif client.safety_flag.startswith(SAFETY_FLAG):
        flag = ""
    else:
        return
    if flag != client.safety_flag:
        Client.update(safety_flag=flag).where(Client.id == client.id).execute()
        client.safety_flag = flag
        also_changed("client")  # the client list and chart header show the flag


def followed_up(rows: list[ScreeningResult]) -> set[int]:
    """Ids of those rows a safety follow-up points at, read in one query (none when no row
    raised the safety flag)."""
    flagged = {row.client_id for row in rows if SAFETY_FLAG in row.flags}
    if not flagged:
        return set()
    # By client, not by a list of row ids: a long history would pass SQLite's variable limit.
    query = (
        SafetyFollowUp.select(SafetyFollowUp.screening)
        .join(ScreeningResult)
        .where(ScreeningResult.client.in_(sorted(flagged)))
    )
    return {r.screening_id for r in query}


def _audit_c_text(row: ScreeningResult) -> str:
    """The AUDIT-C stored with an AUDIT; one saved before it was stored is scored from its
    answers (and the client's recorded sex) now."""
    if row.code != "AUDIT":
        return ""
    if row.audit_c_cut is not None:
        return audit_c_line(row.audit_c_total, row.audit_c_band, row.audit_c_cut)
    sex = Client.get_by_id(row.client_id).sex
    derived = audit_c(parse_answers(row.answers), sex)
    return audit_c_line(derived.total, derived.band or "", audit_c_cut(sex))


def view_of(
    row: ScreeningResult, names: dict[int, str] | None = None, followed: set[int] | None = None
) -> ScreeningView:
    """A stored result as a plain view; pass ``followed`` (from followed_up) for many rows."""
    by_id = row.administered_by_id
    name = (names or {}).get(by_id) or Staff.get_by_id(by_id).display_name
    flags = tuple(f for f in row.flags.split("\n") if f)
    if followed is None and SAFETY_FLAG in flags:
        followed = followed_up([row])
    needs = SAFETY_FLAG in flags and row.id not in (followed or set())
    return ScreeningView(
        row.id,
        row.client_id,
        row.episode_id,
        row.assessment_id,
        row.code,
        INSTRUMENTS[row.code].name,
        row.administered_on,
        parse_answers(row.answers),
        row.total,
        row.band,
        row.complete,
        flags,
        name,
        needs,
        _audit_c_text(row),
    )


@use_case("screening.record", "clinical.write", changes=("clinical", "client"))
def record_screening(
    actor: Actor,
    client_id: int,
    code: str,
    answers: Mapping[int, int | None],
    administered_on: dt.date | str | None = None,
) -> ScreeningView:
    """Record a repeated screening during the episode; PHQ-9 item 9 above 0 raises the flag."""
    client = client_or_404(client_id)
    instrument = instrument_for(code)
    errors = Collector()
    day = date_field(
        errors,
        "administered_on",
        administered_on or dt.date.today(),
        "Date given",
        earliest=client.date_of_birth,
        latest=dt.date.today(),
    )
    errors.raise_if_any()
    if not any(value is not None for value in answers.values()):
        raise ValidationError({"answers": f"Answer at least one {instrument.name} item."})
    row = store_screening(actor, client, current_episode(client), code, answers, day)
    refresh_safety_flag(client)
    describe(
        client_id=client.id,
        record_type="screening",
        record_id=row.id,
        detail=f"{instrument.name}: {row.total if row.complete else 'incomplete'}",
    )
    return view_of(row)


@use_case("screening.safety_follow_up", "clinical.write", changes=("clinical", "client"))
def record_safety_follow_up(actor: Actor, client_id: int, note: str) -> int:
    """Record the clinician's follow-up of every waiting PHQ-9 item 9 answer; lowers the flag.

    Returns how many flagged screenings it covered.
    """
    client = client_or_404(client_id)
    errors = Collector()
    text = required_text(
        errors, "note", note, "What was done (follow-up note)", max_len=20_000, multiline=True
    )
    errors.raise_if_any()
    waiting = outstanding_safety(client.id)
    if not waiting:
        raise DomainError(f"{client.full_name} has no safety flag waiting for a follow-up.")
    at = now()
    for row in waiting:
        SafetyFollowUp.create(
            client=client, screening=row, recorded_by=actor.staff_id, recorded_at=at, note=text
        )
    refresh_safety_flag(client)
    describe(
        client_id=client.id,
        record_type="safety_follow_up",
        record_id=waiting[-1].id,
        detail=f"followed up {len(waiting)} flagged PHQ-9",
    )
    return len(waiting)


@use_case("screening.history", "clinical.read", kind="read")
def screening_history(
    actor: Actor, client_id: int, episode_id: int | None = None
) -> ScreeningHistory:
    """Every screening of a client (or one episode), newest first, with first/last per
    instrument for trends and the discharge summary."""
    client = client_or_404(client_id)
    query = ScreeningResult.select().where(ScreeningResult.client == client.id)
    if episode_id is not None:
        query = query.where(ScreeningResult.episode == episode_id)
    names = Staff.display_names()
    stored = list(query.order_by(ScreeningResult.administered_on.desc(), ScreeningResult.id.desc()))
    followed = followed_up(stored)
    rows = [view_of(r, names, followed) for r in stored]
    first_last: dict[str, tuple[ScreeningView, ScreeningView]] = {}
    for row in reversed(rows):  # oldest first
        if not row.complete:
            continue
        first = first_last.get(row.code, (row, row))[0]
        first_last[row.code] = (first, row)
    describe(client_id=client.id, record_type="screening", detail="screening history")
    return ScreeningHistory(tuple(rows), first_last)


def findings_for(client_id: int) -> Findings:
    """ASAM ratings of 2 or more (with narratives) from the latest signed intake, and the
    latest screening per instrument when it is flagged or moderate-or-worse (not audited: for
    use cases that already hold the permission and write their own audit row)."""
    client = client_or_404(client_id)
    episode = current_episode(client)
    assessment = (
        IntakeAssessment.select()
        .where((IntakeAssessment.client == client.id) & (IntakeAssessment.status == "signed"))
        .order_by(IntakeAssessment.signed_at.desc(), IntakeAssessment.id.desc())
        .first()
    )
    asam: list[AsamFinding] = []
    if assessment is not None:
        for r in assessment.asam.order_by(AsamRating.dimension):
            if r.rating is not None and r.rating >= FINDING_RATING:
                asam.append(
                    AsamFinding(r.dimension, ASAM_DIMENSIONS[r.dimension], r.rating, r.narrative)
                )
    query = ScreeningResult.select().where(ScreeningResult.client == client.id)
    if episode is not None:
        query = query.where(ScreeningResult.episode == episode.id)
    latest: dict[str, ScreeningResult] = {}
    for row in query.order_by(ScreeningResult.administered_on, ScreeningResult.id):
        if row.complete or row.flags:
            latest[row.code] = row
    names = Staff.display_names()
    chosen = [row for code, row in latest.items() if row.flags or is_concerning(code, row.total)]
    followed = followed_up(chosen)
    screenings = tuple(view_of(row, names, followed) for row in chosen)
    return Findings(assessment.id if assessment else None, tuple(asam), screenings)


@use_case("intake.findings", "clinical.read", kind="read")
def latest_findings(actor: Actor, client_id: int) -> Findings:
    """What the latest intake found (see findings_for), as an audited read."""
    findings = findings_for(client_id)
    describe(
        client_id=client_id,
        record_type="intake_assessment",
        record_id=findings.assessment_id or "",
        detail="findings for treatment plan",
    )
    return findings


@use_case("intake.safety_flag", "clinical.read", kind="read", audited=False)
def safety_flag(actor: Actor, client_id: int) -> str:
    """The client's safety flag text ("" when none is up), for the intake tab's banner."""
    return client_or_404(client_id).safety_flag
