"""GOV.UK tables (the govuk_table tag): each cell led by its column's heading, for small screens."""

from django.template import Context, Template
from django.utils.html import format_html

from core.tables import Column
from tests.support.html import soup_of


def test_each_cell_is_led_by_its_columns_heading_and_numbers_are_aligned():
    columns = [Column("Name"), Column("TRN"), Column("Hours", numeric=True)]
    rows = [[format_html('<a href="/mentors/1/">{}</a>', "Zoë"), "<1234567>", 16]]
    html = Template("{% load govuk_table %}{% govuk_table columns rows 'Mentors' %}").render(
        Context({"columns": columns, "rows": rows})
    )
    page = soup_of(html)
    assert [th.get_text(strip=True) for th in page.select("thead th")] == ["Name", "TRN", "Hours"]
    cells = page.select("tbody td")
    assert [cell.select_one(".app-responsive-table__heading").get_text() for cell in cells] == ["Name", "TRN", "Hours"]
    assert cells[0].a["href"] == "/mentors/1/"
    assert "&lt;1234567&gt;" in str(cells[1])  # text is escaped, HTML marked safe is not
    assert "govuk-table__cell--numeric" in cells[2]["class"]
    assert "govuk-table__header--numeric" in page.select("thead th")[2]["class"]
    assert page.caption.get_text(strip=True) == "Mentors"
    assert "govuk-visually-hidden" in page.caption["class"]
