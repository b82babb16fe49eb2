"""Tests of the network clients against local servers on 127.0.0.1; no QGIS."""

import pytest

from drogscen_plugin.net.http import HttpClient, user_agent
from tests.net.servers import RecordingProxy

ENVIRONMENT_PROXIES = (
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
)


@pytest.fixture(scope="session")
def httpserver_listen_address():
    return ("127.0.0.1", 0)


@pytest.fixture(autouse=True)
def no_environment_proxies(monkeypatch):
    """Requests go to the local servers, whatever proxy the machine has."""
    for name in ENVIRONMENT_PROXIES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def make_client():
    """HttpClient factory with pauses short enough for tests; options override."""
    clients = []

    def make(**options):
        settings = {
            "backoff": 0.01,
            "min_rate_limit_wait": 0.01,
            "connect_timeout": 2.0,
            "read_timeout": 5.0,
        }
        settings.update(options)
        client = HttpClient(user_agent(), **settings)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def proxy():
    server = RecordingProxy()
    yield server
    server.close()
