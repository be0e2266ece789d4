"""Sample demo data for the Hanoi pilot of Thủ Đô Hub (NOT official information).

Everything in this module is invented sample content for demonstrations: the portal
tree (city, departments, wards/communes, the administrative-reform site), the
sections of each level and deterministic sample articles. Contact details are
plausible but fictitious. The data reflects the two-tier local government in force
since 1 July 2025 (126 commune-level units: 51 wards and 75 communes; no districts).

Articles are assembled from hand-written topics (title, summary, one specific
paragraph) and per-section paragraph pools, selected with ``random.Random`` seeded
by the tenant slug, so :func:`articles_for` returns the same output on every call.
Standard library only; nothing from the project is imported.
"""

from __future__ import annotations

import html
import random
import unicodedata

__all__ = [
    "CATEGORIES",
    "DEMO_NOTICE",
    "REFORM_SECTION",
    "TENANTS",
    "articles_for",
    "categories_for",
]

#: Shown wherever demo content appears: this is sample data, not official information.
DEMO_NOTICE = (
    "Dữ liệu mẫu phục vụ trình diễn hệ thống Thủ Đô Hub, không phải thông tin chính thức "
    "của cơ quan nhà nước."
)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _tenant(
    slug: str,
    name: str,
    name_en: str,
    level: str,
    description: str,
    address: str,
    phone: str,
    email: str,
    officer: tuple[str, str, str, str],
    *,
    parent: str | None = "hanoi",
    hostnames: tuple[str, ...] = (),
    english: bool = False,
) -> dict:
    officer_name, officer_title, officer_phone, officer_email = officer
    return {
        "slug": slug,
        "name": _nfc(name),
        "name_en": name_en,
        "level": level,
        "parent": parent,
        "hostnames": list(hostnames),
        "english_enabled": english,
        "description": _nfc(description),
        "address": _nfc(address),
        "phone": phone,
        "email": email,
        "info_officer_name": _nfc(officer_name),
        "info_officer_title": _nfc(officer_title),
        "info_officer_phone": officer_phone,
        "info_officer_email": officer_email,
    }


#: The demo portal tree, parents before children. Contacts are sample data.
# fmt: off
TENANTS: list[dict] = [
    _tenant(
        "hanoi", "Thành phố Hà Nội", "Hanoi City", "city",
        "Cổng Thông tin điện tử thành phố Hà Nội là kênh thông tin chính thức của UBND thành phố "
        "Hà Nội trên môi trường mạng. Cổng cung cấp thông tin chỉ đạo, điều hành, tình hình "
        "kinh tế - xã hội và hướng dẫn người dân, doanh nghiệp thực hiện thủ tục hành chính.",
        "79 Đinh Tiên Hoàng, phường Hoàn Kiếm, Hà Nội", "024 3825 0100",
        "vanphong.ubnd@hanoi.gov.vn",
        ("Nguyễn Thu Hằng", "Phó Chánh Văn phòng UBND Thành phố", "024 3825 0199",
         "nthang.vpubnd@hanoi.gov.vn"),
        parent=None, hostnames=("thudo.gov.vn", "www.thudo.gov.vn"), english=True,
    ),
    _tenant(
        "soxaydung", "Sở Xây dựng", "Hanoi Department of Construction", "department",
        "Sở Xây dựng là cơ quan chuyên môn thuộc UBND Thành phố, tham mưu quản lý nhà nước về "
        "xây dựng, quy hoạch, nhà ở, hạ tầng đô thị và giao thông vận tải.",
        "52 Lê Đại Hành, Hà Nội", "024 3825 0110", "soxaydung@hanoi.gov.vn",
        ("Trần Minh Đức", "Chánh Văn phòng Sở Xây dựng", "024 3825 0111",
         "tmduc.soxaydung@hanoi.gov.vn"),
    ),
    _tenant(
        "sonoivu", "Sở Nội vụ", "Hanoi Department of Home Affairs", "department",
        "Sở Nội vụ tham mưu UBND Thành phố quản lý nhà nước về tổ chức bộ máy, cán bộ, công chức, "
        "chính quyền địa phương, cải cách hành chính, lao động, việc làm và người có công.",
        "18B Lê Thánh Tông, Hà Nội", "024 3825 0120", "sonoivu@hanoi.gov.vn",
        ("Lê Thị Lan Anh", "Chánh Văn phòng Sở Nội vụ", "024 3825 0121",
         "ltlananh.sonoivu@hanoi.gov.vn"),
    ),
    _tenant(
        "sotaichinh", "Sở Tài chính", "Hanoi Department of Finance", "department",
        "Sở Tài chính tham mưu UBND Thành phố quản lý nhà nước về tài chính, ngân sách, tài sản "
        "công, kế hoạch và đầu tư, đăng ký doanh nghiệp trên địa bàn Thành phố.",
        "38B Hàm Long, Hà Nội", "024 3825 0130", "sotaichinh@hanoi.gov.vn",
        ("Phạm Quốc Hưng", "Chánh Văn phòng Sở Tài chính", "024 3825 0131",
         "pqhung.sotaichinh@hanoi.gov.vn"),
    ),
    _tenant(
        "sovanhoathethao", "Sở Văn hóa và Thể thao", "Hanoi Department of Culture and Sports",
        "department",
        "Sở Văn hóa và Thể thao tham mưu UBND Thành phố quản lý nhà nước về văn hóa, gia đình, "
        "thể dục, thể thao và quảng cáo; tổ chức các hoạt động văn hóa, thể thao lớn của Thủ đô.",
        "47 Hàng Dầu, Hà Nội", "024 3825 0140", "sovanhoathethao@hanoi.gov.vn",
        ("Hoàng Thị Mai", "Chánh Văn phòng Sở Văn hóa và Thể thao", "024 3825 0141",
         "htmai.sovhtt@hanoi.gov.vn"),
    ),
    _tenant(
        "hoankiem", "Phường Hoàn Kiếm", "Hoan Kiem Ward", "commune",
        "Phường Hoàn Kiếm nằm ở trung tâm Thủ đô, bao quanh hồ Hoàn Kiếm và khu phố cổ. Trang "
        "thông tin điện tử cung cấp tin tức, thông báo và hướng dẫn thủ tục của UBND phường.",
        "126 Hàng Trống, phường Hoàn Kiếm, Hà Nội", "024 3825 0150",
        "ubnd.hoankiem@hanoi.gov.vn",
        ("Vũ Đức Thắng", "Chánh Văn phòng HĐND và UBND phường", "024 3825 0151",
         "vdthang.hoankiem@hanoi.gov.vn"),
    ),
    _tenant(
        "hoangmai", "Phường Hoàng Mai", "Hoang Mai Ward", "commune",
        "Phường Hoàng Mai là phường đông dân ở phía nam Thủ đô với nhiều khu đô thị mới. Trang "
        "thông tin điện tử đăng tải tin tức, thông báo của UBND phường.",
        "Trụ sở UBND phường Hoàng Mai, Hà Nội", "024 3825 0160", "ubnd.hoangmai@hanoi.gov.vn",
        ("Đỗ Thị Thanh Hương", "Chánh Văn phòng HĐND và UBND phường", "024 3825 0161",
         "dtthuong.hoangmai@hanoi.gov.vn"),
    ),
    _tenant(
        "unghoa", "Xã Ứng Hòa", "Ung Hoa Commune", "commune",
        "Xã Ứng Hòa là xã thuần nông ở phía nam Thành phố, có thế mạnh sản xuất lúa và thủy sản. "
        "Trang thông tin điện tử cung cấp tin tức, thông báo của UBND xã.",
        "Khu hành chính xã Ứng Hòa, Hà Nội", "024 3825 0170", "ubnd.unghoa@hanoi.gov.vn",
        ("Bùi Văn Hải", "Chánh Văn phòng HĐND và UBND xã", "024 3825 0171",
         "bvhai.unghoa@hanoi.gov.vn"),
    ),
    _tenant(
        "phuxuyen", "Xã Phú Xuyên", "Phu Xuyen Commune", "commune",
        "Xã Phú Xuyên ở cửa ngõ phía nam Thủ đô, nổi tiếng với nhiều làng nghề truyền thống. "
        "Trang thông tin điện tử cung cấp tin tức, thông báo của UBND xã.",
        "Khu hành chính xã Phú Xuyên, Hà Nội", "024 3825 0180", "ubnd.phuxuyen@hanoi.gov.vn",
        ("Ngô Thị Hồng Nhung", "Chánh Văn phòng HĐND và UBND xã", "024 3825 0181",
         "nthnhung.phuxuyen@hanoi.gov.vn"),
    ),
    _tenant(
        "hoaiduc", "Xã Hoài Đức", "Hoai Duc Commune", "commune",
        "Xã Hoài Đức ở phía tây Thủ đô, có tốc độ đô thị hóa nhanh và nhiều làng nghề chế biến "
        "nông sản. Trang thông tin điện tử cung cấp tin tức, thông báo của UBND xã.",
        "Khu hành chính xã Hoài Đức, Hà Nội", "024 3825 0190", "ubnd.hoaiduc@hanoi.gov.vn",
        ("Đặng Văn Toàn", "Chánh Văn phòng HĐND và UBND xã", "024 3825 0191",
         "dvtoan.hoaiduc@hanoi.gov.vn"),
    ),
    _tenant(
        "quocoai", "Xã Quốc Oai", "Quoc Oai Commune", "commune",
        "Xã Quốc Oai ở phía tây Thành phố, có nhiều di tích lịch sử - văn hóa và tiềm năng du "
        "lịch sinh thái. Trang thông tin điện tử cung cấp tin tức, thông báo của UBND xã.",
        "Khu hành chính xã Quốc Oai, Hà Nội", "024 3825 0200", "ubnd.quocoai@hanoi.gov.vn",
        ("Phan Thị Thu Trang", "Chánh Văn phòng HĐND và UBND xã", "024 3825 0201",
         "pttrang.quocoai@hanoi.gov.vn"),
    ),
    _tenant(
        "danphuong", "Xã Đan Phượng", "Dan Phuong Commune", "commune",
        "Xã Đan Phượng nằm ven sông Hồng ở phía tây bắc Thủ đô, phát triển nông nghiệp hàng hóa "
        "và trồng hoa. Trang thông tin điện tử cung cấp tin tức, thông báo của UBND xã.",
        "Khu hành chính xã Đan Phượng, Hà Nội", "024 3825 0210", "ubnd.danphuong@hanoi.gov.vn",
        ("Trịnh Văn Nam", "Chánh Văn phòng HĐND và UBND xã", "024 3825 0211",
         "tvnam.danphuong@hanoi.gov.vn"),
    ),
    _tenant(
        "caicachhanhchinh", "Cải cách hành chính thành phố Hà Nội",
        "Hanoi Administrative Reform", "site",
        "Trang thông tin chuyên đề về cải cách hành chính, chuyển đổi số và Đề án 06 của thành "
        "phố Hà Nội, do Sở Nội vụ là cơ quan thường trực quản lý nội dung.",
        "18B Lê Thánh Tông, Hà Nội", "024 3825 0220", "caicachhanhchinh@hanoi.gov.vn",
        ("Nguyễn Hoàng Long", "Trưởng phòng Cải cách hành chính, Sở Nội vụ", "024 3825 0221",
         "nhlong.cchc@hanoi.gov.vn"),
        hostnames=("caicachhanhchinh.hanoi.gov.vn",),
    ),
    # The reform site's sub-sites (plan 3a): below it in the tree, each with its own
    # home, sections and host under the reform site's domain.
    _tenant(
        "chuyendoiso", "Chuyển đổi số thành phố Hà Nội", "Hanoi Digital Transformation", "site",
        "Chuyên trang về chuyển đổi số của Thành phố: chính quyền số, kinh tế số, xã hội số và "
        "dịch vụ công trực tuyến, thuộc Trang Cải cách hành chính thành phố Hà Nội.",
        "18B Lê Thánh Tông, Hà Nội", "024 3825 0230", "chuyendoiso@hanoi.gov.vn",
        ("Trần Thu Trang", "Chuyên viên phòng Cải cách hành chính, Sở Nội vụ", "024 3825 0231",
         "tttrang.cds@hanoi.gov.vn"),
        parent="caicachhanhchinh", hostnames=("chuyendoiso.caicachhanhchinh.hanoi.gov.vn",),
    ),
    _tenant(
        "dean06", "Đề án 06 thành phố Hà Nội", "Hanoi Project 06", "site",
        "Chuyên trang về triển khai Đề án 06 trên địa bàn Thành phố: dữ liệu dân cư, định danh và "
        "xác thực điện tử, ứng dụng VNeID, thuộc Trang Cải cách hành chính thành phố Hà Nội.",
        "18B Lê Thánh Tông, Hà Nội", "024 3825 0240", "dean06@hanoi.gov.vn",
        ("Lê Minh Quân", "Chuyên viên phòng Cải cách hành chính, Sở Nội vụ", "024 3825 0241",
         "lmquan.da06@hanoi.gov.vn"),
        parent="caicachhanhchinh", hostnames=("dean06.caicachhanhchinh.hanoi.gov.vn",),
    ),
]
# fmt: on


