"""A small OpenID Connect provider for tests, built on Authlib's authorization server.

It serves, on 127.0.0.1 and a free port, what a real provider serves to a relying party:
the discovery document, a JWKS with one RSA key, an authorization endpoint with a consent
page (an e-mail field, "Allow" and "Deny"), a token endpoint for the authorization code
flow (client secret basic or post, PKCE S256) that returns RS256-signed ID tokens, and an
end-session endpoint. It runs a tornado loop in a thread of the test process; the grants it
gave, the tokens it issued and the logouts it saw are kept for assertions.
"""

from __future__ import annotations

import asyncio
import html
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import tornado.escape
import tornado.httpserver
import tornado.web
from authlib.oauth2.rfc6749 import AuthorizationServer, ClientMixin, OAuth2Request
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import OpenIDCode, UserInfo
from authlib.oidc.core.models import AuthorizationCodeMixin
from joserfc.jwk import RSAKey

CLIENT_ID = "jupyst-test-app"
CLIENT_SECRET = "test-client-secret"  # noqa: S105 (a test fixture's)
KEY_ID = "test-key-1"


@dataclass
class Client(ClientMixin):
    client_id: str
    client_secret: str
    redirect_uris: list[str]

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str:
        return self.redirect_uris[0]

    def get_allowed_scope(self, scope: str) -> str:
        return scope

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        return secrets.compare_digest(client_secret, self.client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return endpoint != "token" or method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass
class Code(AuthorizationCodeMixin):
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    user: dict[str, str]
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time


class Request(OAuth2Request):
    """One HTTP request as Authlib's server reads it."""

    def __init__(self, handler: tornado.web.RequestHandler) -> None:
        super().__init__(handler.request.method or "GET", handler.request.full_url(), headers=dict(handler.request.headers))
        values = {k: handler.get_argument(k) for k in {**handler.request.query_arguments, **handler.request.body_arguments}}
        self._args = {k: handler.get_query_argument(k) for k in handler.request.query_arguments}
        self._form = {k: handler.get_body_argument(k) for k in handler.request.body_arguments}
        self.payload = BasicOAuth2Payload(values)

    @property
    def args(self) -> dict[str, str]:
        return self._args

    @property
    def form(self) -> dict[str, str]:
        return self._form


class Provider(AuthorizationServer):
    def __init__(self, issuer: str, client: Client, key: RSAKey) -> None:
        super().__init__(scopes_supported=["openid", "email", "profile"])
        self.issuer = issuer
        self.client = client
        self.key = key
        self.codes: dict[str, Code] = {}
        self.issued: list[dict[str, Any]] = []
        self.id_tokens: list[str] = []
        self.logouts: list[dict[str, str]] = []

    def query_client(self, client_id: str) -> Client | None:
        return self.client if client_id == self.client.client_id else None

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        self.issued.append(dict(token))

    def create_oauth2_request(self, request: Any) -> OAuth2Request:
        return request if isinstance(request, OAuth2Request) else Request(request)

    def handle_response(self, status: int, body: Any, headers: Any) -> tuple[int, Any, Any]:
        return status, body, headers

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        return None


class CodeGrant(AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        data = request.payload.data
        provider: Provider = self.server
        provider.codes[code] = Code(
            code=code, client_id=request.payload.client_id, redirect_uri=request.payload.redirect_uri,
            scope=request.payload.scope, user=request.user, nonce=data.get("nonce"),
            code_challenge=data.get("code_challenge"), code_challenge_method=data.get("code_challenge_method"),
        )

    def query_authorization_code(self, code: str, client: Client) -> Code | None:
        found = self.server.codes.get(code)
        return found if found is not None and found.client_id == client.get_client_id() else None

    def delete_authorization_code(self, authorization_code: Code) -> None:
        self.server.codes.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code: Code) -> dict[str, str]:
        return authorization_code.user


class IdToken(OpenIDCode):
    def __init__(self, provider: Provider) -> None:
        super().__init__(require_nonce=True)
        self.provider = provider

    def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
        return any(code.nonce == nonce for code in self.provider.codes.values())

    def resolve_client_private_key(self, client: Client) -> RSAKey:
        return self.provider.key

    def get_client_algorithm(self, client: Client) -> str:
        return "RS256"

    def get_client_claims(self, client: Client) -> dict[str, Any]:
        return {"iss": self.provider.issuer}

    def get_encode_header(self, client: Client) -> dict[str, str]:
        return {"alg": "RS256", "kid": KEY_ID}

    def encode_id_token(self, token: dict[str, Any], request: OAuth2Request) -> str:
        id_token = super().encode_id_token(token, request)
        self.provider.id_tokens.append(id_token)
        return id_token

    def generate_user_info(self, user: dict[str, str], scope: str) -> UserInfo:
        info = UserInfo(sub=user["sub"], name=user["name"])
        if "email" in scope.split():
            info["email"] = user["email"]
            info["email_verified"] = True
        return info


CONSENT = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Test provider: sign in</title></head>
<body><h1>Sign in to {client}</h1><form method="post" action="authorize">{hidden}
<label>E-mail <input id="email" name="email" value="ada@example.com"></label>
<button id="allow" name="decision" value="allow" type="submit">Allow</button>
<button id="deny" name="decision" value="deny" type="submit">Deny</button></form></body></html>
"""


class _Handler(tornado.web.RequestHandler):
    provider: Provider

    def initialize(self, provider: Provider) -> None:
        self.provider = provider

    def check_xsrf_cookie(self) -> None:
        return None

    def reply(self, answer: tuple[int, Any, Any]) -> None:
        status, body, headers = answer
        self.set_status(status)
        for name, value in headers or []:
            self.set_header(name, value)
        if isinstance(body, dict):
            self.set_header("Content-Type", "application/json")
            self.finish(tornado.escape.json_encode(body))
        else:
            self.finish(body or "")


class Discovery(_Handler):
    def get(self) -> None:
        base = self.provider.issuer
        self.finish({
            "issuer": base, "authorization_endpoint": f"{base}/authorize", "token_endpoint": f"{base}/token",
            "jwks_uri": f"{base}/jwks", "end_session_endpoint": f"{base}/logout",
            "response_types_supported": ["code"], "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"], "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
        })


class Jwks(_Handler):
    def get(self) -> None:
        self.finish({"keys": [self.provider.key.as_dict(private=False, kid=KEY_ID, use="sig", alg="RS256")]})


class Authorize(_Handler):
    def get(self) -> None:
        try:
            self.provider.get_consent_grant(self, end_user=None)
        except Exception as exc:  # a bad request: the provider's own error page
            self.set_status(400)
            self.finish(f"invalid request: {html.escape(str(exc))}")
            return
        hidden = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(self.get_query_argument(k))}">'
            for k in self.request.query_arguments
        )
        self.finish(CONSENT.format(client=html.escape(self.provider.client.client_id), hidden=hidden))

    def post(self) -> None:
        email = self.get_body_argument("email", "ada@example.com")
        user = {"sub": f"user-{email}", "email": email, "name": email.split("@")[0].title()}
        request = Request(self)
        allowed = self.get_body_argument("decision", "") == "allow"
        grant = self.provider.get_consent_grant(request, end_user=user)
        self.reply(self.provider.create_authorization_response(request, grant_user=user if allowed else None, grant=grant))


class Token(_Handler):
    def post(self) -> None:
        self.reply(self.provider.create_token_response(self))


class Logout(_Handler):
    def get(self) -> None:
        seen = {k: self.get_query_argument(k) for k in self.request.query_arguments}
        self.provider.logouts.append(seen)
        target = seen.get("post_logout_redirect_uri")
        if target in self.provider.client.redirect_uris:
            self.redirect(target)
        else:
            self.finish("logged out")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ThreadedServer:
    """A tornado application serving ``routes`` on 127.0.0.1 from a thread of its own."""

    def __init__(self, routes: list[Any], port: int | None = None) -> None:
        self.port = port or free_port()
        self.routes = routes
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, name=f"tornado-{self.port}", daemon=True)

    def start(self) -> None:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError(f"the server on port {self.port} did not start")

    def _serve(self) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        server = tornado.httpserver.HTTPServer(tornado.web.Application(self.routes))
        server.listen(self.port, "127.0.0.1")
        loop.call_soon(self._ready.set)
        try:
            loop.run_forever()
        finally:
            server.stop()
            loop.run_until_complete(server.close_all_connections())
            loop.close()

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)


class ProviderServer(ThreadedServer):
    """The provider: its routes, its one client and its signing key."""

    def __init__(self, redirect_uris: list[str]) -> None:
        port = free_port()
        self.issuer = f"http://127.0.0.1:{port}"
        self.client = Client(CLIENT_ID, CLIENT_SECRET, list(redirect_uris))
        self.provider = Provider(self.issuer, self.client, RSAKey.generate_key(2048))
        self.provider.register_grant(CodeGrant, [CodeChallenge(required=False), IdToken(self.provider)])
        self.provider.register_token_generator(
            "default", BearerTokenGenerator(access_token_generator=lambda *_args, **_kw: secrets.token_urlsafe(32))
        )
        kw = {"provider": self.provider}
        super().__init__([
            (r"/\.well-known/openid-configuration", Discovery, kw), (r"/jwks", Jwks, kw),
            (r"/authorize", Authorize, kw), (r"/token", Token, kw), (r"/logout", Logout, kw),
        ], port)

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def allow_redirect(self, uri: str) -> None:
        self.client.redirect_uris.append(uri)
