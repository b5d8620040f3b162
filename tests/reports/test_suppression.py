import pytest

from reports.figures import suppress_counts
from reports.suppression import FEWER_THAN, suppressed


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, 0), (1, FEWER_THAN), (2, FEWER_THAN), (4, FEWER_THAN), (5, 5), (6, 6), (1234, 1234)],
)
def test_small_numbers_are_suppressed(count, shown):
    assert suppressed(count) == shown


def test_the_words():
    assert FEWER_THAN == "fewer than 5"


@pytest.mark.parametrize(
    ("row", "suppress", "shown"),
    [
        (["Leeds", 3, 4, 30, 1314], False, ["Leeds", 3, 4, 30, 1314]),
        (["Leeds", 3, 4, 30, 1314], True, ["Leeds", FEWER_THAN, FEWER_THAN, FEWER_THAN, FEWER_THAN]),
        # Few claims hide their hours and amount, even of many mentors.
        (["Leeds", 4, 9, 60, 2628], True, ["Leeds", FEWER_THAN, 9, FEWER_THAN, FEWER_THAN]),
        (["Leeds", 5, 3, 40, 1752], True, ["Leeds", 5, FEWER_THAN, 40, 1752]),
        (["Leeds", 0, 0, 0, 0], True, ["Leeds", 0, 0, 0, 0]),
    ],
)
def test_a_row_of_claims(row, suppress, shown):
    assert suppress_counts([row], [1, 2], suppress, hides=[3, 4]) == [shown]
