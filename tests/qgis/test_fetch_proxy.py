"""The proxy set in QGIS (Settings › Options › Network) carries the plugin's requests."""

import base64
import socket

import processing
import pytest
from pytest_httpserver import HTTPServer
from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsProcessingException, QgsSettings

from drogscen_plugin.qgis_io.proxy import proxy_settings
from tests.net.servers import RecordingProxy, data_text

OVERPASS = "/api/interpreter"
EXTENT = "18.06,18.09,59.31,59.32 [EPSG:4326]"
KEYS = (
    "proxy/proxyEnabled",
    "proxy/proxyType",
    "proxy/proxyHost",
    "proxy/proxyPort",
    "proxy/proxyUser",
    "proxy/proxyPassword",
    "proxy/authcfg",
    "proxy/proxyExcludedUrls",
    "proxy/noProxyUrls",
    "drogscen/ca_bundle",
)
ENVIRONMENT_PROXIES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")
# The master password of the tests' own authentication database (.qgis-settings).
MASTER_PASSWORD = "drogscen-test-master"


@pytest.fixture(scope="module")
def server():
    server = HTTPServer(host="127.0.0.1")
    server.start()
    server.expect_request(OVERPASS, method="POST").respond_with_data(
        data_text("overpass_schools.json"), content_type="application/json"
    )
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def proxy():
    proxy = RecordingProxy()
    yield proxy
    proxy.close()


@pytest.fixture(autouse=True)
def settings(monkeypatch):
    """QgsSettings with no proxy keys, restored afterwards; no proxy in the environment."""
    for name in ENVIRONMENT_PROXIES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    settings = QgsSettings()
    saved = {key: settings.value(key) for key in KEYS if settings.contains(key)}
    for key in KEYS:
        settings.remove(key)
    yield settings
    for key in KEYS:
        settings.remove(key)
    for key, value in saved.items():
        settings.setValue(key, value)


@pytest.fixture
def stored_login():
    """A Basic login for the proxy in QGIS's authentication database; its id."""
    manager = QgsApplication.authManager()
    assert manager.setMasterPassword(MASTER_PASSWORD, True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("Drogscen test proxy")
    config.setConfig("username", "kommun\\erik")
    config.setConfig("password", "lösen:@proxy")
    stored, config = manager.storeAuthenticationConfig(config)
    assert stored
    yield config.id()
    manager.removeAuthenticationConfig(config.id())


def use_proxy(settings, port, kind="HttpProxy", **extra):
    values = {
        "proxy/proxyEnabled": True,
        "proxy/proxyType": kind,
        "proxy/proxyHost": "127.0.0.1",
        "proxy/proxyPort": str(port),
    }
    values.update(extra)
    for key, value in values.items():
        settings.setValue(key, value)


def fetch(server):
    return processing.run(
        "drogscen:fetchschools",
        {
            "EXTENT": EXTENT,
            "OVERPASS_URL": server.url_for(OVERPASS),
            "OUTPUT": "memory:",
            "GROUNDS": "memory:",
        },
    )


def test_the_proxy_set_in_qgis_sees_the_request_with_its_credentials(server, proxy, settings):
    use_proxy(
        settings,
        proxy.port,
        **{"proxy/proxyUser": "kommun\\anna", "proxy/proxyPassword": "hemligt:lösen"},
    )

    result = fetch(server)

    assert result["SCHOOL_COUNT"] == 4
    (seen,) = proxy.requests
    assert (seen.method, seen.url) == ("POST", server.url_for(OVERPASS))
    scheme, credentials = seen.headers["Proxy-Authorization"].split()
    # Basic credentials travel in ISO-8859-1, as QGIS's own requests send them.
    assert (scheme, base64.b64decode(credentials).decode("latin-1")) == (
        "Basic",
        "kommun\\anna:hemligt:lösen",
    )
    assert seen.headers["User-Agent"].startswith("Drogscen/")


def test_credentials_in_the_authentication_database_open_a_proxy_that_requires_them(
    server, settings, stored_login
):
    proxy = RecordingProxy(login=("kommun\\erik", "lösen:@proxy"))
    try:
        # Without credentials the proxy refuses; QGIS's own fields are overridden by authcfg.
        use_proxy(settings, proxy.port)
        with pytest.raises(QgsProcessingException, match="407"):
            fetch(server)
        wrong = {"proxy/proxyUser": "fel", "proxy/proxyPassword": "fel"}
        use_proxy(settings, proxy.port, **{"proxy/authcfg": stored_login}, **wrong)
        result = fetch(server)
    finally:
        proxy.close()

    assert result["SCHOOL_COUNT"] == 4
    assert [seen.url for seen in proxy.requests] == [server.url_for(OVERPASS)] * 2
    assert "Proxy-Authorization" not in proxy.requests[0].headers
    assert proxy.requests[1].headers["Proxy-Authorization"].startswith("Basic ")


def test_an_unknown_authentication_configuration_is_named(server, proxy, settings):
    use_proxy(settings, proxy.port, **{"proxy/authcfg": "nosuch1"})

    with pytest.raises(QgsProcessingException, match="'nosuch1'.*proxy/authcfg"):
        fetch(server)
    assert proxy.requests == []


def test_a_disabled_proxy_is_not_used(server, proxy, settings):
    use_proxy(settings, proxy.port, **{"proxy/proxyEnabled": False})

    fetch(server)

    assert proxy.requests == []


def test_addresses_without_proxy_go_direct(server, proxy, settings):
    use_proxy(settings, proxy.port, **{"proxy/noProxyUrls": [server.url_for("/")]})

    assert fetch(server)["SCHOOL_COUNT"] == 4
    assert proxy.requests == []


def test_excluded_addresses_and_the_default_proxy_use_the_system_proxy(
    server, proxy, settings, monkeypatch
):
    system = RecordingProxy()
    try:
        monkeypatch.setenv("http_proxy", system.url)
        use_proxy(settings, proxy.port, **{"proxy/proxyExcludedUrls": [server.url_for("/")]})
        fetch(server)
        use_proxy(settings, proxy.port, kind="DefaultProxy")
        fetch(server)
    finally:
        system.close()

    assert proxy.requests == []
    assert [seen.url for seen in system.requests] == [server.url_for(OVERPASS)] * 2


def test_an_unreachable_proxy_is_reported_as_such(server, settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    use_proxy(settings, port)

    with pytest.raises(QgsProcessingException, match="through the proxy"):
        fetch(server)


def test_proxy_settings_as_qgis_writes_them(settings):
    use_proxy(settings, 3128, **{"proxy/proxyHost": "http://proxy.kommun.se/"})
    assert proxy_settings(settings).url == "http://proxy.kommun.se:3128"

    use_proxy(settings, 1080, kind="Socks5Proxy", **{"proxy/proxyHost": "socks.kommun.se"})
    assert proxy_settings(settings).url == "socks5h://socks.kommun.se:1080"

    # Older versions wrote lists as one string joined with '|'.
    settings.setValue("proxy/noProxyUrls", "http://intra.kommun.se|https://gis.kommun.se")
    assert proxy_settings(settings).bypass == ("http://intra.kommun.se", "https://gis.kommun.se")

    use_proxy(settings, 21, kind="FtpCachingProxy")
    assert proxy_settings(settings).url is None
