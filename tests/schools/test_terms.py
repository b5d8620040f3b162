"""School terms, as the termly review counts them: a table of days and the term each falls in."""

from datetime import date

import pytest

from schools.terms import term_of


@pytest.mark.parametrize(
    "day, name, starts_on, ends_on",
    [
        (date(2026, 9, 1), "autumn", date(2026, 9, 1), date(2026, 12, 31)),
        (date(2026, 12, 31), "autumn", date(2026, 9, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), "spring", date(2027, 1, 1), date(2027, 4, 4)),
        # Easter 2027 is 28 March: Easter Monday 29 March, the Monday after 5 April.
        (date(2027, 4, 4), "spring", date(2027, 1, 1), date(2027, 4, 4)),
        (date(2027, 4, 5), "summer", date(2027, 4, 5), date(2027, 8, 31)),
        (date(2027, 8, 31), "summer", date(2027, 4, 5), date(2027, 8, 31)),
        # Easter 2026 is 5 April: summer from 13 April.
        (date(2026, 4, 12), "spring", date(2026, 1, 1), date(2026, 4, 12)),
        (date(2026, 4, 13), "summer", date(2026, 4, 13), date(2026, 8, 31)),
        # A late Easter (2038: 25 April) and an early one (2008: 23 March).
        (date(2038, 5, 2), "spring", date(2038, 1, 1), date(2038, 5, 2)),
        (date(2038, 5, 3), "summer", date(2038, 5, 3), date(2038, 8, 31)),
        (date(2008, 3, 31), "summer", date(2008, 3, 31), date(2008, 8, 31)),
    ],
)
def test_the_term_a_day_falls_in(day, name, starts_on, ends_on):
    term = term_of(day)
    assert (term.name, term.starts_on, term.ends_on) == (name, starts_on, ends_on)


def test_a_term_reads_in_a_sentence():
    assert str(term_of(date(2027, 1, 10))) == "spring term 2027"
