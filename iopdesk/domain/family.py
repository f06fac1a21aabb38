"""Family and collaterals: the kinds of people around a client and how contact with them is made."""

from __future__ import annotations

#: Who a collateral is to the program: family (invited to family sessions) or someone else
#: involved in the client's life or care (a probation officer, an employer, another provider).
COLLATERAL_KINDS: dict[str, str] = {"family": "Family member", "other": "Other collateral"}

#: How a contact with a collateral was made.
CONTACT_METHODS: dict[str, str] = {
    "phone": "Phone call",
    "in_person": "In person",
    "video": "Video call",
    "email": "Email",
    "text": "Text message",
    "letter": "Letter",
}


def person_label(name: str, relationship: str) -> str:
    """ "Maria Lopez (mother)", or just the name when no relationship is recorded."""
    return f"{name} ({relationship})" if relationship.strip() else name
