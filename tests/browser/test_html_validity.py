"""Every public page type is valid HTML, as the Nu Html Checker (vnu.jar) judges it.

The pages are fetched from the live server in both languages and checked in one run of the
checker (`make checker` installs it from the npm registry; Java comes from Debian).
"""

import http.cookiejar
import json
import re
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

from events.models import Registration
from tests.browser.test_accessibility import FORMS, PAGE_TYPES, personal_link

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


class Visitor:
    """Fetches pages as a browser would, with cookies, so that forms can be sent back."""

    def __init__(self):
        cookies = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        self.opener = urllib.request.build_opener(cookies)

    def open(self, url: str, data: dict | None = None) -> str:
        encoded = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=encoded, headers={"Referer": url})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.read().decode()
        except urllib.error.HTTPError as error:  # a 404 or a form with errors is a page too
            return error.read().decode()

    def send_empty_form(self, url: str) -> str:
        """The page's post form sent back with nothing filled in: the page with its errors."""
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.open(url)).group(1)
        return self.open(url, {"csrfmiddlewaretoken": token})


def english_path(html: str) -> str:
    """The language switcher's link to the English page."""
    for tag in re.findall(r"<a\s[^>]*>", html):
        if 'hreflang="en"' in tag:
            return re.search(r'href="([^"]+)"', tag).group(1)
    raise AssertionError("no link to the English page")


def vnu_errors(files: list[Path]) -> dict[str, list[str]]:
    assert VNU.exists(), "the Nu Html Checker is missing: make checker installs it"
    result = subprocess.run(
        [
            shutil.which("java") or "java",
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--errors-only",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors: dict[str, list[str]] = {}
    for message in messages:
        name = Path(message["url"].removeprefix("file:")).stem
        errors.setdefault(name, []).append(f"line {message.get('lastLine')}: {message['message']}")
    return errors


def pages_in_both_languages(site: str, visitor: Visitor) -> dict[str, str]:
    """HTML by page name: every public page type, the forms with their errors, personal pages."""
    personal_page = "/veranstaltungen/anmeldung/{}/"
    paths = PAGE_TYPES | {
        "ticket": personal_page.format(personal_link(Registration.Status.CONFIRMED)),
        "waiting list": personal_page.format(personal_link(Registration.Status.WAITING_LIST)),
        "expired link": "/veranstaltungen/bestaetigen/kein-gueltiger-link/",
    }
    pages = {}
    for name, path in paths.items():
        german = visitor.open(site + path)
        english_url = english_path(german)
        query = path.partition("?")[2]
        if query and "?" not in english_url:
            english_url += "?" + query
        pages[f"{name} (de)"] = german
        pages[f"{name} (en)"] = visitor.open(site + english_url)
    for name, path in FORMS.items():
        english_url = english_path(visitor.open(site + path))
        pages[f"{name} with errors (de)"] = visitor.send_empty_form(site + path)
        pages[f"{name} with errors (en)"] = visitor.send_empty_form(site + english_url)
    for language in ("de", "en"):
        with translation.override(language):
            pages[f"server error ({language})"] = render_to_string("500.html")
    return pages


def test_every_public_page_type_is_valid_html_in_both_languages(site, tmp_path):
    pages = pages_in_both_languages(site, Visitor())
    files = {}
    for number, (name, html) in enumerate(pages.items()):
        file = tmp_path / f"page{number}.html"
        file.write_text(html)
        files[file.stem] = name

    errors = vnu_errors([tmp_path / f"{stem}.html" for stem in files])

    assert {files[stem]: found for stem, found in errors.items()} == {}
