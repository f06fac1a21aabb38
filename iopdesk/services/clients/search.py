"""The Clients list: search as you type over folded word prefixes, filters, sort, paging."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import peewee as pw

from iopdesk.db.connection import database
from iopdesk.db.models.clients import ClientSearchToken
from iopdesk.db.models.core import Client, Staff
from iopdesk.domain.clients import STATUSES, prefix_upper_bound, query_words, search_tokens
from iopdesk.domain.records import age_on
from iopdesk.errors import ValidationError
from iopdesk.services.context import Actor, use_case

#: sort key -> the columns it orders by (name order breaks every tie)
SORTS = {
    "name": ("legal_last_name", "legal_first_name"),
    "record_number": ("record_number",),
    "date_of_birth": ("date_of_birth",),
    "status": ("status",),
    "counselor": ("counselor",),  # ordered by the counselor's name (see list_clients)
}
MAX_PAGE = 500
#: A typed word more search words than this start with is listed by walking the clients in
#: name order (the page fills early); rarer words fetch their few clients and sort them.
BROAD = 3000
#: The Clients list counts this many matches past its page at most ("more than 1,000").
COUNT_UP_TO = 1000
#: Statuses of clients still in care: listed before the discharged under "All statuses".
IN_CARE = tuple(s for s in STATUSES if s != "discharged")
#: What people without clinical access see instead of the safety flag's reason: enough to
#: bring a clinician in, nothing of the clinical content itself.
CLINICAL_ALERT = "Clinical alert - please see the counselor"


@dataclass(frozen=True)
class ClientRow:
    """One line of the Clients list."""

    id: int
    record_number: str
    legal_first_name: str
    legal_last_name: str
    preferred_name: str
    date_of_birth: dt.date
    age: int
    status: str
    status_label: str
    counselor_id: int | None
    counselor_name: str
    phone: str
    safety_flag: str  # the text for clinical readers, CLINICAL_ALERT for others, "" when none

    @property
    def list_name(self) -> str:
        """ "Last, First (Preferred)" as the list shows it."""
        name = f"{self.legal_last_name}, {self.legal_first_name}"
        if self.preferred_name and self.preferred_name != self.legal_first_name:
            name += f" ({self.preferred_name})"
        return name


def safety_flag_for(actor: Actor, flag: str) -> str:
    """The safety flag as ``actor`` may see it: the text for clinical readers, else a marker."""
    if not flag:
        return ""
    return flag if actor.can("clinical.read") else CLINICAL_ALERT


def index_client(client: Client) -> None:
    """Replace the client's search words (call inside the use case that changed the client)."""
    ClientSearchToken.delete().where(ClientSearchToken.client == client.id).execute()
    tokens = search_tokens(client.search_text, client.record_number, client.phone)
    ClientSearchToken.insert_many(
        [{"client": client.id, "token": t} for t in sorted(tokens)]
    ).execute()


def index_all_clients(batch: int = 2000) -> int:
    """Build search words for every client that has none (bulk imports, the demo)."""
    done = 0
    missing = Client.select(
        Client.id, Client.search_text, Client.record_number, Client.phone
    ).where(~pw.fn.EXISTS(ClientSearchToken.select().where(ClientSearchToken.client == Client.id)))
    rows: list[dict[str, object]] = []
    with database.atomic():
        for c in missing.iterator():
            rows.extend(
                {"client": c.id, "token": t}
                for t in search_tokens(c.search_text, c.record_number, c.phone)
            )
            done += 1
            if len(rows) >= batch:
                ClientSearchToken.insert_many(rows).execute()
                rows = []
        if rows:
            ClientSearchToken.insert_many(rows).execute()
    return done


def _typed(word: str) -> pw.Expression:
    """Search words starting with ``word`` (a range of the token index)."""
    return (ClientSearchToken.token >= word) & (ClientSearchToken.token < prefix_upper_bound(word))


def matching_clients(
    query: str, status: str, counselor_id: int | None, *, name_walk: bool = False
) -> pw.ModelSelect:
    """The clients matching a typed search (index-backed), a status and a counselor: a query
    other services narrow further (no permission check: callers are use cases).

    ``name_walk`` asks, client by client, whether each has a matching word: for a page in
    name order of a word most clients have (one typed letter), walking the name index stops
    after a few hundred clients, where collecting every match first would sort thousands.
    """
    if status and status not in STATUSES:
        raise ValidationError({"status": f"Status must be one of: {', '.join(STATUSES)}."})
    select = Client.select(
        Client.id,
        Client.record_number,
        Client.legal_first_name,
        Client.legal_last_name,
        Client.preferred_name,
        Client.date_of_birth,
        Client.status,
        Client.counselor,
        Client.phone,
        Client.safety_flag,
    )
    conditions = []
    for word in query_words(query):
        # Every typed word must start one of the client's words.
        if name_walk:
            has_word = ClientSearchToken.select(ClientSearchToken.id).where(
                (ClientSearchToken.client == Client.id) & _typed(word)
            )
            conditions.append(pw.fn.EXISTS(has_word))
        else:
            matching = ClientSearchToken.select(ClientSearchToken.client).where(_typed(word))
            conditions.append(Client.id.in_(matching))
    if status:
        conditions.append(Client.status == status)
    if counselor_id:
        conditions.append(Client.counselor == counselor_id)
    return select.where(*conditions) if conditions else select


def _one_broad_word(query: str, status: str, counselor_id: int | None) -> str | None:
    """The typed word, when it is the only filter: it can be counted from its index alone."""
    words = query_words(query)
    return words[0] if len(words) == 1 and not status and not counselor_id else None


