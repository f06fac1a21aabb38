"""The clinic's billing code table: the code of an IOP day and of individual and family
sessions. HCPCS H0015 is the IOP day's default; no CPT descriptor text is shipped or kept."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from iopdesk.db.models.core import Setting
from iopdesk.errors import Collector
from iopdesk.services.context import Actor, describe, use_case

SETTING = "billing_codes"
#: What each code is for, in the clinic's own words (never a CPT descriptor).
LABELS = {
    "iop_day": "IOP day (at least 3 hours of services)",
    "individual": "Individual session",
    "family": "Family session",
}
_CODE = re.compile(r"[A-Z0-9][A-Z0-9:-]{0,14}")


@dataclass(frozen=True)
class BillingCodes:
    """The codes the billing worksheet writes; "" where the clinic has none."""

    iop_day: str = "H0015"
    individual: str = ""
    family: str = ""


def current_codes() -> BillingCodes:
    """The stored code table, or the defaults."""
    row = Setting.get_or_none(Setting.key == SETTING)
    stored = json.loads(row.value) if row is not None else {}
    return BillingCodes(**{k: str(v) for k, v in stored.items() if k in LABELS})


@use_case("billing.codes", "settings.manage", kind="read", audited=False)
def billing_codes(actor: Actor) -> BillingCodes:
    """The code table as it stands, for the administrator who edits it."""
    return current_codes()


@use_case("billing.codes.change", "settings.manage", changes=("settings",))
def change_billing_codes(actor: Actor, codes: BillingCodes) -> BillingCodes:
    """Store the code table (administrators): letters, digits, ":" and "-", up to 15."""
    errors = Collector()
    values: dict[str, str] = {}
    for key, label in LABELS.items():
        text = str(getattr(codes, key, "") or "").strip().upper()
        if key == "iop_day" and not text:
            errors.add(key, f"{label}: a code is needed (HCPCS H0015 is the usual one).")
        elif text and not _CODE.fullmatch(text):
            errors.add(key, f"{label}: use letters, digits, ':' or '-' (at most 15), e.g. H0015.")
        values[key] = text
    errors.raise_if_any()
    stored = json.dumps(values)
    Setting.insert(key=SETTING, value=stored).on_conflict(
        conflict_target=[Setting.key], update={Setting.value: stored}
    ).execute()
    describe(record_type="settings", detail=f"billing codes: {stored}")
    return BillingCodes(**values)