def _categories(*rows: tuple[str, str, str, str]) -> list[dict]:
    return [
        {"slug": s, "name": _nfc(n), "slug_en": se, "name_en": ne, "position": i}
        for i, (s, n, se, ne) in enumerate(rows, start=1)
    ]


_ABOUT = ("gioi-thieu", "Giới thiệu", "about", "About")
_NOTICES = ("thong-bao", "Thông báo", "announcements", "Announcements")
#: Every unit's section for administrative-reform news: the reform site gathers it.
REFORM_SECTION = "cai-cach-hanh-chinh"
_REFORM = (REFORM_SECTION, "Cải cách hành chính", "administrative-reform", "Administrative reform")

#: Sections per tenant level: Vietnamese slug/name, English slug/name, menu position.
CATEGORIES: dict[str, list[dict]] = {
    "city": _categories(
        ("tin-tuc", "Tin tức", "news", "News"),
        (
            "chi-dao-dieu-hanh",
            "Chỉ đạo điều hành",
            "direction-and-administration",
            "Direction and administration",
        ),
        _NOTICES,
        ("kinh-te-xa-hoi", "Kinh tế - Xã hội", "economy-society", "Economy and society"),
        ("van-hoa-du-lich", "Văn hóa - Du lịch", "culture-tourism", "Culture and tourism"),
        _REFORM,
        _ABOUT,
    ),
    "department": _categories(
        ("tin-hoat-dong", "Tin hoạt động", "activities", "Activities"),
        _NOTICES,
        (
            "thu-tuc-hanh-chinh",
            "Thủ tục hành chính",
            "administrative-procedures",
            "Administrative procedures",
        ),
        _REFORM,
        _ABOUT,
    ),
    "commune": _categories(
        ("tin-tuc", "Tin tức", "news", "News"),
        _NOTICES,
        ("an-ninh-trat-tu", "An ninh - Trật tự", "security-order", "Security and public order"),
        _REFORM,
        _ABOUT,
    ),
    "site": _categories(
        (
            "tin-cai-cach-hanh-chinh",
            "Tin cải cách hành chính",
            "reform-news",
            "Administrative reform news",
        ),
        ("sang-kien", "Sáng kiến", "initiatives", "Initiatives"),
        _ABOUT,
    ),
}

#: Sections of the reform site's sub-sites, which differ from the reform site's.
SUBSITE_CATEGORIES: dict[str, list[dict]] = {
    "chuyendoiso": _categories(
        ("chuyen-doi-so", "Tin chuyển đổi số", "news", "Digital transformation news"),
        _ABOUT,
    ),
    "dean06": _categories(
        ("de-an-06", "Tin Đề án 06", "news", "Project 06 news"),
        _ABOUT,
    ),
}


def categories_for(tenant: dict) -> list[dict]:
    """The sections a demo portal gets: its own (a sub-site), else its level's."""
    return SUBSITE_CATEGORIES.get(tenant["slug"], CATEGORIES[tenant["level"]])


# ---------------------------------------------------------------------------
# Article text, in a compact line format read by _parse(): "@<category> <title>"
# starts a topic; the lines below it are joined and split on " | " into the summary
# and the specific first paragraph of the body. Pools have a bare "@<category>"
# header followed by " | "-separated paragraphs. Placeholders ({unit}, {Unit},
# {ubnd}, {head}, {kind}, {field}, {village}) are filled by _context() per tenant.
# ---------------------------------------------------------------------------

_POOLS_VI = """
@tin-tuc
{head} đề nghị các đơn vị liên quan bám sát kế hoạch, phân công rõ người, rõ việc, rõ thời hạn và
thường xuyên báo cáo tiến độ để kịp thời tháo gỡ vướng mắc phát sinh. | Nhiều ý kiến của người dân
đánh giá cao cách làm bài bản, công khai, minh bạch; đồng thời đề nghị duy trì thường xuyên, tránh
tình trạng làm theo phong trào. | Thời gian tới, {ubnd} tiếp tục tăng cường công tác thông tin,
tuyên truyền để người dân, doanh nghiệp nắm bắt chủ trương, đồng thuận và tích cực hưởng ứng.
@chi-dao-dieu-hanh
UBND Thành phố yêu cầu các sở, ban, ngành và UBND các xã, phường khẩn trương triển khai, báo cáo
kết quả về Văn phòng UBND Thành phố để tổng hợp, báo cáo Chủ tịch UBND Thành phố. | Thủ trưởng các
cơ quan, đơn vị chịu trách nhiệm trước Chủ tịch UBND Thành phố nếu để chậm trễ; nội dung vượt thẩm
quyền phải kịp thời đề xuất hướng xử lý. | Văn phòng UBND Thành phố được giao theo dõi, đôn đốc
việc thực hiện và định kỳ báo cáo kết quả tại phiên họp thường kỳ của UBND Thành phố.
@thong-bao
Thông tin chi tiết được niêm yết công khai tại trụ sở {ubnd} và đăng tải trên trang thông tin điện
tử của đơn vị để tổ chức, cá nhân tiện theo dõi. | Trong quá trình thực hiện, nếu có vướng mắc, tổ
chức, cá nhân liên hệ bộ phận đầu mối cung cấp thông tin của {ubnd} để được giải đáp, hướng dẫn. |
{ubnd} đề nghị các cơ quan, đơn vị và người dân quan tâm, phối hợp thực hiện nghiêm túc nội dung
thông báo này.
@kinh-te-xa-hoi
Theo đánh giá của các cơ quan chuyên môn, kết quả đạt được tạo tiền đề quan trọng để Thành phố hoàn
thành các chỉ tiêu phát triển kinh tế - xã hội đã đề ra. | UBND Thành phố giao các sở, ngành chủ
động rà soát cơ chế, chính sách, kịp thời tháo gỡ khó khăn cho doanh nghiệp, hợp tác xã và hộ kinh
doanh. | Các xã, phường được yêu cầu phối hợp chặt chẽ với sở, ngành trong tổ chức thực hiện, bảo
đảm nguồn lực được bố trí đúng trọng tâm, trọng điểm.
@van-hoa-du-lich
Các hoạt động được tổ chức an toàn, văn minh, tiết kiệm, góp phần lan tỏa giá trị văn hóa Thăng
Long - Hà Nội tới người dân và du khách trong nước, quốc tế. | Ngành văn hóa, thể thao Thủ đô
khuyến khích người dân, du khách thực hiện nếp sống văn minh, giữ gìn vệ sinh môi trường và ứng xử
lịch sự tại các điểm di tích, danh thắng. | Đây cũng là dịp quảng bá hình ảnh Hà Nội - Thành phố vì
hòa bình, điểm đến an toàn, thân thiện và hấp dẫn.
@gioi-thieu
Việc cung cấp thông tin trên môi trường mạng của {ubnd} được thực hiện theo Nghị định số
42/2022/NĐ-CP của Chính phủ quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ
quan nhà nước trên môi trường mạng. | Người dân, tổ chức có thể gửi ý kiến, kiến nghị hoặc yêu cầu
cung cấp thông tin tới bộ phận đầu mối theo địa chỉ, số điện thoại và thư điện tử được công bố trên
trang. | Nội dung giới thiệu được cập nhật theo các quyết định về chức năng, nhiệm vụ, quyền hạn và
cơ cấu tổ chức do cấp có thẩm quyền ban hành.
@tin-hoat-dong
{head} ghi nhận kết quả đạt được, đồng thời yêu cầu các phòng, đơn vị trực thuộc khắc phục hạn chế,
nâng cao chất lượng tham mưu cho UBND Thành phố. | Lãnh đạo {unit} đề nghị cán bộ, công chức, viên
chức nêu cao tinh thần trách nhiệm, đổi mới lề lối làm việc, lấy sự hài lòng của người dân, doanh
nghiệp làm thước đo hiệu quả. | Thời gian tới, {unit} tiếp tục phối hợp chặt chẽ với các sở, ngành
và UBND các xã, phường trong tổ chức thực hiện nhiệm vụ được giao.
@thu-tuc-hanh-chinh
Tổ chức, cá nhân có thể nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia, Hệ thống thông tin
giải quyết thủ tục hành chính của Thành phố hoặc nộp trực tiếp tại bộ phận một cửa. | Thành phần hồ
sơ, trình tự thực hiện, thời hạn giải quyết và phí, lệ phí (nếu có) được công khai đầy đủ để người
dân, doanh nghiệp thuận tiện tra cứu. | {unit} khuyến khích tổ chức, cá nhân sử dụng dịch vụ công
trực tuyến toàn trình và thanh toán trực tuyến để tiết kiệm thời gian, chi phí đi lại.
@an-ninh-trat-tu
Công an {unit} khuyến cáo người dân nâng cao cảnh giác, kịp thời cung cấp thông tin về hành vi vi
phạm pháp luật qua số điện thoại trực ban hoặc ứng dụng VNeID. | {ubnd} yêu cầu các {village} duy
trì hoạt động của lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở, tăng cường tuần tra vào các
khung giờ cao điểm. | Kết quả trên góp phần giữ vững an ninh chính trị, trật tự an toàn xã hội, tạo
môi trường ổn định cho phát triển kinh tế - xã hội của địa phương.
@tin-cai-cach-hanh-chinh
Sở Nội vụ, cơ quan thường trực công tác cải cách hành chính của Thành phố, tiếp tục theo dõi, đôn
đốc và tổng hợp kết quả để báo cáo UBND Thành phố. | Thành phố xác định cải cách hành chính là
nhiệm vụ trọng tâm, gắn với trách nhiệm người đứng đầu và là căn cứ đánh giá, xếp loại thi đua hằng
năm. | Các cơ quan, đơn vị được yêu cầu lấy người dân, doanh nghiệp làm trung tâm, công khai, minh
bạch quy trình và rút ngắn thời gian giải quyết công việc.
@chuyen-doi-so
Chuyển đổi số được xác định là động lực quan trọng để xây dựng chính quyền số, kinh tế số và xã hội
số, hướng tới mục tiêu đô thị thông minh của Thủ đô. | Các đơn vị được đề nghị bảo đảm an toàn, an
ninh thông tin, tăng cường kết nối, chia sẻ dữ liệu và không yêu cầu người dân cung cấp lại thông
tin đã có trong cơ sở dữ liệu. | Thành phố khuyến khích cán bộ, công chức và người dân tham gia các
chương trình phổ cập kỹ năng số, sử dụng thành thạo các nền tảng số thiết yếu.
@de-an-06
Đề án 06 về phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi
số quốc gia được Thành phố triển khai quyết liệt, đồng bộ. | Công an Thành phố phối hợp với các sở,
ngành tiếp tục làm sạch dữ liệu, mở rộng tiện ích trên ứng dụng VNeID và hướng dẫn người dân kích
hoạt tài khoản định danh điện tử mức độ 2. | Kết quả triển khai Đề án 06 góp phần giảm giấy tờ, rút
ngắn thời gian giải quyết thủ tục và nâng cao chất lượng phục vụ người dân.
@sang-kien
Các sáng kiến được đánh giá theo tiêu chí tính mới, khả năng áp dụng và hiệu quả thực tế, ưu tiên
giải pháp có thể nhân rộng trên phạm vi toàn Thành phố. | Sở Nội vụ sẽ tổng hợp, lựa chọn các mô
hình tiêu biểu để giới thiệu, chia sẻ kinh nghiệm giữa các cơ quan, đơn vị và địa phương. | Thành
phố khuyến khích cán bộ, công chức, viên chức và người dân tích cực đề xuất ý tưởng đổi mới, góp
phần nâng cao chất lượng phục vụ.
"""

