"""Secrets and endpoints, from the environment only, and masking them everywhere.

No token is ever written to a log line, the report, the ledger, an exception message
or ``output/``: every text that leaves this program goes through ``Secrets.mask``, and
while a run lasts the same mask filters the log records of the HTTP libraries (the Zalo
Bot token sits in the URL path, which urllib3 logs at debug level).
"""

from __future__ import annotations

import contextlib
import logging
import re
from dataclasses import dataclass, field

MASK = "***"
SECRET_NAMES = (
    "FACEBOOK_PAGE_ACCESS_TOKEN",
    "FACEBOOK_APP_SECRET",
    "ZALO_APP_SECRET",
    "ZALO_OA_ACCESS_TOKEN",
    "ZALO_OA_REFRESH_TOKEN",
    "ZALO_BOT_TOKEN",
    "ZALO_TOKEN_KEY",
)
DEFAULT_URLS = {
    "FACEBOOK_GRAPH_URL": "https://graph.facebook.com",
    "ZALO_OPENAPI_URL": "https://openapi.zalo.me",
    "ZALO_OAUTH_URL": "https://oauth.zaloapp.com",
    "ZALO_BOT_URL": "https://bot-api.zaloplatforms.com",
}
# the newest Graph version named in Meta's changelog (29 Jul 2026); each lives ~2 years
DEFAULT_GRAPH_VERSION = "v26.0"
logger = logging.getLogger(__name__)
_MASKED_LOGGERS = ("urllib3", "urllib3.connectionpool", "urllib3.util.retry", "requests")


@dataclass
class Secrets:
    """What ``make crosspost`` reads from the environment."""

    values: dict = field(default_factory=dict)
    extra: set = field(default_factory=set)  # tokens learnt during the run (refreshes)

    @classmethod
    def from_env(cls, environ) -> Secrets:
        names = (
            SECRET_NAMES
            + tuple(DEFAULT_URLS)
            + ("FACEBOOK_PAGE_ID", "FACEBOOK_GRAPH_VERSION", "ZALO_APP_ID", "ZALO_OA_TOKEN_FILE")
        )
        return cls({name: (environ.get(name) or "").strip() for name in names})

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def url(self, name: str) -> str:
        return (self.values.get(name) or DEFAULT_URLS[name]).rstrip("/")

    @property
    def graph_version(self) -> str:
        value = self.values.get("FACEBOOK_GRAPH_VERSION") or DEFAULT_GRAPH_VERSION
        if not re.fullmatch(r"v\d+\.\d+", value):
            logger.error(
                "crosspost: FACEBOOK_GRAPH_VERSION phải có dạng v26.0, không phải %r; dùng %s",
                value,
                DEFAULT_GRAPH_VERSION,
            )
            return DEFAULT_GRAPH_VERSION
        return value

    def learn(self, token: str) -> None:
        """Mask ``token`` too from now on (a token obtained by refreshing)."""
        if token:
            self.extra.add(token)

    def _tokens(self) -> list[str]:
        tokens = {self.values.get(name, "") for name in SECRET_NAMES} | self.extra
        # longest first, so a token containing another is masked whole
        return sorted((t for t in tokens if len(t) >= 4), key=len, reverse=True)

    def mask(self, text) -> str:
        text = str(text)
        for token in self._tokens():
            text = text.replace(token, MASK)
        return text


class MaskFilter(logging.Filter):
    """Replace every secret in a record's final message."""

    def __init__(self, secrets: Secrets):
        super().__init__()
        self.secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = self.secrets.mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = self.secrets.mask(
                logging.Formatter().formatException(record.exc_info)
            )
            record.exc_info = None
        return True


@contextlib.contextmanager
def masked_logging(secrets: Secrets):
    """While the block runs, mask secrets in our loggers and the HTTP libraries'."""
    flt = MaskFilter(secrets)
    names = set(_MASKED_LOGGERS) | {
        name for name in logging.Logger.manager.loggerDict if name.startswith(__package__)
    }
    loggers = [logging.getLogger(name) for name in sorted(names)]
    handlers = list(logging.getLogger().handlers)
    for item in loggers + handlers:
        item.addFilter(flt)
    try:
        yield flt
    finally:
        for item in loggers + handlers:
            item.removeFilter(flt)
