"""Who may write, and the checks every request passes before a route sees it.

- **Write access** (:class:`WriteAccess`): the server is read-only unless a token
  (``COUNTERCLAIM_TOKEN``, sent as ``Authorization: Bearer ...``) or reviewers
  (``COUNTERCLAIM_REVIEWERS="name:hash,..."`` or a file of ``name:hash`` lines named by
  ``COUNTERCLAIM_REVIEWERS_FILE``, sent as HTTP Basic) are configured. There are no default
  credentials. Hashes come from :func:`hash_password` (``counterclaim hash-password``).
  A write route depends on :data:`WriterDep` and gets the :class:`Writer` who sent it: the
  review actions of a later issue name their reviewer from it.
- **CSRF**: writes are JSON only (a cross-site form or ``text/plain`` POST is refused), a
  cross-site ``Origin`` or ``Sec-Fetch-Site`` is refused, and a write authenticated by
  credentials a browser may attach by itself (Basic) must carry the custom header
  :data:`CSRF_HEADER`, which no other site can set without a CORS grant this server never
  gives.
- **Guard** (ASGI middleware): a Host allow-list (DNS rebinding), NUL characters dropped
  from the query (a NUL in the path is a 404), a query that is not UTF-8 refused, reads rate-limited per client, and the
  security headers (:data:`SECURITY_HEADERS`, a strict CSP) on every response.
- **Limits** per client: requests per minute for reads and writes, and bytes written per
  minute, with ``Retry-After`` on a 429.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import math
import os
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import parse_qsl, unquote_to_bytes, urlencode, urlsplit

from fastapi import Depends, HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ENV_TOKEN = "COUNTERCLAIM_TOKEN"
ENV_REVIEWERS = "COUNTERCLAIM_REVIEWERS"
ENV_REVIEWERS_FILE = "COUNTERCLAIM_REVIEWERS_FILE"
MIN_TOKEN_CHARS = 16
CSRF_HEADER = "x-counterclaim-csrf"
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


class ConfigError(ValueError):
    """Write access is configured wrongly (a weak token, a malformed reviewer line)."""


# -- credentials ------------------------------------------------------------------------


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """A reviewer's password as ``scrypt$n$r$p$salt$hash`` (base64), for the reviewer list."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    b64 = base64.b64encode
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, hashed: str) -> bool:
    """Whether ``password`` matches a :func:`hash_password` hash (constant-time compare)."""
    try:
        scheme, n, r, p, salt, digest = hashed.split("$")
        if scheme != "scrypt":
            return False
        want = base64.b64decode(digest, validate=True)
        got = hashlib.scrypt(
            password.encode(), salt=base64.b64decode(salt, validate=True),
            n=int(n), r=int(r), p=int(p), dklen=len(want),
        )  # fmt: skip
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, want)


@dataclass(frozen=True, slots=True)
class Writer:
    """Who sent a write: a reviewer by name, or the holder of the shared token."""

    name: str
    method: Literal["token", "reviewer"]


