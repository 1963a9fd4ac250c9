"""Terms of office (mandatperiod / valgperiode): the strategy is followed up once per term.

Municipal elections are held every four years; the new council takes office on a fixed
day in the autumn of the election year:
- Sweden: elections 2022, 2026, …; term from 15 October (2022–2026, 2026–2030, …);
- Norway: elections 2023, 2027, …; term from 1 October (2023–2027, 2027–2031, …);
- Denmark: elections 2021, 2025, …; term from 1 January of the year after;
- Finland: elections 2021, 2025, …; term from 1 June of the election year (2025).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

# country: (a year in which a term starts, month, day)
_TERM_STARTS = {
    "SE": (2022, 10, 15),
    "NO": (2023, 10, 1),
    "DK": (2022, 1, 1),
    "FI": (2025, 6, 1),
    "IS": (2022, 6, 1),
}
TERM_YEARS = 4


@dataclass(frozen=True)
class Term:
    start: datetime.date
    end: datetime.date  # the last day of the term

    @property
    def label(self) -> str:
        return f"{self.start.year}–{self.start.year + TERM_YEARS}"

    def previous(self) -> Term:
        start = self.start.replace(year=self.start.year - TERM_YEARS)
        return Term(start, self.start - datetime.timedelta(days=1))


def term_of_office(country: str, on: datetime.date) -> Term:
    """The term of office running on `on` in `country` (e.g. SE, 2025-03-01 → 2022–2026)."""
    first, month, day = _TERM_STARTS.get(country, _TERM_STARTS["SE"])
    year = first + (on.year - first) // TERM_YEARS * TERM_YEARS
    if on < datetime.date(year, month, day):
        year -= TERM_YEARS
    start = datetime.date(year, month, day)
    end = datetime.date(year + TERM_YEARS, month, day) - datetime.timedelta(days=1)
    return Term(start, end)
