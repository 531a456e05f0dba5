"""The portal as a city runs it: Debian's nginx with the shipped deploy/nginx.conf terminating TLS (a self-signed
certificate made here) in front of a gunicorn. For tests/test_production.py and `bench/load.py --https`.

nginx runs from a folder of its own: a tiny main configuration that includes the shipped file, and the four
site files (deploy/nginx.conf says what each holds) written for free ports and the name portal.test, which clients
map to 127.0.0.1 themselves. Nothing is written outside that folder and ports 80 and 443 are not used."""
from __future__ import annotations

import contextlib
import datetime
import http.client
import os
import pwd
import secrets
import socket
import ssl
import subprocess
import time
from pathlib import Path
from typing import NamedTuple

from cryptography import x509
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from serve import ROOT, free_port

NGINX = Path("/usr/sbin/nginx")
HOST = "portal.test"


class Front(NamedTuple):
    """Where nginx will listen: the portal's public URL is https://portal.test:<https_port>."""
    http_port: int
    https_port: int

    @property
    def public_url(self) -> str:
        return f"https://{HOST}:{self.https_port}"


def reserve_front() -> Front:
    return Front(free_port(), free_port())


def production_environment(front: Front) -> dict:
    """The settings a city sets (README, "Deploying"), with fresh keys."""
    return {"PORTAL_ENV": "production", "PORTAL_SECRET_KEY": secrets.token_hex(32),
            "PORTAL_DATA_KEY": Fernet.generate_key().decode(), "PORTAL_PUBLIC_URL": front.public_url,
            "PORTAL_PROXY_HOPS": "1"}


@contextlib.contextmanager
def nginx(front: Front, upstream: str, directory: Path):
    """Runs nginx in front of `upstream` (host:port of a gunicorn) until the block ends."""
    if not NGINX.exists():
        raise RuntimeError(f"nginx is not installed at {NGINX}: run `make test`, which installs Debian's nginx.")
    directory.mkdir(parents=True, exist_ok=True)
    main_config = _write_configuration(front, upstream, directory)
    server = subprocess.Popen([NGINX, "-p", str(directory), "-c", str(main_config)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for_port(server, front.https_port, directory)
        yield front.public_url
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()


def _write_configuration(front: Front, upstream: str, directory: Path) -> Path:
    certificate, key = self_signed_certificate(directory)
    site = directory / "portal"
    site.mkdir(exist_ok=True)
    (site / "upstream.conf").write_text(f"server {upstream};\n")
    (site / "site.conf").write_text(
        f"listen 127.0.0.1:{front.http_port};\nlisten 127.0.0.1:{front.https_port} ssl http2;\n"
        f"server_name {HOST};\nssl_certificate {certificate};\nssl_certificate_key {key};\n")
    (site / "default.conf").write_text(
        f"listen 127.0.0.1:{front.http_port} default_server;\n"
        f"listen 127.0.0.1:{front.https_port} ssl default_server;\n")
    (site / "logs.conf").write_text(f"access_log {directory / 'portal.access.log'} portal_no_address;\n"
                                    f"error_log {directory / 'portal.error.log'} crit;\n")
    temporary = directory / "temporary"
    temporary.mkdir(exist_ok=True)
    # Run as root, nginx would hand its workers to www-data, which cannot enter this private folder.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    main_config = directory / "nginx.conf"
    main_config.write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {directory / 'nginx.pid'};\n"
        f"error_log {directory / 'error.log'} warn;\n"
        "events { worker_connections 1024; }\n"
        "http {\n"
        + "".join(f"    {kind}_temp_path {temporary / kind};\n"
                  for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        + f"    include {ROOT / 'deploy' / 'nginx.conf'};\n"
        "}\n")
    return main_config


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A certificate for portal.test, valid for a day, and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(HOST)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    certificate_path, key_path = directory / "portal.test.crt", directory / "portal.test.key"
    certificate_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    key_path.chmod(0o600)
    return certificate_path, key_path


def _wait_for_port(server: subprocess.Popen, port: int, directory: Path) -> None:
    for _ in range(100):
        if server.poll() is not None:
            log = (directory / "error.log").read_text() if (directory / "error.log").exists() else ""
            raise RuntimeError(f"nginx did not start: {server.stderr.read().decode()}{log}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.1)
    raise RuntimeError("nginx did not start listening")


class PortalConnection(http.client.HTTPSConnection):
    """HTTPS to portal.test at 127.0.0.1, trusting this run's self-signed certificate: the name goes in the TLS
    handshake (SNI) and the Host header, as from a browser."""

    def __init__(self, https_port: int, timeout: float = 30) -> None:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        super().__init__(HOST, https_port, timeout=timeout, context=context)
        self.tls = context

    def connect(self) -> None:
        plain = socket.create_connection(("127.0.0.1", self.port), self.timeout)
        self.sock = self.tls.wrap_socket(plain, server_hostname=self.host)
