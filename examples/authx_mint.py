"""Mint tokens with the real Python AuthX (PyPI authx==1.7.1), for the demo.

Reads the secret from AUTHX_SECRET (or, for an asymmetric algorithm named in
AUTHX_ALGORITHM, the PEM private key from AUTHX_PRIVATE_KEY) and prints one
JSON object: {"access": ..., "refresh": ...}. Run with the project's venv:
    AUTHX_SECRET=... .venv/bin/python examples/authx_mint.py
    AUTHX_ALGORITHM=ES256 AUTHX_PRIVATE_KEY="$(cat key.pem)" .venv/bin/python examples/authx_mint.py
"""

import json
import os
import warnings

from authx import AuthX, AuthXConfig

warnings.filterwarnings("ignore")  # PyJWT warns about short HMAC keys

algorithm = os.environ.get("AUTHX_ALGORITHM", "HS256")
keys = (
    {"JWT_SECRET_KEY": os.environ["AUTHX_SECRET"]}
    if algorithm.startswith("HS")
    else {"JWT_PRIVATE_KEY": os.environ["AUTHX_PRIVATE_KEY"]}
)
config = AuthXConfig(
    **keys,
    JWT_ALGORITHM=algorithm,
    # Cookies enable AuthX's CSRF protection, so its tokens carry a real csrf claim.
    JWT_TOKEN_LOCATION=["headers", "cookies"],
    JWT_ENCODE_ISSUER="fastapi-backend",
)
auth = AuthX(config=config)
access = auth.create_access_token(
    uid="alice", fresh=True, scopes=["posts:*", "profile:read"], data={"plan": "pro", "org": 7}
)
refresh = auth.create_refresh_token(uid="alice", scopes=["posts:*", "profile:read"])
print(json.dumps({"access": access, "refresh": refresh}))
