"""One HTTP client for every source: User-Agent, timeouts, retries, proxy, TLS and clear errors.

Each request runs in a helper thread while the caller polls its cancel
callback, so a cancel takes effect within a tenth of a second even while a
slow server is still thinking. The answer is read there in pieces, so that
its size and the request's total time are bounded while it streams in.
"""

import configparser
import email.message
import email.utils
import functools
import os
import threading
import time
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

import requests

from ..core.errors import AnalysisCanceled
from ..i18n import tr
from .http_errors import (
    FetchError,
    json_answer,
    network_error,
    status_error,
    text_excerpt,
)
from .proxy_settings import ProxySettings

PLUGIN_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Answers worth another try after a pause: rate limit, gateway and overload errors.
RETRY_STATUSES = (429, 502, 503, 504)
# Seconds between cancel checks while a request or a pause is running.
CANCEL_POLL = 0.1
# The largest answer accepted, in megabytes (setting drogscen/max_answer_mb).
DEFAULT_MAX_ANSWER_MB = 200
MAX_ANSWER_KEY = "drogscen/max_answer_mb"
# Bytes read from the connection at a time.
READ_CHUNK = 64 * 1024
# Redirects followed per request.
MAX_REDIRECTS = 5


@functools.lru_cache(maxsize=1)
def plugin_version():
    """The version in the plugin's metadata.txt."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(os.path.join(PLUGIN_ROOT, "metadata.txt"), encoding="utf-8")
    return parser.get("general", "version", fallback="unknown")


def user_agent(version=None):
    """The User-Agent of every request; Overpass refuses requests without one."""
    return "Drogscen/{} (QGIS plugin)".format(version or plugin_version())


def parse_retry_after(value, now=None):
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max((when - now).total_seconds(), 0.0)


class HttpClient:
    """A requests session with the plugin's network behaviour.

    ``proxy`` is a ProxySettings; ``verify`` is True or the path of a CA
    bundle (TLS verification is never turned off). A 429, 502, 503 or 504
    answer is retried up to ``retries`` times, pausing as long as Retry-After
    asks or else ``backoff`` seconds, doubling each time, and at least
    ``min_rate_limit_wait`` seconds after a 429; a pause longer than
    ``max_wait`` is not waited out. ``is_canceled()`` is polled during
    requests and pauses; after a cancel the client must not be used again.
    An answer larger than ``max_bytes`` or a request (redirects included)
    taking longer than ``total_timeout`` seconds (default: ``read_timeout``)
    fails; redirects are followed only on the same host, never from https
    to anything else.
    """

    def __init__(
        self,
        user_agent,
        proxy=None,
        verify=True,
        connect_timeout=15.0,
        read_timeout=120.0,
        retries=3,
        backoff=5.0,
        min_rate_limit_wait=0.0,
        max_wait=600.0,
        is_canceled=None,
        max_bytes=DEFAULT_MAX_ANSWER_MB * 1024 * 1024,
        total_timeout=None,
    ):
        self._session = requests.Session()
        # Proxies come from ``proxy`` only, never from the environment behind its back.
        self._session.trust_env = False
        self._session.headers["User-Agent"] = user_agent
        self._session.headers["Accept"] = "application/json"
        self._proxy = proxy or ProxySettings()
        self._verify = verify
        self._timeout = (connect_timeout, read_timeout)
        self._retries = retries
        self._backoff = backoff
        self._min_rate_limit_wait = min_rate_limit_wait
        self._max_wait = max_wait
        self._is_canceled = is_canceled or (lambda: False)
        self._max_bytes = max_bytes
        self._total_timeout = read_timeout if total_timeout is None else total_timeout

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self):
        self._session.close()

    def check_canceled(self):
        if self._is_canceled():
            raise AnalysisCanceled(tr("The fetch was canceled."))

    def request(self, method, url, service, params=None, data=None):
        """The response to one request, retried as described; raises FetchError."""
        for attempt in range(self._retries + 1):
            self.check_canceled()
            response = self._send(method, url, params=params, data=data)
            if response.status_code not in RETRY_STATUSES or attempt == self._retries:
                break
            wait = self._retry_wait(response, attempt)
            if wait > self._max_wait:
                break
            self._sleep(wait)
        if response.status_code >= 400:
            raise status_error(response, service)
        return response

    def get_json(self, url, service, params=None):
        return self.json(self.request("GET", url, service, params=params), service)

    def text(self, response, service):
        """A response's text, decoded strictly: its declared charset, else UTF-8."""
        message = email.message.Message()
        message["content-type"] = response.headers.get("Content-Type", "")
        encoding = message.get_param("charset") or "utf-8-sig"
        try:
            return response.content.decode(encoding)
        except (UnicodeDecodeError, LookupError) as error:
            position = getattr(error, "start", 0)
            raise FetchError(
                tr(
                    "{service} sent text that is not valid {encoding} (at byte {position}, "
                    "near '{excerpt}'). Check that the address {url} points at the service itself."
                ).format(
                    service=service,
                    encoding=encoding.replace("-sig", "").upper(),
                    position=position,
                    excerpt=text_excerpt(
                        response.content[max(position - 40, 0) : position + 40].decode(
                            "utf-8", "replace"
                        ),
                        80,
                    ),
                    url=response.url,
                )
            ) from error

    def json(self, response, service):
        """The JSON of a response; FetchError when it is not JSON."""
        return json_answer(self.text(response, service), service, response.url)

    def _retry_wait(self, response, attempt):
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        wait = self._backoff * 2**attempt if retry_after is None else retry_after
        if response.status_code == 429:
            wait = max(wait, self._min_rate_limit_wait)
        return wait

    def _sleep(self, seconds):
        end = time.monotonic() + seconds
        while True:
            self.check_canceled()
            remaining = end - time.monotonic()
            if remaining <= 0:
                return
            time.sleep(min(CANCEL_POLL, remaining))

    def _send(self, method, url, **kwargs):
        """The final response to a request, following the redirects allowed."""
        deadline = time.monotonic() + self._total_timeout
        for _ in range(MAX_REDIRECTS + 1):
            response = self._fetch(method, url, deadline, **kwargs)
            if not response.is_redirect:
                return response
            target = urljoin(url, response.headers["Location"])
            self._check_redirect(url, target)
            if response.status_code == 303 or (
                response.status_code in (301, 302) and method != "HEAD"
            ):
                method, kwargs = "GET", {}
            else:
                kwargs = {key: value for key, value in kwargs.items() if key != "params"}
            url = target
        raise FetchError(
            tr("{host} redirected the request more than {count} times.").format(
                host=urlsplit(url).netloc, count=MAX_REDIRECTS
            )
        )

    @staticmethod
    def _check_redirect(source, target):
        """FetchError unless ``target`` stays on the host of ``source``, https kept."""
        before, after = urlsplit(source), urlsplit(target)
        same_host = (after.hostname or "").lower() == (before.hostname or "").lower()
        if after.scheme == "https":
            allowed = same_host and before.scheme in ("http", "https")
        else:
            allowed = (
                same_host
                and before.scheme == after.scheme == "http"
                and (after.port == before.port)
            )
        if not allowed:
            raise FetchError(
                tr(
                    "{host} redirected the request to '{target}', which is not followed: only "
                    "redirects on the same host, never from https to anything else, are. Check "
                    "the address of the service."
                ).format(host=before.netloc, target=text_excerpt(target, 120))
            )

    def _fetch(self, method, url, deadline, **kwargs):
        """One request without redirects, its answer read whole within ``deadline``."""
        outcome = {}
        done = threading.Event()
        stop = threading.Event()
        proxies = self._proxy.proxies_for(url)

        def run():
            try:
                response = self._session.request(
                    method,
                    url,
                    timeout=self._timeout,
                    verify=self._verify,
                    proxies=proxies,
                    stream=True,
                    allow_redirects=False,
                    **kwargs,
                )
                outcome["answering"] = True
                with response:
                    body = b"" if response.is_redirect else self._read_body(response, stop)
                response._content = body  # what .content, .text and .json() read
                outcome["response"] = response
            except Exception as error:  # noqa: BLE001 (raised again in the caller's thread)
                outcome["error"] = error
            finally:
                done.set()

        threading.Thread(target=run, name="drogscen-http", daemon=True).start()
        try:
            while not done.wait(CANCEL_POLL):
                self.check_canceled()
                if time.monotonic() > deadline:
                    raise self._too_slow(url, outcome.get("answering", False))
        except BaseException:
            stop.set()  # the helper stops reading at its next piece
            raise
        error = outcome.get("error")
        if isinstance(error, FetchError):
            raise error
        if error is not None:
            raise network_error(error, url, self._timeout) from error
        return outcome["response"]

    def _read_body(self, response, stop):
        """The answer's bytes; FetchError beyond ``max_bytes``, None once ``stop`` is set."""
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self._max_bytes:
            raise self._too_large(response.url)
        pieces, size = [], 0
        # Decompressed pieces: a small compressed answer must not unpack unbounded.
        for piece in response.iter_content(READ_CHUNK):
            if stop.is_set():
                return None
            size += len(piece)
            if size > self._max_bytes:
                raise self._too_large(response.url)
            pieces.append(piece)
        return b"".join(pieces)

    def _too_large(self, url):
        return FetchError(
            tr(
                "The answer of {host} is larger than {size:g} MB, the most the plugin accepts "
                "(setting {key}). Ask for a smaller area, or raise the setting."
            ).format(
                host=urlsplit(url).netloc or url,
                size=self._max_bytes / (1024 * 1024),
                key=MAX_ANSWER_KEY,
            )
        )

    def _too_slow(self, url, answering):
        if answering:
            message = tr(
                "{host} did not send its whole answer within {total:g} s. The server or the "
                "network may be slow: try again later, or with a smaller area."
            )
        else:
            message = tr(
                "{host} did not answer within {total:g} s. The server may be busy: try again "
                "later, or with a smaller area."
            )
        return FetchError(
            message.format(host=urlsplit(url).netloc or url, total=self._total_timeout)
        )
