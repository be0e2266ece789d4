"""Vietnamese-looking (and some English) news text, built fast from word lists.

Titles are stitched from pre-slugified parts so that making a slug costs a
string join, and bodies are drawn from a pool of pre-built sentences, so a
hundred thousand 1–3 KB articles take seconds rather than minutes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from hub.text.folding import slugify

MAX_SLUG = 64  # tenants.models.SLUG_PATTERN: 1–64 characters

ACTORS_VI = [
    "UBND thành phố",
    "UBND phường",
    "UBND xã",
    "HĐND thành phố",
    "Sở Tài chính",
    "Sở Xây dựng",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Nội vụ",
    "Công an thành phố",
    "Công an phường",
    "Ủy ban MTTQ Việt Nam",
    "Đoàn Thanh niên",
    "Hội Liên hiệp Phụ nữ",
    "Hội Cựu chiến binh",
    "Trung tâm Phục vụ hành chính công",
    "Ban Chỉ đạo chuyển đổi số",
    "Thanh tra thành phố",
    "Đảng ủy phường",
    "Trạm Y tế xã",
]
ACTIONS_VI = [
    "tổ chức hội nghị",
    "triển khai kế hoạch",
    "ban hành hướng dẫn",
    "kiểm tra công tác",
    "tuyên truyền về",
    "tổng kết",
    "phát động phong trào",
    "đẩy mạnh",
    "ra quân",
    "sơ kết",
    "lấy ý kiến về",
    "đối thoại với nhân dân về",
    "thông báo kết quả",
    "giám sát việc thực hiện",
    "công bố quyết định về",
]
TOPICS_VI = [
    "chuyển đổi số",
    "cải cách hành chính",
    "phòng cháy chữa cháy",
    "bảo vệ môi trường",
    "an toàn giao thông",
    "xây dựng nông thôn mới",
    "chỉnh trang đô thị",
    "an sinh xã hội",
    "tiêm chủng mở rộng",
    "thu ngân sách nhà nước",
    "giải phóng mặt bằng",
    "Đề án 06",
    "dịch vụ công trực tuyến",
    "trật tự xây dựng",
    "phòng chống dịch sốt xuất huyết",
    "tuyển sinh đầu cấp",
    "vệ sinh an toàn thực phẩm",
    "chính quyền hai cấp",
    "sắp xếp đơn vị hành chính",
    "phổ biến giáo dục pháp luật",
    "hỗ trợ hộ nghèo",
    "phát triển du lịch",
    "quản lý chợ dân sinh",
    "cấp căn cước",
]
QUALIFIERS_VI = [
    "năm 2025",
    "năm 2026",
    "6 tháng đầu năm",
    "quý III",
    "giai đoạn 2025–2030",
    "trên địa bàn",
    "tại các khu dân cư",
    "tại trụ sở",
    "cho cán bộ, công chức",
    "trong dịp Tết Nguyên đán",
    "đợt cao điểm",
    "tại các trường học",
]
CLAUSES_VI = [
    "góp phần nâng cao chất lượng phục vụ người dân và doanh nghiệp",
    "bảo đảm đúng tiến độ, hiệu quả và công khai, minh bạch",
    "với sự tham gia của đại diện các ban, ngành, đoàn thể",
    "nhằm kịp thời tháo gỡ khó khăn, vướng mắc phát sinh",
    "theo chỉ đạo của Thành ủy và UBND thành phố",
    "thu hút đông đảo người dân trên địa bàn hưởng ứng",
    "đồng thời đề ra nhiệm vụ trọng tâm trong thời gian tới",
    "qua đó tạo chuyển biến rõ nét về nhận thức và hành động",
    "các tổ dân phố đã chủ động phối hợp thực hiện",
    "kết quả được đánh giá cao tại hội nghị tổng kết",
    "trong bối cảnh còn nhiều khó khăn, thách thức",
    "bảo đảm quyền và lợi ích hợp pháp của người dân",
]
OPENERS_VI = [
    "Sáng nay,",
    "Chiều qua,",
    "Theo báo cáo,",
    "Phát biểu tại buổi làm việc,",
    "Trong tháng,",
    "Thực hiện kế hoạch của thành phố,",
    "Cùng ngày,",
    "Tính đến nay,",
    "Dịp này,",
    "",
]

ACTORS_EN = [
    "The City People's Committee",
    "The Department of Finance",
    "The Department of Health",
    "The Department of Construction",
    "Ward authorities",
    "Commune authorities",
    "The Public Administrative Service Centre",
    "City police",
    "The Youth Union",
    "The Women's Union",
]
ACTIONS_EN = [
    "launches a plan for",
    "reviews progress on",
    "issues guidance on",
    "inspects work on",
    "holds a conference on",
    "publishes results of",
    "consults residents on",
    "steps up",
]
TOPICS_EN = [
    "digital transformation",
    "administrative reform",
    "fire prevention",
    "environmental protection",
    "road safety",
    "urban renovation",
    "social welfare",
    "online public services",
    "food safety",
    "school enrolment",
    "tourism development",
    "Project 06",
]
QUALIFIERS_EN = [
    "in 2025",
    "in 2026",
    "for the first half of the year",
    "for 2025–2030",
    "across the city",
    "in residential areas",
    "ahead of Tet",
]
CLAUSES_EN = [
    "to serve residents and businesses better",
    "with representatives of all departments taking part",
    "in line with the city's direction",
    "to remove obstacles as they arise",
    "ensuring transparency and efficiency",
    "and set priorities for the coming months",
]


@dataclass(frozen=True)
class _Part:
    text: str
    slug: str


@dataclass(frozen=True)
class Text:
    """One generated article text: title, slug stem (no suffix), summary and HTML body."""

    title: str
    slug_stem: str
    summary: str
    body: str


def _parts(words: list[str]) -> list[_Part]:
    return [_Part(w, slugify(w, MAX_SLUG)) for w in words]


class _Language:
    """Pre-computed parts and a sentence pool for one language."""

    def __init__(
        self,
        rng: random.Random,
        *,
        actors: list[str],
        actions: list[str],
        topics: list[str],
        qualifiers: list[str],
        clauses: list[str],
        openers: list[str],
        pool_size: int,
    ) -> None:
        self.rng = rng
        self.actors = _parts(actors)
        self.actions = _parts(actions)
        self.topics = _parts(topics)
        self.qualifiers = _parts(qualifiers)
        self.sentences: list[str] = []
        for _ in range(pool_size):
            opener = rng.choice(openers)
            actor = rng.choice(actors)
            if opener and actor.startswith("The "):
                actor = "the" + actor[3:]
            sentence = (
                f"{opener} {actor} {rng.choice(actions)} {rng.choice(topics)} "
                f"{rng.choice(qualifiers)}, {rng.choice(clauses)}."
            ).strip()
            self.sentences.append(sentence[0].upper() + sentence[1:])
        self.sizes = [len(s.encode()) for s in self.sentences]

    def text(self) -> Text:
        """A title, its slug stem, a one- or two-sentence summary and a 1–3 KB body."""
        rng = self.rng
        parts = [
            rng.choice(self.actors),
            rng.choice(self.actions),
            rng.choice(self.topics),
            rng.choice(self.qualifiers),
        ]
        title = " ".join(p.text for p in parts)
        slug_stem = "-".join(p.slug for p in parts)
        n = len(self.sentences)
        summary = " ".join(self.sentences[rng.randrange(n)] for _ in range(rng.randint(1, 2)))
        target = rng.randint(1000, 3000)
        paragraphs: list[str] = []
        size = 0
        while size < target:
            picks = [rng.randrange(n) for _ in range(rng.randint(2, 5))]
            paragraphs.append("<p>" + " ".join(self.sentences[i] for i in picks) + "</p>")
            size += sum(self.sizes[i] + 1 for i in picks) + 7
        return Text(title, slug_stem, summary, "\n".join(paragraphs))


class Corpus:
    """Seeded text factory for both editions."""

    def __init__(self, seed: int = 42, pool_size: int = 4000) -> None:
        rng = random.Random(seed)
        self.vi = _Language(
            rng,
            actors=ACTORS_VI,
            actions=ACTIONS_VI,
            topics=TOPICS_VI,
            qualifiers=QUALIFIERS_VI,
            clauses=CLAUSES_VI,
            openers=OPENERS_VI,
            pool_size=pool_size,
        )
        self.en = _Language(
            rng,
            actors=ACTORS_EN,
            actions=ACTIONS_EN,
            topics=TOPICS_EN,
            qualifiers=QUALIFIERS_EN,
            clauses=CLAUSES_EN,
            openers=["Today,", "This week,", "According to the report,", ""],
            pool_size=pool_size // 4,
        )

    def text(self, language: str) -> Text:
        """A generated text in ``language`` (``"vi"`` or ``"en"``)."""
        return (self.en if language == "en" else self.vi).text()


def article_slug(stem: str, sequence: int) -> str:
    """``stem`` cut at a hyphen to fit, plus a base-36 ``sequence`` that makes it unique."""
    suffix = "-" + _base36(sequence)
    room = MAX_SLUG - len(suffix)
    if len(stem) > room:
        stem = stem[:room].rsplit("-", 1)[0] or stem[:room]
    return stem.strip("-") + suffix


def _base36(value: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        value, rest = divmod(value, 36)
        out = digits[rest] + out
        if not value:
            return out
