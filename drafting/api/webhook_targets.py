"""Where a webhook may be sent: http(s) URLs without credentials whose host is, or resolves to,
public addresses only, unless the server's operator allows the host, address or network
(``api_webhook_allow``). Checked when the draft is requested and again when the webhook is
sent: delivery resolves the host once, checks every address, and connects to the checked one
(a host that resolved to a public address at request time and to an internal one later, as a
DNS rebinding attack does, is refused then).

Refused: credentials (``user:pass@``), schemes other than http and https, IPv4 written other
than as a dotted quad (``2130706433``, ``0x7f000001``, ``0177.0.0.1``, ``127.1``), and addresses
that are loopback, private (RFC 1918, fc00::/7), link-local (169.254/16 with the cloud metadata
address 169.254.169.254, fe80::/10), multicast, reserved, unspecified, shared (CGNAT,
100.64/10), or otherwise not global, also when embedded in IPv6 (IPv4-mapped, 6to4, NAT64,
Teredo).

A refusal names the reason for the address the client wrote; for a host name it does not say
what the name resolved to (that would tell a client the server's internal DNS): the details go
only to the server's log."""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import re
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from drafting.settings import HOST_NAME

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

SCHEMES = ("http", "https")
METADATA = ipaddress.ip_address("169.254.169.254")
SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT (RFC 6598)
NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_NUMERIC_LABEL = re.compile(r"[0-9]+|0x[0-9a-f]*")
ALLOW_SETTING = "api_webhook_allow"
PUBLIC_ONLY = (f"webhooks go to public addresses only, unless the server's operator allows the "
               f"host ({ALLOW_SETTING})")


class TargetRefused(Exception):
    """A webhook URL this server will not call: ``str()`` is the client's message, ``detail``
    the reason for the server's log (it may name the addresses a host resolved to)."""

    def __init__(self, message: str, detail: str | None = None):
        super().__init__(message)
        self.detail = detail or message


@dataclass(frozen=True)
class Allowance:
    """The operator's exceptions: host names (exactly, any address they resolve to) and
    addresses or networks (the addresses in them)."""

    hosts: frozenset[str] = frozenset()
    networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> Allowance:
        hosts: set[str] = set()
        networks: list[IPNetwork] = []
        for entry in (e.strip().lower() for e in entries):
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                name = entry.rstrip(".")
                if not HOST_NAME.fullmatch(name):
                    raise ValueError(f"{ALLOW_SETTING}: {entry!r} is neither a host name, an "
                                     "IP address nor a network such as 10.0.0.0/8") from None
                hosts.add(name)
        return cls(frozenset(hosts), tuple(networks))

    def admits_host(self, host: str) -> bool:
        return host in self.hosts

    def admits(self, address: IPAddress) -> bool:
        """In an allowed network (an IPv4-mapped IPv6 address as its IPv4 address)."""
        mapped = getattr(address, "ipv4_mapped", None)
        candidates = [address] if mapped is None else [address, mapped]
        return any(a in net for a in candidates for net in self.networks
                   if net.version == a.version)


@functools.lru_cache(maxsize=8)
def allowance(setting: str) -> Allowance:
    """The allowance of an ``api_webhook_allow`` setting (a comma list), parsed once."""
    return Allowance.parse(setting.split(","))


@dataclass(frozen=True)
class Target:
    """A checked webhook target: connect to ``address`` at ``port``; the URL's ``host`` stays
    in the Host header and, for https, is the TLS server name the certificate must match."""

    url: str
    host: str
    address: IPAddress
    port: int


def url_problem(url: str) -> str | None:
    """Why ``url`` (as the client wrote it) cannot be a webhook, whatever its host resolves
    to; None if it may be one."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        return f"not a valid URL ({exc})"
    if parts.scheme.lower() not in SCHEMES:
        return (f"use an http or https URL (the scheme {parts.scheme!r} is not allowed)"
                if parts.scheme else "use an absolute http or https URL")
    if "@" in parts.netloc:
        return ("the URL must not carry credentials (user:password@host); the receiver "
                "authenticates the call by its X-Necessity-Signature header")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return "the URL has no host"
    if "%" in host:
        return "the host must not be percent-encoded or carry an IPv6 zone"
    if ":" not in host and _NUMERIC_LABEL.fullmatch(host.rsplit(".", 1)[-1]):
        try:
            if str(ipaddress.IPv4Address(host)) == host:
                return None
        except ValueError:
            pass
        return (f"the host {host!r} is not a dotted-quad IPv4 address; write an IPv4 "
                "address as four decimal numbers (integer, octal, hex and shortened forms "
                "are refused)")
    return None


def _embedded(address: IPAddress) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries (mapped, 6to4, NAT64, Teredo)."""
    if not isinstance(address, ipaddress.IPv6Address):
        return []
    found = [a for a in (address.ipv4_mapped, address.sixtofour) if a is not None]
    if any(address in net for net in NAT64):
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    if address.teredo is not None:
        found.extend(address.teredo)
    return found


