"""Bridge from the Node interop tests to the real AuthX (PyPI authx==1.7.1).

Reads one JSON request on stdin: {"ops": [op, ...]} and writes one JSON
answer on stdout: {"authx": "<version>", "pyjwt": "<version>", "results": [result, ...]},
one result per op, in order. Every op runs in its own try block, so one
failing op never hides the others; a failure is reported as
{"ok": false, "error": "<ExceptionClassName>", "mro": [...], "message": "..."}.

Ops (config = {"secret", "alg", "locations", "encode_issuer", "encode_audience",
"decode_issuer", "decode_audience", "access_expires", "refresh_expires"}, all but
"secret" optional; *_expires are seconds or null for "no exp"):

  {"op": "mint", "config": {...}, "kind": "access"|"refresh"|"pair", "kwargs": {...}}
      AuthX.create_access_token / create_refresh_token / create_token_pair(**kwargs).
      -> {"ok", "token": minted} for access/refresh, or
         {"ok", "access": minted, "refresh": minted, "token_type"} for pair;
         minted = {"token", "header", "payload"}: header and payload as PyJWT
         decodes them without verification (dict order = token order).
  {"op": "decode", "config": {...}, "token": "...", "scopes_checks": [[required, all_required], ...]}
      AuthX._decode_token(token) -> {"ok", "fields": TokenPayload fields, "extra": model_extra,
      "raw": PyJWT-decoded dict, "header": PyJWT-read header, "scopes": [has_required_scopes(required, payload.scopes, all_required), ...]}
  {"op": "verify", "config": {...}, "token": "...", "type": "access"|"refresh",
   "location": "headers"|"cookies"|..., "csrf": str|null,
   "verify_type": bool, "verify_fresh": bool, "verify_csrf": bool}
      AuthX.verify_token(RequestToken(...), ...) -> {"ok", "fields", "extra"}
  {"op": "match_scope", "required": str, "provided": str} -> {"ok", "value"}
  {"op": "has_required_scopes", "required": [...], "provided": [...]|null, "all_required": bool}
      -> {"ok", "value"}
"""

import datetime
import json
import sys
import warnings
from importlib.metadata import version

# Short test secrets are fine here; keep PyJWT's key-length warnings off stderr.
warnings.simplefilter("ignore")

import jwt  # noqa: E402
from authx import AuthX, AuthXConfig, RequestToken  # noqa: E402
from authx._internal._scopes import has_required_scopes, match_scope  # noqa: E402


def make_auth(cfg):
    kwargs = {
        "JWT_SECRET_KEY": cfg["secret"],
        "JWT_ALGORITHM": cfg.get("alg", "HS256"),
        "JWT_TOKEN_LOCATION": cfg.get("locations", ["headers", "cookies"]),
    }
    for key, name in (
        ("encode_issuer", "JWT_ENCODE_ISSUER"),
        ("encode_audience", "JWT_ENCODE_AUDIENCE"),
        ("decode_issuer", "JWT_DECODE_ISSUER"),
        ("decode_audience", "JWT_DECODE_AUDIENCE"),
    ):
        if cfg.get(key) is not None:
            kwargs[name] = cfg[key]
    for key, name in (("access_expires", "JWT_ACCESS_TOKEN_EXPIRES"), ("refresh_expires", "JWT_REFRESH_TOKEN_EXPIRES")):
        if key in cfg:
            value = cfg[key]
            kwargs[name] = None if value is None else datetime.timedelta(seconds=value)
    return AuthX(AuthXConfig(**kwargs))


def unverified(token):
    return {
        "token": token,
        "header": jwt.get_unverified_header(token),
        "payload": jwt.decode(token, options={"verify_signature": False}),
    }


def timestamp(value):
    if isinstance(value, datetime.datetime):
        return value.timestamp()
    return value


def fields(payload):
    return {
        "sub": payload.sub,
        "jti": payload.jti,
        "type": payload.type,
        "fresh": payload.fresh,
        "csrf": payload.csrf,
        "iat": timestamp(payload.iat),
        "exp": timestamp(payload.exp),
        "nbf": timestamp(payload.nbf),
        "aud": payload.aud,
        "iss": payload.iss,
        "scopes": payload.scopes,
    }


def run(op):
    kind = op["op"]
    if kind == "mint":
        auth = make_auth(op["config"])
        kw = op.get("kwargs", {})
        if op["kind"] == "access":
            return {"token": unverified(auth.create_access_token(**kw))}
        if op["kind"] == "refresh":
            return {"token": unverified(auth.create_refresh_token(**kw))}
        if op["kind"] == "pair":
            pair = auth.create_token_pair(**kw)
            return {
                "access": unverified(pair.access_token),
                "refresh": unverified(pair.refresh_token),
                "token_type": pair.token_type,
            }
        raise ValueError(f"unknown mint kind {op['kind']!r}")
    if kind == "decode":
        auth = make_auth(op["config"])
        payload = auth._decode_token(op["token"])
        return {
            "fields": fields(payload),
            "extra": payload.model_extra,
            "raw": jwt.decode(op["token"], options={"verify_signature": False}),
            "header": jwt.get_unverified_header(op["token"]),
            "scopes": [has_required_scopes(req, payload.scopes, all_required=all_req) for req, all_req in op.get("scopes_checks", [])],
        }
    if kind == "verify":
        auth = make_auth(op["config"])
        request_token = RequestToken(
            token=op["token"],
            csrf=op.get("csrf"),
            type=op.get("type", "access"),
            location=op.get("location", "headers"),
        )
        payload = auth.verify_token(
            request_token,
            verify_type=op.get("verify_type", True),
            verify_fresh=op.get("verify_fresh", False),
            verify_csrf=op.get("verify_csrf", True),
        )
        return {"fields": fields(payload), "extra": payload.model_extra}
    if kind == "match_scope":
        return {"value": match_scope(op["required"], op["provided"])}
    if kind == "has_required_scopes":
        return {"value": has_required_scopes(op["required"], op["provided"], all_required=op["all_required"])}
    raise ValueError(f"unknown op {kind!r}")


def main():
    request = json.load(sys.stdin)
    results = []
    for op in request["ops"]:
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
    json.dump({"authx": version("authx"), "pyjwt": version("pyjwt"), "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