_POOLS_EN = """
@tin-tuc
The Chairman of the City People's Committee asked agencies to follow the plan closely, assign clear
responsibilities and report progress regularly so that problems can be resolved promptly. | The
city will continue to keep residents and businesses informed so that they understand the policies
and take an active part.
@chi-dao-dieu-hanh
Departments and the People's Committees of wards and communes are required to act promptly and
report results to the Office of the City People's Committee. | Heads of agencies are held
accountable for delays; issues beyond their authority must be referred upwards together with
proposed solutions.
@kinh-te-xa-hoi
These results lay an important foundation for the city to meet its socio-economic targets for the
year. | Departments were asked to review policies and promptly remove obstacles for businesses,
cooperatives and household businesses.
@van-hoa-du-lich
Events are organised safely and in a civilised manner, spreading the cultural values of Thang Long
- Hanoi to residents and visitors. | It is also an opportunity to promote Hanoi as a City for Peace
and a safe, friendly and attractive destination.
@gioi-thieu
Information on this portal is provided in accordance with Decree No. 42/2022/ND-CP on the provision
of information and online public services by state agencies. | Residents and organisations can send
feedback or requests for information to the focal point listed on this portal.
"""

#: Bullet points for the optional "key tasks" list inside article bodies.
_TASKS_VI = (
    "Rà soát, hoàn thiện kế hoạch chi tiết, phân công rõ trách nhiệm từng bộ phận",
    "Đẩy mạnh ứng dụng công nghệ thông tin, xử lý hồ sơ trên môi trường điện tử",
    "Tăng cường kiểm tra, giám sát, kịp thời chấn chỉnh hạn chế, thiếu sót",
    "Đẩy mạnh tuyên truyền để người dân, doanh nghiệp hiểu và đồng thuận",
    "Bảo đảm kinh phí, nhân lực và điều kiện cơ sở vật chất cần thiết",
    "Định kỳ tổng hợp, báo cáo kết quả thực hiện theo quy định",
)
_TASKS_EN = (
    "Review and finalise detailed plans with clear responsibilities",
    "Process applications and documents electronically wherever possible",
    "Strengthen inspection and promptly correct shortcomings",
    "Keep residents and businesses informed and build consensus",
    "Report results regularly as required",
)

_CITY_VI = """
@chi-dao-dieu-hanh UBND Thành phố họp phiên thường kỳ, cho ý kiến nhiều nội dung quan trọng
UBND thành phố Hà Nội tổ chức phiên họp thường kỳ để cho ý kiến vào các báo cáo, đề án trình HĐND
Thành phố và đánh giá tình hình kinh tế - xã hội. | Tại phiên họp, các thành viên UBND Thành phố
thảo luận dự thảo nghị quyết về cơ chế, chính sách đặc thù theo Luật Thủ đô, phương án phân bổ vốn
đầu tư công và dự toán thu, chi ngân sách.
@chi-dao-dieu-hanh Ban hành kế hoạch triển khai thi hành Luật Thủ đô năm 2024
UBND Thành phố ban hành kế hoạch triển khai thi hành Luật Thủ đô, xác định rõ nhiệm vụ, thời hạn và
cơ quan chủ trì thực hiện. | Kế hoạch tập trung xây dựng các văn bản quy định chi tiết thuộc thẩm
quyền của HĐND, UBND Thành phố, bảo đảm đồng bộ, khả thi và phát huy vai trò động lực của Thủ đô.
@chi-dao-dieu-hanh Siết chặt kỷ luật, kỷ cương trong vận hành chính quyền địa phương hai cấp
Chủ tịch UBND Thành phố yêu cầu các cơ quan, đơn vị nâng cao trách nhiệm công vụ, bảo đảm bộ máy
chính quyền địa phương hai cấp vận hành thông suốt. | Từ ngày 1/7/2025, Hà Nội có 126 đơn vị hành
chính cấp xã gồm 51 phường và 75 xã; nhiều nhiệm vụ trước đây của cấp huyện đã được chuyển giao cho
cấp xã và các sở, ngành.
@chi-dao-dieu-hanh Chủ động phòng, chống thiên tai và tìm kiếm cứu nạn mùa mưa bão
UBND Thành phố chỉ đạo các sở, ngành và UBND các xã, phường chủ động phương án phòng, chống thiên
tai theo phương châm “bốn tại chỗ”. | Các địa phương có đê, kè được yêu cầu rà soát trọng điểm xung
yếu, chuẩn bị sẵn sàng vật tư, phương tiện và lực lượng ứng phó khi có tình huống.
@chi-dao-dieu-hanh Đẩy nhanh tiến độ giải ngân vốn đầu tư công
UBND Thành phố yêu cầu các chủ đầu tư tập trung tháo gỡ vướng mắc về giải phóng mặt bằng, đẩy nhanh
tiến độ giải ngân vốn đầu tư công. | Đơn vị có tỷ lệ giải ngân thấp phải làm rõ nguyên nhân, trách
nhiệm và cam kết tiến độ cụ thể; vốn của dự án chậm triển khai sẽ được xem xét điều chuyển cho dự
án giải ngân tốt hơn.
@tin-tuc Hà Nội sơ kết 6 tháng vận hành chính quyền địa phương hai cấp
Thành phố tổ chức hội nghị sơ kết, đánh giá kết quả vận hành bộ máy chính quyền địa phương hai cấp
tại 126 xã, phường. | Báo cáo cho thấy bộ máy mới cơ bản vận hành thông suốt; việc tiếp nhận, giải
quyết thủ tục hành chính tại các trung tâm phục vụ hành chính công cấp xã được duy trì ổn định.
@tin-tuc Lãnh đạo Thành phố tiếp công dân định kỳ
Chủ tịch UBND Thành phố chủ trì buổi tiếp công dân định kỳ, trực tiếp lắng nghe kiến nghị liên quan
đến đất đai, bồi thường, giải phóng mặt bằng. | Với từng trường hợp, Chủ tịch UBND Thành phố giao
các sở, ngành và địa phương kiểm tra, rà soát hồ sơ, trả lời công dân đúng thời hạn quy định.
@tin-tuc Hà Nội ra quân tổng vệ sinh môi trường “Chủ nhật xanh”
Đông đảo cán bộ, đoàn viên và người dân các xã, phường tham gia dọn dẹp vệ sinh đường phố, ngõ xóm
và khu vực công cộng. | Hoạt động nhằm nâng cao ý thức giữ gìn vệ sinh môi trường, xây dựng cảnh
quan đô thị xanh, sạch, đẹp, hướng tới giảm thiểu rác thải nhựa.
@tin-tuc Triển khai đồng bộ giải pháp kiểm soát ô nhiễm không khí mùa khô
Thành phố triển khai các giải pháp kiểm soát bụi, khí thải từ công trình xây dựng, phương tiện giao
thông và đốt rơm rạ. | Các xã, phường được yêu cầu kiểm tra, xử lý nghiêm phương tiện chở vật liệu
không che chắn và tình trạng đốt rác, phụ phẩm nông nghiệp ngoài trời.
@tin-tuc Tổ chức lại giao thông tại một số nút giao thường xuyên ùn tắc
Sở Xây dựng phối hợp với Công an Thành phố tổ chức lại giao thông, điều chỉnh pha đèn tín hiệu tại
nhiều nút giao trên các trục hướng tâm. | Sau thời gian thí điểm, tình trạng ùn tắc giờ cao điểm
được cải thiện; các đơn vị tiếp tục theo dõi, đánh giá để điều chỉnh phù hợp.
@kinh-te-xa-hoi Đẩy nhanh tiến độ các tuyến đường sắt đô thị
Thành phố tập trung hoàn thành thủ tục đầu tư và giải phóng mặt bằng các tuyến đường sắt đô thị
theo quy hoạch. | Phát triển mạng lưới đường sắt đô thị được xác định là giải pháp then chốt để
giảm ùn tắc giao thông, giảm ô nhiễm môi trường và tái cấu trúc không gian đô thị.
@kinh-te-xa-hoi Thu hút vốn đầu tư trực tiếp nước ngoài tiếp tục khởi sắc
Hà Nội tiếp tục là điểm đến hấp dẫn của dòng vốn đầu tư trực tiếp nước ngoài, tập trung vào công
nghiệp công nghệ cao và dịch vụ. | Nhiều dự án mới được cấp phép trong lĩnh vực công nghệ thông
tin, bán dẫn, logistics và thương mại; nhà đầu tư đánh giá cao môi trường đầu tư ngày càng minh
bạch.
@kinh-te-xa-hoi Hội nghị xúc tiến đầu tư trao quyết định chủ trương cho nhiều dự án
Hội nghị xúc tiến đầu tư của Thành phố thu hút đông đảo nhà đầu tư trong và ngoài nước tham dự. |
Tại hội nghị, Thành phố công bố danh mục dự án kêu gọi đầu tư, trao quyết định chủ trương đầu tư và
ký biên bản ghi nhớ hợp tác với doanh nghiệp.
@kinh-te-xa-hoi Bảo đảm cung ứng hàng hóa, bình ổn thị trường dịp cuối năm
Các doanh nghiệp tham gia chương trình bình ổn thị trường chuẩn bị nguồn hàng dồi dào, bảo đảm chất
lượng và giá cả hợp lý. | Lực lượng quản lý thị trường tăng cường kiểm tra, xử lý hành vi đầu cơ,
găm hàng, kinh doanh hàng giả, hàng kém chất lượng.
@kinh-te-xa-hoi Phát triển kinh tế ban đêm gắn với bảo đảm an ninh, trật tự
Thành phố mở rộng không gian đi bộ, chợ đêm và các sản phẩm văn hóa, du lịch về đêm nhằm kích cầu
tiêu dùng. | Các địa phương có mô hình kinh tế ban đêm được yêu cầu bảo đảm an ninh, trật tự, phòng
cháy, chữa cháy và vệ sinh an toàn thực phẩm.
@van-hoa-du-lich Nhiều hoạt động kỷ niệm Ngày Giải phóng Thủ đô 10/10
Các hoạt động văn hóa, nghệ thuật được tổ chức nhằm ôn lại truyền thống vẻ vang của Thăng Long - Hà
Nội. | Chương trình gồm triển lãm ảnh tư liệu, biểu diễn nghệ thuật đường phố và hoạt động tri ân
gia đình chính sách, người có công với cách mạng.
@van-hoa-du-lich Lễ hội văn hóa ẩm thực Hà Nội thu hút đông đảo du khách
Lễ hội giới thiệu hàng trăm món ăn đặc trưng của các vùng miền, trong đó có nhiều món ăn truyền
thống của người Hà Nội. | Bên cạnh gian hàng ẩm thực, lễ hội có các hoạt động trình diễn nghề
truyền thống, giao lưu văn nghệ và không gian trải nghiệm dành cho du khách quốc tế.
@van-hoa-du-lich Lượng khách du lịch đến Thủ đô tiếp tục tăng
Lượng khách du lịch đến Hà Nội tăng so với cùng kỳ, trong đó khách quốc tế chiếm tỷ trọng ngày càng
lớn. | Ngành du lịch phát triển các sản phẩm mới như du lịch đêm, du lịch làng nghề, du lịch nông
nghiệp và tour trải nghiệm di sản.
@van-hoa-du-lich Bảo tồn, phát huy giá trị Khu di tích Hoàng thành Thăng Long
Thành phố tiếp tục triển khai các dự án khảo cổ, bảo tồn và phát huy giá trị Khu di tích Trung tâm
Hoàng thành Thăng Long - Hà Nội. | Nhiều hoạt động trải nghiệm, trưng bày chuyên đề và chương trình
tham quan về đêm được tổ chức, thu hút học sinh, sinh viên và du khách.
@thong-bao Thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND Thành phố
Văn phòng UBND Thành phố thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND Thành phố tại Trụ
sở Tiếp công dân Thành phố. | Công dân đến đề nghị mang theo căn cước và các giấy tờ, tài liệu liên
quan đến nội dung khiếu nại, tố cáo, kiến nghị, phản ánh.
@thong-bao Thông báo phân luồng giao thông phục vụ sự kiện chính trị, văn hóa trọng đại
Để bảo đảm an ninh, an toàn cho sự kiện, cơ quan chức năng tạm cấm, hạn chế phương tiện lưu thông
trên một số tuyến phố trung tâm. | Người tham gia giao thông chủ động lựa chọn lộ trình phù hợp và
chấp hành hướng dẫn của lực lượng làm nhiệm vụ tại hiện trường.
@thong-bao Lấy ý kiến Nhân dân đối với dự thảo nghị quyết của HĐND Thành phố
UBND Thành phố đăng tải toàn văn dự thảo để lấy ý kiến góp ý của tổ chức, cá nhân trước khi trình
HĐND Thành phố xem xét, thông qua. | Ý kiến góp ý gửi bằng văn bản về cơ quan chủ trì soạn thảo
hoặc qua hộp thư điện tử được công bố kèm theo dự thảo, trong thời hạn theo quy định.
@gioi-thieu Tổng quan về thành phố Hà Nội
Hà Nội là Thủ đô của nước Cộng hòa xã hội chủ nghĩa Việt Nam, trung tâm chính trị - hành chính quốc
gia, trung tâm lớn về văn hóa, giáo dục, khoa học và kinh tế. | Từ ngày 1/7/2025, Thành phố tổ chức
chính quyền địa phương hai cấp với 126 đơn vị hành chính cấp xã, gồm 51 phường và 75 xã; không còn
đơn vị hành chính cấp huyện.
@gioi-thieu Chức năng, nhiệm vụ của UBND thành phố Hà Nội
UBND Thành phố do HĐND Thành phố bầu, là cơ quan chấp hành của HĐND và cơ quan hành chính nhà nước
ở địa phương. | UBND Thành phố chịu trách nhiệm trước Nhân dân Thủ đô, HĐND Thành phố và cơ quan
hành chính nhà nước cấp trên về tổ chức thi hành Hiến pháp, pháp luật tại địa phương.
@gioi-thieu Cơ cấu tổ chức các cơ quan chuyên môn thuộc UBND Thành phố
Sau sắp xếp, các cơ quan chuyên môn thuộc UBND Thành phố được tổ chức tinh gọn, hoạt động hiệu lực,
hiệu quả. | Các sở tham mưu, giúp UBND Thành phố quản lý nhà nước về ngành, lĩnh vực; đồng thời
hướng dẫn chuyên môn, nghiệp vụ cho các xã, phường.
"""

