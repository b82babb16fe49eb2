"""JSON answers decoded without losing track of bytes that are not UTF-8.

Invalid bytes become lone surrogates (``surrogateescape``), so the one
element whose text holds them can be named and left out, instead of the
text being mangled silently or the whole answer refused.
"""

import json
import re

from ..i18n import tr
from .http import FetchError, text_excerpt

_SURROGATE = re.compile("[\ud800-\udfff]")


def decoded(content):
    """The text of an answer's bytes, invalid UTF-8 kept as lone surrogates."""
    return content.decode("utf-8", "surrogateescape")


def loads(text, service, url):
    """The JSON in ``text``; FetchError naming the service when it is not JSON."""
    try:
        return json.loads(text)
    # Nesting deeper than Python's recursion limit is no answer either.
    except (ValueError, RecursionError) as error:
        raise FetchError(
            tr(
                "{service} sent an answer that is not valid JSON ('{excerpt}'). Check that "
                "the address {url} points at the service itself."
            ).format(service=service, excerpt=text_excerpt(text, 80), url=url)
        ) from error


def is_utf8(text):
    """False for text holding lone surrogates: bytes that were not UTF-8, or a JSON escape."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def readable(text):
    """``text`` with what is not UTF-8 shown as �, for messages."""
    return _SURROGATE.sub("\ufffd", text)
