"""A report's figures: each a table (a GOV.UK table on the page, and a CSV file), with a chart where one helps.
Cells hold raw values (counts, pence, shares); how they are written is said once here, for the page and the file."""

import csv
from dataclasses import dataclass, field

from core.formatting import money, number
from core.tables import Column

from .suppression import suppressed

TEXT, COUNT, MONEY, SHARE = "text", "count", "money", "share"


@dataclass(frozen=True)
class Measure:
    """A column of a figure."""

    heading: str
    kind: str = COUNT


@dataclass
class Figure:
    slug: str
    caption: str
    measures: list[Measure]
    rows: list[list]
    chart: dict | None = None  # reports.charts.bar_chart's drawing
    notes: list[str] = field(default_factory=list)

    @property
    def table_id(self):
        return f"table-{self.slug}"

    @property
    def columns(self):
        return [Column(measure.heading, numeric=measure.kind != TEXT) for measure in self.measures]

    def cells(self):
        """The rows as the page writes them."""
        return [
            [_shown(value, measure.kind) for value, measure in zip(row, self.measures, strict=True)]
            for row in self.rows
        ]

    def write_csv(self, out):
        """The figure as CSV: a row of headings, then its rows, with plain numbers (amounts in pounds)."""
        writer = csv.writer(out)
        writer.writerow([measure.heading for measure in self.measures])
        for row in self.rows:
            writer.writerow([_in_file(value, measure.kind) for value, measure in zip(row, self.measures, strict=True)])


def _shown(value, kind):
    if isinstance(value, str) or value is None:
        return value or "None"
    if kind == MONEY:
        return money(value)
    if kind == SHARE:
        return f"{value:.1f}%"
    return number(value)


def _in_file(value, kind):
    if isinstance(value, str):
        # A spreadsheet runs a cell starting with one of these as a formula: a name from Publish must stay text.
        return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value
    if value is None:
        return ""
    if kind == MONEY:
        return f"{value / 100:.2f}"
    if kind == SHARE:
        return f"{value:.1f}"
    return value


def share(part, whole):
    return None if not whole else 100 * part / whole


def suppress_counts(rows, counts, suppress, hides=()):
    """The rows with their counts (by position) suppressed when they are shown outside DfE. A row whose first count
    is fewer than 5 also hides the figures at positions hides (such as the hours and amount of few claims)."""
    if not suppress:
        return rows
    shown = []
    for row in rows:
        row = list(row)
        few = isinstance(suppressed(row[counts[0]]), str)
        for position in counts:
            row[position] = suppressed(row[position])
        for position in hides:
            if few:
                row[position] = suppressed(1)
        shown.append(row)
    return shown