_CITY_EN = """
@tin-tuc Hanoi reviews six months of two-tier local government
The city held a conference to assess how its 126 wards and communes have operated since the
two-tier local government model took effect on 1 July 2025. | Reports showed the new apparatus
running smoothly, with public administrative service centres in wards and communes handling
applications without interruption.
@tin-tuc Hanoi steps up measures against air pollution in the dry season
The city is tightening control of dust and emissions from construction sites, vehicles and the
burning of straw and waste. | Wards and communes were asked to penalise uncovered trucks carrying
building materials and to stop the open burning of rubbish and crop residues.
@chi-dao-dieu-hanh City People's Committee holds regular meeting on key issues
The Hanoi People's Committee met to discuss reports and proposals to be submitted to the City
People's Council and to review the socio-economic situation. | Members discussed draft resolutions
on special mechanisms under the Capital Law, the allocation of public investment and the city
budget.
@chi-dao-dieu-hanh Hanoi issues plan to implement the 2024 Capital Law
The City People's Committee has issued a plan assigning tasks, deadlines and lead agencies for
implementing the Capital Law. | The plan focuses on detailed regulations within the competence of
the city, ensuring they are consistent, feasible and support the Capital's development.
@kinh-te-xa-hoi Hanoi remains an attractive destination for foreign investment
Foreign direct investment continues to flow into Hanoi, with a focus on high-tech industry and
services. | New projects were licensed in information technology, semiconductors, logistics and
trade, and investors praised the increasingly transparent business environment.
@kinh-te-xa-hoi Urban railway projects prioritised to ease congestion
The city is speeding up investment procedures and site clearance for urban railway lines in line
with its master plan. | An urban railway network is seen as key to reducing traffic congestion and
pollution and to restructuring urban space.
@van-hoa-du-lich Hanoi marks the anniversary of the Capital's Liberation Day
Cultural and artistic activities were held to celebrate the anniversary of the liberation of the
Capital on 10 October 1954. | The programme included photo exhibitions, street performances and
events honouring families of war martyrs and people with meritorious services.
@van-hoa-du-lich Night tours bring visitors to the Imperial Citadel of Thang Long
The Central Sector of the Imperial Citadel of Thang Long - Hanoi offers night tours, thematic
exhibitions and hands-on activities. | The programmes attract students and tourists while
supporting the conservation of a World Heritage site.
@gioi-thieu About Hanoi
Hanoi is the capital of the Socialist Republic of Viet Nam and the country's political and
administrative centre, as well as a major centre of culture, education, science and the economy. |
Since 1 July 2025 the city has a two-tier local government with 126 commune-level units: 51 wards
and 75 communes.
"""

_DEPT_SHARED = """
@tin-hoat-dong {unit} sơ kết công tác 6 tháng đầu năm
{unit} tổ chức hội nghị sơ kết, đánh giá kết quả thực hiện nhiệm vụ 6 tháng đầu năm và triển khai
nhiệm vụ trọng tâm 6 tháng cuối năm. | Báo cáo tại hội nghị cho thấy các chỉ tiêu trong lĩnh vực
{field} cơ bản đạt tiến độ; việc phối hợp với các xã, phường sau sắp xếp được duy trì thường xuyên.
@tin-hoat-dong {unit} hướng dẫn nghiệp vụ cho công chức các xã, phường
{unit} tổ chức tập huấn, hướng dẫn nghiệp vụ lĩnh vực {field} cho công chức các xã, phường trên địa
bàn Thành phố. | Nội dung tập huấn tập trung vào các nhiệm vụ được phân cấp, phân quyền cho cấp xã
từ ngày 1/7/2025, quy trình giải quyết hồ sơ và cách thức phối hợp giữa sở với địa phương.
@tin-hoat-dong Hội nghị cán bộ, công chức, viên chức {unit}
{unit} tổ chức hội nghị cán bộ, công chức, viên chức nhằm phát huy quyền làm chủ, tăng cường dân
chủ trong cơ quan. | Hội nghị thảo luận, thông qua quy chế dân chủ ở cơ sở, quy chế chi tiêu nội bộ
và phát động phong trào thi đua hoàn thành nhiệm vụ năm.
@tin-hoat-dong {unit} quán triệt nghị quyết Đại hội Đảng bộ Thành phố
Cán bộ, đảng viên {unit} học tập, quán triệt nghị quyết Đại hội đại biểu Đảng bộ thành phố Hà Nội
lần thứ XVIII. | Các chi bộ xây dựng chương trình hành động cụ thể, gắn nghị quyết với nhiệm vụ
chuyên môn của từng phòng, đơn vị.
@tin-hoat-dong {unit} đẩy mạnh chuyển đổi số trong quản lý, điều hành
{unit} sử dụng hệ thống quản lý văn bản và điều hành, chữ ký số và hồ sơ công việc điện tử trong
toàn cơ quan. | Văn bản đi, đến của cơ quan được xử lý trên môi trường mạng, trừ văn bản mật; lãnh
đạo và công chức đều được cấp chứng thư chữ ký số.
@tin-hoat-dong Đoàn giám sát HĐND Thành phố làm việc với {unit}
Đoàn giám sát của HĐND Thành phố làm việc với {unit} về kết quả thực hiện một số nhiệm vụ trong
lĩnh vực {field}. | {head} báo cáo, giải trình làm rõ các nội dung đoàn quan tâm và tiếp thu ý kiến
để chỉ đạo khắc phục tồn tại, hạn chế.
@tin-hoat-dong {unit} triển khai công tác phòng, chống tham nhũng, tiêu cực
{unit} ban hành kế hoạch phòng, chống tham nhũng, tiêu cực, gắn với thực hành tiết kiệm, chống lãng
phí. | Kế hoạch yêu cầu công khai, minh bạch hoạt động công vụ, thực hiện nghiêm việc kê khai tài
sản, thu nhập và chuyển đổi vị trí công tác theo quy định.
@thong-bao Thông báo lịch tiếp công dân định kỳ của Giám đốc {unit}
{unit} thông báo lịch tiếp công dân định kỳ của {head} tại trụ sở cơ quan. | Công dân đến trình bày
ý kiến đề nghị mang theo căn cước, giấy tờ liên quan; trường hợp ủy quyền phải có văn bản ủy quyền
hợp lệ.
@thong-bao Thông báo tuyển dụng viên chức các đơn vị sự nghiệp trực thuộc {unit}
{unit} thông báo nhu cầu, chỉ tiêu, điều kiện và thời gian nhận phiếu đăng ký dự tuyển viên chức. |
Người dự tuyển phải đáp ứng tiêu chuẩn của vị trí việc làm; phiếu đăng ký nộp trực tiếp hoặc qua
dịch vụ bưu chính trong thời hạn 30 ngày kể từ ngày thông báo.
@thong-bao Công khai kết quả giải quyết thủ tục hành chính của {unit}
{unit} công khai số liệu tiếp nhận, giải quyết hồ sơ thủ tục hành chính, tỷ lệ hồ sơ đúng hạn và hồ
sơ trực tuyến. | Hồ sơ quá hạn (nếu có) đều được gửi văn bản xin lỗi tổ chức, cá nhân và hẹn lại
thời gian trả kết quả.
@thong-bao Lấy ý kiến dự thảo văn bản quy phạm pháp luật lĩnh vực {field}
{unit} đăng tải dự thảo để lấy ý kiến của cơ quan, tổ chức, cá nhân có liên quan. | Ý kiến góp ý
gửi về {unit} bằng văn bản hoặc thư điện tử trước thời hạn ghi trong thông báo để tổng hợp, hoàn
thiện dự thảo.
@tin-hoat-dong {unit} tổng kết công tác năm, triển khai nhiệm vụ năm mới
{unit} tổ chức hội nghị tổng kết công tác năm, biểu dương tập thể, cá nhân có thành tích xuất sắc
và triển khai nhiệm vụ năm mới. | Năm qua, {unit} đã hoàn thành các nhiệm vụ được giao trong lĩnh
vực {field}, kịp thời tham mưu nhiều cơ chế, chính sách phục vụ phát triển Thủ đô.
@thu-tuc-hanh-chinh Tiếp nhận hồ sơ, trả kết quả qua dịch vụ bưu chính công ích
{unit} tiếp nhận hồ sơ và trả kết quả giải quyết thủ tục hành chính qua dịch vụ bưu chính công ích
theo yêu cầu của tổ chức, cá nhân. | Người dân không phải đến trụ sở; cước phí dịch vụ bưu chính do
người sử dụng dịch vụ chi trả theo quy định.
@thu-tuc-hanh-chinh Công bố danh mục thủ tục hành chính chuẩn hóa lĩnh vực {field}
Chủ tịch UBND Thành phố ban hành quyết định công bố danh mục thủ tục hành chính được chuẩn hóa
thuộc phạm vi quản lý của {unit}. | Danh mục nêu rõ thủ tục thuộc thẩm quyền giải quyết của Sở và
thủ tục đã phân cấp cho UBND cấp xã, phù hợp với mô hình chính quyền địa phương hai cấp.
@thu-tuc-hanh-chinh Hướng dẫn nộp hồ sơ trực tuyến bằng tài khoản định danh điện tử
{unit} hướng dẫn tổ chức, cá nhân đăng nhập bằng tài khoản định danh điện tử VNeID để nộp hồ sơ
trực tuyến. | Sau khi đăng nhập, người dùng chọn thủ tục, kê khai thông tin, đính kèm thành phần hồ
sơ điện tử và theo dõi tình trạng xử lý ngay trên hệ thống.
@thu-tuc-hanh-chinh {unit} cắt giảm thời gian giải quyết nhiều thủ tục hành chính
{unit} rà soát, cắt giảm thời gian giải quyết đối với nhiều thủ tục hành chính so với quy định. |
Việc tái cấu trúc quy trình, số hóa hồ sơ và kết quả giải quyết giúp giảm số lần đi lại, chi phí
tuân thủ cho người dân, doanh nghiệp.
@gioi-thieu Chức năng, nhiệm vụ của {unit}
{unit} là cơ quan chuyên môn thuộc UBND thành phố Hà Nội, tham mưu, giúp UBND Thành phố quản lý nhà
nước về {field}. | {unit} có tư cách pháp nhân, con dấu và tài khoản riêng; chịu sự chỉ đạo, quản
lý về tổ chức, biên chế và công tác của UBND Thành phố.
@gioi-thieu Cơ cấu tổ chức của {unit}
Cơ cấu tổ chức của {unit} gồm lãnh đạo Sở, các phòng chuyên môn, nghiệp vụ và các đơn vị sự nghiệp
trực thuộc. | {unit} được kiện toàn sau khi sắp xếp tổ chức bộ máy theo chủ trương tinh gọn, hoạt
động hiệu lực, hiệu quả.
"""

