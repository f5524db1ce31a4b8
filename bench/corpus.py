"""Write a deterministic corpus of N realistic articles in Tin Hội's content model.

Standard library only. The same seed always gives the same files, so stock Pelican and
our site build exactly the same text. Covers are reused from the sample site's images;
the union's data files are the sample's.

    python bench/corpus.py --n 1000 --out /tmp/corpus
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content"

CATEGORIES = [
    "hoat-dong-hoi",
    "hoat-dong-chi-hoi",
    "phong-trao-cuoc-van-dong",
    "mo-hinh",
    "guong-dien-hinh",
    "tuyen-truyen",
]
BRANCHES = [f"chi-hoi-{n}" for n in range(1, 10)]
CAMPAIGNS = [
    "chuyen-doi-so",
    "hoc-tap-lao-dong-sang-tao",
    "xay-dung-gia-dinh-5-khong-3-sach",
    "binh-dang-gioi",
]
TAGS = [
    "Chuyển đổi số",
    "Zalo",
    "VNeID",
    "Sinh hoạt chi hội",
    "Đại hội",
    "Bình đẳng giới",
    "Phòng chống bạo lực gia đình",
    "Nông thôn mới",
    "Vay vốn ưu đãi",
    "Tiết kiệm",
    "Áo dài",
    "Văn nghệ – thể thao",
    "Môi trường",
    "Rác thải nhựa",
    "Ngày 8/3",
    "Ngày 20/10",
    "An sinh xã hội",
    "Khởi nghiệp",
    "An toàn thực phẩm",
    "Sức khỏe",
    "Thanh Hóa",
    "Gia đình",
    "Lừa đảo trực tuyến",
    "Dịch vụ công",
    "Thanh toán không dùng tiền mặt",
    "Học tập suốt đời",
    "Tuyến phố văn minh",
    "Chủ nhật xanh",
    "Mẹ đỡ đầu",
    "Sơ kết",
]
TAGS_EN = [
    "Digital transformation",
    "Zalo",
    "Branch meetings",
    "Congress",
    "Gender equality",
    "Savings",
    "Environment",
    "Health",
    "Women's Day",
    "Online scams",
]
SUBJECTS = [
    "Hội LHPN xã",
    "Chi hội phụ nữ khu phố 6",
    "Ban Chấp hành Hội",
    "Chi hội thôn Đồng Lạc",
    "Các cấp Hội",
    "Hội viên phụ nữ",
    "Tổ phụ nữ số 3",
    "Chi hội thôn Ân Phú",
    "Ban Thường vụ",
    "Cán bộ chi hội",
]
VERBS = [
    "tổ chức",
    "phối hợp triển khai",
    "hướng dẫn",
    "vận động",
    "ra mắt",
    "tuyên truyền về",
    "sơ kết",
    "trao tặng",
    "tham gia",
    "duy trì",
]
OBJECTS = [
    "buổi sinh hoạt chuyên đề về chuyển đổi số",
    "mô hình nuôi heo đất tiết kiệm",
    "lớp tập huấn kỹ năng sử dụng điện thoại thông minh",
    "hội thi áo dài truyền thống",
    "phong trào xây dựng gia đình 5 không 3 sạch",
    "ngày Chủ nhật xanh trên tuyến phố",
    "chương trình Mẹ đỡ đầu cho trẻ em mồ côi",
    "cuộc thi tìm hiểu pháp luật",
    "hoạt động phòng chống lừa đảo trên không gian mạng",
    "tổ vay vốn ưu đãi cho phụ nữ nghèo",
]
TAILS = [
    "thu hút đông đảo hội viên tham gia",
    "góp phần nâng cao nhận thức của chị em",
    "được cấp ủy, chính quyền địa phương đánh giá cao",
    "tạo khí thế thi đua sôi nổi",
    "giúp nhiều gia đình có thêm thu nhập ổn định",
    "lan tỏa tinh thần đoàn kết, tương trợ",
    "với sự đồng hành của các ban, ngành, đoàn thể",
    "trong dịp kỷ niệm ngày thành lập Hội",
]
SLUG_WORDS = ["hoi-nghi", "tap-huan", "mo-hinh", "sinh-hoat", "ra-quan", "trao-qua", "so-ket"]
EN_WORDS = [
    "the",
    "union",
    "branch",
    "members",
    "women",
    "commune",
    "meeting",
    "savings",
    "digital",
    "training",
    "campaign",
    "model",
    "families",
    "village",
    "community",
    "support",
    "project",
    "volunteers",
    "health",
    "children",
    "program",
    "leaders",
    "neighbourhood",
]


MIN_WORDS, MAX_WORDS = 300, 900  # an article's body


def _sentence(rng: random.Random) -> str:
    number = rng.choice(
        ["", f" cho {rng.randint(12, 480)} hội viên", f" với {rng.randint(2, 60)} triệu đồng"]
    )
    return (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}{number}, "
        f"{rng.choice(TAILS)}."
    )


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _english(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(EN_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _body(rng: random.Random, words: int, slugs: list[str]) -> str:
    """Headings, lists, links and paragraphs: at least 300 words, at most ``words``."""
    parts, count = [], 0
    while count < words:
        kind = rng.random()
        if kind < 0.12:
            part = f"## {rng.choice(OBJECTS).capitalize()}"
        elif kind < 0.22:
            items = [
                f"- {rng.choice(OBJECTS)}, {rng.choice(TAILS)};" for _ in range(rng.randint(2, 5))
            ]
            part = "\n".join(items)
        elif kind < 0.3 and slugs:
            part = (
                f"Xem thêm: [{rng.choice(OBJECTS)}](/{rng.choice(slugs)}/) và "
                f"[Cổng thông tin Hội LHPN Việt Nam](https://hoilhpn.org.vn/)."
            )
        else:
            part = _paragraph(rng, rng.randint(2, 5))
        size = len(part.split())
        if count + size > words and count >= MIN_WORDS:
            break
        parts.append(part)
        count += size
    return "\n\n".join(parts) + "\n"


def write_corpus(n: int, out: Path, seed: int = 1) -> Path:
    """Write ``out/content`` with ``n`` articles (about 30 % translated); return it."""
    rng = random.Random(seed)
    content = out / "content"
    if content.exists():
        shutil.rmtree(content)
    shutil.copytree(SAMPLE / "data", content / "data", ignore=shutil.ignore_patterns("upstream*"))
    covers = sorted(p.relative_to(SAMPLE).as_posix() for p in (SAMPLE / "images").rglob("*.jpg"))[
        :6
    ]
    for cover in covers:
        (content / cover).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(SAMPLE / cover, content / cover)
    # unit.yml names the emblem (masthead, favicon, cards): without it the build reports it
    shutil.copy2(SAMPLE / "images" / "emblem.png", content / "images" / "emblem.png")
    start = dt.datetime(2019, 1, 1, 7, 30)
    step = (dt.datetime(2026, 11, 20) - start) / max(n, 1)
    made: list[str] = []
    for index in range(n):
        date = start + step * index
        slug = (
            f"bai-{index:05d}-{rng.choice(SLUG_WORDS)}-{rng.choice(['xa', 'chi-hoi', 'hoi-vien'])}"
        )
        title = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        category = rng.choice(CATEGORIES)
        tags = ", ".join(rng.sample(TAGS, rng.randint(1, 4)))
        branches = ", ".join(rng.sample(BRANCHES, rng.randint(0, 2)))
        campaigns = ", ".join(rng.sample(CAMPAIGNS, rng.randint(0, 1)))
        words = rng.randint(MIN_WORDS, MAX_WORDS)
        header = [
            f"Title: {title}",
            f"Date: {date:%Y-%m-%d %H:%M} +07:00",
            f"Slug: {slug}",
            "Lang: vi",
            f"Category: {category}",
            f"Tags: {tags}",
            f"Author: {rng.choice(['Lê Hà', 'Nguyễn Thị Mai', 'BBT'])}",
            f"Summary: {_sentence(rng)}",
            f"Cover: {rng.choice(covers)}",
            f"Cover_alt: {rng.choice(OBJECTS).capitalize()}",
            f"Cover_caption: {_sentence(rng)}",
            "Cover_credit: Lê Hà",
            "Consent: yes",
        ]
        if branches:
            header.append(f"Branches: {branches}")
        if campaigns:
            header.append(f"Campaigns: {campaigns}")
        folder = content / "articles" / f"{date:%Y}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{slug}.md").write_text(
            "\n".join(header) + "\n\n" + _body(rng, words, made[-20:]), encoding="utf-8"
        )
        if rng.random() < 0.3:
            english = [
                line for line in header if not line.startswith(("Title", "Lang", "Tags", "Summary"))
            ]
            english += [
                f"Title: {_english(rng, 9)[:-1]}",
                "Lang: en",
                f"Tags: {', '.join(rng.sample(TAGS_EN, 2))}",
                f"Summary: {_english(rng, 25)}",
            ]
            body = "\n\n".join(_english(rng, rng.randint(40, 120)) for _ in range(words // 80))
            (folder / f"{slug}.en.md").write_text(
                "\n".join(english) + "\n\n" + body + "\n", encoding="utf-8"
            )
        made.append(f"{date:%Y}/{date:%m}/{slug}")
    pages = content / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    for name in ("gioi-thieu.md", "gioi-thieu.en.md", "lien-he.md", "lien-he.en.md"):
        if (SAMPLE / "pages" / name).exists():
            shutil.copy2(SAMPLE / "pages" / name, pages / name)
    return content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    content = write_corpus(args.n, args.out, args.seed)
    print(f"wrote {sum(1 for _ in content.rglob('*.md'))} sources to {content}")


if __name__ == "__main__":
    main()
