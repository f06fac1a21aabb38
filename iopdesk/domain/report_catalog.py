"""Every program report: its name, title, CSV columns, who it is for, and its definition.

The definition is the one text the PDF prints and the Reports area shows as help; the code
that computes each report follows it word for word.
"""

from __future__ import annotations

from dataclasses import dataclass

from iopdesk.domain import teds

#: Who a report is for: everyone (minimum necessary for the front desk), billing (front desk,
#: supervisors, administrators), clinical (clinicians, supervisors, administrators), state
#: (supervisors and administrators), caseload (clinicians see their own line only).
AUDIENCES = ("everyone", "billing", "clinical", "state", "caseload")


@dataclass(frozen=True)
class ReportInfo:
    """One report as the catalog describes it."""

    name: str
    title: str
    columns: tuple[str, ...]
    audience: str
    definition: str
    #: Its rows identify clients (record numbers): its CSV is for internal use only.
    names_clients: bool = False


_REPORTS = (
    ReportInfo(
        "census",
        "Daily census",
        ("date", "active_clients"),
        "everyone",
        "Clients active on each day of the period: admitted on or before the day and not "
        "discharged before it (the day of discharge counts as active). A client in two "
        "episodes on one day (discharged and readmitted that day) counts once. With a program "
        "chosen, only episodes of that program count.",
    ),
    ReportInfo(
        "admissions",
        "Admissions by referral source",
        ("month", "referral_source", "admissions"),
        "clinical",
        "Admissions per month, by referral source: episodes whose admission date falls in the "
        "period, grouped by the month of admission and the referral source written down at "
        'referral (blank ones as "not recorded"). A readmission is a new admission.',
    ),
    ReportInfo(
        "discharges",
        "Discharges by type",
        ("discharge_type", "discharges"),
        "clinical",
        "Signed discharges whose discharge date falls in the period, by TEDS discharge type. "
        'Completion rate = discharges of type "treatment completed" ÷ all discharges in the '
        "period.",
    ),
    ReportInfo(
        "length-of-stay",
        "Length of stay",
        ("discharge_type", "discharges", "median_days", "q1_days", "q3_days"),
        "clinical",
        "For signed discharges whose discharge date falls in the period: the days from "
        "admission to discharge (discharge date minus admission date). Count, median, first "
        'and third quartile per discharge type and for all discharges (type "all"). '
        "Quartiles interpolate between the closest ranks, as a spreadsheet's QUARTILE.INC "
        "does. Discharges with no admission date are left out.",
    ),
    ReportInfo(
        "attendance",
        "Weekly attendance against the IOP minimum",
        ("record_number", "week_start", "minutes", "met_minimum"),
        "clinical",
        "One line per client-week: each Monday-Sunday week lying wholly inside the period in "
        "which the client was active all seven days (admitted on or before the Monday, not "
        "discharged before the Sunday). Minutes are those attended at group, individual and "
        "family sessions that were not cancelled. The minimum is met at 9 hours (540 minutes) "
        "a week for adult episodes and 6 hours (360 minutes) for adolescent ones; a week with "
        "a clinic closed day still counts in full. Per group: no-show rate = unexcused "
        "absences ÷ attendance records at the group's sessions in the period (cancelled "
        "sessions left out).",
        names_clients=True,
    ),
    ReportInfo(
        "outcomes",
        "Screening outcomes at discharge",
        (
            "record_number",
            "instrument",
            "first_date",
            "first_total",
            "last_date",
            "last_total",
            "change",
            "improved_band",
        ),
        "clinical",
        "For clients discharged in the period with two or more complete administrations of "
        "an instrument during that episode: the first and the last total, the change (last "
        "minus first; lower is better on every instrument IOPdesk scores) and whether the "
        "last total lies in a milder severity band than the first. Incomplete administrations "
        "do not count. A summary per instrument follows.",
        names_clients=True,
    ),
    ReportInfo(
        "follow-ups",
        "Follow-up check-ins",
        ("record_number", "days", "due_date", "reached", "recovery_status"),
        "clinical",
        "The 30-, 60- and 90-day follow-up check-ins after discharge that fall due in the "
        "period: whether the client was reached (blank until the check-in is recorded) and "
        "the recovery status then recorded.",
        names_clients=True,
    ),
    ReportInfo(
        "billing",
        "Billing worksheet",
        ("record_number", "date", "minutes", "code", "units", "payer"),
        "billing",
        "A worksheet for the biller. Each day a client attended at least 180 minutes of "
        "group, individual and family sessions (not cancelled) is one unit of the clinic's IOP "
        "day code (HCPCS H0015 unless changed in the billing codes). Individual and family "
        "sessions are also listed one by one with the clinic's own codes; their minutes count "
        "toward the day too, so check what each payer accepts. Payer: the client's active "
        "insurance (else the latest one on file).",
        names_clients=True,
    ),
    ReportInfo(
        "teds",
        "TEDS state extract",
        teds.COLUMNS,
        "state",
        "SAMHSA TEDS records: an admission record (A) for each episode admitted in the period "
        "and a discharge record (D) for each signed discharge in the period, with TEDS field "
        "names and codebook codes derived at export from the state reporting answers of the "
        "episode's signed intake and of the discharge. Missing, unknown and not applicable "
        "answers are all -9; nothing is guessed. SERVICES is 6 (ambulatory, intensive "
        "outpatient); LOS is discharge date minus admission date, at least one day.",
        names_clients=True,
    ),
    ReportInfo(
        "caseload",
        "Caseload",
        ("counselor", "active_clients", "plans_due", "notes_unsigned_72h"),
        "caseload",
        "Per counselor (the client's assigned counselor), as of the last day of the period: "
        "active clients (admitted on or before that day and not discharged before it), their "
        "current treatment plans whose next review is on or before that day, and the notes "
        "the counselor wrote that were still unsigned at the end of that day more than 72 "
        "hours after they were written (notes of every program).",
    ),
)

REPORTS: dict[str, ReportInfo] = {info.name: info for info in _REPORTS}
