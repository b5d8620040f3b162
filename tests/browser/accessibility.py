"""Checks a page as assistive technology meets it: axe-core's WCAG 2.2 AA rules, heading order, landmarks, and
that each link of a GOV.UK error summary leads to a field on the page."""

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe files heading order and landmarks under best practice, not WCAG; the service holds itself to them too. The
# landmark rules are every rule axe has for them: all content in a landmark (region), and each landmark rule
# (landmark-*), such as one banner and one contentinfo at the top level.
EXTRA_RULES = ["heading-order"]
LANDMARK_RULES = "axe.getRules().map(rule => rule.ruleId).filter(id => id === 'region' || id.startsWith('landmark-'))"


def _known_exception(violation, node):
    """GOV.UK Frontend's conditional radios set aria-expanded on the radio that reveals content, as the Design
    System has decided to; axe-core does not allow aria-expanded on a radio. That one attribute is let through."""
    return (
        violation["id"] == "aria-allowed-attr"
        and "govuk-radios__input" in node["html"]
        and "aria-expanded" in node.get("failureSummary", "")
        and node["failureSummary"].count("aria-") == 1
    )


ERROR_SUMMARY_TARGETS = """() => [...document.querySelectorAll('.govuk-error-summary a[href^="#"]')]
    .filter(link => {
        const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
        return !target || !target.matches('input, select, textarea');
    })
    .map(link => link.outerHTML)"""


class AccessibilityProblems(AssertionError):
    pass


def problems(page):
    """Every accessibility problem on the page, as readable lines: rule, element, help."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # JavaScript is off in this page (a no-JavaScript journey): check the same markup in a page where it is on.
        context = page.context.browser.new_context(bypass_csp=True)
        try:
            copy = context.new_page()
            html = page.content()
            copy.route(page.url, lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
            copy.goto(page.url)  # at the same address, so its stylesheet and images load as they did
            return problems(copy)
        finally:
            context.close()
    result = page.evaluate(
        f"""async ([tags, extra]) => {{
            const rules = Object.fromEntries([...extra, ...{LANDMARK_RULES}].map(id => [id, {{enabled: true}}]));
            return await axe.run(document, {{runOnly: {{type: 'tag', values: tags}}, rules}});
        }}""",
        [WCAG_TAGS, EXTRA_RULES],
    )
    found = [
        f"{violation['id']}: {node['target']} {node['html'][:120]} – {violation['help']} ({violation['helpUrl']})"
        for violation in result["violations"]
        for node in violation["nodes"]
        if not _known_exception(violation, node)
    ]
    found += [
        f"error-summary-link: {link} – an error summary link must lead to its field"
        for link in page.evaluate(ERROR_SUMMARY_TARGETS)
    ]
    return found


def assert_accessible(page):
    found = problems(page)
    if found:
        raise AccessibilityProblems(f"{page.url}:\n" + "\n".join(found))
