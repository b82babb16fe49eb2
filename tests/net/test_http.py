"""The HTTP client against local servers: retries, timeouts, cancel, proxy, TLS, messages."""

import base64
import configparser
import datetime
import ipaddress
import socket
import ssl
import threading
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from drogscen_plugin.core.errors import AnalysisCanceled
from drogscen_plugin.net.http import parse_retry_after
from drogscen_plugin.net.http_errors import FetchError, HttpStatusError
from drogscen_plugin.net.proxy_settings import ProxySettings, proxy_url

ROOT = Path(__file__).resolve().parents[2]


def arrivals(httpserver, path, answers):
    """Serve ``answers`` (Response objects) in turn at ``path``; returns the arrival times."""
    times = []
    remaining = list(answers)

    def handler(request):
        times.append(time.monotonic())
        return remaining.pop(0) if len(remaining) > 1 else remaining[0]

    httpserver.expect_request(path).respond_with_handler(handler)
    return times


def json_response(text='{"ok": true}', status=200, headers=None):
    return Response(text, status=status, headers=headers, content_type="application/json")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_every_request_names_the_plugin_and_its_version(httpserver, make_client):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    httpserver.expect_request("/x").respond_with_json({"ok": True})

    assert make_client().get_json(httpserver.url_for("/x"), "Test") == {"ok": True}

    request, _ = httpserver.log[0]
    assert request.headers["User-Agent"] == "Drogscen/{} (QGIS plugin)".format(
        parser["general"]["version"]
    )


def test_429_is_retried_after_the_pause_retry_after_asks_for(httpserver, make_client):
    times = arrivals(
        httpserver,
        "/x",
        [json_response("", 429, {"Retry-After": "1"}), json_response('{"n": 2}')],
    )

    assert make_client().get_json(httpserver.url_for("/x"), "Test") == {"n": 2}
    assert len(times) == 2
    assert times[1] - times[0] >= 1.0


def test_429_without_retry_after_waits_at_least_the_minimum(httpserver, make_client):
    times = arrivals(httpserver, "/x", [json_response("", 429), json_response('{"n": 2}')])

    client = make_client(min_rate_limit_wait=0.3, backoff=0.01)
    assert client.get_json(httpserver.url_for("/x"), "Test") == {"n": 2}
    assert times[1] - times[0] >= 0.3


def test_a_retry_after_longer_than_the_longest_wait_is_not_waited_out(httpserver, make_client):
    times = arrivals(httpserver, "/x", [json_response("", 429, {"Retry-After": "3600"})])

    with pytest.raises(HttpStatusError, match="too many requests") as caught:
        make_client(max_wait=60).get_json(httpserver.url_for("/x"), "Test")
    assert caught.value.status == 429
    assert len(times) == 1


@pytest.mark.parametrize("status", [502, 503, 504])
def test_gateway_and_overload_errors_are_retried(httpserver, make_client, status):
    times = arrivals(
        httpserver, "/x", [json_response("", status), json_response("", status), json_response()]
    )

    assert make_client().get_json(httpserver.url_for("/x"), "Test") == {"ok": True}
    assert len(times) == 3


def test_a_server_that_stays_unavailable_gets_a_clear_message(httpserver, make_client):
    times = arrivals(httpserver, "/x", [Response("Service Unavailable", status=503)])

    with pytest.raises(HttpStatusError) as caught:
        make_client(retries=2).get_json(httpserver.url_for("/x"), "Test service")
    assert len(times) == 3
    message = str(caught.value)
    assert "Test service is busy or unavailable (HTTP 503)" in message
    assert "Try again in a few minutes" in message


def test_other_errors_are_not_retried(httpserver, make_client):
    times = arrivals(httpserver, "/x", [Response("no such thing", status=404)])

    with pytest.raises(HttpStatusError, match=r"HTTP 404\). Check the address"):
        make_client().get_json(httpserver.url_for("/x"), "Test")
    assert len(times) == 1


