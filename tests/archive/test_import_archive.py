"""make import-archive: a WordPress export, a feed and saved pages from a local old site."""

from __future__ import annotations

import shutil

import pytest
import yaml
from conftest import ROOT, run_build
from html_tools import Page

from tests.archive.oldsite import OLD_HOST, WXR, is_image, old_site
from tests.workflow.servers import base_url, serving
from tinhoi.archive.model import ArchiveError
from tinhoi.archive.report import report
from tinhoi.archive.run import import_archive, known_units
from tinhoi.authoring.files import read_header
from tinhoi.sitebuild.cli import load_settings

WP_SLUG = "hoi-lhpn-thi-tran-tho-xuan-ung-dung-nen-tang-so-trong-cong-tac-hoi"


def settings_for(content):
    return load_settings(ROOT / "pelicanconf.py", {"PATH": str(content)})


def unit_code(content) -> str:
    """A former unit of the sample data (records once unit.yml has them)."""
    codes = known_units(content)
    return codes[0] if codes else "tt-tho-xuan"


def snapshot(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def local_export(tmp_path, base: str):
    """The sample export with the old site's pictures served by the local server."""
    path = tmp_path / WXR.name
    path.write_text(WXR.read_text(encoding="utf-8").replace(OLD_HOST, base), encoding="utf-8")
    return path


def test_wordpress_export_becomes_articles_that_build(tmp_path, content_dir):
    unit = unit_code(content_dir)
    with old_site() as base:
        result = import_archive(settings_for(content_dir), str(local_export(tmp_path, base)), unit)
    done = {o.title: o for o in result.outcomes}
    assert [o.path for o in result.outcomes if o.path] == [
        f"articles/2024/{WP_SLUG}.md",
        "articles/2023/chi-hoi-khu-3-ra-quan-ngay-chu-nhat-xanh.md",
    ]
    assert done["Kế hoạch hoạt động tháng 7 (bản nháp)"].skipped == "bản nháp"
    assert done["Giới thiệu"].skipped == "là trang tĩnh, không phải bài tin"
    header = read_header(content_dir / f"articles/2024/{WP_SLUG}.md")
    values = header.values
    assert header.style == "yaml" and header.problems == []
    assert values["title"] == "Hội LHPN thị trấn Thọ Xuân:Ứng dụng nền tảng số trong công tác hội"
    assert values["date"] == "2024-03-27 08:15 +07:00"  # post_date_gmt, shown in Vietnam time
    assert values["unit"] == unit
    assert values["aliases"] == "/2024/03/27/hoi-lhpn-thi-tran-tho-xuan-ung-dung-nen-tang-so/"
    assert values["category"] == "hoat-dong-hoi"
    assert values["tags"] == "Chuyển đổi số, Zalo"
    assert values["author"] == "Lê Thị Hà"
    assert values["summary"].startswith("Hội LHPN thị trấn Thọ Xuân đưa sinh hoạt Hội")
    assert values["source"] == "Hội LHPN thị trấn Thọ Xuân"
    assert (
        values["source_url"]
        == f"{base}/2024/03/27/hoi-lhpn-thi-tran-tho-xuan-ung-dung-nen-tang-so/"
    )
    assert values["source_id"] == f"{base}/?p=102"
    assert values["cover"] == f"images/2024/{WP_SLUG}-anh-bia.jpg"
    assert values["cover_alt"].startswith("Cán bộ Hội hướng dẫn hội viên quét mã QR")
    body = header.body
    assert "[caption" not in body and "wp-image" not in body
    caption = "Cán bộ Hội hướng dẫn hội viên vào nhóm Zalo. Ảnh: L.H"
    assert f"![{caption}]({{static}}/images/2024/{WP_SLUG}-1.jpg)" in body
    assert (
        "### Sinh hoạt chi hội qua Zalo" in body and "- Hướng dẫn cài đặt ứng dụng VNeID;" in body
    )
    assert f"{{static}}/images/2024/{WP_SLUG}-2.png" in body  # its alt was a file name
    for name in (f"{WP_SLUG}-anh-bia.jpg", f"{WP_SLUG}-1.jpg", f"{WP_SLUG}-2.png"):
        assert is_image(content_dir / "images/2024" / name)
    second = done["Chi hội khu 3 ra quân Ngày Chủ nhật xanh"]
    assert second.problems and "chu-nhat-xanh-mat.jpg" in second.problems[0]  # a 404 upstream
    other = read_header(content_dir / "articles/2023/chi-hoi-khu-3-ra-quan-ngay-chu-nhat-xanh.md")
    assert other.values["tags"] == "Tin cơ sở"  # no such category here: kept as a tag
    assert "chu-nhat-xanh-mat" not in other.body
    text = report(result)
    assert "Đã nhập 2 bài, 3 ảnh; bỏ qua 2 mục." in text
    assert "1 ảnh chưa có mô tả riêng" in text

    site = run_build(tmp_path, content_dir, strict=False, SEARCH_INDEX=False)
    assert site.result.ok, site.messages
    page = Page(site.output / f"2024/03/{WP_SLUG}/index.html")
    assert "Ứng dụng nền tảng số" in page.text
    assert ("a", values["source_url"]) in page.links  # the source credit links the old page


def test_importing_twice_creates_nothing_new(tmp_path, content_dir):
    unit = unit_code(content_dir)
    with old_site() as base:
        export = local_export(tmp_path, base)
        import_archive(settings_for(content_dir), str(export), unit)
        before = snapshot(content_dir)
        again = import_archive(settings_for(content_dir), str(export), unit)
        feed_once = import_archive(settings_for(content_dir), f"{base}/feed/", unit)
        feed_twice = import_archive(settings_for(content_dir), f"{base}/feed/", unit)
    assert snapshot(content_dir).keys() - before.keys() == {
        "articles/2025/chi-hoi-thon-2-tap-huan-phong-chong-lua-dao-qua-mang.md",
        "articles/2024/tong-ket-phong-trao-nam-2024.md",
        "images/2025/chi-hoi-thon-2-tap-huan-phong-chong-lua-dao-qua-mang-anh-bia.jpg",
        "images/2025/chi-hoi-thon-2-tap-huan-phong-chong-lua-dao-qua-mang-1.jpg",
    }
    assert [o.path for o in again.outcomes if o.path] == []
    assert {o.skipped for o in again.outcomes} >= {"đã nhập từ trước (trùng địa chỉ gốc)"}
    assert sum(bool(o.path) for o in feed_once.outcomes) == 2
    assert [o.path for o in feed_twice.outcomes if o.path] == []
    assert "Đã nhập 0 bài" in report(feed_twice)


def test_feed_articles(tmp_path, content_dir):
    with old_site() as base:
        result = import_archive(settings_for(content_dir), f"{base}/feed/", unit_code(content_dir))
    skipped = {o.title: o.skipped for o in result.outcomes if o.skipped}
    assert skipped == {"Tin không ghi ngày": "không rõ ngày đăng"}
    values = read_header(
        content_dir / "articles/2025/chi-hoi-thon-2-tap-huan-phong-chong-lua-dao-qua-mang.md"
    )
    assert values.values["date"] == "2025-06-10 09:00 +07:00"
    assert values.values["category"] == "tuyen-truyen"
    assert values.values["tags"] == "An toàn mạng"
    assert values.values["aliases"] == "/tin-tuc/chi-hoi-thon-2-tap-huan-phong-chong-lua-dao.html"
    assert values.values["source_id"] == "xuan-dong-tin-311"
    assert values.values["source"] == "Hội LHPN xã Xuân Đồng"
    assert "## Những dấu hiệu cần nhớ" in values.body
    assert "![Hội viên nghe hướng dẫn]({static}/images/2025/" in values.body
    short = read_header(content_dir / "articles/2024/tong-ket-phong-trao-nam-2024.md")
    assert short.values["date"] == "2024-12-26 08:00 +07:00"
    assert short.body.strip() == "Hội LHPN xã Xuân Đồng tổng kết năm 2024."
    site = run_build(tmp_path, content_dir, SEARCH_INDEX=False)
    assert site.result.ok, site.messages
    assert (site.output / "2024/12/tong-ket-phong-trao-nam-2024/index.html").exists()


SAVED_PAGE = """<!DOCTYPE html>
<!-- saved from url=(0118)https://thoxuan.vn/web/trang-chu/tin-tuc-su-kien-trong-huyen/\
kinh-te-xa-hoi/hoi-lhpn-thi-tran-tho-xuanung-dung-nen-tang-so.html -->
<html lang="vi"><head><meta charset="utf-8">
<title>Hội LHPN thị trấn Thọ Xuân:Ứng dụng nền tảng số trong công tác hội - Cổng TTĐT</title>
<script src="./page_files/analytics.js"></script></head>
<body><header><nav><a href="/">Trang chủ</a> › Tin tức sự kiện trong huyện</nav></header>
<div class="portlet"><div class="journal-content-article">
<h1>Hội LHPN thị trấn Thọ Xuân:Ứng dụng nền tảng số trong công tác hội</h1>
<p class="date">Đăng lúc: 27/03/2024 (GMT+7)</p><div class="zoom">100%</div>
<p>Hội LHPN thị trấn Thọ Xuân có 1.535 hội viên, sinh hoạt ở 9 chi hội.</p>
<p><img src="./page_files/pn1.png" alt="pn1.png"></p>
<div class="share-tools"><a href="https://facebook.com/sharer">Chia sẻ</a></div>
</div></div><footer>Cổng thông tin điện tử huyện Thọ Xuân</footer></body></html>
"""


def test_saved_pages_folder(tmp_path, content_dir):
    folder = tmp_path / "trang-cu"
    (folder / "page_files").mkdir(parents=True)
    (folder / "hoi-lhpn.html").write_text(SAVED_PAGE, encoding="utf-8")
    shutil.copy(ROOT / "content/images/2024/nen-tang-so.jpg", folder / "page_files/pn1.png")
    (folder / "khong-dia-chi.html").write_text("<html><h1>Tin lẻ</h1><p>27/03/2024</p>", "utf-8")
    result = import_archive(settings_for(content_dir), str(folder), unit_code(content_dir))
    imported = [o for o in result.outcomes if o.path]
    assert len(imported) == 1
    header = read_header(content_dir / imported[0].path)
    assert header.values["date"] == "2024-03-27 00:00 +07:00"
    assert header.values["aliases"] == (
        "/web/trang-chu/tin-tuc-su-kien-trong-huyen/kinh-te-xa-hoi/"
        "hoi-lhpn-thi-tran-tho-xuanung-dung-nen-tang-so.html"
    )
    body = header.body
    assert "1.535 hội viên" in body
    assert "Chia sẻ" not in body and "Trang chủ" not in body and "100%" not in body
    assert "# Hội LHPN" not in body and "Đăng lúc" not in body  # title and date are headers
    assert ".jpg)" in body  # the file was a JPEG named .png: named for what it is
    skipped = [o for o in result.outcomes if o.skipped]
    assert skipped[0].skipped.startswith("không thấy địa chỉ gốc")


def _unreachable() -> str:
    with serving(type("H", (), {})) as server:  # a port that was free a moment ago
        address = base_url(server)
    return address + "/feed/"


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("unreachable", "không tải được nguồn"),
        ("/trang-chu/", "không phải RSS/Atom"),
        ("/khong-co/", "HTTP 404"),
        ("broken-wxr", "tệp xuất WordPress bị hỏng"),
        ("missing", "không thấy"),
        ("empty-folder", "không có trang .html nào"),
        ("", "thiếu nguồn"),
    ],
)
def test_bad_sources_write_nothing(tmp_path, content_dir, source, words):
    before = snapshot(content_dir)
    with old_site() as base:
        if source == "unreachable":
            where = _unreachable()
        elif source.startswith("/"):
            where = base + source
        elif source == "broken-wxr":
            where = tmp_path / "cut.xml"
            where.write_text(WXR.read_text(encoding="utf-8")[:9000], encoding="utf-8")
        elif source == "missing":
            where = tmp_path / "khong-co.xml"
        elif source == "empty-folder":
            where = tmp_path / "rong"
            where.mkdir()
        else:
            where = ""
        with pytest.raises(ArchiveError, match=words):
            import_archive(settings_for(content_dir), str(where), unit_code(content_dir))
    assert snapshot(content_dir) == before


def test_unit_code_is_checked_against_unit_data(content_dir):
    unit_file = content_dir / "data/unit.yml"
    data = yaml.safe_load(unit_file.read_text(encoding="utf-8"))
    data["predecessors"] = [{"code": "tt-tho-xuan", "name": "Hội LHPN thị trấn Thọ Xuân"}]
    unit_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    before = snapshot(content_dir)
    with pytest.raises(ArchiveError, match="các mã có: tt-tho-xuan"):
        import_archive(settings_for(content_dir), str(WXR), "xa-khac")
    with pytest.raises(ArchiveError, match="viết thường, không dấu"):
        import_archive(settings_for(content_dir), str(WXR), "Thọ Xuân")
    assert snapshot(content_dir) == before


def test_command_line_reports_a_bad_source_in_vietnamese(tmp_path, caplog):
    from tinhoi.archive.__main__ import main

    before = snapshot(ROOT / "content")
    assert (
        main(
            [
                "--settings",
                str(ROOT / "pelicanconf.py"),
                "--source",
                str(tmp_path / "x.xml"),
                "--unit",
                "tt-tho-xuan",
            ]
        )
        == 1
    )
    assert "không thấy" in caplog.text
    assert snapshot(ROOT / "content") == before
