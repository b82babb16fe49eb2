"""What went wrong in a fetch, in words for the user: the errors, the server's
answer quoted, and what to try for each kind of failure."""

import json
import re
from urllib.parse import urlsplit

import requests

from ..core.errors import DrogscenError
from ..i18n import tr

# Characters of a server's error text quoted in a message.
EXCERPT_LENGTH = 200


class FetchError(DrogscenError):
    """A fetch that failed; the message says what happened and what to try."""


class HttpStatusError(FetchError):
    """The server answered with an error status (after any retries)."""

    def __init__(self, message, status, text):
        super().__init__(message)
        self.status = status
        self.text = text


def text_excerpt(text, length=EXCERPT_LENGTH):
    """The readable start of a server's answer: tags removed, spaces collapsed."""
    text = re.sub(r"<[^>]*>", " ", text or "")
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _reason(error):
    """The innermost cause of a requests exception, without object addresses."""
    cause = error
    while True:
        inner = getattr(cause, "reason", None)
        if not isinstance(inner, BaseException):
            inner = next(
                (arg for arg in reversed(cause.args) if isinstance(arg, BaseException)), None
            )
        if inner is None:
            break
        cause = inner
    text = re.sub(r"<[^>]*>:\s*", "", str(cause))
    return text_excerpt(text) or type(cause).__name__


def json_answer(text, service, url):
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


def network_error(error, url, timeout):
    """A FetchError for a requests exception: what happened and what to try."""
    host = urlsplit(url).netloc or url
    connect, read = timeout
    detail = _reason(error)
    network = tr("QGIS under Settings › Options › Network")
    exceptions = requests.exceptions
    if isinstance(error, exceptions.ProxyError):
        message = tr(
            "Could not reach {host} through the proxy ({detail}). Check the proxy in "
            "{network}: address, port, user and password."
        )
    elif isinstance(error, exceptions.SSLError):
        message = tr(
            "The secure connection to {host} failed: its certificate could not be verified "
            "({detail}). If your organisation inspects encrypted traffic, set the CA bundle "
            "file with its root certificate (setting drogscen/ca_bundle); check also the "
            "computer's date and time."
        )
    elif isinstance(error, exceptions.ConnectTimeout):
        message = tr(
            "No connection to {host} within {connect:g} s. Check the network connection and "
            "the proxy in {network}."
        )
    elif isinstance(error, exceptions.ReadTimeout) or (
        isinstance(error, exceptions.ConnectionError) and "Read timed out" in str(error)
    ):
        message = tr(
            "{host} did not answer within {read:g} s. The server may be busy: try again "
            "later, or with a smaller area."
        )
    elif isinstance(error, exceptions.InvalidSchema) and "SOCKS" in str(error):
        message = tr(
            "The SOCKS proxy set in {network} needs the Python package PySocks (Debian and "
            "Ubuntu: python3-socks). Install it, or use an HTTP proxy."
        )
    elif isinstance(
        error, (exceptions.MissingSchema, exceptions.InvalidSchema, exceptions.InvalidURL)
    ):
        message = tr(
            "'{url}' is not an address the plugin can use: it must start with https:// or http://."
        )
    elif isinstance(error, exceptions.ConnectionError):
        message = tr(
            "Could not connect to {host} ({detail}). Check the network connection, the "
            "address and the proxy in {network}."
        )
    else:
        message = tr("The connection to {host} broke off ({detail}). Try again.")
    return FetchError(
        message.format(
            host=host, detail=detail, network=network, connect=connect, read=read, url=url
        )
    )


def status_error(response, service):
    """An HttpStatusError for an error answer: what happened and what to try."""
    status = response.status_code
    excerpt = text_excerpt(response.text)
    if status == 429:
        message = tr(
            "{service} refuses further requests for now: too many requests (HTTP 429). Wait "
            "a few minutes and try again."
        )
    elif status in (502, 503, 504):
        message = tr(
            "{service} is busy or unavailable (HTTP {status}). Try again in a few minutes."
        )
    elif status == 407:
        message = tr(
            "The proxy asks for a user name and password (HTTP 407). Enter them in QGIS "
            "under Settings › Options › Network."
        )
    elif status == 404:
        message = tr("{service} has nothing at {url} (HTTP 404). Check the address of the service.")
    else:
        message = tr(
            "{service} answered with an error (HTTP {status}): '{excerpt}'. Check the "
            "address {url}."
        )
    return HttpStatusError(
        message.format(service=service, status=status, url=response.url, excerpt=excerpt),
        status,
        response.text,
    )
