"""Registering clients, editing demographics, duplicates, the chart header and role limits."""

from __future__ import annotations

import datetime as dt

import pytest

from iopdesk.db.models.clients import EmergencyContact, Insurance
from iopdesk.db.models.core import AuditEvent, Client, Episode
from iopdesk.domain.records import age_on
from iopdesk.errors import NotFound, PermissionDenied, ValidationError
from iopdesk.services.clients import contacts as client_contacts
from iopdesk.services.clients import records as clients
from tests.factories.clients import client_form, make_client

TODAY = dt.date.today()


def _maria(**extra: object) -> int:
    """The client ``client_form()`` describes, already registered (setup, not under test)."""
    return make_client("Maria", "Lopez", dob=dt.date(1988, 4, 12), status="referred", **extra)  # type: ignore[arg-type]


def test_register_assigns_record_number_and_referred_episode(front_desk, clinician):
    form = client_form(
        "José",
        "O'Brien-Петров",
        preferred_name="Pepe",
        pronouns="he/him",
        sex="male",
        phone="507-555-0199",
        counselor_id=clinician.staff_id,
        referral_source="Drug court",
        referral_reason="Court-ordered evaluation",
        emergency=client_contacts.EmergencyContactForm("Ana Pérez", "Sister", "507-555-0100"),
        insurance=client_contacts.InsuranceForm(
            "Blue Cross", "M123", "G9", "A-77", "2025-01-01", "2025-03-31", "90"
        ),
    )
    client = clients.register_client(front_desk, form)
    assert client.record_number == f"IOP-{client.id:06d}"
    assert client.status == "referred"
    assert "jose" in client.search_text and "o'brien-петров" in client.search_text
    episode = Episode.get(Episode.client == client.id)
    assert (episode.number, episode.status, episode.referral_source) == (
        1,
        "referred",
        "Drug court",
    )
    assert episode.referral_date == TODAY
    assert EmergencyContact.get(EmergencyContact.client == client.id).name == "Ana Pérez"
    cover = Insurance.get(Insurance.client == client.id)
    assert (cover.payer, cover.authorized_hours, cover.auth_end) == (
        "Blue Cross",
        90,
        dt.date(2025, 3, 31),
    )
    audit = AuditEvent.select().where(AuditEvent.action == "client.register").get()
    assert audit.client_id == client.id and audit.username == "fran"


@pytest.mark.parametrize(
    "first,last",
    [("Zoë", "Nguyễn"), ("D'Andre", "St. John-Smith"), ("美玲", "王"), ("Ahmad", "الحسيني")],
)
def test_names_in_any_script_are_kept_exactly(clinician, first, last):
    client = clients.register_client(clinician, client_form(first, last))
    assert Client.get_by_id(client.id).full_name == f"{first} {last}"


@pytest.mark.parametrize(
    "dob,message",
    [
        (TODAY + dt.timedelta(days=1), "future"),
        (TODAY - dt.timedelta(days=11 * 365), "younger than 12"),
        ("2001-02-30", "not a real date"),
        ("", "required"),
    ],
)
def test_bad_birth_dates_are_refused_and_nothing_is_saved(front_desk, dob, message):
    with pytest.raises(ValidationError) as err:
        clients.register_client(front_desk, client_form(dob=dob))
    assert message in err.value.fields["date_of_birth"]
    assert Client.select().count() == 0 and Episode.select().count() == 0


def test_twelfth_birthday_is_the_first_day_a_client_may_be_registered(front_desk):
    form = client_form(dob=dt.date(2010, 6, 1), referral_date="2022-05-01")
    with pytest.raises(ValidationError) as err:
        clients.register_client(front_desk, form, today=dt.date(2022, 5, 31))
    assert "younger than 12" in err.value.fields["date_of_birth"]
    assert clients.register_client(front_desk, form, today=dt.date(2022, 6, 1)).id


def test_every_field_problem_is_reported_at_once(front_desk):
    form = clients.ClientForm(
        "  ",
        "",
        "1990-01-01",
        sex="robot",
        phone="call me",
        email="nope",
        emergency=client_contacts.EmergencyContactForm("", phone=""),
        insurance=client_contacts.InsuranceForm(
            "", auth_start="2025-05-01", auth_end="2025-04-01", authorized_hours="-3"
        ),
    )
    with pytest.raises(ValidationError) as err:
        clients.register_client(front_desk, form)
    assert set(err.value.fields) >= {
        "legal_first_name",
        "legal_last_name",
        "sex",
        "phone",
        "email",
        "emergency_name",
        "emergency_phone",
        "insurance_payer",
        "insurance_auth_end",
        "insurance_authorized_hours",
    }


def test_control_characters_are_dropped_and_sql_text_is_just_text(front_desk):
    client = clients.register_client(
        front_desk, client_form("Ro\x07bert", "'); DROP TABLE client; --")
    )
    assert Client.get_by_id(client.id).legal_first_name == "Robert"
    assert Client.select().count() == 1


