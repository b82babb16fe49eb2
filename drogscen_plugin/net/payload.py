"""JSON answers decoded without losing track of bytes that are not UTF-8.

Invalid bytes become lone surrogates (``surrogateescape``), so the one
element whose text holds them can be named and left out, instead of the
text being mangled silently or the whole answer refused.
"""

import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def decoded(content):
    """The text of an answer's bytes, invalid UTF-8 kept as lone surrogates."""
    return content.decode("utf-8", "surrogateescape")


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
