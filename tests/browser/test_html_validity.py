"""Every public page type is valid HTML, as the Nu Html Checker (vnu.jar) judges it.

The pages are fetched from the live server in both languages and checked in one run of the
checker (`make checker` installs it from the npm registry; Java comes from Debian).
"""

import json
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

from tests.browser.test_accessibility import PAGE_TYPES

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode()
    except urllib.error.HTTPError as error:  # the 404 page is a page type too
        return error.read().decode()


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


def test_every_public_page_type_is_valid_html_in_both_languages(site, tmp_path):
    files, names = [], {}
    for number, (page_type, path) in enumerate(PAGE_TYPES.items()):
        german = fetch(site + path)
        query = path.partition("?")[2]
        english_url = english_path(german)
        if query and "?" not in english_url:
            english_url += "?" + query
        for language, html in (("de", german), ("en", fetch(site + english_url))):
            file = tmp_path / f"page{number}-{language}.html"
            file.write_text(html)
            files.append(file)
            names[file.stem] = f"{page_type} ({language})"

    errors = vnu_errors(files)

    assert {names[stem]: found for stem, found in errors.items()} == {}