_DEPT = {
    "soxaydung": """
@tin-hoat-dong Kiểm tra chất lượng, an toàn tại các công trình xây dựng trọng điểm
Đoàn kiểm tra của Sở Xây dựng kiểm tra công tác quản lý chất lượng, an toàn lao động tại một số
công trình trọng điểm của Thành phố. | Đoàn yêu cầu chủ đầu tư, nhà thầu tuân thủ thiết kế được
duyệt, tăng cường giám sát thi công, nhất là các hạng mục kết cấu và phòng cháy, chữa cháy.
@tin-hoat-dong Đẩy nhanh cải tạo, xây dựng lại các khu chung cư cũ
Sở Xây dựng tham mưu UBND Thành phố tháo gỡ vướng mắc, đẩy nhanh tiến độ cải tạo, xây dựng lại các
khu chung cư cũ xuống cấp. | Các nhà chung cư được đánh giá nguy hiểm cấp D được ưu tiên di dời, bố
trí tạm cư để bảo đảm an toàn tính mạng, tài sản của người dân.
@tin-hoat-dong Tăng cường quản lý trật tự xây dựng sau khi phân cấp cho cấp xã
Sở Xây dựng hướng dẫn các xã, phường kiểm tra, phát hiện và xử lý vi phạm trật tự xây dựng ngay từ
khi phát sinh. | Chủ tịch UBND cấp xã chịu trách nhiệm nếu để xảy ra vi phạm kéo dài trên địa bàn;
Sở định kỳ kiểm tra, đôn đốc việc xử lý.
@tin-hoat-dong Phát triển nhà ở xã hội cho công nhân, người thu nhập thấp
Sở Xây dựng rà soát quỹ đất, thúc đẩy các dự án nhà ở xã hội nhằm đáp ứng nhu cầu của công nhân,
người lao động thu nhập thấp. | Thông tin về dự án, điều kiện mua, thuê mua nhà ở xã hội được công
khai để người dân theo dõi, đăng ký.
@thong-bao Công bố giá vật liệu xây dựng trên địa bàn Thành phố
Sở Xây dựng công bố giá vật liệu xây dựng làm cơ sở lập và quản lý chi phí đầu tư xây dựng. | Chủ
đầu tư, tổ chức tư vấn căn cứ giá công bố và điều kiện thực tế của công trình để xác định chi phí
phù hợp.
@thu-tuc-hanh-chinh Hướng dẫn thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ
Từ ngày 1/7/2025, việc cấp giấy phép xây dựng nhà ở riêng lẻ do UBND cấp xã nơi có công trình thực
hiện. | Hồ sơ gồm đơn đề nghị, giấy tờ chứng minh quyền sử dụng đất và bản vẽ thiết kế; thời hạn
giải quyết không quá 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.
""",
    "sonoivu": """
@tin-hoat-dong Kiện toàn tổ chức bộ máy sau sắp xếp đơn vị hành chính
Sở Nội vụ hướng dẫn các xã, phường hoàn thiện cơ cấu tổ chức, bố trí cán bộ, công chức phù hợp với
vị trí việc làm. | Việc sắp xếp bảo đảm công khai, khách quan, ưu tiên người có năng lực, kinh
nghiệm và thành thạo kỹ năng số.
@tin-hoat-dong Thẩm định Chỉ số cải cách hành chính năm của các cơ quan, đơn vị
Hội đồng thẩm định tiến hành thẩm định kết quả tự đánh giá Chỉ số cải cách hành chính của các sở,
ngành và UBND các xã, phường. | Kết quả thẩm định là căn cứ để xếp hạng, đánh giá trách nhiệm người
đứng đầu trong chỉ đạo, điều hành cải cách hành chính.
@tin-hoat-dong Thăm, tặng quà gia đình chính sách, người có công với cách mạng
Nhân dịp kỷ niệm Ngày Thương binh - Liệt sĩ 27/7, lãnh đạo Sở Nội vụ thăm hỏi, tặng quà các gia
đình chính sách tiêu biểu. | Sở đề nghị các địa phương rà soát, bảo đảm người có công được hưởng
đầy đủ, kịp thời các chế độ, chính sách theo quy định.
@tin-hoat-dong Tổ chức phiên giao dịch việc làm cho người lao động
Sàn giao dịch việc làm thu hút nhiều doanh nghiệp tham gia tuyển dụng lao động phổ thông, lao động
kỹ thuật và tư vấn học nghề. | Người lao động được tư vấn miễn phí về chính sách bảo hiểm thất
nghiệp, học nghề và đi làm việc ở nước ngoài theo hợp đồng.
@thong-bao Thông báo danh sách thí sinh đủ điều kiện dự tuyển công chức
Sở Nội vụ thông báo danh sách thí sinh đủ điều kiện dự tuyển và lịch tổ chức thi tuyển công chức. |
Thí sinh theo dõi thông báo triệu tập, mang theo căn cước khi dự thi và chấp hành nghiêm nội quy kỳ
thi.
@thu-tuc-hanh-chinh Hướng dẫn thủ tục hưởng trợ cấp thất nghiệp
Người lao động chấm dứt hợp đồng lao động nộp hồ sơ đề nghị hưởng trợ cấp thất nghiệp trong thời
hạn 3 tháng kể từ ngày chấm dứt hợp đồng. | Hồ sơ có thể nộp trực tuyến qua Cổng Dịch vụ công quốc
gia hoặc trực tiếp tại trung tâm dịch vụ việc làm.
""",
    "sotaichinh": """
@tin-hoat-dong Thu ngân sách nhà nước trên địa bàn đạt khá so với dự toán
Sở Tài chính cho biết thu ngân sách trên địa bàn Thành phố đạt tỷ lệ khá so với dự toán, tạo nguồn
lực cho đầu tư phát triển. | Sở đề nghị các đơn vị tiếp tục quản lý chặt chẽ nguồn thu, chống thất
thu và sử dụng ngân sách tiết kiệm, hiệu quả.
@tin-hoat-dong Tham mưu điều hành giải ngân vốn đầu tư công
Sở Tài chính rà soát tiến độ từng dự án, tham mưu UBND Thành phố điều chuyển vốn từ dự án chậm sang
dự án có khả năng giải ngân tốt. | Các chủ đầu tư được yêu cầu hoàn thiện hồ sơ thanh toán ngay khi
có khối lượng nghiệm thu, không dồn vào cuối năm.
@tin-hoat-dong Quản lý, sử dụng hiệu quả trụ sở dôi dư sau sắp xếp
Sở Tài chính hướng dẫn các xã, phường rà soát, lập phương án xử lý trụ sở, tài sản công dôi dư sau
sắp xếp đơn vị hành chính. | Ưu tiên chuyển đổi công năng sang trường học, trạm y tế, nhà văn hóa
và các công trình công cộng phục vụ Nhân dân.
@thong-bao Công khai dự toán ngân sách địa phương năm
Sở Tài chính công khai số liệu dự toán ngân sách địa phương đã được HĐND Thành phố quyết định. |
Việc công khai ngân sách thực hiện theo Luật Ngân sách nhà nước, giúp người dân giám sát việc quản
lý, sử dụng ngân sách.
@thu-tuc-hanh-chinh Hướng dẫn đăng ký thành lập doanh nghiệp qua mạng
Tổ chức, cá nhân có thể đăng ký thành lập doanh nghiệp qua Hệ thống thông tin quốc gia về đăng ký
doanh nghiệp. | Hồ sơ hợp lệ được xử lý trong thời hạn 3 ngày làm việc; kết quả được gửi qua thư
điện tử và trả trực tiếp theo lựa chọn của người nộp.
@thu-tuc-hanh-chinh Hướng dẫn thủ tục đăng ký hộ kinh doanh
Việc đăng ký hộ kinh doanh được thực hiện tại UBND cấp xã nơi đặt địa điểm kinh doanh, có thể nộp
hồ sơ trực tuyến. | Sở Tài chính hướng dẫn nghiệp vụ, bảo đảm thống nhất quy trình đăng ký hộ kinh
doanh giữa các xã, phường.
""",
    "sovanhoathethao": """
@tin-hoat-dong Tổ chức các hoạt động văn hóa, nghệ thuật phục vụ Nhân dân dịp Tết
Sở Văn hóa và Thể thao chỉ đạo tổ chức chương trình nghệ thuật, trang trí cờ hoa, bắn pháo hoa và
các hoạt động vui xuân phục vụ Nhân dân. | Các chương trình bảo đảm an toàn, tiết kiệm, mang đậm
bản sắc văn hóa dân tộc và phù hợp với thuần phong mỹ tục.
@tin-hoat-dong Kiểm tra hoạt động kinh doanh dịch vụ văn hóa, quảng cáo ngoài trời
Đoàn kiểm tra liên ngành kiểm tra các cơ sở kinh doanh dịch vụ karaoke, vũ trường và biển quảng cáo
ngoài trời. | Cơ sở vi phạm về điều kiện kinh doanh, phòng cháy, chữa cháy hoặc nội dung quảng cáo
được yêu cầu khắc phục và bị xử lý theo quy định.
@tin-hoat-dong Bảo tồn, phát huy giá trị di tích lịch sử - văn hóa
Sở Văn hóa và Thể thao hướng dẫn các địa phương tu bổ, tôn tạo di tích đúng quy định, giữ gìn yếu
tố gốc của di tích. | Các di tích được khuyến khích ứng dụng công nghệ số trong thuyết minh, quảng
bá để thu hút khách tham quan.
@tin-hoat-dong Vận động viên Hà Nội giành nhiều huy chương tại các giải quốc gia
Các đội tuyển thể thao Hà Nội tiếp tục đạt thành tích cao tại các giải vô địch quốc gia ở nhiều môn
thi đấu. | Sở Văn hóa và Thể thao chú trọng đào tạo vận động viên trẻ, đầu tư trang thiết bị và chế
độ dinh dưỡng cho vận động viên.
@thong-bao Thông báo tổ chức giải chạy vì sức khỏe cộng đồng
Sở Văn hóa và Thể thao thông báo kế hoạch tổ chức giải chạy vì sức khỏe cộng đồng, mở rộng cho mọi
lứa tuổi. | Người tham gia đăng ký trực tuyến, khám sức khỏe trước khi thi đấu và tuân thủ hướng
dẫn của ban tổ chức.
@thu-tuc-hanh-chinh Hướng dẫn thủ tục thông báo tổ chức biểu diễn nghệ thuật
Tổ chức, cá nhân tổ chức biểu diễn nghệ thuật tại địa điểm công cộng gửi văn bản thông báo tới cơ
quan có thẩm quyền theo quy định. | Văn bản thông báo nêu rõ thời gian, địa điểm, nội dung chương
trình và phương án bảo đảm an ninh, trật tự.
""",
}

