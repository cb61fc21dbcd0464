"""The API's documentation pages, offline and under the strict CSP.

``/docs`` is Swagger UI and ``/redoc`` is ReDoc, both drawn from the JavaScript and CSS that
the ``fastapi-offline`` package ships (mounted at :data:`ASSETS_URL`), never from a CDN.
FastAPI's own pages start the viewers with an inline ``<script>``, which the site's
Content-Security-Policy refuses: here the pages name the OpenAPI description in a
``data-spec`` attribute and ``/static/apidocs.js`` starts the viewer. Swagger UI runs under
the site's CSP as it is. ReDoc writes its styles into ``<style>`` elements at run time
(styled-components), so ``/redoc`` alone is sent a CSP whose ``style-src`` adds a fresh nonce
that the page hands to ReDoc, plus the hashes of the two style texts the bundle inserts
before it knows the nonce (:data:`REDOC_STYLE_HASHES`), and ``worker-src blob:`` for its
search worker; scripts stay ``'self'`` only, and nothing is ``'unsafe-inline'``. ReDoc's
footer draws its maker's logo from a CDN: ``apidocs.js`` never lets an image from another
site be requested. Without JavaScript both pages list the JSON routes.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from counterclaim.web.security import CSP

ASSETS_URL = "/docs/assets"
ASSETS = Path(fastapi_offline.__file__).parent / "static"
SWAGGER_FILES = ("swagger-ui-bundle.js", "swagger-ui.css")
REDOC_FILES = ("redoc.standalone.js",)
# The styles redoc.standalone.js (ReDoc 2.5 in fastapi-offline 1.7.7) inserts while loading,
# before Redoc.init hands it the nonce: the scrollbar's CSS and the empty element it starts
# from. A newer bundle with other texts shows as a CSP violation in tests/web/test_browser.py.
REDOC_STYLE_HASHES = (
    "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
)


def redoc_csp(nonce: str) -> str:
    """The site's CSP for ``/redoc``: ``style-src`` also allows ``<style>`` elements that
    carry ``nonce`` or have one of :data:`REDOC_STYLE_HASHES`, and workers may come from
    ``blob:`` URLs (made by the page's own scripts); ``script-src`` is unchanged."""
    extra = {"style-src": [f"'nonce-{nonce}'", *REDOC_STYLE_HASHES]}
    parts = [p.strip() for p in CSP.split(";")]
    out = [" ".join([p, *extra.get(p.split(" ", 1)[0], [])]) for p in parts]
    return "; ".join([*out, "worker-src blob:"])


def operations(app: FastAPI) -> list[tuple[str, str, str, list[dict]]]:
    """(method, path, summary, parameters) of each JSON route, for the no-script list."""
    return [
        (method.upper(), path, op.get("summary", ""), op.get("parameters", []))
        for path, ops in app.openapi()["paths"].items()
        for method, op in ops.items()
    ]


def add_api_docs(app: FastAPI) -> None:
    """Mount the bundled assets and add ``/docs`` (Swagger UI) and ``/redoc`` (ReDoc)."""
    missing = [f for f in SWAGGER_FILES + REDOC_FILES if not (ASSETS / f).is_file()]
    if missing:
        raise RuntimeError(f"fastapi-offline ships no {', '.join(missing)} in {ASSETS}")
    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS), name="apidocs")

    def render(request: Request, viewer: str, nonce: str | None = None) -> Response:
        templates: Jinja2Templates = request.app.state.templates
        context = {
            "viewer": viewer,
            "spec_url": request.scope.get("root_path", "") + (app.openapi_url or ""),
            "assets": ASSETS_URL,
            "operations": operations(app),
            "nonce": nonce,
            "json_url": None,
            "view": None,
        }
        response = templates.TemplateResponse(request, "apidocs.html", context)
        if nonce:
            response.headers["content-security-policy"] = redoc_csp(nonce)
        return response

    @app.get("/docs", include_in_schema=False)
    def swagger_ui(request: Request) -> Response:
        return render(request, "swagger")

    @app.get("/redoc", include_in_schema=False)
    def redoc(request: Request) -> Response:
        return render(request, "redoc", secrets.token_urlsafe(18))

    del swagger_ui, redoc  # registered
