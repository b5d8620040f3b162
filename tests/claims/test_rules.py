"""The rules of the funding, as tables of cases: how many hours a mentor may be claimed for with a provider in an
academic year (counted across every school), and what a claim comes to in whole pence."""

import pytest

from claims.models import AcademicYear, Claim
from claims.selectors import Allowance, allowances
from claims.services import Amounts
from core.formatting import money
from tests.support.factories import MentorFactory, ProviderFactory, SchoolFactory, make_claim

pytestmark = pytest.mark.django_db

SUBMITTED, DRAFT, NOT_PAID = Claim.Status.SUBMITTED, Claim.Status.DRAFT, Claim.Status.NOT_PAID

# (case, the academic year asked about, the claims already made for the mentor: (year, school, provider, hours,
# status), and what is expected: (hours allowed, claimed at every school, claimed here, left, refresher)).
ALLOWANCE_CASES = [
    ("initial training in 2024 to 2025", 2024, [], (20, 0, 0, 20, False)),
    ("initial training from 2025 to 2026", 2025, [], (16, 0, 0, 16, False)),
    ("initial training in 2026 to 2027", 2026, [], (16, 0, 0, 16, False)),
    ("claimed here", 2025, [(2025, "here", "P", 10, SUBMITTED)], (16, 10, 10, 6, False)),
    ("claimed at another school", 2025, [(2025, "other", "P", 10, SUBMITTED)], (16, 10, 0, 6, False)),
    (
        "claimed at several schools, all used",
        2025,
        [(2025, "here", "P", 6, SUBMITTED), (2025, "other", "P", 4, SUBMITTED), (2025, "third", "P", 6, SUBMITTED)],
        (16, 16, 6, 0, False),
    ),
    ("2024 to 2025's 20 hours, all used", 2024, [(2024, "other", "P", 20, SUBMITTED)], (20, 20, 0, 0, False)),
    ("a draft counts", 2025, [(2025, "other", "P", 12, DRAFT)], (16, 12, 0, 4, False)),
    ("a claim the payer rejected does not count", 2025, [(2025, "other", "P", 16, NOT_PAID)], (16, 0, 0, 16, False)),
    (
        "rejected and submitted claims together",
        2025,
        [(2025, "here", "P", 16, NOT_PAID), (2025, "here", "P", 9, SUBMITTED)],
        (16, 9, 9, 7, False),
    ),
    (
        "another provider's hours are another allowance",
        2025,
        [(2025, "here", "Q", 16, SUBMITTED)],
        (16, 0, 0, 16, False),
    ),
    ("another year's hours are another allowance", 2025, [(2026, "here", "P", 16, SUBMITTED)], (16, 0, 0, 16, False)),
    ("refresher after a claim in an earlier year", 2025, [(2024, "other", "P", 20, SUBMITTED)], (6, 0, 0, 6, True)),
    (
        "refresher, some claimed",
        2026,
        [(2024, "here", "P", 3, SUBMITTED), (2026, "other", "P", 4, SUBMITTED)],
        (6, 4, 0, 2, True),
    ),
    ("no refresher after another provider", 2025, [(2024, "here", "Q", 20, SUBMITTED)], (16, 0, 0, 16, False)),
    ("no refresher after an earlier draft", 2025, [(2024, "here", "P", 20, DRAFT)], (16, 0, 0, 16, False)),
    ("no refresher after a rejected claim", 2025, [(2024, "here", "P", 20, NOT_PAID)], (16, 0, 0, 16, False)),
    (
        "more claimed than a refresher's allowance leaves none",
        2025,
        [(2025, "other", "P", 10, DRAFT), (2024, "here", "P", 2, SUBMITTED)],
        (6, 10, 0, 0, True),
    ),
]


@pytest.fixture
def world(db):
    schools = {name: SchoolFactory() for name in ("here", "other", "third")}
    providers = {"P": ProviderFactory(), "Q": ProviderFactory()}
    return schools, providers


@pytest.mark.parametrize(
    "case, start_year, claims, expected", ALLOWANCE_CASES, ids=[case[0] for case in ALLOWANCE_CASES]
)
def test_a_mentors_allowance(world, case, start_year, claims, expected):
    schools, providers = world
    trn = "1234567"
    # The same person (TRN) is a mentor at each school.
    mentors = {name: MentorFactory(school=school, trn=trn) for name, school in schools.items()}
    for year, school, provider, hours, status in claims:
        make_claim(hours={mentors[school]: hours}, start_year=year, provider=providers[provider], status=status)
    # Another mentor's claims never count.
    make_claim(hours={MentorFactory(school=schools["here"]): 16}, start_year=start_year, provider=providers["P"])

    found = allowances(
        trns=[trn], provider=providers["P"], academic_year=AcademicYear.objects.get(start_year=start_year),
        school=schools["here"],
    )  # fmt: skip
    allowance = found[trn]
    assert (allowance.allowed, allowance.claimed, allowance.claimed_here, allowance.left, allowance.refresher) == (
        expected
    )


def test_allowances_of_many_mentors_are_one_query(world, django_assert_num_queries):
    schools, providers = world
    mentors = [MentorFactory(school=schools["here"]) for _ in range(20)]
    for mentor in mentors[::2]:
        make_claim(hours={mentor: 5}, provider=providers["P"])
    year = AcademicYear.objects.get(start_year=2025)
    with django_assert_num_queries(1):
        found = allowances(
            trns=[mentor.trn for mentor in mentors], provider=providers["P"], academic_year=year, school=schools["here"]
        )
    assert [found[mentor.trn].left for mentor in mentors] == [11, 16] * 10


@pytest.mark.parametrize("allowed, claimed, left", [(16, 0, 16), (16, 10, 6), (16, 16, 0), (6, 10, 0), (20, 19, 1)])
def test_what_is_left(allowed, claimed, left):
    assert Allowance(allowed=allowed, claimed=claimed).left == left


# (hours of each mentor, pence an hour, total hours, total in pence, as the service writes it)
AMOUNT_CASES = [
    ([10], 4380, 10, 43_800, "£438.00"),  # the facts file's example: 10 hours outside London
    ([16, 10], 5360, 26, 139_360, "£1,393.60"),
    ([20], 4825, 20, 96_500, "£965.00"),
    ([6], 4510, 6, 27_060, "£270.60"),
    ([1], 4380, 1, 4_380, "£43.80"),
    ([16, 16, 16], 4510, 48, 216_480, "£2,164.80"),
    ([16] * 300, 5360, 4800, 25_728_000, "£257,280.00"),
]


@pytest.mark.parametrize("hours, rate, total_hours, total_pence, written", AMOUNT_CASES)
def test_what_a_claim_comes_to(hours, rate, total_hours, total_pence, written):
    amounts = Amounts(rate_pence=rate, hours={f"mentor {number}": each for number, each in enumerate(hours)})
    assert amounts.total_hours == total_hours
    assert amounts.total_pence == total_pence
    assert isinstance(amounts.total_pence, int)
    assert sum(amounts.pence_for(mentor) for mentor in amounts.hours) == total_pence
    assert money(amounts.total_pence) == written