@dataclass(frozen=True)
class WriteAccess:
    """The configured credentials; none at all means the server is read-only."""

    token: str | None = None
    reviewers: Mapping[str, str] = field(default_factory=dict)  # name -> password hash

    def __post_init__(self) -> None:
        if self.token is not None and len(self.token) < MIN_TOKEN_CHARS:
            raise ConfigError(f"{ENV_TOKEN} must be at least {MIN_TOKEN_CHARS} characters")
        for name, hashed in self.reviewers.items():
            if not name or ":" in name or not hashed.startswith("scrypt$"):
                raise ConfigError(f"reviewer {name!r}: expected name:scrypt$... (hash-password)")

    @property
    def enabled(self) -> bool:
        return bool(self.token or self.reviewers)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> WriteAccess:
        """Credentials from ``COUNTERCLAIM_TOKEN``, ``COUNTERCLAIM_REVIEWERS`` (comma- or
        newline-separated ``name:hash``) and ``COUNTERCLAIM_REVIEWERS_FILE`` (one a line,
        ``#`` comments)."""
        env = os.environ if environ is None else environ
        lines: list[str] = []
        if raw := env.get(ENV_REVIEWERS, "").strip():
            lines += raw.replace(",", "\n").splitlines()
        if path := env.get(ENV_REVIEWERS_FILE, "").strip():
            try:
                lines += Path(path).read_text(encoding="utf-8").splitlines()
            except OSError as err:
                raise ConfigError(f"cannot read {ENV_REVIEWERS_FILE} {path}: {err}") from err
        return cls(env.get(ENV_TOKEN) or None, dict(_reviewer(x) for x in _entries(lines)))

    def authenticate(self, authorization: str | None) -> Writer | None:
        """The writer named by an ``Authorization`` header, or ``None``."""
        scheme, _, value = (authorization or "").strip().partition(" ")
        value = value.strip()
        if scheme.lower() == "bearer" and self.token:
            if hmac.compare_digest(value.encode(), self.token.encode()):
                return Writer("token", "token")
            return None
        if scheme.lower() == "basic" and self.reviewers:
            try:
                name, _, password = base64.b64decode(value, validate=True).decode().partition(":")
            except (ValueError, UnicodeDecodeError):
                return None
            hashed = self.reviewers.get(name)
            if hashed is not None and verify_password(password, hashed):
                return Writer(name, "reviewer")
        return None


def _entries(lines: Iterable[str]) -> Iterable[str]:
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def _reviewer(line: str) -> tuple[str, str]:
    name, sep, hashed = line.partition(":")
    if not sep:
        raise ConfigError(f"reviewer entry {line[:40]!r}: expected name:hash")
    return name.strip(), hashed.strip()


# -- limits ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Limits:
    """Per client (by address): requests per minute and bytes written per minute."""

    reads_per_minute: int = 600
    writes_per_minute: int = 30
    write_bytes_per_minute: int = 2_000_000


class RateLimiter:
    """Token buckets per client key: ``take`` answers how long to wait (0: go ahead).

    At most ``max_clients`` buckets are kept (the least recently used are forgotten)."""

    def __init__(self, per_minute: float, *, max_clients: int = 10_000) -> None:
        self.rate = per_minute / 60.0
        self.capacity = max(1.0, float(per_minute))
        self.max_clients = max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str, amount: float = 1.0) -> float:
        """Spend ``amount`` from ``key``'s bucket; the seconds to wait when it is short."""
        now = time.monotonic()
        with self._lock:
            level, last = self._buckets.pop(key, (self.capacity, now))
            level = min(self.capacity, level + (now - last) * self.rate)
            wait = 0.0
            if amount > level:
                wait = (min(amount, self.capacity) - level) / self.rate if self.rate else 60.0
            else:
                level -= amount
            self._buckets[key] = (level, now)
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
        return wait


def client_key(request_or_scope: Request | Scope) -> str:
    scope = request_or_scope.scope if isinstance(request_or_scope, Request) else request_or_scope
    client = scope.get("client")
    return client[0] if client else "unknown"


def too_many(wait: float, what: str) -> HTTPException:
    seconds = max(1, math.ceil(wait))
    return HTTPException(
        429, f"too many {what} from this client; retry in {seconds} s",
        headers={"Retry-After": str(seconds)},
    )  # fmt: skip


# -- hosts ------------------------------------------------------------------------------


def host_of(header: str) -> str:
    """The host name of a ``Host`` header or URL authority, lower case, without the port."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else ""
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_host(host: str, allowed: Iterable[str]) -> bool:
    """Whether ``host`` is allowed: listed exactly, or under a listed ``*.domain``."""
    for pattern in allowed:
        pattern = pattern.lower()
        if pattern == "*" or host == pattern:
            return True
        if pattern.startswith("*.") and host.endswith(pattern[1:]):
            return True
    return False


# -- the write dependency -------------------------------------------------------------


def require_writer(request: Request) -> Writer:
    """A write's checks, in order: the server takes writes (403), the sender is authenticated
    (401), the request is not cross-site (403), JSON (415), within the client's rate (429)."""
    access: WriteAccess = request.app.state.write_access
    if not access.enabled:
        raise HTTPException(
            403, f"this server is read-only: start it with {ENV_TOKEN} or {ENV_REVIEWERS} set"
        )
    writer = access.authenticate(request.headers.get("authorization"))
    if writer is None:
        challenge = 'Bearer realm="counterclaim"'
        if access.reviewers:
            challenge += ', Basic realm="counterclaim", charset="UTF-8"'
        raise HTTPException(401, "writing needs credentials", {"WWW-Authenticate": challenge})
    _check_same_site(request, writer)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise HTTPException(415, f"writes are application/json only, not {content_type or 'none'}")
    wait = request.app.state.write_limiter.take(client_key(request))
    if wait:
        raise too_many(wait, "writes")
    request.state.writer = writer
    return writer


