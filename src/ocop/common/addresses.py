"""The public address links and QR codes carry. Read by the settings, so it imports nothing from Django."""

import socket
from urllib.parse import urlsplit

DEFAULT_BIND = "127.0.0.1:8000"
EVERY_INTERFACE = {"", "0.0.0.0", "::", "[::]"}


def _this_machine() -> str:
    """The machine's own address on its network (no packet is sent: connecting a UDP socket only picks the route)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def site_url(configured: str, bind: str) -> str:
    """The configured public address (OCOP_SITE_URL), else the address the server listens on (OCOP_BIND); a server
    listening on every interface is reached at this machine's own address."""
    if configured.strip():
        return configured.strip().rstrip("/")
    host, _colon, port = bind.strip().rpartition(":")
    if host in EVERY_INTERFACE:
        host = _this_machine()
    return f"http://{host}:{port}"


def host_of(url: str) -> str:
    return urlsplit(url).hostname or ""
