"""Attendance tables: who came to a session, the notes written about it, and drug tests.

Attendance hangs on a concrete ``Session`` row (one session on one date). A group note is
written once per session; a progress note once per present client per session. Signed notes
are frozen: later corrections are ``NoteAddendum`` rows.
"""

from __future__ import annotations

import peewee as pw

from iopdesk.db.models.base import BaseModel, now
from iopdesk.db.models.calendar import Session
from iopdesk.db.models.care import Medication
from iopdesk.db.models.core import Client, Episode, Staff

#: Attendance statuses, in the order the sheet shows their buttons.
STATUSES = {
    "present": "Present",
    "late": "Late",
    "left_early": "Left early",
    "absent_excused": "Absent (excused)",
    "absent_unexcused": "Absent (unexcused)",
}
NOTE_FORMATS = {
    "DAP": ("data", "assessment", "plan"),
    "BIRP": ("behavior", "intervention", "response", "plan"),
}
SPECIMENS = {
    "urine": "Urine",
    "oral_fluid": "Oral fluid",
    "breath": "Breath",
    "blood": "Blood",
    "hair": "Hair",
}
RESULTS = {"negative": "Negative", "positive": "Positive", "invalid": "Invalid"}


class Attendance(BaseModel):
    """One client's attendance at one session, with the minutes they attended."""

    session = pw.ForeignKeyField(Session, backref="attendance", on_delete="RESTRICT")
    client = pw.ForeignKeyField(Client, backref="attendance", on_delete="RESTRICT")
    status = pw.CharField(max_length=20)
    minutes = pw.IntegerField(default=0)
    guest = pw.BooleanField(default=False)
    absence_reason = pw.CharField(max_length=300, default="")  # why an absent client was away
    recorded_by = pw.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    recorded_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = (
            (("session", "client"), True),
            (("client", "session"), False),
            # Reports sum a year of minutes per client without reading the table itself.
            (("session", "client", "minutes"), False),
        )


class GroupNote(BaseModel):
    """The one note about a session as a whole: its topic and what was covered."""

    session = pw.ForeignKeyField(Session, backref="group_notes", unique=True, on_delete="RESTRICT")
    topic = pw.CharField(max_length=200, default="")
    content = pw.TextField(default="")
    author = pw.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    written_at = pw.DateTimeField(default=now)
    signed_by = pw.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    signed_at = pw.DateTimeField(null=True)
    #: Bumped by every save; a save made from an older view is refused (services.versions).
    row_version = pw.IntegerField(default=1)
    #: Who saved it last, and when: the writer of its current text.
    EDITED = ("author", "written_at")


class ProgressNote(BaseModel):
    """A short individual note for one present client at one session (DAP or BIRP)."""

    session = pw.ForeignKeyField(Session, backref="progress_notes", on_delete="RESTRICT")
    client = pw.ForeignKeyField(Client, backref="progress_notes", on_delete="RESTRICT")
    format = pw.CharField(max_length=4, default="DAP")  # DAP | BIRP
    #: JSON object: the format's section name -> text
    fields = pw.TextField(default="{}")
    #: JSON list of the plans' objective ids this note speaks to (may be empty)
    objective_ids = pw.TextField(default="[]")
    author = pw.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    written_at = pw.DateTimeField(default=now)
    signed_by = pw.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    signed_at = pw.DateTimeField(null=True)
    #: Bumped by every save; a save made from an older view is refused (services.versions).
    row_version = pw.IntegerField(default=1)
    #: Who saved it last, and when: the writer of its current text.
    EDITED = ("author", "written_at")

    class Meta:
        indexes = ((("session", "client"), True), (("client", "session"), False))


class NoteAddendum(BaseModel):
    """A dated addition to a signed note (the signed text itself never changes)."""

    note_kind = pw.CharField(max_length=10)  # group | progress | discharge | aftercare ...
    note_id = pw.IntegerField()
    text = pw.TextField()
    by = pw.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("note_kind", "note_id"), False),)


class DrugTest(BaseModel):
    """One specimen collected from a client, with its panel and results per substance."""

    client = pw.ForeignKeyField(Client, backref="drug_tests", on_delete="RESTRICT")
    episode = pw.ForeignKeyField(Episode, null=True, backref="drug_tests", on_delete="RESTRICT")
    collected_on = pw.DateField()
    specimen = pw.CharField(max_length=20, default="urine")
    observed = pw.BooleanField(default=False)
    panel = pw.CharField(max_length=120, default="")
    notes = pw.TextField(default="")
    recorded_by = pw.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    recorded_at = pw.DateTimeField(default=now)

    class Meta:
        indexes = ((("client", "collected_on"), False),)


class DrugTestResult(BaseModel):
    """The result for one substance of one drug test."""

    test = pw.ForeignKeyField(DrugTest, backref="results", on_delete="CASCADE")
    substance = pw.CharField(max_length=80)
    result = pw.CharField(max_length=10)  # negative | positive | invalid
    explained_by_prescription = pw.BooleanField(default=False)
    #: the client's listed medication that explains a positive (None: not named)
    medication = pw.ForeignKeyField(
        Medication, null=True, backref="explained_results", on_delete="RESTRICT"
    )

    class Meta:
        indexes = ((("test", "substance"), True),)


ATTENDANCE_MODELS = [Attendance, GroupNote, ProgressNote, NoteAddendum, DrugTest, DrugTestResult]
