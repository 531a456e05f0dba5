"""X-Forwarded-* believed only from the proxy in front (nginx), never from a client that reaches the server itself.

Werkzeug's ProxyFix takes the client's address from the last PROXY_HOPS entries of X-Forwarded-For, the ones the
proxies appended, whoever sent the request. gunicorn passes the header through from anyone (its
forwarded_allow_ips only decides whom it believes about the scheme), so a client that could reach gunicorn
directly would choose its own rate-limit counter. Here ProxyFix applies only when the request comes from an
address in FORWARDED_ALLOW_IPS (PORTAL_FORWARDED_ALLOW_IPS, the same setting gunicorn.conf.py gives gunicorn).
"""
from __future__ import annotations

import ipaddress

from werkzeug.middleware.proxy_fix import ProxyFix


class ForwardedByTrustedProxy:
    def __init__(self, app, hops: int, allowed: str) -> None:
        self.direct = app
        self.proxied = ProxyFix(app, x_for=hops, x_proto=hops, x_host=hops)
        self.anyone = allowed.strip() == "*"
        self.networks = [ipaddress.ip_network(item.strip(), strict=False)
                         for item in allowed.split(",") if item.strip() and not self.anyone]

    def __call__(self, environ, start_response):
        handler = self.proxied if self._from_proxy(environ.get("REMOTE_ADDR") or "") else self.direct
        return handler(environ, start_response)

    def _from_proxy(self, peer: str) -> bool:
        if self.anyone or not peer:  # no peer address: a Unix socket, which only the machine's own users reach
            return True
        try:
            address = ipaddress.ip_address(peer)
        except ValueError:
            return False
        return any(address in network for network in self.networks)
