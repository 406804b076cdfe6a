"""The real OpenID Connect provider of the SSO tests: `oidc-provider` from the npm registry, run
with the machine's Node.js on loopback (installed by `make test` with `npm ci`)."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from joserfc.jwk import RSAKey

HERE = Path(__file__).resolve().parents[1] / "oidc"
REDIRECT_URI = "http://localhost/sso/test/callback"
CLIENT_SECRET = "reglament-test-secret"
ACCOUNTS = {
    "alice": {"email": "alice@school.example", "email_verified": True, "name": "Алиса"},
    "bob": {"email": "bob@school.example", "email_verified": False, "name": "Борис"},
    "mallory": {"email": "mallory@elsewhere.example", "email_verified": True, "name": "Мэллори"},
}


@dataclass
class RunningProvider:
    """Where the provider listens and the key it signs with."""

    issuer: str
    key: RSAKey  # private: tests forge tokens signed as the provider


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start():
    """Start the provider; yields a RunningProvider, stops it afterwards."""
    node = shutil.which("node")
    if not node or not (HERE / "node_modules" / "oidc-provider").is_dir():
        pytest.skip("OIDC tests skipped: Node.js or tests/oidc/node_modules missing "
                    "(run `npm ci --prefix tests/oidc`; `make test` does it when npm is present)")
    key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig", "alg": "RS256"}, private=True)
    port = _free_port()
    env = {"PATH": "/usr/bin:/bin", "PORT": str(port), "REDIRECT_URI": REDIRECT_URI, "CLIENT_SECRET": CLIENT_SECRET,
           "JWKS": json.dumps({"keys": [key.as_dict(private=True)]}), "ACCOUNTS": json.dumps(ACCOUNTS)}
    proc = subprocess.Popen([node, "provider.mjs"], cwd=HERE, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail("oidc-provider did not start: " + (proc.stdout.read() if proc.stdout else ""))
            time.sleep(0.1)
    try:
        yield RunningProvider(f"http://127.0.0.1:{port}", key)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
