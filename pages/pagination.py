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
