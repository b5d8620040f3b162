"""GOV.UK tables (rendered by the `govuk_table` tag): columns with their headings, and rows of cells."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    heading: str
    numeric: bool = False  # right-aligned, as GOV.UK tables align numbers
