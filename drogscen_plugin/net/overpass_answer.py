"""What an Overpass server answers, read without trusting it: JSON, XML or an HTML error page.

The answer's bytes are decoded as UTF-8 keeping invalid bytes as lone
surrogates, so one badly encoded name spoils only its own element, which
``element_problem`` then names. Every element is checked before use:
numbers finite and in range, tags a mapping of texts.
"""

import html
import math
import re
import xml.etree.ElementTree as ElementTree

from ..i18n import tr
from .http_errors import FetchError, json_answer, text_excerpt
from .payload import decoded, is_utf8, readable

ELEMENT_TYPES = ("node", "way", "relation")
# Overpass's paragraph around each of its error messages in an HTML page.
_ERROR_PARAGRAPH = re.compile(
    r"<strong[^>]*>\s*Error\s*</strong>\s*:?\s*(.*?)(?:</p>|$)", re.DOTALL | re.IGNORECASE
)
_REMARK = re.compile(r"<remark>(.*?)</remark>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
# The licence line Overpass puts at the top of every page, also of its error pages.
_BOILERPLATE = re.compile(
    r"The data included in this document is from www\.openstreetmap\.org\.\s*"
    r"The data is made available under ODbL\.",
    re.IGNORECASE,
)
_HEAD = re.compile(r"<head>.*?</head>", re.DOTALL | re.IGNORECASE)


def _plain(fragment):
    """Text of an HTML fragment: tags removed, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def server_words(text):
    """What an Overpass error page (HTML or XML) says, without the page around it."""
    text = text or ""
    found = [_plain(part) for part in _ERROR_PARAGRAPH.findall(text)]
    found += [_plain(part) for part in _REMARK.findall(text)]
    words = " ".join(part for part in found if part)
    if not words:
        words = _BOILERPLATE.sub(" ", _plain(_HEAD.sub(" ", text)))
    return text_excerpt(words)


def is_html(text):
    start = text[:2000].lower()
    return start.startswith("<") and ("<html" in start or "<!doctype html" in start)


class ErrorPage(FetchError):
    """The server answered an HTML page instead of data; ``text`` is the page."""

    def __init__(self, message, text):
        super().__init__(message)
        self.text = text


def read_answer(content, url):
    """The Overpass answer in ``content`` (bytes) as JSON-like data, ``(payload, format)``.

    ``format`` is "json" or "xml". Raises ErrorPage for an HTML page and
    FetchError for anything else that is not an Overpass answer.
    """
    text = decoded(content)
    if text.lstrip()[:1] == "<":
        if is_html(text.lstrip()):
            raise ErrorPage(
                tr("The Overpass server answered with an error page: '{words}'.").format(
                    words=server_words(text)
                ),
                text,
            )
        return from_xml(content), "xml"
    return json_answer(text, "Overpass", url), "json"


def _xml_problem(message):
    return FetchError(
        tr(
            "The server answered XML, not the JSON asked for, and it cannot be read as an "
            "OpenStreetMap answer ({message}). Check the Overpass address (setting "
            "drogscen/overpass_url)."
        ).format(message=message)
    )


def _number(text):
    """A coordinate attribute as a number; text that is none stays text, for the checks."""
    try:
        return float(text)
    except (TypeError, ValueError):
        return text


def _points(parent):
    return [
        {"lat": _number(nd.get("lat")), "lon": _number(nd.get("lon"))}
        if nd.get("lat") is not None
        else None
        for nd in parent.findall("nd")
    ]


def _xml_element(node):
    element = {"type": node.tag, "id": _number(node.get("id"))}
    if isinstance(element["id"], float) and element["id"].is_integer():
        element["id"] = int(element["id"])
    tags = {tag.get("k"): tag.get("v") for tag in node.findall("tag")}
    if tags:
        element["tags"] = tags
    if node.tag == "node":
        element["lat"], element["lon"] = _number(node.get("lat")), _number(node.get("lon"))
    elif node.tag == "way":
        element["geometry"] = _points(node)
    elif node.tag == "relation":
        element["members"] = [
            {
                "type": member.get("type"),
                "role": member.get("role", ""),
                "geometry": _points(member),
            }
            for member in node.findall("member")
        ]
    return element


def from_xml(content):
    """An Overpass XML answer (``out geom``) as the JSON form's dictionary."""
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as error:
        raise _xml_problem(str(error)) from error
    if root.tag != "osm":
        raise _xml_problem(tr("its root element is <{tag}>").format(tag=root.tag))
    elements = [
        _xml_element(node) for node in root if node.tag in ELEMENT_TYPES or node.tag == "area"
    ]
    return {"elements": elements, "remark": root.findtext("remark") or ""}


# --- checks of single elements -------------------------------------------------


def element_id(element, position):
    """``type/id`` of an element, or its position in the answer when it has none."""
    if isinstance(element, dict) and element.get("type") in ELEMENT_TYPES:
        if _is_int(element.get("id")):
            return "{}/{}".format(element["type"], element["id"])
    return tr("element {position}").format(position=position + 1)


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _tags_problem(tags):
    if tags is None:
        return None
    if not isinstance(tags, dict) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in tags.items()
    ):
        return tr("its tags are not a list of texts")
    for key, value in tags.items():
        if not (is_utf8(key) and is_utf8(value)):
            return tr("its tag '{key}' is not valid UTF-8").format(key=readable(key))
    return None


def _coordinate_problem(point, required=True):
    """Why a point ``{"lat": .., "lon": ..}`` is malformed, or None (also for a missing point).

    A node may lack both coordinates (``required`` False): the caller says so.
    """
    if point is None:
        return None
    if not isinstance(point, dict):
        return tr("a point of its geometry is not a position")
    for key, limit in (("lat", 90.0), ("lon", 180.0)):
        value = point.get(key)
        if value is None and not required:
            continue
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not math.isfinite(value)
            or abs(value) > limit
        ):
            return tr("{key} {value!r} is not a number of degrees").format(key=key, value=value)
    return None


def _geometry_problem(element):
    kind = element["type"]
    if kind == "node":
        return _coordinate_problem(element, required=False)
    if kind == "way":
        parts = [element.get("geometry")]
    else:
        members = element.get("members")
        if members is None:
            members = []
        if not isinstance(members, list) or not all(isinstance(m, dict) for m in members):
            return tr("its members are not a list")
        parts = [member.get("geometry") for member in members if member.get("type") == "way"]
    for points in parts:
        if points is None:
            continue
        if not isinstance(points, list):
            return tr("its geometry is not a list of points")
        for point in points:
            problem = _coordinate_problem(point)
            if problem:
                return problem
    return None


def element_problem(element):
    """Why an element of type node, way or relation cannot be trusted, or None."""
    if not _is_int(element.get("id")):
        return tr("its id {id!r} is not a positive whole number").format(id=element.get("id"))
    return _tags_problem(element.get("tags")) or _geometry_problem(element)
