"""A former unit's old site on 127.0.0.1: its feed, its pictures, some broken answers."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

from PIL import Image

from tests.media.imagemaker import photo
from tests.workflow.servers import base_url, serving

DATA = Path(__file__).parent / "data"
WXR = DATA / "thi-tran-tho-xuan.wordpress.2025-06-28.xml"
OLD_HOST = "https://phunu-thitran-thoxuan.example.vn"


def jpeg(seed: int, size=(800, 600)) -> bytes:
    buffer = io.BytesIO()
    photo(size, seed).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def png(seed: int) -> bytes:
    buffer = io.BytesIO()
    photo((640, 480), seed).convert("P").save(buffer, "PNG")
    return buffer.getvalue()


def feed(base: str) -> bytes:
    """An RSS 2.0 feed as WordPress serves it: content:encoded, media:content, categories."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Hội LHPN xã Xuân Đồng</title><link>{base}/</link>
<description>Tin hoạt động</description><language>vi</language>
<item><title>Chi hội thôn 2 tập huấn phòng chống lừa đảo qua mạng</title>
  <link>{base}/tin-tuc/chi-hoi-thon-2-tap-huan-phong-chong-lua-dao.html</link>
  <guid isPermaLink="false">xuan-dong-tin-311</guid>
  <pubDate>Tue, 10 Jun 2025 02:00:00 +0000</pubDate>
  <dc:creator>Nguyễn Thu</dc:creator>
  <category>Tuyên truyền</category><category>An toàn mạng</category>
  <media:content url="{base}/uploads/2025/06/lua-dao.jpg" medium="image"/>
  <description>Hơn 50 hội viên được hướng dẫn nhận biết cuộc gọi lừa đảo.</description>
  <content:encoded><![CDATA[<p>Sáng 9/6, Chi hội thôn 2 tổ chức buổi tập huấn.</p>
  <p><img src="/uploads/2025/06/tap-huan.jpg" alt="Hội viên nghe hướng dẫn"></p>
  <h2>Những dấu hiệu cần nhớ</h2><ul><li>Không bấm đường link lạ.</li></ul>]]></content:encoded>
</item>
<item><title>Tổng kết phong trào năm 2024</title>
  <link>{base}/tin-tuc/tong-ket-2024.html</link>
  <pubDate>Thu, 26 Dec 2024 08:00:00 +0700</pubDate>
  <description>&lt;p&gt;Hội LHPN xã Xuân Đồng tổng kết năm 2024.&lt;/p&gt;</description>
</item>
<item><title>Tin không ghi ngày</title><link>{base}/tin-tuc/khong-ngay.html</link>
  <description>Không có ngày.</description></item>
</channel></rss>""".encode()


class OldSite(BaseHTTPRequestHandler):
    """Serves ``files`` (path → content type, body); everything else is 404."""

    files: ClassVar[dict[str, tuple[str, bytes]]] = {}

    def do_GET(self):
        found = self.files.get(self.path.split("?")[0])
        if found is None:
            self.send_error(404)
            return
        kind, body = found
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextmanager
def old_site() -> Iterator[str]:
    """The old site's base address; its pictures are real JPEG and PNG files."""
    handler = type("Handler", (OldSite,), {"files": {}})
    with serving(handler) as server:
        base = base_url(server)
        handler.files.update(
            {
                "/wp-content/uploads/2024/03/pn1.jpg": ("image/jpeg", jpeg(1)),
                "/wp-content/uploads/2024/03/pn1-800x600.jpg": ("image/jpeg", jpeg(2)),
                "/wp-content/uploads/2024/03/pn2.png": ("image/png", png(3)),
                "/uploads/2025/06/lua-dao.jpg": ("image/jpeg", jpeg(4)),
                "/uploads/2025/06/tap-huan.jpg": ("image/jpeg", jpeg(5)),
                "/feed/": ("application/rss+xml; charset=UTF-8", feed(base)),
                "/trang-chu/": ("text/html; charset=utf-8", b"<!DOCTYPE html><h1>Trang chu</h1>"),
            }
        )
        yield base


def is_image(path: Path) -> bool:
    with Image.open(path) as image:
        image.verify()
    return True