def test_a_null_character_is_refused_under_its_field(front_desk):
    with pytest.raises(ValidationError) as err:
        clients.register_client(front_desk, client_form("Ro\x00bert", "Smith"))
    assert err.value.fields == {
        "legal_first_name": "Legal first name contains a null character, which cannot be "
        "saved; remove it."
    }
    assert Client.select().count() == 0


def test_possible_duplicates_same_name_and_birth_date_or_phone(front_desk):
    first = clients.register_client(
        front_desk, client_form("José", "García", phone="(507) 555-0142")
    )
    other = clients.register_client(front_desk, client_form("Ann", "Lee", dob=dt.date(1970, 1, 1)))
    by_name = clients.find_possible_duplicates(front_desk, client_form("jose", "GARCIA"))
    assert [r.id for r in by_name] == [first.id]
    by_phone = clients.find_possible_duplicates(
        front_desk, client_form("Someone", "Else", dob="1999-09-09", phone="+1 507.555.0142")
    )
    assert [r.id for r in by_phone] == [first.id]
    none = clients.find_possible_duplicates(
        front_desk, client_form("José", "García", dob="1988-04-13")
    )
    assert none == []
    assert other.id not in [r.id for r in by_name]


def test_edit_demographics_updates_search_and_audits(front_desk):
    client_id = _maria()
    clients.edit_demographics(
        front_desk, client_id, client_form("Marisol", "Lopez-Vega", preferred_name="Mari")
    )
    rows = clients.list_clients(front_desk, "vega")
    assert [r.id for r in rows] == [client_id]
    assert clients.list_clients(front_desk, "maria") == []
    detail = AuditEvent.select().where(AuditEvent.action == "client.edit").get().detail
    assert "legal_first_name" in detail and "preferred_name" in detail


def test_edit_refuses_bad_input_and_changes_nothing(front_desk):
    client_id = _maria()
    with pytest.raises(ValidationError):
        clients.edit_demographics(front_desk, client_id, client_form("", "X"))
    assert Client.get_by_id(client_id).legal_first_name == "Maria"


def test_counselor_must_be_an_active_clinician(front_desk, admin):
    with pytest.raises(ValidationError) as err:
        clients.register_client(front_desk, client_form(counselor_id=admin.staff_id))
    assert "counselor" in err.value.fields


def test_chart_header_is_an_audited_read(front_desk, clinician):
    client_id = _maria(preferred_name="Mari", counselor=clinician)
    header = clients.chart_header(clinician, client_id)
    assert header.record_number == Client.get_by_id(client_id).record_number
    assert header.display_name == "Maria Lopez (“Mari”)"
    assert header.status_label == "Referred" and header.counselor_name.startswith("Casey")
    assert header.episode_summary.startswith("Episode 1 · Referred · referred ")
    assert header.age == age_on(dt.date(1988, 4, 12), TODAY)
    opened = AuditEvent.select().where(AuditEvent.action == "client.open").get()
    assert (opened.kind, opened.client_id, opened.username) == ("read", client_id, "casey")
    clients.header_summary(clinician, client_id)
    assert AuditEvent.select().where(AuditEvent.action == "client.open").count() == 1


def test_current_episode_is_the_latest(front_desk):
    client_id = _maria()
    Episode.create(client=client_id, number=2, status="active", admission_date=TODAY)
    assert clients.current_episode(client_id).number == 2
    rows = clients.episodes(front_desk, client_id)
    assert [(r.number, r.is_current) for r in rows] == [(2, True), (1, False)]
    assert clients.current_episode(999) is None


def test_roles(admin, front_desk, clinician):
    with pytest.raises(PermissionDenied):
        clients.register_client(admin, client_form())
    client_id = _maria()
    with pytest.raises(PermissionDenied):
        clients.edit_demographics(admin, client_id, client_form())
    denied = AuditEvent.select().where(AuditEvent.outcome == "denied").count()
    assert denied == 2
    assert clients.chart_header(admin, client_id).client_id == client_id


def test_missing_client(front_desk):
    with pytest.raises(NotFound):
        clients.chart_header(front_desk, 12345)


def test_safety_flag_text_reaches_only_clinicians(admin, front_desk, clinician):
    flagged = make_client(phone="507-555-0199")
    calm = make_client("Ann", "Lee", dob=dt.date(1970, 1, 1))
    flag = "Safety follow-up needed (PHQ-9 of 2025-05-01)"
    Client.update(safety_flag=flag).where(Client.id == flagged).execute()
    alert = "Clinical alert - please see the counselor"
    for actor, expected in ((clinician, flag), (front_desk, alert), (admin, alert)):
        assert clients.chart_header(actor, flagged).safety_flag == expected
        assert clients.header_summary(actor, flagged).safety_flag == expected
        rows = {r.id: r.safety_flag for r in clients.list_clients(actor)}
        assert rows == {flagged: expected, calm: ""}
        assert clients.chart_header(actor, calm).safety_flag == ""
    same_phone = client_form("Someone", "Else", dob="1999-09-09", phone="507-555-0199")
    duplicates = clients.find_possible_duplicates(front_desk, same_phone)
    assert [(r.id, r.safety_flag) for r in duplicates] == [(flagged, alert)]