def test_an_answer_that_is_not_json_gets_a_clear_message(httpserver, make_client):
    httpserver.expect_request("/x").respond_with_data('{"elements": [', content_type="text/html")

    with pytest.raises(FetchError, match=r"not valid JSON \('\{\"elements\": \['\)"):
        make_client().get_json(httpserver.url_for("/x"), "Test")


def test_json_nested_deeper_than_python_reads_gets_a_clear_message(httpserver, make_client):
    httpserver.expect_request("/x").respond_with_data(
        "[" * 200_000 + "]" * 200_000, content_type="application/json"
    )

    with pytest.raises(FetchError, match=r"not valid JSON \('\[\[\["):
        make_client().get_json(httpserver.url_for("/x"), "Test")


def test_a_server_that_never_answers_times_out_with_a_clear_message(httpserver, make_client):
    def silent(request):
        time.sleep(1.0)
        return json_response()

    httpserver.expect_request("/x").respond_with_handler(silent)

    with pytest.raises(FetchError, match=r"did not answer within 0.2 s.*try again later"):
        make_client(read_timeout=0.2).get_json(httpserver.url_for("/x"), "Test")


def test_a_closed_port_gets_a_message_about_the_connection(make_client):
    url = "http://127.0.0.1:{}/x".format(free_port())

    with pytest.raises(FetchError, match=r"Could not connect to 127\.0\.0\.1:\d+ .*proxy"):
        make_client().get_json(url, "Test")


def test_cancel_takes_effect_while_the_server_is_still_working(httpserver, make_client):
    arrived = threading.Event()
    release = threading.Event()

    def slow(request):
        arrived.set()
        release.wait(10)
        return json_response()

    httpserver.expect_request("/x").respond_with_handler(slow)
    # Canceled once the server has the request: the client must not wait for the answer.
    client = make_client(read_timeout=30.0, is_canceled=arrived.is_set)
    try:
        with pytest.raises(AnalysisCanceled):
            client.get_json(httpserver.url_for("/x"), "Test")
        assert not release.is_set()
    finally:
        release.set()


def test_cancel_ends_a_retry_pause(httpserver, make_client):
    times = arrivals(httpserver, "/x", [json_response("", 429, {"Retry-After": "600"})])

    client = make_client(max_wait=3600, is_canceled=lambda: len(times) > 0)
    with pytest.raises(AnalysisCanceled):
        client.get_json(httpserver.url_for("/x"), "Test")
    assert len(times) == 1


def test_retry_after_as_an_http_date():
    now = datetime.datetime(2025, 5, 8, 10, 0, 0, tzinfo=datetime.timezone.utc)

    assert parse_retry_after("Thu, 08 May 2025 10:00:45 GMT", now) == 45.0
    assert parse_retry_after("Thu, 08 May 2025 09:59:00 GMT", now) == 0.0
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


# --- proxy ------------------------------------------------------------------------


def test_proxy_url_quotes_user_and_password():
    assert (
        proxy_url("http", "proxy.example.org", "8080", "kommun\\anna b", "p@ss:w/rd")
        == "http://kommun%5Canna%20b:p%40ss%3Aw%2Frd@proxy.example.org:8080"
    )
    assert proxy_url("http", "proxy.example.org", "", "", "") == "http://proxy.example.org"


def test_requests_go_through_the_proxy_with_its_credentials(httpserver, make_client, proxy):
    httpserver.expect_request("/x").respond_with_json({"via": "proxy"})
    settings = ProxySettings(url=proxy_url("http", "127.0.0.1", proxy.port, "anna", "hemligt"))

    assert make_client(proxy=settings).get_json(httpserver.url_for("/x"), "Test") == {
        "via": "proxy"
    }

    assert [recorded.url for recorded in proxy.requests] == [httpserver.url_for("/x")]
    credentials = proxy.requests[0].headers["Proxy-Authorization"]
    assert credentials == "Basic " + base64.b64encode(b"anna:hemligt").decode()


