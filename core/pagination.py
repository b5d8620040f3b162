from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property
from govuk_frontend_django.templatetags.govuk_frontend_django.pagination import gds_pagination


def govuk_pagination(page, query_params):
    """GOV.UK pagination for a page of results, keeping the page's other query parameters (such as a search).

    govuk-frontend-django builds the component; its links carry only ?page=N, so the rest is added here.
    """
    others = query_params.copy()
    others.pop("page", None)
    kept = others.urlencode()

    def link(href):
        return f"?{kept}&{href.removeprefix('?')}" if href and kept else href

    component = gds_pagination(page)
    for neighbour in (component.previous, component.next):
        if neighbour:
            neighbour["href"] = link(neighbour["href"])
    for item in component.items:
        item.href = link(item.href)
        if item.number:
            # govuk-frontend-django leaves it None, which the GOV.UK macro would read out as "None".
            item.visuallyHiddenText = f"Page {item.number}"
    return component


class LargeTablePaginator(Paginator):
    """Admin pagination that does not count a whole large table on every request.

    With no filter or search, the number of rows is PostgreSQL's estimate from its statistics, which is
    enough to number the pages. A filtered list is small, or its count is served by an index, so it is exact.
    """

    ESTIMATE_ABOVE = 10_000

    @cached_property
    def count(self):
        query = self.object_list.query
        connection = connections[self.object_list.db]
        if not query.where and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [query.model._meta.db_table]
                )
                row = cursor.fetchone()
            if row and row[0] > self.ESTIMATE_ABOVE:
                return row[0]
        return super().count


class LargeTableAdminMixin:
    """For a ModelAdmin of a table that grows with the country (mentors, schools, users...): no full count of its
    rows on every request."""

    paginator = LargeTablePaginator
    show_full_result_count = False