_COMMUNE_SHARED = """
@tin-tuc Lãnh đạo {ubnd} tiếp công dân định kỳ
{head} chủ trì buổi tiếp công dân định kỳ, trực tiếp lắng nghe, giải đáp kiến nghị của người dân về
đất đai, xây dựng và chính sách xã hội. | Các kiến nghị thuộc thẩm quyền được giao bộ phận chuyên
môn giải quyết ngay; nội dung vượt thẩm quyền được hướng dẫn gửi cơ quan có thẩm quyền theo quy
định.
@tin-tuc Trung tâm Phục vụ hành chính công {unit} vận hành ổn định
Trung tâm Phục vụ hành chính công {unit} tiếp nhận và giải quyết hồ sơ của người dân, doanh nghiệp
thông suốt, đúng hạn. | Người dân được hướng dẫn tận tình, từng bước chuyển sang nộp hồ sơ trực
tuyến; tỷ lệ hồ sơ giải quyết đúng và trước hạn đạt cao.
@tin-tuc Kỳ họp HĐND {unit} thông qua nhiều nghị quyết quan trọng
HĐND {unit} tổ chức kỳ họp, xem xét báo cáo tình hình kinh tế - xã hội, dự toán ngân sách và thông
qua nhiều nghị quyết quan trọng. | Các đại biểu tập trung thảo luận về đầu tư hạ tầng, chỉnh trang
môi trường và nâng cao chất lượng phục vụ người dân.
@tin-tuc {Unit} ra quân tổng vệ sinh môi trường
{ubnd} phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam {kind} và các đoàn thể ra quân tổng vệ sinh
môi trường trên toàn địa bàn. | Các {village} đồng loạt thu gom rác thải, khơi thông cống rãnh,
phát quang bụi rậm và xóa quảng cáo rao vặt trái phép.
@tin-tuc {Unit} tổ chức Ngày hội Đại đoàn kết toàn dân tộc
Hưởng ứng Ngày truyền thống Mặt trận Tổ quốc Việt Nam 18/11, các {village} trên địa bàn {unit} tổ
chức Ngày hội Đại đoàn kết toàn dân tộc. | Ngày hội có phần lễ ôn lại truyền thống, biểu dương gia
đình văn hóa tiêu biểu và phần hội với các hoạt động văn nghệ, thể thao.
@tin-tuc Thăm, tặng quà gia đình chính sách trên địa bàn {unit}
Nhân dịp kỷ niệm Ngày Thương binh - Liệt sĩ 27/7, lãnh đạo {ubnd} thăm hỏi, tặng quà các gia đình
chính sách, người có công với cách mạng. | Dịp này, đoàn viên thanh niên tổ chức dọn dẹp, thắp
hương tri ân tại đài tưởng niệm và nghĩa trang liệt sĩ.
@tin-tuc Tổ công nghệ số cộng đồng {unit} hỗ trợ người dân dùng dịch vụ công trực tuyến
Các tổ công nghệ số cộng đồng trên địa bàn {unit} hỗ trợ người dân cài đặt, kích hoạt ứng dụng
VNeID và nộp hồ sơ trực tuyến. | Nhiều người cao tuổi lần đầu tự thực hiện được thủ tục trên điện
thoại thông minh, không phải đến trụ sở nhiều lần.
@tin-tuc Trạm Y tế {unit} tổ chức tiêm chủng mở rộng cho trẻ em
Trạm Y tế {unit} tổ chức tiêm chủng mở rộng định kỳ cho trẻ em trong độ tuổi, bảo đảm an toàn tiêm
chủng. | Phụ huynh được khuyến cáo theo dõi trẻ sau tiêm và mang theo sổ tiêm chủng hoặc thông tin
tiêm chủng điện tử khi đến trạm.
@thong-bao Thông báo lịch tiếp công dân của Chủ tịch {ubnd}
{ubnd} thông báo lịch tiếp công dân định kỳ của {head} tại trụ sở. | Công dân đến trình bày ý kiến
đề nghị mang theo căn cước và giấy tờ liên quan đến nội dung kiến nghị, phản ánh.
@thong-bao Thông báo thời gian thu gom rác thải sinh hoạt trên địa bàn {unit}
{ubnd} thông báo khung giờ thu gom rác thải sinh hoạt tại các {village}. | Người dân đề nghị phân
loại rác tại nguồn, để rác đúng nơi, đúng giờ quy định; hành vi đổ rác không đúng nơi quy định sẽ
bị xử lý.
@thong-bao Thông báo khám sức khỏe thực hiện nghĩa vụ quân sự
Hội đồng nghĩa vụ quân sự {unit} thông báo thời gian, địa điểm khám sức khỏe đối với công dân trong
độ tuổi gọi nhập ngũ. | Công dân có giấy gọi khám sức khỏe có mặt đúng giờ, mang theo căn cước và
giấy tờ liên quan; trường hợp vắng mặt phải có lý do chính đáng.
@thong-bao Niêm yết công khai danh sách hộ nghèo, hộ cận nghèo
{ubnd} niêm yết công khai kết quả rà soát hộ nghèo, hộ cận nghèo tại trụ sở và nhà văn hóa các
{village}. | Người dân có ý kiến về kết quả rà soát gửi phản ánh về {ubnd} trong thời gian niêm yết
để được xem xét.
@an-ninh-trat-tu Công an {unit} cảnh báo thủ đoạn lừa đảo qua mạng
Công an {unit} cảnh báo tình trạng đối tượng giả danh công an, ngân hàng, điện lực gọi điện yêu cầu
chuyển tiền hoặc cài đặt ứng dụng lạ. | Người dân tuyệt đối không cung cấp mã OTP, không truy cập
đường link lạ; cơ quan công an không làm việc, yêu cầu chuyển tiền qua điện thoại.
@an-ninh-trat-tu Ra mắt lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở
{ubnd} tổ chức ra mắt các tổ bảo vệ an ninh, trật tự tại các {village}. | Lực lượng này hỗ trợ công
an {kind} nắm tình hình, tuyên truyền pháp luật, tham gia tuần tra và hòa giải mâu thuẫn ở cơ sở.
@an-ninh-trat-tu Tăng cường phòng cháy, chữa cháy tại khu dân cư
{ubnd} chỉ đạo kiểm tra an toàn phòng cháy, chữa cháy tại nhà ở kết hợp kinh doanh, nhà trọ và cơ
sở sản xuất nhỏ. | Các hộ gia đình được hướng dẫn trang bị bình chữa cháy, mở lối thoát nạn thứ hai
và không để xe, chất dễ cháy gần nguồn điện.
@an-ninh-trat-tu Bảo đảm an ninh, trật tự dịp Tết Nguyên đán
Công an {unit} triển khai cao điểm tấn công, trấn áp tội phạm, bảo đảm an ninh, trật tự để Nhân dân
vui xuân, đón Tết an toàn. | Lực lượng chức năng tăng cường tuần tra, kiểm soát, xử lý nghiêm vi
phạm về pháo nổ, cờ bạc và vi phạm an toàn giao thông.
@gioi-thieu Giới thiệu chung về {unit}
{Unit} được thành lập trên cơ sở sắp xếp các đơn vị hành chính cấp xã theo nghị quyết của Ủy ban
Thường vụ Quốc hội, chính thức hoạt động từ ngày 1/7/2025. | Địa chỉ trụ sở, số điện thoại và đầu
mối cung cấp thông tin của {ubnd} được công khai tại mục Liên hệ của trang.
@gioi-thieu Chức năng, nhiệm vụ của {ubnd}
{ubnd} là cơ quan hành chính nhà nước ở địa phương, tổ chức thi hành Hiến pháp, pháp luật và nghị
quyết của HĐND {kind}. | Từ ngày 1/7/2025, {ubnd} đảm nhận nhiều nhiệm vụ trước đây của cấp huyện,
trực tiếp giải quyết phần lớn thủ tục hành chính cho người dân trên địa bàn.
"""

_WARD_SHARED = """
@tin-tuc {Unit} ra quân xử lý lấn chiếm vỉa hè, lòng đường
{ubnd} ra quân lập lại trật tự đô thị, xử lý tình trạng lấn chiếm vỉa hè, lòng đường để kinh doanh,
trông giữ xe trái phép. | Lực lượng chức năng kết hợp tuyên truyền, vận động với xử lý nghiêm các
trường hợp tái phạm, trả lại không gian đi bộ cho người dân.
@tin-tuc {Unit} cải tạo, chỉnh trang hệ thống ngõ, ngách
{ubnd} triển khai cải tạo mặt đường, hệ thống thoát nước và chiếu sáng tại nhiều ngõ, ngách trên
địa bàn. | Các công trình được lựa chọn trên cơ sở lấy ý kiến cư dân, ưu tiên những tuyến ngõ xuống
cấp, thường xuyên ngập úng.
@thong-bao Thông báo điều chỉnh tổ chức giao thông phục vụ thi công trên địa bàn {unit}
Để phục vụ thi công công trình hạ tầng, một số tuyến phố trên địa bàn {unit} được điều chỉnh tổ
chức giao thông tạm thời. | Người tham gia giao thông chú ý biển báo, chấp hành hướng dẫn của lực
lượng làm nhiệm vụ tại khu vực thi công.
@an-ninh-trat-tu Kiểm tra cơ sở lưu trú, nhà cho thuê trọ trên địa bàn {unit}
Công an {unit} kiểm tra việc chấp hành quy định về thông báo lưu trú, phòng cháy, chữa cháy tại các
cơ sở lưu trú và nhà cho thuê trọ. | Chủ cơ sở được hướng dẫn thông báo lưu trú qua ứng dụng VNeID
và bảo đảm điều kiện an toàn cho người thuê.
"""

_RURAL_SHARED = """
@tin-tuc {Unit} đẩy nhanh thu hoạch lúa mùa, triển khai sản xuất vụ đông
Nông dân {unit} tranh thủ thời tiết thuận lợi thu hoạch lúa mùa, đồng thời làm đất, gieo trồng cây
vụ đông đúng khung thời vụ. | {ubnd} khuyến cáo người dân không đốt rơm rạ sau thu hoạch, tận dụng
phụ phẩm làm phân bón hữu cơ và thức ăn chăn nuôi.
@tin-tuc {Unit} nâng cao chất lượng các tiêu chí nông thôn mới
{ubnd} rà soát, duy trì và nâng cao chất lượng các tiêu chí nông thôn mới sau khi sắp xếp đơn vị
hành chính. | Trọng tâm là hoàn thiện hạ tầng giao thông, thủy lợi, môi trường và nâng cao thu nhập
của người dân.
@thong-bao Thông báo tiêm phòng vắc-xin cho đàn gia súc, gia cầm
{ubnd} thông báo kế hoạch tiêm phòng vắc-xin lở mồm long móng, cúm gia cầm và bệnh dại cho vật
nuôi. | Các hộ chăn nuôi chủ động phối hợp với cán bộ thú y, khai báo số lượng vật nuôi và giữ vệ
sinh chuồng trại.
@an-ninh-trat-tu Xử lý vi phạm hành lang bảo vệ đê điều, công trình thủy lợi
{ubnd} ra quân kiểm tra, xử lý các trường hợp xây dựng, đổ phế thải trái phép trong hành lang bảo
vệ đê điều và công trình thủy lợi. | Các {village} được yêu cầu phát hiện, báo cáo kịp thời vi phạm
mới phát sinh, không để hình thành vi phạm kéo dài.
"""

