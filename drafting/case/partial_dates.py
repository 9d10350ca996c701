"""Dates as real records give them: a month ("2011-08"), a year ("2011"), or relative to a key
date of the case ("3 months before request", "before denial").

A fact keeps the precision it was recorded with (``date_precision``) and, for a relative date,
the phrase it came from (``date_basis``), so drafts print "August 2011" or "about 2019-07-20
(3 months before request)" and never an invented day. For comparisons the engine uses the
first day of a month or year (the earliest the record allows)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from drafting.case.fact import DAYS_PER_UNIT
from drafting.case.vocab import DurationUnit

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_RELATIVE = re.compile(r"^(?:(?:about\s+)?(\d+)\s+(day|week|month|year)s?\s+)?(before|after)\s+"
                       r"(?:the\s+)?(injury|request|denial|review)$", re.I)


def partial(value: Any) -> tuple[dt.date, str] | None:
    """A month or year written as such: (first day, precision), else None."""
    text = str(value).strip() if isinstance(value, str | int) else None
    if text is None:
        return None
    if match := _MONTH.match(text):
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"'{text}' is not a month; write YYYY-MM with a month 01-12")
        return dt.date(year, month, 1), "month"
    if match := _YEAR.match(text):
        return dt.date(int(match.group(1)), 1, 1), "year"
    return None


def relative(value: Any, key_dates: dict[str, Any]) -> tuple[dt.date, str] | None:
    """A date relative to one of the case's key dates: (resolved day, the phrase), else None
    (not a relative date, or its key date is missing, which ``unresolved`` then names)."""
    if not isinstance(value, str) or not (match := _RELATIVE.match(value.strip())):
        return None
    amount, unit, direction, anchor = match.groups()
    raw = key_dates.get(anchor.lower())
    if raw is None:
        return None
    base = raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw))
    days = int(amount) * DAYS_PER_UNIT[DurationUnit(unit.lower() + "s")] if amount else 0
    delta = dt.timedelta(days=round(days))
    return (base - delta if direction.lower() == "before" else base + delta), value.strip()


def unresolved(value: Any) -> None:
    """Raise for a relative date left unresolved (its key date is missing from the case)."""
    if isinstance(value, str) and (match := _RELATIVE.match(value.strip())):
        anchor = match.group(4).lower()
        raise ValueError(f"date '{value.strip()}' is relative to the {anchor} date, which the case "
                         f"does not give; add dates.{anchor} or write the date itself")


def long_day(day: dt.date) -> str:
    """A full date as a letter writes it: '12 April 2016'."""
    return f"{day.day} {day:%B %Y}"


def shown(day: dt.date, precision: str, basis: str | None) -> str:
    """How a draft prints the date: as precise as the record, never an invented day."""
    if precision == "month":
        return f"{calendar.month_name[day.month]} {day.year}"
    if precision == "year":
        return str(day.year)
    if precision == "approximate":
        return f"about {day.isoformat()} ({basis})" if basis else f"about {day.isoformat()}"
    return day.isoformat()