def _kind(address: IPAddress) -> str | None:
    kinds = (("an unspecified", address.is_unspecified), ("a loopback", address.is_loopback),
             ("the cloud metadata (link-local)", address == METADATA),
             ("a link-local", address.is_link_local),
             ("a multicast", address.is_multicast),
             ("a shared (carrier-grade NAT, 100.64.0.0/10)", address in SHARED),
             ("a reserved", address.is_reserved), ("a private", address.is_private),
             ("a site-local", getattr(address, "is_site_local", False)),
             ("not a public", not address.is_global))
    return next((f"{kind} address" for kind, matches in kinds if matches), None)


def address_problem(address: IPAddress) -> str | None:
    """What kind of internal address ``address`` is; None for a public (global) one."""
    for inner in _embedded(address):
        if (kind := _kind(inner)) is not None:
            return f"{address} embeds {inner}, {kind}"
    kind = _kind(address)
    return None if kind is None else f"{address} is {kind}"


def _parts(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".").lower()
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    return host, port


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def choose(url: str, addresses: Iterable[str], allow: Allowance) -> Target:
    """The address to connect to for ``url``, given what its host resolved to: refused unless
    every address is public or allowed (a host resolving to public and internal addresses alike
    could be pointed at either)."""
    host, port = _parts(url)
    checked: list[IPAddress] = []
    for text in addresses:
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if address not in checked:
            checked.append(address)
    if not checked:
        raise TargetRefused(_hidden(host), f"{host} resolved to no address")
    if not allow.admits_host(host):
        for address in checked:
            problem = address_problem(address)
            if problem is not None and not allow.admits(address):
                if _literal(host) is not None:
                    raise TargetRefused(f"{problem}; {PUBLIC_ONLY}")
                raise TargetRefused(_hidden(host), f"{host} -> {problem}")
    return Target(url, host, checked[0], port)


def _hidden(host: str) -> str:
    return (f"the host {host!r} does not resolve to public addresses only; {PUBLIC_ONLY}")


def _refuse_syntax(url: str) -> None:
    problem = url_problem(url)
    if problem is not None:
        raise TargetRefused(problem)


def _split(url: str, allow: Allowance) -> tuple[str, int, Target | None]:
    """``url`` checked as written: its host and port, and its target already if the host is an
    address (nothing to resolve)."""
    _refuse_syntax(url)
    host, port = _parts(url)
    literal = _literal(host)
    return host, port, None if literal is None else choose(url, [str(literal)], allow)


def _resolved(url: str, host: str, allow: Allowance, found: list[Any] | None,
              error: Exception | None) -> Target:
    if error is not None or found is None:
        raise TargetRefused(_hidden(host), f"{host} did not resolve: {error}")
    return choose(url, [str(info[4][0]) for info in found], allow)


def check(url: str, allow: Allowance) -> Target:
    """At request time: ``url`` checked, its host resolved here (blocking)."""
    host, port, target = _split(url, allow)
    if target is not None:
        return target
    try:
        found, error = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM), None
    except (OSError, UnicodeError) as exc:
        found, error = None, exc
    return _resolved(url, host, allow, found, error)


async def resolve(url: str, allow: Allowance) -> Target:
    """At delivery: ``url`` checked again and its host resolved once, on the event loop
    (the caller bounds how long this may take)."""
    host, port, target = _split(url, allow)
    if target is not None:
        return target
    try:
        found, error = await asyncio.get_running_loop().getaddrinfo(
            host, port, type=socket.SOCK_STREAM), None
    except (OSError, UnicodeError) as exc:
        found, error = None, exc
    return _resolved(url, host, allow, found, error)


def without_userinfo(url: str) -> str:
    """``url`` with any ``user:password@`` removed (for records and logs)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]).geturl()