_COMMUNE = {
    "hoankiem": """
@tin-tuc Không gian đi bộ khu vực hồ Hoàn Kiếm thu hút đông đảo người dân, du khách
Không gian đi bộ khu vực hồ Hoàn Kiếm và phụ cận tiếp tục là điểm đến hấp dẫn vào các buổi tối cuối
tuần. | {ubnd} phối hợp với các lực lượng bố trí điểm trông giữ xe, bảo đảm an ninh, trật tự và vệ
sinh môi trường trong thời gian hoạt động.
@tin-tuc Chỉnh trang mặt phố, cải tạo cảnh quan trong khu phố cổ
{ubnd} triển khai chỉnh trang mặt đứng, biển hiệu và hệ thống chiếu sáng trên một số tuyến phố
trong khu phố cổ. | Việc chỉnh trang bảo đảm giữ gìn kiến trúc đặc trưng, hài hòa cảnh quan và có
sự tham gia ý kiến của các hộ dân.
@an-ninh-trat-tu Xử lý tình trạng chèo kéo, nâng giá dịch vụ đối với du khách
Công an {unit} tăng cường kiểm tra, xử lý hành vi chèo kéo, ép giá, bán hàng rong đeo bám du khách
tại khu vực trung tâm. | Du khách có thể phản ánh qua đường dây nóng của phường để được hỗ trợ kịp
thời.
""",
    "hoangmai": """
@tin-tuc {Unit} nạo vét, vệ sinh hồ điều hòa trước mùa mưa
{ubnd} tổ chức nạo vét bùn, vớt rác và vệ sinh các hồ điều hòa trên địa bàn trước mùa mưa. | Việc
nạo vét giúp tăng khả năng tiêu thoát nước, cải thiện chất lượng nước và cảnh quan khu dân cư.
@tin-tuc {Unit} chủ động phương án chống úng ngập cục bộ
{ubnd} rà soát các điểm thường xuyên úng ngập, bố trí lực lượng, máy bơm ứng trực khi có mưa lớn. |
Người dân được khuyến cáo không đổ rác xuống cống, hố ga và chủ động bảo vệ tài sản khi có cảnh báo
mưa lớn.
@an-ninh-trat-tu Kiểm tra an toàn phòng cháy, chữa cháy tại nhà chung cư
Công an {unit} phối hợp với ban quản trị kiểm tra hệ thống phòng cháy, chữa cháy tại các tòa nhà
chung cư. | Các tòa nhà được yêu cầu bảo đảm lối thoát nạn thông thoáng, bố trí khu vực sạc xe điện
an toàn và tổ chức diễn tập định kỳ.
""",
    "unghoa": """
@tin-tuc Nhân rộng mô hình lúa chất lượng cao kết hợp nuôi trồng thủy sản
Nhiều hộ dân {unit} chuyển đổi vùng trũng sang mô hình lúa chất lượng cao kết hợp nuôi cá, mang lại
hiệu quả kinh tế cao hơn. | {ubnd} hỗ trợ kỹ thuật, kết nối tiêu thụ và khuyến khích thành lập tổ
hợp tác để sản xuất theo chuỗi giá trị.
@tin-tuc {Unit} chủ động phòng, chống lụt bão, bảo vệ đê sông Đáy
{ubnd} kiện toàn Ban Chỉ huy phòng thủ dân sự, rà soát điểm xung yếu và chuẩn bị vật tư, phương
tiện theo phương châm “bốn tại chỗ”. | Các thôn tổ chức lực lượng xung kích, sẵn sàng sơ tán người
dân khỏi vùng nguy hiểm khi có tình huống.
@an-ninh-trat-tu Phòng, chống đuối nước cho trẻ em dịp hè
{ubnd} chỉ đạo rà soát, cắm biển cảnh báo tại ao, hồ, kênh mương nguy hiểm và tổ chức dạy bơi an
toàn cho trẻ em. | Phụ huynh được khuyến cáo quản lý chặt chẽ con em, không để trẻ tự ý đi bơi, tắm
ở khu vực không bảo đảm an toàn.
""",
    "phuxuyen": """
@tin-tuc Phát triển làng nghề truyền thống gắn với du lịch trải nghiệm
{ubnd} hỗ trợ các làng nghề truyền thống quảng bá sản phẩm, kết nối với doanh nghiệp lữ hành để
phát triển du lịch trải nghiệm. | Nhiều sản phẩm làng nghề được công nhận sản phẩm OCOP, mở rộng
thị trường tiêu thụ trong và ngoài nước.
@tin-tuc {Unit} tập trung giải phóng mặt bằng các dự án hạ tầng giao thông
{ubnd} đẩy mạnh tuyên truyền, vận động người dân bàn giao mặt bằng phục vụ các dự án hạ tầng giao
thông qua địa bàn. | Việc kiểm đếm, lập phương án bồi thường được thực hiện công khai, đúng quy
định, bảo đảm quyền lợi hợp pháp của người dân.
@an-ninh-trat-tu Tuần tra, kiểm soát bảo đảm an toàn giao thông trên các tuyến đường trục
Công an {unit} tăng cường tuần tra, xử lý vi phạm nồng độ cồn, chở quá tải và đua xe trái phép trên
các tuyến đường trục. | Người tham gia giao thông được khuyến cáo đã uống rượu, bia thì không lái
xe.
""",
    "hoaiduc": """
@tin-tuc Phát triển sản phẩm OCOP từ làng nghề chế biến nông sản
Các cơ sở chế biến nông sản trên địa bàn {unit} đầu tư đổi mới công nghệ, bao bì để tham gia chương
trình OCOP. | {ubnd} hỗ trợ xây dựng nhãn hiệu, truy xuất nguồn gốc và đưa sản phẩm lên sàn thương
mại điện tử.
@tin-tuc {Unit} chỉnh trang hạ tầng, hướng tới các tiêu chí đô thị
{ubnd} đầu tư cải tạo đường giao thông, hệ thống thoát nước, chiếu sáng và cây xanh tại các khu dân
cư. | Người dân đồng thuận hiến đất, góp công để mở rộng đường ngõ xóm, tạo diện mạo khang trang
cho địa phương.
@an-ninh-trat-tu Xử lý vi phạm trật tự xây dựng trên đất nông nghiệp
{ubnd} kiên quyết xử lý các công trình xây dựng trái phép trên đất nông nghiệp, không để phát sinh
vi phạm mới. | Cán bộ địa chính, xây dựng được phân công theo dõi từng địa bàn và chịu trách nhiệm
nếu để vi phạm kéo dài.
""",
    "quocoai": """
@tin-tuc Phát triển du lịch sinh thái, văn hóa gắn với bảo tồn di tích
{ubnd} khai thác lợi thế cảnh quan, di tích lịch sử - văn hóa để phát triển du lịch sinh thái, trải
nghiệm. | Địa phương chú trọng quản lý lễ hội, giữ gìn vệ sinh môi trường và bảo đảm an ninh, trật
tự tại các điểm tham quan.
@tin-tuc Chuyển đổi cơ cấu cây trồng, phát triển vùng rau an toàn
Nông dân {unit} chuyển đổi diện tích lúa kém hiệu quả sang trồng rau an toàn, cây ăn quả theo hướng
hàng hóa. | {ubnd} phối hợp với hợp tác xã hỗ trợ giống, kỹ thuật và kết nối tiêu thụ với bếp ăn
tập thể, siêu thị.
@thong-bao Thông báo kế hoạch tổ chức lễ hội truyền thống đầu xuân
{ubnd} thông báo thời gian tổ chức lễ hội truyền thống đầu xuân và phương án bảo đảm an ninh, trật
tự. | Lễ hội được tổ chức trang trọng, tiết kiệm; nghiêm cấm các hoạt động mê tín dị đoan, cờ bạc
và đốt vàng mã tràn lan.
""",
    "danphuong": """
@tin-tuc Phát triển vùng trồng hoa, cây cảnh giá trị kinh tế cao
Nhiều hộ dân {unit} đầu tư nhà lưới, hệ thống tưới tự động để trồng hoa, cây cảnh phục vụ thị
trường nội thành. | {ubnd} khuyến khích liên kết sản xuất, xây dựng nhãn hiệu tập thể và phát triển
du lịch nông nghiệp gắn với vườn hoa.
@tin-tuc Khai thác hiệu quả vùng bãi ven sông Hồng
{ubnd} rà soát quỹ đất bãi ven sông Hồng, định hướng phát triển nông nghiệp sạch phù hợp quy hoạch
và quy định về đê điều. | Mọi hoạt động sản xuất trên vùng bãi phải bảo đảm không cản trở thoát lũ
và không xây dựng công trình trái phép.
@an-ninh-trat-tu Tuần tra ngăn chặn khai thác cát trái phép trên sông
Công an {unit} phối hợp với lực lượng chức năng tuần tra, ngăn chặn hoạt động khai thác cát trái
phép trên sông. | Hành vi khai thác, tập kết, vận chuyển cát trái phép sẽ bị xử lý nghiêm, phương
tiện vi phạm bị tạm giữ theo quy định.
""",
}

_SITE = """
@tin-cai-cach-hanh-chinh Công bố Chỉ số cải cách hành chính của các sở, ngành và xã, phường
UBND Thành phố công bố kết quả xác định Chỉ số cải cách hành chính (PAR Index) của các sở, cơ quan
và UBND các xã, phường. | Kết quả được xác định trên cơ sở tự đánh giá, thẩm định của hội đồng và
điều tra xã hội học đối với người dân, doanh nghiệp.
@tin-cai-cach-hanh-chinh Giải pháp nâng cao Chỉ số PAR Index và SIPAS của Thành phố
Thành phố đề ra các giải pháp nâng cao Chỉ số cải cách hành chính (PAR Index) và Chỉ số hài lòng về
sự phục vụ hành chính (SIPAS). | Các đơn vị có chỉ số thành phần thấp phải xây dựng kế hoạch khắc
phục cụ thể, gắn trách nhiệm người đứng đầu.
@tin-cai-cach-hanh-chinh Ban hành kế hoạch cải cách hành chính năm của Thành phố
UBND Thành phố ban hành kế hoạch cải cách hành chính, xác định nhiệm vụ trên các nội dung cải cách
thể chế, thủ tục, bộ máy, công vụ, tài chính công và chính quyền số. | Kế hoạch đặt mục tiêu nâng
cao tỷ lệ hồ sơ trực tuyến, tỷ lệ hồ sơ đúng hạn và mức độ hài lòng của người dân, doanh nghiệp.
@tin-cai-cach-hanh-chinh Kiểm tra công tác cải cách hành chính tại các xã, phường
Đoàn kiểm tra của Thành phố kiểm tra công tác cải cách hành chính, kỷ luật, kỷ cương hành chính tại
một số xã, phường. | Đoàn ghi nhận nhiều cách làm hay, đồng thời chỉ ra hạn chế trong số hóa hồ sơ
và cập nhật tiến độ trên hệ thống.
@tin-cai-cach-hanh-chinh Khảo sát sự hài lòng của người dân đối với cơ quan hành chính
Thành phố tổ chức khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành
chính nhà nước. | Người dân có thể đánh giá trực tiếp tại bộ phận một cửa, qua phiếu khảo sát điện
tử hoặc tin nhắn sau khi nhận kết quả.
@chuyen-doi-so Nâng cao tỷ lệ hồ sơ dịch vụ công trực tuyến toàn trình
Thành phố yêu cầu các đơn vị tăng tỷ lệ hồ sơ trực tuyến toàn trình, hạn chế tối đa tiếp nhận hồ sơ
giấy. | Cán bộ một cửa có trách nhiệm hướng dẫn người dân nộp hồ sơ trực tuyến ngay tại bộ phận
tiếp nhận.
@chuyen-doi-so Đẩy mạnh sử dụng chữ ký số trong cơ quan nhà nước
Các cơ quan, đơn vị của Thành phố sử dụng chữ ký số trong phát hành văn bản điện tử và giải quyết
thủ tục hành chính. | Kết quả giải quyết thủ tục được ký số, trả bản điện tử cho người dân, có giá
trị pháp lý như bản giấy.
@chuyen-doi-so Hướng dẫn người dân sử dụng chữ ký số cá nhân
Người dân có thể đăng ký chữ ký số cá nhân để ký hồ sơ điện tử khi thực hiện dịch vụ công trực
tuyến. | Chữ ký số giúp xác thực người nộp hồ sơ, giảm việc phải chứng thực giấy tờ và đến trực
tiếp cơ quan nhà nước.
@chuyen-doi-so Nền tảng iHanoi tiếp nhận phản ánh, kiến nghị của người dân
Ứng dụng iHanoi giúp người dân gửi phản ánh, kiến nghị về trật tự đô thị, môi trường, hạ tầng tới
chính quyền các cấp. | Các phản ánh được chuyển đến đúng đơn vị có thẩm quyền, kết quả xử lý được
công khai để người dân theo dõi.
@chuyen-doi-so Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính
Các xã, phường tập trung số hóa hồ sơ, kết quả giải quyết thủ tục hành chính để tái sử dụng dữ
liệu. | Người dân không phải nộp lại giấy tờ đã được số hóa khi thực hiện các thủ tục tiếp theo.
@chuyen-doi-so Phong trào “Bình dân học vụ số” lan tỏa tại các xã, phường
Các xã, phường tổ chức lớp phổ cập kỹ năng số, hướng dẫn người dân sử dụng dịch vụ công trực tuyến,
thanh toán điện tử và phòng tránh lừa đảo trên mạng. | Lực lượng đoàn viên thanh niên, tổ công nghệ
số cộng đồng là nòng cốt hỗ trợ người dân tại khu dân cư.
@chuyen-doi-so Kết nối, chia sẻ dữ liệu giữa các hệ thống thông tin của Thành phố
Thành phố đẩy mạnh kết nối, chia sẻ dữ liệu giữa các hệ thống thông tin chuyên ngành và cơ sở dữ
liệu quốc gia. | Dữ liệu được chia sẻ giúp rút ngắn thời gian xử lý hồ sơ và hỗ trợ lãnh đạo chỉ
đạo, điều hành dựa trên dữ liệu.
@de-an-06 Sơ kết triển khai Đề án 06 trên địa bàn Thành phố
Thành phố đánh giá kết quả triển khai Đề án 06, tập trung vào các nhóm tiện ích phục vụ giải quyết
thủ tục hành chính và phát triển kinh tế - xã hội. | Nhiều mô hình ứng dụng dữ liệu dân cư đã được
triển khai rộng rãi, giúp người dân không phải xuất trình giấy tờ khi làm thủ tục.
@de-an-06 Mở rộng tiện ích trên ứng dụng VNeID cho người dân Thủ đô
Công an Thành phố phối hợp với các sở, ngành mở rộng các tiện ích tích hợp trên ứng dụng VNeID. |
Người dân có thể sử dụng tài khoản định danh điện tử để đăng nhập dịch vụ công và tích hợp giấy tờ
cá nhân trên ứng dụng.
@de-an-06 Cấp phiếu lý lịch tư pháp trên ứng dụng VNeID
Người dân có thể đề nghị cấp phiếu lý lịch tư pháp trực tuyến trên ứng dụng VNeID mà không phải kê
khai nhiều thông tin. | Thông tin cá nhân được tự động điền từ cơ sở dữ liệu quốc gia về dân cư,
giúp rút ngắn thời gian chuẩn bị hồ sơ.
@de-an-06 Liên thông giấy khám sức khỏe lái xe và sổ sức khỏe điện tử
Các cơ sở khám, chữa bệnh liên thông dữ liệu giấy khám sức khỏe lái xe để phục vụ cấp, đổi giấy
phép lái xe trực tuyến. | Người dân có thể theo dõi sổ sức khỏe điện tử trên ứng dụng VNeID, thuận
tiện khi đi khám, chữa bệnh.
@de-an-06 Thanh toán không dùng tiền mặt trong trường học, bệnh viện
Thành phố đẩy mạnh thanh toán không dùng tiền mặt đối với học phí, viện phí và các dịch vụ công. |
Phụ huynh, người bệnh có thể thanh toán qua ứng dụng ngân hàng, ví điện tử, giảm thời gian chờ đợi
và bảo đảm minh bạch.
@de-an-06 Làm sạch dữ liệu dân cư, đất đai phục vụ giải quyết thủ tục
Các xã, phường phối hợp với công an rà soát, làm sạch dữ liệu dân cư và đất đai theo yêu cầu “đúng,
đủ, sạch, sống”. | Dữ liệu chính xác giúp giải quyết thủ tục nhanh hơn và hạn chế sai sót khi liên
thông giữa các ngành.
@sang-kien Phát động cuộc thi sáng kiến cải cách hành chính
Thành phố phát động cuộc thi tìm kiếm sáng kiến, giải pháp cải cách hành chính trong cán bộ, công
chức và người dân. | Các bài dự thi được gửi trực tuyến, tập trung vào đơn giản hóa thủ tục, ứng
dụng công nghệ và nâng cao chất lượng phục vụ.
@sang-kien Mô hình bộ phận một cửa “không giấy tờ” tại cấp xã
Một số xã, phường thí điểm mô hình tiếp nhận, giải quyết hồ sơ không giấy tờ, người dân chỉ cần
mang theo căn cước. | Cán bộ một cửa khai thác dữ liệu đã số hóa và cơ sở dữ liệu dân cư để hoàn
thiện hồ sơ cho người dân.
@sang-kien Trao giải sáng kiến, mô hình cải cách hành chính tiêu biểu
Thành phố trao giải cho các sáng kiến, mô hình cải cách hành chính tiêu biểu của các sở, ngành và
xã, phường. | Các mô hình đoạt giải sẽ được hướng dẫn nhân rộng, chia sẻ kinh nghiệm trên toàn
Thành phố.
@sang-kien Trợ lý ảo hỗ trợ công chức tra cứu văn bản, quy trình
Một số cơ quan thí điểm trợ lý ảo hỗ trợ công chức tra cứu văn bản, quy trình giải quyết thủ tục
hành chính. | Công cụ giúp giảm thời gian tìm kiếm thông tin, song công chức vẫn chịu trách nhiệm
kiểm tra, thẩm định nội dung.
@gioi-thieu Giới thiệu trang thông tin cải cách hành chính thành phố Hà Nội
Trang thông tin cải cách hành chính thành phố Hà Nội cung cấp thông tin về cải cách hành chính,
chuyển đổi số và Đề án 06. | Trang là kênh để người dân, doanh nghiệp tìm hiểu chính sách, theo dõi
kết quả và góp ý cho công tác cải cách hành chính của Thành phố.
@gioi-thieu Cơ quan thường trực công tác cải cách hành chính của Thành phố
Sở Nội vụ là cơ quan thường trực, tham mưu UBND Thành phố chỉ đạo, theo dõi, đánh giá công tác cải
cách hành chính. | Sở Nội vụ chủ trì xác định Chỉ số cải cách hành chính, khảo sát sự hài lòng và
tổng hợp báo cáo cải cách hành chính định kỳ.
"""