def _is_broad(word: str) -> bool:
    """More than ``BROAD`` search words start with ``word`` (counted no further than that)."""
    first = ClientSearchToken.select(ClientSearchToken.id).where(_typed(word)).limit(BROAD + 1)
    return first.count() > BROAD


def _names() -> dict[int, str]:
    return {
        s.id: s.display_name for s in Staff.select(Staff.id, Staff.full_name, Staff.credentials)
    }


def _rows(actor: Actor, clients: Iterable[tuple[Any, ...]], today: dt.date) -> list[ClientRow]:
    """The list's rows from a ``matching_clients`` query read as plain tuples (its columns in
    order): making a model object per row cost as much as finding the rows."""
    names = _names()
    return [
        ClientRow(
            client_id,
            record_number,
            first,
            last,
            preferred,
            born,
            age_on(born, today),
            status,
            STATUSES.get(status, status),
            counselor_id,
            names.get(counselor_id, "") if counselor_id else "",
            phone,
            safety_flag_for(actor, flag),
        )
        for (
            client_id,
            record_number,
            first,
            last,
            preferred,
            born,
            status,
            counselor_id,
            phone,
            flag,
        ) in clients
    ]


@dataclass(frozen=True)
class ClientPage:
    """A page of the Clients list and how many clients match: all of them counted, or (when
    ``counted_all`` is False) at least ``total``, where counting stopped."""

    rows: list[ClientRow]
    total: int
    counted_all: bool


@use_case("client.list", "client.view", kind="read", audited=False)
def list_clients(
    actor: Actor,
    query: str = "",
    status: str = "",
    counselor_id: int | None = None,
    sort: str = "name",
    descending: bool = False,
    limit: int = 100,
    offset: int = 0,
) -> list[ClientRow]:
    """One page of clients matching what was typed (name, preferred name, number, birth date);
    in name order without a status filter, clients in care come before the discharged."""
    return _page(actor, query, status, counselor_id, sort, descending, limit, offset)


@use_case("client.page", "client.view", kind="read", audited=False)
def client_page(
    actor: Actor,
    query: str = "",
    status: str = "",
    counselor_id: int | None = None,
    sort: str = "name",
    descending: bool = False,
    limit: int = 100,
    offset: int = 0,
) -> ClientPage:
    """A page of the matching clients (as ``list_clients``) and how many match, in one call
    per keystroke: counted up to ``COUNT_UP_TO`` past the page (one typed letter matches a
    fifth of a large clinic, and "more than 1,000" tells the person to type on)."""
    rows = _page(actor, query, status, counselor_id, sort, descending, limit, offset)
    enough = max(0, int(offset)) + COUNT_UP_TO
    found = matching_count(query, status, counselor_id, up_to=enough + 1)
    return ClientPage(rows, min(found, enough), found <= enough)


def _page(
    actor: Actor,
    query: str,
    status: str,
    counselor_id: int | None,
    sort: str,
    descending: bool,
    limit: int,
    offset: int,
) -> list[ClientRow]:
    if sort not in SORTS:
        raise ValidationError({"sort": f"Sort by one of: {', '.join(SORTS)}."})
    limit, offset = max(1, min(int(limit), MAX_PAGE)), max(0, int(offset))
    word = _one_broad_word(query, status, counselor_id)
    walk = sort == "name" and word is not None and _is_broad(word)
    select = matching_clients(query, status, counselor_id, name_walk=walk)
    if sort == "name" and not status:
        # Everyone in care first, then the discharged (a clinic's long tail of past clients).
        # Found through the status index (few are in care), then ordered by name: ordering
        # along the name index would walk past every discharged client first.
        in_care = Client.select(Client.id).where(Client.status.in_(IN_CARE))
        current = select.where(Client.id.in_(in_care))
        page = list(_ordered(current, sort, descending).limit(limit).offset(offset).tuples())
        if len(page) < limit:
            skipped = max(0, offset - current.count()) if offset else 0
            past = select.where(Client.status == "discharged")
            rest = _ordered(past, sort, descending).limit(limit - len(page)).offset(skipped)
            page.extend(rest.tuples())
        return _rows(actor, page, dt.date.today())
    page = _ordered(select, sort, descending).limit(limit).offset(offset)
    return _rows(actor, page.tuples(), dt.date.today())


def _ordered(select: pw.ModelSelect, sort: str, descending: bool) -> pw.ModelSelect:
    """``select`` in the order of a sort key; name order breaks every tie."""
    order = []
    if sort == "counselor":
        select = select.join(Staff, pw.JOIN.LEFT_OUTER, on=(Client.counselor == Staff.id))
        order.append(Staff.full_name.desc() if descending else Staff.full_name.asc())
    else:
        for column in SORTS[sort]:
            field = getattr(Client, column)
            order.append(field.desc() if descending else field.asc())
    order += [Client.legal_last_name.asc(), Client.legal_first_name.asc(), Client.id.asc()]
    return select.order_by(*order)


def matching_count(query: str, status: str, counselor_id: int | None, *, up_to: int) -> int:
    """How many clients match, counted no further than ``up_to`` (the scan stops there)."""
    word = _one_broad_word(query, status, counselor_id)
    if word is None:
        return matching_clients(query, status, counselor_id).limit(up_to).count()
    # One word alone: its index range holds the answer, no client row needs reading.
    clients = ClientSearchToken.select(ClientSearchToken.client).where(_typed(word))
    return clients.distinct().limit(up_to).count()


def client_rows_by_id(actor: Actor, ids: Iterable[int]) -> list[ClientRow]:
    """List rows for known client ids (duplicate warnings); callers check the permission."""
    wanted = list(ids)
    if not wanted:
        return []
    select = matching_clients("", "", None).where(Client.id.in_(wanted)).order_by(Client.id)
    return _rows(actor, select.tuples(), dt.date.today())
