"""Which proxy a request goes through, as requests takes it."""

from dataclasses import dataclass
from typing import Optional
from urllib.parse import quote

from requests.utils import get_environ_proxies


def proxy_url(scheme, host, port, user="", password=""):
    """``scheme://user:password@host:port``, user and password quoted for a URL."""
    credentials = ""
    if user:
        credentials = quote(user, safe="")
        if password:
            credentials += ":" + quote(password, safe="")
        credentials += "@"
    address = "{}{}".format(credentials, host)
    if port:
        address += ":{}".format(port)
    return "{}://{}".format(scheme, address)


@dataclass(frozen=True)
class ProxySettings:
    """Which proxy each request goes through.

    ``url``: the proxy for all http and https requests; None means the
    environment's proxies (``https_proxy`` and the like, on Windows and macOS
    the system settings). Addresses starting with a ``bypass`` prefix go
    direct; those starting with an ``environment`` prefix use the
    environment's proxies instead of ``url``.
    """

    url: Optional[str] = None
    bypass: tuple[str, ...] = ()
    environment: tuple[str, ...] = ()

    def proxies_for(self, address):
        """The ``proxies`` mapping of requests for one address."""
        if any(address.startswith(prefix) for prefix in self.bypass):
            return {}
        if self.url is None or any(address.startswith(prefix) for prefix in self.environment):
            return get_environ_proxies(address)
        return {"http": self.url, "https": self.url}
