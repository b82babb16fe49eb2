"""Help links: from the plugin's actions to the README sections that explain them."""

import re

# The plugin's homepage (metadata.txt), whose front page is the README.
HOMEPAGE = "https://github.com/drogscen/drogscen"

# README heading of each algorithm's section, by algorithm name.
ALGORITHM_SECTIONS = {
    "overlap": "Drug scenes near schools (space and time) — `drogscen:overlap`",
    "bufferschools": "School buffers — `drogscen:bufferschools`",
    "checkhours": "Check hours — `drogscen:checkhours`",
    "measurecoverage": "Coverage — `drogscen:measurecoverage`",
    "fetchschools": "Fetching schools",
    "exportreport": "Situation report (lägesbild)",
    "scenetrend": "Situation report (lägesbild)",
    "publish": "Shared database",
}
DOCK_SECTION = "The dock"


def anchor(heading):
    """The anchor GitHub gives a Markdown heading.

    Lower case; everything but letters, digits, '_', '-' and spaces dropped;
    each space a '-' (so ' — ' becomes '--').
    """
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def help_url(heading):
    """The address of the README section with this heading."""
    return "{}#{}".format(HOMEPAGE, anchor(heading))


def readme_headings(text):
    """The headings of a Markdown text (ATX style, outside code blocks)."""
    headings, in_code = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code and re.match(r"#{1,6} ", line):
            headings.append(line.lstrip("#").strip())
    return headings
