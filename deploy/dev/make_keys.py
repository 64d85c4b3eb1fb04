"""Make new keys for the clients of the development authorization server (DEVELOPMENT ONLY).

For each client of clients.json: a new RSA key (2048 bits, PEM) written to its `key_file`, and its
public half, named by its RFC 7638 thumbprint as the services name theirs, as the client's `jwks`.
Also writes, beside the keys, what the compose dev profile reads from CALCINOSIS_SECRETS_DIR: the
PostgreSQL password and the services' database URLs (development values).

    python deploy/dev/make_keys.py      (from the repository root)
"""

import json
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from shared.auth import key_thumbprint

HERE = Path(__file__).resolve().parent
DEVELOPMENT_SECRETS = {
    "postgres_password.txt": "dev-postgres",
    "intake_database_url.txt": "postgresql+asyncpg://intake:dev-intake@postgres:5432/intake",
    "imaging_database_url.txt": "postgresql+asyncpg://imaging:dev-imaging@postgres:5432/imaging",
}


def main() -> None:
    path = HERE / "clients.json"
    document = json.loads(path.read_text())
    for client in document["clients"].values():
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        key_file = HERE / client["key_file"]
        key_file.write_bytes(pem)
        kid = key_thumbprint(key.public_key())
        # token.sh names the key by this id in its assertions
        key_file.with_suffix(".kid").write_text(kid + "\n")
        jwk = RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
        jwk.pop("key_ops", None)
        client["jwks"] = {"keys": [{**jwk, "kid": kid, "alg": "RS384", "use": "sig"}]}
    for name, value in DEVELOPMENT_SECRETS.items():
        (HERE / "secrets" / name).write_text(value + "\n")
    path.write_text(json.dumps(document, indent=2) + "\n")


if __name__ == "__main__":
    main()
