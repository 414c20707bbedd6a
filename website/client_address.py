"""The reader's real address, behind the front (Varnish, nginx, a CDN).

A request reaches Django from the last proxy: `REMOTE_ADDR` is that proxy, the same for every
reader. Each proxy appends the address it received the request from to `X-Forwarded-For`, so the
header reads, left to right, "what the reader claimed, …, what each proxy saw". Only the entries
added by our own proxies can be believed: the address is found by walking the header from the
right while the hop that wrote the entry is trusted (`TRUSTED_PROXIES`: addresses and networks,
e.g. "127.0.0.1, ::1, 10.0.0.0/8"; or `TRUSTED_PROXY_HOPS`, the number of proxies in front
of the app servers, when their addresses are not fixed, as with a CDN). The first entry not
added by a trusted proxy is the reader. A request from a peer we do not trust keeps its
`REMOTE_ADDR`, whatever header it sends: a forged `X-Forwarded-For` changes nothing.

Rate limits (website/ratelimit.py), the login lockout (django-axes, `AXES_CLIENT_IP_CALLABLE`)
and anything recorded about a request use `client_address(request)`.
"""

import ipaddress
from functools import cache

from django.conf import settings

UNKNOWN = "unknown"


@cache
def _networks(entries):
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry)


def _parse(value):
    """An ip_address, or None for anything that is not one (a port is dropped)."""
    value = value.strip().strip('"')
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 203.0.113.5:443
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def is_trusted(address, proxies=None):
    """Whether `address` (an ip_address) is one of the trusted proxies."""
    networks = _networks(tuple(proxies if proxies is not None else settings.TRUSTED_PROXIES))
    return address is not None and any(address in network for network in networks)


def _unmapped(address):
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def resolve(remote_addr, forwarded_for, *, proxies=(), hops=0):
    """The client's address from the peer's address and the X-Forwarded-For header.

    With `hops`, the peer and the `hops - 1` rightmost entries are our proxies whatever their
    address; otherwise each hop must be in `proxies`.
    """
    peer = _parse(remote_addr or "")
    if peer is None:
        return UNKNOWN
    chain = [entry for entry in (forwarded_for or "").split(",") if entry.strip()]
    if hops:
        if not chain:
            return str(_unmapped(peer))
        # The peer is hop 1; entries added by hops 2..n are believed, and the one before them
        # is what the outermost proxy saw: the reader.
        index = max(len(chain) - hops, 0)
        found = _parse(chain[index])
        return str(_unmapped(found)) if found is not None else str(_unmapped(peer))
    current = peer
    while is_trusted(_unmapped(current), proxies) and chain:
        found = _parse(chain.pop())
        if found is None:  # a malformed entry: trust stops here
            break
        current = found
    return str(_unmapped(current))


def client_address(request):
    """The reader's address for `request` (worked out once per request)."""
    cached = getattr(request, "_client_address", None)
    if cached is None:
        cached = resolve(
            request.META.get("REMOTE_ADDR", ""),
            request.META.get("HTTP_X_FORWARDED_FOR", ""),
            proxies=tuple(settings.TRUSTED_PROXIES),
            hops=settings.TRUSTED_PROXY_HOPS,
        )
        request._client_address = cached
    return cached


def axes_client_address(request):
    """For django-axes, which stores the address in a GenericIPAddressField (PostgreSQL's inet
    refuses "unknown"): None when the peer's address is not an address (`force_login` in tests,
    a Unix socket)."""
    address = client_address(request)
    return None if address == UNKNOWN else address
