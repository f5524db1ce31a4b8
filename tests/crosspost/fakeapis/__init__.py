"""Fakes of the Graph API, Zalo OAuth/OpenAPI and the Zalo Bot API over real HTTP."""

from .server import FakeServer, Request

__all__ = ["FakeServer", "Request"]
