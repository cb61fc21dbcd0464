"""The analyst's web page and HTTP API over the ledger: see :func:`create_app`."""

from counterclaim.web.app import create_app

__all__ = ["create_app"]
