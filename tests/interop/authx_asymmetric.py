"""Bridge from tests/interop/asymmetric.test.mjs to the real AuthX 1.7.1 with
asymmetric keys (PyJWT[crypto] underneath).

Reads {"ops": [op, ...]} on stdin, writes {"authx": version, "results": [...]}
on stdout, one result per op; a failing op reports
{"ok": false, "error": ClassName, "mro": [...], "message": "..."}.

config = {"alg", "private_key"?, "public_key"?, "previous_public_key"?} (PEM text).

  {"op": "mint", "config", "kwargs": {...}, "expires": seconds?}
      AuthX.create_access_token(**kwargs) -> {"ok", "token", "header", "payload"}
  {"op": "decode", "config", "token"}
      AuthX._decode_token(token) -> {"ok", "sub", "type", "fresh", "scopes", "jti", "extra", "header"}
"""

import datetime
import json
import sys
import warnings
from importlib.metadata import version

warnings.simplefilter("ignore")

import jwt  # noqa: E402
from authx import AuthX, AuthXConfig  # noqa: E402


def make_auth(cfg):
    kwargs = {"JWT_ALGORITHM": cfg["alg"], "JWT_TOKEN_LOCATION": ["headers"]}
    for key, name in (
        ("private_key", "JWT_PRIVATE_KEY"),
        ("public_key", "JWT_PUBLIC_KEY"),
        ("previous_public_key", "JWT_PREVIOUS_PUBLIC_KEY"),
    ):
        if cfg.get(key) is not None:
            kwargs[name] = cfg[key]
    return AuthX(AuthXConfig(**kwargs))


def run(op):
    auth = make_auth(op["config"])
    if op["op"] == "mint":
        kwargs = dict(op.get("kwargs", {}))
        if "expires" in op:
            kwargs["expiry"] = datetime.timedelta(seconds=op["expires"])
        token = auth.create_access_token(**kwargs)
        return {
            "token": token,
            "header": jwt.get_unverified_header(token),
            "payload": jwt.decode(token, options={"verify_signature": False}),
        }
    if op["op"] == "decode":
        p = auth._decode_token(op["token"])
        return {
            "sub": p.sub,
            "type": p.type,
            "fresh": p.fresh,
            "scopes": p.scopes,
            "jti": p.jti,
            "extra": p.model_extra,
            "header": jwt.get_unverified_header(op["token"]),
        }
    raise ValueError(f"unknown op {op['op']!r}")


def main():
    results = []
    for op in json.load(sys.stdin)["ops"]:
        try:
            result = run(op)
            result["ok"] = True
        except Exception as e:  # reported to the test, which decides
            result = {
                "ok": False,
                "error": type(e).__name__,
                "mro": [c.__name__ for c in type(e).__mro__],
                "message": str(e),
            }
        results.append(result)
    json.dump({"authx": version("authx"), "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
