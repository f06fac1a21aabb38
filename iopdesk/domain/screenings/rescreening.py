"""When a screening is due again during an episode: every N weeks from the last complete one."""

from __future__ import annotations

import datetime as dt

#: Re-screening is asked for at least every week and at most every half year.
WEEKS_RANGE = (1, 26)


def rescreen_due_on(admitted: dt.date, last_given: dt.date | None, weeks: int) -> dt.date:
    """The day an instrument is next due: ``weeks`` after its last complete administration in
    the episode, or after admission when it was never given."""
    return (last_given or admitted) + dt.timedelta(weeks=weeks)


def is_due(due_on: dt.date, today: dt.date) -> bool:
    """Due from its due day on (a screening due today is due)."""
    return due_on <= today