def test_addresses_excluded_from_the_proxy_go_direct(httpserver, make_client, proxy):
    httpserver.expect_request("/x").respond_with_json({"via": "direct"})
    settings = ProxySettings(url=proxy.url, bypass=(httpserver.url_for("/"),))

    assert make_client(proxy=settings).get_json(httpserver.url_for("/x"), "Test") == {
        "via": "direct"
    }
    assert proxy.requests == []


def test_an_unreachable_proxy_gets_a_message_about_the_proxy(httpserver, make_client):
    settings = ProxySettings(url="http://127.0.0.1:{}".format(free_port()))

    with pytest.raises(FetchError, match=r"through the proxy .*Settings › Options › Network"):
        make_client(proxy=settings).get_json(httpserver.url_for("/x"), "Test")
    assert httpserver.log == []


# --- TLS --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    """An HTTPS server on 127.0.0.1 with a self-signed certificate, and that certificate's path."""
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_path = folder / "cert.pem"
    key_path = folder / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(cert_path), str(key_path))
    server = HTTPServer(host="127.0.0.1", ssl_context=context)
    server.start()
    yield server, str(cert_path)
    server.clear()
    server.stop()


def test_an_unknown_certificate_is_refused_with_advice_on_the_ca_bundle(tls_server, make_client):
    server, _ = tls_server
    server.expect_request("/x").respond_with_json({"ok": True})

    with pytest.raises(FetchError, match=r"certificate could not be verified.*drogscen/ca_bundle"):
        make_client().get_json(server.url_for("/x"), "Test")


def test_a_custom_ca_bundle_makes_the_certificate_trusted(tls_server, make_client):
    server, certificate = tls_server
    server.expect_request("/x").respond_with_json({"ok": True})

    assert make_client(verify=certificate).get_json(server.url_for("/x"), "Test") == {"ok": True}


# --- bounds: size, total time, redirects, strict text -------------------------------


@pytest.fixture
def finished():
    """Set when the test ends: a streaming answer stops, freeing the one-thread server."""
    event = threading.Event()
    yield event
    event.set()


def test_an_answer_larger_than_the_limit_is_refused_before_it_is_read_whole(
    httpserver, make_client
):
    httpserver.expect_request("/x").respond_with_data(b"[" + b"0," * 600_000 + b"0]")

    with pytest.raises(FetchError, match=r"larger than 1 MB.*drogscen/max_answer_mb"):
        make_client(max_bytes=1024 * 1024).get_json(httpserver.url_for("/x"), "Test")


def test_a_streamed_answer_without_length_is_cut_off_at_the_limit(
    httpserver, make_client, finished
):
    sent = []

    def endless(request):
        def pieces():
            while len(sent) < 10_000 and not finished.is_set():  # 640 MB unless stopped
                sent.append(1)
                yield b" " * 65536

        return Response(pieces(), content_type="application/json")

    httpserver.expect_request("/x").respond_with_handler(endless)

    with pytest.raises(FetchError, match=r"larger than 1 MB"):
        make_client(max_bytes=1024 * 1024).get_json(httpserver.url_for("/x"), "Test")
    assert len(sent) < 10_000


def test_a_compressed_answer_counts_with_its_unpacked_size(httpserver, make_client):
    import gzip

    packed = gzip.compress(b"[" + b"0," * 2_000_000 + b"0]")
    assert len(packed) < 1024 * 1024
    httpserver.expect_request("/x").respond_with_response(
        Response(packed, headers={"Content-Encoding": "gzip"}, content_type="application/json")
    )

    with pytest.raises(FetchError, match=r"larger than 1 MB"):
        make_client(max_bytes=1024 * 1024).get_json(httpserver.url_for("/x"), "Test")
    # The same answer within the limit is read and unpacked.
    assert len(make_client().get_json(httpserver.url_for("/x"), "Test")) == 2_000_001


def trickle(finished, pause):
    """A handler answering a byte every ``pause`` seconds for minutes, until the test ends."""

    def handler(request):
        def pieces():
            for _ in range(600):
                if finished.is_set():
                    return
                yield b" "
                time.sleep(pause)

        return Response(pieces(), content_type="application/json")

    return handler


