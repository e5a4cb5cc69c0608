"""How long a checked fact stays fresh: the two thresholds and their reasons, in one place.

`validate` judges every `checked:` date with `judge`; screens ask `overdue` to put "not
re-checked since" next to a number; `python -m bot checked` (bot/content/recheck.py) records a
new check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.content.model import EmergencyNumber, HostHelpline, Phone, Sourced

CHECK_AGAIN_AFTER = timedelta(days=180)
"""Older than this, any fact is a warning. Missions move, change numbers and hours, and
ministries renumber their hotlines with little notice: going over every file twice a year
catches most changes before a reader meets them."""

OVERDUE_AFTER = timedelta(days=365)
"""Older than this, an emergency line (`is_emergency_line`) is an error for `validate`, so a
content change cannot be merged with it; any other fact stays a warning. The running bot never
stops serving a number that goes past this (a stale number is better than none) but shows
"⚠️ not re-checked since …" next to every number this old."""


@dataclass(frozen=True)
class DateProblem:
    """Something wrong with a fact's dates: the field it is in, what to say, how serious."""

    field: str
    message: str
    severity: str = "error"


def is_emergency_line(fact: Sourced) -> bool:
    """A host's emergency number, or a mission or hotline line for emergencies (24/7)."""
    return isinstance(fact, EmergencyNumber) or (
        isinstance(fact, Phone) and fact.serves("emergency")
    )


def age(fact: Sourced, today: date) -> timedelta:
    return today - fact.checked


def overdue(fact: Sourced, today: date) -> bool:
    """Not compared with its source for more than a year: screens say so next to a number."""
    return age(fact, today) > OVERDUE_AFTER


def judge(fact: Sourced, today: date, strict: bool) -> list[DateProblem]:
    """The dates of one fact as `validate` sees them (`strict`: an overdue emergency line is an
    error) or as the running bot sees them (`strict` False: it is a warning, and served)."""
    problems: list[DateProblem] = []
    days = age(fact, today).days
    record = "check it at its source, then record it with python -m bot checked FILE:LINE"
    if days < 0:
        problems.append(DateProblem("checked", "checked date is in the future"))
    elif overdue(fact, today):
        what = "emergency line checked" if is_emergency_line(fact) else "checked"
        message = (
            f"{what} {fact.checked}, {days} days ago (more than {OVERDUE_AFTER.days}): {record}"
        )
        if isinstance(fact, EmergencyNumber | Phone | HostHelpline):
            message += "; until then people see it marked as not re-checked"
        serious = strict and is_emergency_line(fact)
        problems.append(DateProblem("checked", message, "error" if serious else "warning"))
    elif age(fact, today) > CHECK_AGAIN_AFTER:
        message = (
            f"checked {fact.checked}, {days} days ago (more than {CHECK_AGAIN_AFTER.days}): "
            f"{record}"
        )
        problems.append(DateProblem("checked", message, "warning"))
    given = fact.as_of_year
    if given is not None and given > today.year:
        problems.append(DateProblem("as_of", "as_of is in the future"))
    elif fact.as_of != "undated" and fact.as_of > fact.checked.isoformat():
        message = "as_of is after checked: the source cannot be newer than the check"
        problems.append(DateProblem("as_of", message))
    return problems
