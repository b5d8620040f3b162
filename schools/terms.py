"""School terms in England, as the termly review of mentors counts them: autumn from 1 September, spring from
1 January, summer from the Monday after Easter Monday (the end of most schools' Easter holidays)."""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter

AUTUMN, SPRING, SUMMER = "autumn", "spring", "summer"


@dataclass(frozen=True)
class Term:
    name: str  # autumn, spring or summer
    starts_on: date
    ends_on: date  # the day before the next term starts

    def __str__(self):
        """'spring term 2027', as it is written in a sentence."""
        return f"{self.name} term {self.starts_on.year}"


def summer_starts_on(year):
    return easter(year) + timedelta(days=8)  # Easter Sunday, Easter Monday, then the Monday after


def term_of(day):
    """The term the day falls in."""
    year = day.year
    summer = summer_starts_on(year)
    if day >= date(year, 9, 1):
        return Term(AUTUMN, date(year, 9, 1), date(year, 12, 31))
    if day >= summer:
        return Term(SUMMER, summer, date(year, 8, 31))
    return Term(SPRING, date(year, 1, 1), summer - timedelta(days=1))
