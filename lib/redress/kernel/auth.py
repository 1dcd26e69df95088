"""Who is calling: a bearer token resolves to a principal (client, organisation, roles, scopes).

Credentials come from a JSON file named by REDRESS_CREDENTIALS_FILE; it holds the
SHA-256 of each token, never the token. `make run` uses deploy/dev-credentials.json,
whose tokens are documented in the README; they are for local use only.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path

ROLES = frozenset({"point_of_contact", "manager", "corporate_office", "owner", "integration", "auditor"})
SCOPES = frozenset({"complaints:read", "complaints:write", "events:read"})


@dataclass(frozen=True)
class Principal:
    client_id: str
    organisation: str
    roles: frozenset[str]
    scopes: frozenset[str]

    def can(self, scope: str) -> bool:
        return scope in self.scopes


class CredentialsError(ValueError):
    pass


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Credentials:
    def __init__(self, principals_by_digest: dict[str, Principal]):
        self._by_digest = principals_by_digest

    @classmethod
    def load(cls, path: Path) -> "Credentials":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise CredentialsError(f"cannot read credentials from {path}: {exc}") from exc
        table = {}
        for entry in data.get("clients", []):
            roles = frozenset(entry.get("roles", []))
            scopes = frozenset(entry.get("scopes", []))
            if roles - ROLES or scopes - SCOPES:
                raise CredentialsError(
                    f"client {entry.get('client_id')!r} in {path}: unknown roles {sorted(roles - ROLES)} "
                    f"or scopes {sorted(scopes - SCOPES)}")
            table[entry["token_sha256"]] = Principal(entry["client_id"], entry["organisation"], roles, scopes)
        return cls(table)

    def authenticate(self, token: str) -> Principal | None:
        digest = token_digest(token)
        for known, principal in self._by_digest.items():
            if hmac.compare_digest(known, digest):
                return principal
        return None
