"""The demo clinic reads as a real one to a clinical director: names and sex agree, the
substance table agrees with the narrative and the diagnosis, completed discharges were earned,
groups stay within their seats, and every ASAM rating says why.

The rules read the built clinic's rows directly and judge them with their own word lists, not
the generator's, so a generator that drifts is caught. They run on the small demo the session
builds and on the large clinic's code path at a reduced size.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict

from iopdesk.db.models.aftercare import AftercarePlan, Discharge, SupportContact
from iopdesk.db.models.calendar import Group, RosterMembership
from iopdesk.db.models.care import SobrietyDate
from iopdesk.db.models.clients import EmergencyContact
from iopdesk.db.models.core import AuditEvent, Client, Episode
from iopdesk.db.models.course import PhaseChange
from iopdesk.db.models.intake import AsamRating, IntakeAssessment, ScreeningResult, SubstanceUse
from iopdesk.db.models.plans import Goal, Objective, Problem, TreatmentPlan
from iopdesk.demo import CHARTED_DISCHARGES, SCALES, build_demo
from iopdesk.domain.episode_course import DEFAULT_PHASES

#: Names whose sex nobody would doubt (a spot check independent of the generator's list).
OBVIOUS = {"Maria": "female", "Olivia": "female", "Hannah": "female", "Fatima": "female",
           "James": "male", "Noah": "male", "Diego": "male", "Marcus": "male"}  # fmt: skip
NEUTRAL = ("", "unknown")
PRONOUNS = {"female": r"\b(she|her|hers|herself)\b", "male": r"\b(he|his|him|himself)\b"}
RELATIVES = {"Mother": "female", "Sister": "female", "Aunt": "female",
             "Father": "male", "Brother": "male", "Uncle": "male"}  # fmt: skip
#: Words that name a substance group, in a narrative or in the substance table.
WORDS = {
    "alcohol": r"alcohol|drink|vodka|beer|wine|\bdui",
    "cannabis": r"cannabis|marijuana|\bthc\b",
    "amphetamine": r"methamphetamine|amphetamine|\bmeth\b",
    "cocaine": r"cocaine|crack",
    "opioid": r"opioid|fentanyl|heroin|oxycodone|opiate",
    "sedative": r"benzodiazepine|alprazolam|xanax|sedative",
}
#: ICD-10 F1x code -> the substance group it diagnoses, and a word its description must use.
ICD10 = {"F10": ("alcohol", "alcohol"), "F11": ("opioid", "opioid"),
         "F12": ("cannabis", "cannabis"), "F13": ("sedative", "sedative"),
         "F14": ("cocaine", "cocaine"), "F15": ("amphetamine", "stimulant")}  # fmt: skip
#: What a narrative on each ASAM dimension must talk about.
ASAM_SUBJECT = {
    1: r"withdraw|intoxicat|ciwa|cows|last (drink|used|took)|tremor",
    2: r"medical|health|blood pressure|hypertension|liver|hepatitis|physical|pain|chronic",
    3: r"phq-9|gad-7|mood|depress|anxi|psychiatric|self-harm|psychosis",
    4: r"ready|readiness|motivat|change|ambivalent|court|goal",
    5: r"relapse|craving|trigger|without using|used the same night",
    6: r"home|housing|lives|living|apartment|sober living|partner|family|friend",
}


def named(text: str) -> set[str]:
    """The substance groups a piece of text names."""
    return {group for group, pattern in WORDS.items() if re.search(pattern, text, re.I)}


def sex_problems() -> list[str]:
    problems = []
    by_name: dict[str, set[str]] = defaultdict(set)
    clients = list(Client.select(Client.id, Client.legal_first_name, Client.sex))
    for c in clients:
        by_name[c.legal_first_name].add(c.sex)
        if c.legal_first_name in OBVIOUS and c.sex not in (OBVIOUS[c.legal_first_name], *NEUTRAL):
            problems.append(f"{c.legal_first_name} is recorded {c.sex}")
    for first, sexes in by_name.items():
        gendered = sexes - set(NEUTRAL)
        if len(gendered) > 1 or (gendered and sexes & set(NEUTRAL)):
            problems.append(f"{first} is recorded as {sorted(sexes)}")
    implied = {first: next(iter(s)) for first, s in by_name.items() if len(s) == 1}
    sex_of = {c.id: c.sex for c in clients}
    for a in IntakeAssessment.select(IntakeAssessment.client, IntakeAssessment.sections):
        story = json.loads(a.sections).get("presenting_problem", "")
        for sex, pattern in PRONOUNS.items():
            if re.search(pattern, story, re.I) and sex_of[a.client_id] != sex:
                problems.append(f"client {a.client_id} ({sex_of[a.client_id]!r}): {story}")
    people = [(c.relationship, c.name) for c in EmergencyContact.select()]
    people += [(c.relationship, c.name) for c in SupportContact.select()]
    for relationship, name in people:
        wanted = RELATIVES.get(relationship)
        first = name.split()[0]
        if wanted and implied.get(first, wanted) not in (wanted, *NEUTRAL):
            problems.append(f"{relationship} named {name}")
    return problems


def substance_problems() -> list[str]:
    problems = []
    table: dict[int, list[str]] = defaultdict(list)
    for row in SubstanceUse.select().order_by(SubstanceUse.assessment, SubstanceUse.position):
        table[row.assessment_id].append(row.substance)
    given = defaultdict(set)
    for s in ScreeningResult.select(ScreeningResult.assessment, ScreeningResult.code):
        given[s.assessment_id].add(s.code)
    in_table: dict[int, set[str]] = {}
    for a in IntakeAssessment.select():
        story = json.loads(a.sections).get("presenting_problem", "")
        groups = set().union(*(named(s) for s in table[a.id])) if table[a.id] else set()
        in_table[a.episode_id] = groups
        if not groups:
            problems.append(f"assessment {a.id} has no substance use recorded")
        if story and named(story) != groups:
            problems.append(f"assessment {a.id}: narrative names {named(story)}, table {groups}")
        if a.status == "signed" and ("AUDIT" in given[a.id]) != ("alcohol" in groups):
            problems.append(f"assessment {a.id}: AUDIT given {given[a.id]} for {groups}")
        if a.status == "signed" and ("DAST10" in given[a.id]) != bool(groups - {"alcohol"}):
            problems.append(f"assessment {a.id}: DAST-10 given {given[a.id]} for {groups}")
    for plan in TreatmentPlan.select():
        group, word = ICD10.get(plan.icd10_code[:3], ("?", "?"))
        if group not in in_table.get(plan.episode_id, set()):
            problems.append(
                f"plan {plan.id}: {plan.icd10_code} for {in_table.get(plan.episode_id)}"
            )
        if word not in plan.diagnosis.lower():
            problems.append(f"plan {plan.id}: {plan.icd10_code} is not {plan.diagnosis!r}")
    return problems


def _last_plan_objectives(episode_id: int) -> list[str]:
    plan = (
        TreatmentPlan.select()
        .where(TreatmentPlan.episode == episode_id)
        .order_by(TreatmentPlan.version.desc())
        .first()
    )
    if plan is None:
        return []
    query = Objective.select(Objective.status).join(Goal).join(Problem)
    return [o.status for o in query.where(Problem.plan == plan.id)]


def discharge_problems() -> list[str]:
    problems = []
    for d in Discharge.select().where(Discharge.discharge_type == "completed"):
        statuses = _last_plan_objectives(d.episode_id)
        met = statuses.count("met")
        if met * 2 <= len(statuses) or not statuses:
            problems.append(f"discharge {d.id}: completed with {met} of {len(statuses)} met")
        elif f"Objectives met: {met} of {len(statuses)}" not in d.summary:
            problems.append(f"discharge {d.id}: the summary's objectives differ from the plan")
        advice = d.summary.split("Recommendations:", 1)[-1].strip()
        if "Recommendations:" not in d.summary or len(advice.split()) < 8:
            problems.append(f"discharge {d.id}: no written recommendation ({advice!r})")
    return problems


def capacity_problems() -> list[str]:
    problems = []
    capacity = dict(Group.select(Group.id, Group.capacity).tuples())
    reasons = {
        e.record_id
        for e in AuditEvent.select().where(
            (AuditEvent.record_type == "roster") & AuditEvent.detail.contains("; reason: ")
        )
    }
    memberships = defaultdict(list)
    for m in RosterMembership.select():
        memberships[m.group_id].append(m)
    for group_id, members in memberships.items():
        for m in members:
            day = m.start_date
            seated = sum(
                o.start_date <= day and (o.end_date is None or o.end_date >= day) for o in members
            )
            if seated > capacity[group_id] and str(m.id) not in reasons:
                problems.append(f"group {group_id}: {seated} members on {day} without a reason")
    return problems


def asam_problems() -> list[str]:
    problems = []
    by_assessment: dict[int, list[str]] = defaultdict(list)
    per_dimension: dict[int, Counter] = defaultdict(Counter)
    for r in AsamRating.select():
        by_assessment[r.assessment_id].append(r.narrative)
        per_dimension[r.dimension][r.narrative] += 1
        if len(r.narrative.split()) < 8:
            problems.append(f"assessment {r.assessment_id} dimension {r.dimension}: too short")
        elif not re.search(ASAM_SUBJECT[r.dimension], r.narrative, re.I):
            problems.append(f"dimension {r.dimension} narrative off its subject: {r.narrative}")
    for assessment, narratives in by_assessment.items():
        if len(set(narratives)) < len(narratives):
            problems.append(f"assessment {assessment} repeats a narrative")
    for dimension, counts in per_dimension.items():
        narrative, uses = counts.most_common(1)[0]
        if uses > max(3, sum(counts.values()) // 10):
            problems.append(f"dimension {dimension}: {uses} intakes say {narrative!r}")
    return problems


def test_sex_matches_names_pronouns_and_relatives(demo):
    assert Client.select().where(Client.sex.in_(["female", "male"])).count() > 250
    assert sex_problems() == []


def test_substance_table_matches_narrative_screening_and_diagnosis(demo):
    assert {p.icd10_code[:3] for p in TreatmentPlan.select()} >= {"F10", "F11", "F15"}
    assert substance_problems() == []


def test_a_completed_discharge_met_most_objectives_and_recommends_next_steps(demo):
    assert Discharge.select().where(Discharge.discharge_type == "completed").count() > 50
    assert AftercarePlan.select().count() > 50
    assert discharge_problems() == []


def test_no_group_is_over_capacity_without_a_recorded_reason(demo):
    assert RosterMembership.select().count() > 250
    assert capacity_problems() == []


def test_asam_narratives_say_something_specific(demo):
    assert AsamRating.select().count() > 1000
    assert asam_problems() == []


def test_an_adult_program_assesses_adults(demo):
    ages = [
        (a.assessed_on - a.client.date_of_birth).days / 365.25
        for a in IntakeAssessment.select(IntakeAssessment, Client).join(Client)
    ]
    assert ages and min(ages) >= 18


def test_sobriety_dates_belong_to_clients_in_care_and_a_reset_keeps_the_first(demo):
    dates = defaultdict(list)
    for row in SobrietyDate.select().order_by(SobrietyDate.set_at):
        dates[row.client_id].append(row.sober_since)
    assert len(dates) > 20 and any(len(history) == 2 for history in dates.values())
    status = dict(Client.select(Client.id, Client.status).tuples())
    assert {status[client] for client in dates} == {"active"}
    today = dt.date.today()
    assert all(day <= today for history in dates.values() for day in history)


def test_clients_in_care_move_through_the_phases_in_order_within_their_episode(demo):
    course = defaultdict(list)
    for row in PhaseChange.select().order_by(PhaseChange.effective_date, PhaseChange.id):
        course[row.episode_id].append((row.phase, row.effective_date))
    admitted = dict(Episode.select(Episode.id, Episode.admission_date).tuples())
    assert len(course) > 20 and any(len(steps) >= 3 for steps in course.values())
    for episode, steps in course.items():
        assert [phase for phase, _ in steps] == list(DEFAULT_PHASES[: len(steps)])
        assert admitted[episode] <= steps[0][1] and steps[-1][1] <= dt.date.today()


def test_the_rules_catch_a_stock_narrative_and_a_wrong_diagnosis(demo):
    """The checks can fail: the old generator's habits are found."""
    AsamRating.update(narrative="Rated 2: see presenting problem and history.").where(
        AsamRating.dimension == 4
    ).execute()
    plan = TreatmentPlan.select().where(TreatmentPlan.icd10_code.startswith("F11")).first()
    TreatmentPlan.update(icd10_code="F10.20").where(TreatmentPlan.id == plan.id).execute()
    assert any("dimension 4" in p for p in asam_problems())
    assert any(f"plan {plan.id}: F10.20" in p for p in substance_problems())


def test_the_large_clinic_code_path_keeps_the_rules(tmp_path, monkeypatch):
    """The large scale's own branches (more counselors, four-day groups, charted history
    only) at a size a test can build."""
    monkeypatch.setitem(SCALES, "large", {"clients": 450, "years": 1})
    monkeypatch.setitem(CHARTED_DISCHARGES, "large", 150)
    ctx = build_demo(tmp_path / "large", "large", today=dt.date(2026, 3, 4), log=lambda _m: None)
    assert len(ctx.clinicians) > 4 and Client.select().count() == 450
    charted = Episode.select().join(Discharge).count()
    assert charted == 150
    assert sex_problems() + substance_problems() + discharge_problems() == []
    assert capacity_problems() + asam_problems() == []