_SUBSITES_ABOUT = """
@gioi-thieu Giới thiệu chuyên trang Chuyển đổi số thành phố Hà Nội
Chuyên trang Chuyển đổi số là thành phần của Trang Cải cách hành chính thành phố Hà Nội, đăng tải
tin tức về chính quyền số, kinh tế số và xã hội số. | Các sở, ngành, xã, phường gắn thẻ “Chuyển đổi
số” cho tin bài trên trang của mình để tin được đăng tự động tại chuyên trang.
@gioi-thieu Giới thiệu chuyên trang Đề án 06 thành phố Hà Nội
Chuyên trang Đề án 06 là thành phần của Trang Cải cách hành chính thành phố Hà Nội, đăng tải tin
tức về phát triển ứng dụng dữ liệu dân cư, định danh và xác thực điện tử. | Các đơn vị gắn thẻ “Đề
án 06” cho tin bài của mình; biên tập viên chuyên trang xem xét, tiếp nhận trước khi đăng.
"""

_CITY_CTX = {
    "unit": "thành phố Hà Nội",
    "Unit": "Thành phố Hà Nội",
    "ubnd": "UBND Thành phố",
    "head": "Chủ tịch UBND Thành phố",
    "kind": "thành phố",
    "field": "",
    "village": "xã, phường",
}
_DEPT_FIELDS = {
    "soxaydung": "xây dựng, giao thông",
    "sonoivu": "nội vụ, lao động",
    "sotaichinh": "tài chính, đầu tư",
    "sovanhoathethao": "văn hóa, thể thao",
}


def _context(tenant: dict) -> dict[str, str]:
    """Placeholder values for one tenant's text templates."""
    level, name = tenant["level"], tenant["name"]
    if level in ("city", "site"):
        return _CITY_CTX
    if level == "department":
        return {
            "unit": name,
            "Unit": name,
            "ubnd": name,
            "head": "Giám đốc Sở",
            "kind": "sở",
            "field": _DEPT_FIELDS[tenant["slug"]],
            "village": "phòng, đơn vị",
        }
    kind = name.split()[0].lower()
    return {
        "unit": f"{kind} {name.split(' ', 1)[1]}",
        "Unit": name,
        "ubnd": f"UBND {kind} {name.split(' ', 1)[1]}",
        "head": f"Chủ tịch UBND {kind}",
        "kind": kind,
        "field": "",
        "village": "tổ dân phố" if kind == "phường" else "thôn, tổ dân phố",
    }


def _parse(text: str) -> list[tuple[str, str, list[str]]]:
    """Parse a text block into (category, title, paragraphs) tuples (format above)."""
    items: list[tuple[str, str, list[str]]] = []
    for line in text.strip().splitlines():
        if line.startswith("@"):
            category, _, title = line[1:].partition(" ")
            items.append((category, title.strip(), []))
        else:
            items[-1][2].append(line.strip())
    return [
        (category, _nfc(title), [_nfc(p.strip()) for p in " ".join(lines).split(" | ")])
        for category, title, lines in items
    ]


def _pools(text: str) -> dict[str, list[str]]:
    return {category: paragraphs for category, _, paragraphs in _parse(text)}


_POOL = {"vi": _pools(_POOLS_VI), "en": _pools(_POOLS_EN)}
_TASKS = {"vi": _TASKS_VI, "en": _TASKS_EN}
_TASKS_HEADING = {"vi": "Một số nhiệm vụ trọng tâm", "en": "Key tasks"}
_TENANT_BY_SLUG = {t["slug"]: t for t in TENANTS}
_WARDS = {"hoankiem", "hoangmai"}


def _topics(slug: str) -> list[tuple[str, str, str, str, str]]:
    """(language, category, title, summary, detail) for one tenant, placeholders unfilled."""
    level = _TENANT_BY_SLUG[slug]["level"]
    blocks: list[tuple[str, str]]
    if level == "city":
        blocks = [("vi", _CITY_VI), ("en", _CITY_EN)]
    elif level == "site":
        # One pool of site topics, each on the site (or sub-site) that has its section.
        sections = {c["slug"] for c in categories_for(_TENANT_BY_SLUG[slug])}
        return [
            ("vi", category, title, paragraphs[0], paragraphs[1])
            for text in (_SITE, _SUBSITES_ABOUT)
            for category, title, paragraphs in _parse(text)
            if category in sections and (category != "gioi-thieu" or _about_of(slug, title))
        ]
    elif level == "department":
        blocks = [("vi", _DEPT_SHARED), ("vi", _DEPT[slug])]
    else:
        local = _WARD_SHARED if slug in _WARDS else _RURAL_SHARED
        blocks = [("vi", _COMMUNE_SHARED), ("vi", local), ("vi", _COMMUNE[slug])]
    return [
        (lang, category, title, paragraphs[0], paragraphs[1])
        for lang, text in blocks
        for category, title, paragraphs in _parse(text)
    ]


def _about_of(slug: str, title: str) -> bool:
    """Whether an about-page topic of the site pool belongs to this site or sub-site."""
    own = {"chuyendoiso": "Chuyển đổi số", "dean06": "Đề án 06"}.get(slug)
    return own in title if own else "chuyên trang" not in title


def _body(paragraphs: list[str], tasks: list[str] | None, heading: str) -> str:
    """HTML body: the first paragraph, an optional task list, then the rest."""

    def p(text: str) -> str:
        return f"<p>{html.escape(text, quote=False)}</p>"

    parts = [p(paragraphs[0])]
    if tasks:
        items = "".join(f"<li>{html.escape(t, quote=False)}</li>" for t in tasks)
        parts += [f"<h2>{heading}</h2>", f"<ul>{items}</ul>"]
    parts += [p(text) for text in paragraphs[1:]]
    return "\n".join(parts)


def articles_for(tenant_slug: str) -> list[dict]:
    """Deterministic sample articles for one tenant (same output every call).

    Each unit gets 24-36 Vietnamese articles (the city also 8-12 English ones; the
    reform site and its sub-sites a handful each, from one pool of site topics),
    three featured Vietnamese articles (plus one English for the city), and two
    drafts. Raises KeyError for an unknown tenant slug.
    """
    tenant = _TENANT_BY_SLUG[tenant_slug]
    ctx = _context(tenant)
    rng = random.Random(f"thudo-demo:{tenant_slug}")
    articles: list[dict] = []
    for index, (lang, category, title, summary, detail) in enumerate(_topics(tenant_slug)):
        pool = _POOL[lang].get(category) or _POOL[lang]["tin-tuc"]
        picked = rng.sample(range(len(pool)), k=min(len(pool), rng.choice((2, 3))))
        extra = [pool[i] for i in sorted(picked)]  # pools are written in reading order
        tasks = None
        if category not in ("gioi-thieu", "thong-bao") and index % 3 == 0:
            tasks = rng.sample(_TASKS[lang], k=3)
        paragraphs = [text.format_map(ctx) for text in [detail, *extra]]
        about = category == "gioi-thieu"
        articles.append(
            {
                "title": _nfc(title.format_map(ctx)),
                "summary": _nfc(summary.format_map(ctx)),
                "body": _nfc(_body(paragraphs, tasks, _TASKS_HEADING[lang])),
                "category": category,
                "language": lang,
                "featured": False,
                "days_ago": rng.randint(100, 120) if about else rng.randint(1, 95),
                "status": "published",
            }
        )
    news = [a for a in articles if a["category"] != "gioi-thieu"]
    vi_news = [a for a in news if a["language"] == "vi"]
    for draft in rng.sample(vi_news, k=2):
        draft["status"] = "draft"
        draft["days_ago"] = 0
    for lang, count in (("vi", 3), ("en", 1)):
        candidates = [a for a in news if a["language"] == lang and a["status"] == "published"]
        for article in sorted(candidates, key=lambda a: a["days_ago"])[:count]:
            article["featured"] = True
    articles.sort(key=lambda a: (a["language"] != "vi", a["days_ago"], a["title"]))
    return articles
