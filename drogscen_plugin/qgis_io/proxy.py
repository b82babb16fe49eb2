"""Network settings from QGIS: the proxy, the CA bundle and the addresses of the sources.

The proxy is the one in QGIS under Settings › Options › Network (QgsSettings
keys ``proxy/...``), read the way QGIS reads them: addresses starting with an
entry of ``proxy/noProxyUrls`` go direct, those starting with an entry of
``proxy/proxyExcludedUrls`` use the system's proxy, as does the proxy type
"Default proxy". The user name and password come from the authentication
configuration ``proxy/authcfg`` (QGIS's authentication database) when one is
set, as in QGIS, else from ``proxy/proxyUser`` and ``proxy/proxyPassword``.
The plugin's own keys are ``drogscen/ca_bundle``, ``drogscen/max_answer_mb`` and
each source's address (``url_setting`` in definitions/sources.py, such as
``drogscen/overpass_url``).
"""

import math
import os

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtNetwork import QNetworkProxy

from ..core.errors import InputError
from ..i18n import tr
from ..net.http import DEFAULT_MAX_ANSWER_MB, MAX_ANSWER_KEY
from ..net.proxy_settings import ProxySettings, proxy_url

CA_BUNDLE_KEY = "drogscen/ca_bundle"
AUTHCFG_KEY = "proxy/authcfg"

# QGIS proxy types that requests can use; the rest mean the system's proxy.
_SCHEMES = {"HttpProxy": "http", "HttpCachingProxy": "http", "Socks5Proxy": "socks5h"}


def _text(settings, key):
    value = settings.value(key, "")
    return "" if value is None else str(value).strip()


def _prefixes(settings, key):
    """A list setting; older QGIS versions wrote one string joined with '|'."""
    value = settings.value(key, [])
    if isinstance(value, str):
        value = value.split("|")
    return tuple(str(item).strip() for item in value or () if str(item).strip())


def proxy_login(settings):
    """(user, password) for the proxy; from QGIS's authentication database when set there."""
    authcfg = _text(settings, AUTHCFG_KEY)
    if not authcfg:
        return _text(settings, "proxy/proxyUser"), _text(settings, "proxy/proxyPassword")
    manager = QgsApplication.authManager()
    found, proxy = False, None
    if manager is not None:
        # The same call QGIS makes for its own requests through the proxy.
        found, proxy = manager.updateNetworkProxy(QNetworkProxy(), authcfg)
    if not found:
        raise InputError(
            tr(
                "The proxy's authentication configuration '{id}' (Settings › Options › "
                "Network, setting {key}) could not be read: it is not in QGIS's authentication "
                "database, it holds no user name and password, or the master password was not "
                "entered."
            ).format(id=authcfg, key=AUTHCFG_KEY)
        )
    return proxy.user(), proxy.password()


def proxy_settings(settings=None):
    """The proxy QGIS uses, as a ProxySettings for the plugin's HTTP client."""
    settings = settings or QgsSettings()
    if not settings.value("proxy/proxyEnabled", False, type=bool):
        return ProxySettings()
    bypass = _prefixes(settings, "proxy/noProxyUrls")
    scheme = _SCHEMES.get(_text(settings, "proxy/proxyType"))
    host = _text(settings, "proxy/proxyHost")
    # Some write the host as a URL.
    if "://" in host:
        host = host.split("://", 1)[1]
    host = host.rstrip("/")
    if scheme is None or not host:
        return ProxySettings(bypass=bypass)
    return ProxySettings(
        url=proxy_url(
            scheme,
            host,
            _text(settings, "proxy/proxyPort"),
            *proxy_login(settings),
        ),
        bypass=bypass,
        environment=_prefixes(settings, "proxy/proxyExcludedUrls"),
    )


def tls_verify(settings=None):
    """``verify`` for requests: True, or the CA bundle file set in drogscen/ca_bundle."""
    settings = settings or QgsSettings()
    path = _text(settings, CA_BUNDLE_KEY)
    if not path:
        return True
    if not os.path.isfile(path):
        raise InputError(
            tr(
                "The CA bundle file '{path}' (setting {key}) does not exist. Point the setting at "
                "a PEM file with your organisation's root certificates, or clear it."
            ).format(path=path, key=CA_BUNDLE_KEY)
        )
    return path


def source_url(source, settings=None):
    """The address of a source of schools: its setting, else its default."""
    return _text(settings or QgsSettings(), source.url_setting) or source.default_url


def max_answer_bytes(settings=None):
    """The largest answer accepted: drogscen/max_answer_mb megabytes, else the default."""
    value = _text(settings or QgsSettings(), MAX_ANSWER_KEY)
    try:
        megabytes = float(value) if value else DEFAULT_MAX_ANSWER_MB
    except ValueError:
        megabytes = DEFAULT_MAX_ANSWER_MB
    if not math.isfinite(megabytes) or megabytes <= 0:
        megabytes = DEFAULT_MAX_ANSWER_MB
    return int(megabytes * 1024 * 1024)