def _check_same_site(request: Request, writer: Writer) -> None:
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        raise HTTPException(403, f"cross-site write refused (Sec-Fetch-Site: {fetch_site})")
    origin = request.headers.get("origin")
    if origin is not None:
        own = host_of(request.headers.get("host", ""))
        theirs = host_of(urlsplit(origin).netloc) if origin != "null" else ""
        if theirs != own:
            raise HTTPException(403, f"cross-origin write refused (Origin: {origin[:100]})")
    if writer.method != "token" and not request.headers.get(CSRF_HEADER):
        raise HTTPException(403, f"a write from a browser session needs the {CSRF_HEADER} header")


WriterDep = Annotated[Writer, Depends(require_writer)]


def charge_bytes(request: Request, size: int) -> None:
    """Count a write's body against the client's bytes per minute (429 when over)."""
    wait = request.app.state.write_bytes_limiter.take(client_key(request), size)
    if wait:
        raise too_many(wait, "bytes written")


GUARD_RESPONSES: dict[int | str, dict[str, object]] = {
    400: {"description": "Unknown Host, or a query string that is not UTF-8."},
    429: {"description": "Too many requests from this client (see Retry-After)."},
}


# -- the middleware -------------------------------------------------------------------


class Guard:
    """ASGI middleware: Host allow-list, clean path and query, read rate, security headers."""

    def __init__(self, app: ASGIApp, *, allowed_hosts: Iterable[str], limiter: RateLimiter) -> None:
        self.app = app
        self.allowed_hosts = tuple(h.lower() for h in allowed_hosts)
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        refusal = self._refusal(scope)
        if refusal is not None:
            status, reason, headers = refusal
            await _refuse(send_with_headers, status, reason, headers)
            return
        scope = {**scope, "query_string": _without_nul(scope.get("query_string", b""))}
        await self.app(scope, receive, send_with_headers)

    def _refusal(self, scope: Scope) -> tuple[int, str, dict[str, str]] | None:
        headers = dict(scope.get("headers", []))
        host = host_of(headers.get(b"host", b"").decode("latin-1"))
        if not allowed_host(host, self.allowed_hosts):
            return 400, f"unknown Host {host[:100]!r}: start the server with --allowed-host", {}
        if "\x00" in scope.get("path", ""):
            return 404, "no such page (NUL character in the path)", {}
        if _bad_query(scope.get("query_string", b"")):
            return 400, "the query string is not UTF-8 text", {}
        if scope.get("method") in ("GET", "HEAD"):
            wait = self.limiter.take(client_key(scope))
            if wait:
                seconds = str(max(1, math.ceil(wait)))
                return 429, f"too many requests; retry in {seconds} s", {"retry-after": seconds}
        return None


def _bad_query(query: bytes) -> bool:
    if not query:
        return False
    try:
        unquote_to_bytes(query.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _without_nul(query: bytes) -> bytes:
    """The query string with NUL characters dropped from names and values: no database
    stores them (PostgreSQL refuses them), and no stored name holds one."""
    if b"%00" not in query.lower() and b"\x00" not in query:
        return query
    pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True, encoding="utf-8")
    return urlencode([(k.replace("\x00", ""), v.replace("\x00", "")) for k, v in pairs]).encode()


async def _refuse(send: Send, status: int, reason: str, headers: Mapping[str, str]) -> None:
    """A refusal in the API's error shape, ``{"detail": reason}``."""
    body = json.dumps({"detail": reason}).encode()
    start = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    start += [(k.encode(), v.encode()) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": start})
    await send({"type": "http.response.body", "body": body})