def test_an_answer_trickling_in_ends_at_the_total_time_limit(httpserver, make_client, finished):
    httpserver.expect_request("/x").respond_with_handler(trickle(finished, 0.5))

    # Each read is well within the read timeout; only the total limit ends it.
    client = make_client(read_timeout=5.0, total_timeout=1.5)
    with pytest.raises(FetchError, match=r"did not send its whole answer within 1.5 s"):
        client.get_json(httpserver.url_for("/x"), "Test")


def test_the_total_time_limit_defaults_to_the_read_timeout(httpserver, make_client, finished):
    httpserver.expect_request("/x").respond_with_handler(trickle(finished, 0.3))

    with pytest.raises(FetchError, match=r"within 1 s"):
        make_client(read_timeout=1.0).get_json(httpserver.url_for("/x"), "Test")


def test_a_redirect_on_the_same_host_is_followed(httpserver, make_client):
    httpserver.expect_request("/old").respond_with_response(
        Response("", status=301, headers={"Location": "/new"})
    )
    httpserver.expect_request("/new").respond_with_json({"moved": True})

    assert make_client().get_json(httpserver.url_for("/old"), "Test") == {"moved": True}


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:{other}/x",
        "http://localhost:{port}/x",
        "file:///etc/passwd",
        "ftp://127.0.0.1:{port}/x",
    ],
)
def test_a_redirect_to_another_host_port_or_scheme_is_refused(httpserver, make_client, target):
    other = HTTPServer(host="127.0.0.1", port=0)
    other.start()
    try:
        other.expect_request("/x").respond_with_json({"trusted": True})
        location = target.format(other=other.port, port=httpserver.port)
        httpserver.expect_request("/old").respond_with_response(
            Response("", status=302, headers={"Location": location})
        )

        with pytest.raises(FetchError, match=r"redirected the request to .* not followed"):
            make_client().get_json(httpserver.url_for("/old"), "Test")
        assert other.log == []
    finally:
        other.clear()
        other.stop()


def test_endless_redirects_end_with_a_clear_message(httpserver, make_client):
    httpserver.expect_request("/loop").respond_with_response(
        Response("", status=302, headers={"Location": "/loop"})
    )

    with pytest.raises(FetchError, match=r"redirected the request more than 5 times"):
        make_client().get_json(httpserver.url_for("/loop"), "Test")


def test_text_that_is_not_utf8_gets_a_clear_message(httpserver, make_client):
    httpserver.expect_request("/x").respond_with_data(
        b'{"name": "Skola \xe5\xe4"}', content_type="application/json"
    )

    # Latin-1 bytes where UTF-8 is due: said, with where, not read as replacement marks.
    with pytest.raises(
        FetchError, match=r"not valid UTF-8 \(at byte 16, near '\{\"name\": \"Skola"
    ):
        make_client().get_json(httpserver.url_for("/x"), "Test")


def test_text_in_a_declared_charset_is_decoded_in_it(httpserver, make_client):
    httpserver.expect_request("/x").respond_with_data(
        '{"name": "Åsa skola"}'.encode("iso-8859-1"),
        content_type="application/json; charset=ISO-8859-1",
    )

    assert make_client().get_json(httpserver.url_for("/x"), "Test") == {"name": "Åsa skola"}


def test_a_redirect_from_https_to_plain_http_is_refused(tls_server, httpserver, make_client):
    server, certificate = tls_server
    httpserver.expect_request("/x").respond_with_json({"trusted": True})
    plain = "http://127.0.0.1:{}/x".format(httpserver.port)
    server.expect_request("/down").respond_with_response(
        Response("", status=301, headers={"Location": plain})
    )

    with pytest.raises(FetchError, match=r"never from https to anything else"):
        make_client(verify=certificate).get_json(server.url_for("/down"), "Test")
    assert httpserver.log == []
