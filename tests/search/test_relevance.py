"""The relevance test set: Vietnamese queries and the result each must put first.

One corpus of portal content (articles about wards, traffic, schools, health
and administrative reform; legal documents; gazette issues), with decoys: a
neighbouring number (43/2022/NĐ-CP), the same serial in another year or type
(42/2021/NĐ-CP, 42/KH-UBND), titles that fold to the same letters ("sửa" and
"sữa", "mưa" and "mua", "cấm" and "cầm", "số" and "sổ", "Hà Nội" and an
unmarked "Ha Noi"), an article that cites a decree in its title, and an older
and a newer copy of one notice. Every query runs on every backend.
"""

from __future__ import annotations

import pytest

from hub.search import SearchBackend, SearchEntry, SearchQuery
from tests.search.conftest import entry

HANOI, BA_DINH, HOAN_KIEM = 1, 2, 3
SCOPE = [HANOI, BA_DINH, HOAN_KIEM]


def doc(key: str, number: str, title: str, days_ago: float, year: int, **more: str) -> SearchEntry:
    return entry(key, title, number=number, days_ago=days_ago, year=year, **more)


CORPUS: list[SearchEntry] = [
    # --- legal documents ------------------------------------------------------
    doc(
        "document:1",
        "42/2022/NĐ-CP",
        "Nghị định quy định về việc cung cấp thông tin và dịch vụ công trực tuyến "
        "của cơ quan nhà nước trên môi trường mạng",
        days_ago=1345,
        year=2022,
        summary="Quy định việc cung cấp thông tin và dịch vụ công trực tuyến trên môi trường mạng.",
        body="Chương I. Quy định chung. Điều 1. Phạm vi điều chỉnh. Cổng dịch vụ công quốc gia.",
    ),
    doc(
        "document:2",
        "43/2022/NĐ-CP",
        "Nghị định quy định về quản lý, sử dụng và khai thác tài sản kết cấu hạ tầng "
        "giao thông đường bộ",
        days_ago=1343,
        year=2022,
        body="Tài sản kết cấu hạ tầng giao thông đường bộ gồm đường, cầu, hầm, bến phà.",
    ),
    doc(
        "document:3",
        "42/2021/NĐ-CP",
        "Nghị định sửa đổi, bổ sung một số điều về quản lý vật liệu nổ công nghiệp",
        days_ago=1710,
        year=2021,
        body="Sửa đổi quy định về giấy phép sử dụng vật liệu nổ công nghiệp.",
    ),
    doc(
        "document:4",
        "22/2023/TT-BTTTT",
        "Thông tư quy định về bảo đảm an toàn thông tin cho cổng thông tin điện tử "
        "của cơ quan nhà nước",
        days_ago=820,
        year=2023,
        body="Cổng thông tin điện tử phải được giám sát an toàn thông tin liên tục.",
    ),
    doc(
        "document:5",
        "1628/QĐ-UBND",
        "Quyết định phê duyệt danh mục thủ tục hành chính được tiếp nhận tại Bộ phận "
        "một cửa các cấp",
        days_ago=700,
        year=2024,
        body="Danh mục gồm 1.215 thủ tục thuộc thẩm quyền giải quyết của các sở, ngành.",
    ),
    doc(
        "document:6",
        "139/KH-UBND",
        "Kế hoạch cải cách hành chính của thành phố năm 2024",
        days_ago=790,
        year=2024,
        body="Nâng cao chỉ số hài lòng của người dân, doanh nghiệp với sự phục vụ của cơ quan.",
    ),
    doc(
        "document:7",
        "01/2026/NQ-HĐND",
        "Nghị quyết quy định mức thu học phí đối với cơ sở giáo dục mầm non và phổ thông công lập",
        days_ago=60,
        year=2026,
        body="Mức thu áp dụng từ năm học 2026-2027 trên địa bàn thành phố Hà Nội.",
    ),
    doc(
        "document:8",
        "02/2026/NQ-HĐND",
        "Nghị quyết quy định chính sách hỗ trợ người có công và đối tượng bảo trợ xã hội",
        days_ago=59,
        year=2026,
        body="Hỗ trợ hằng tháng cho người có công với cách mạng.",
    ),
    doc(
        "document:9",
        "30/2020/NĐ-CP",
        "Nghị định về công tác văn thư",
        days_ago=2190,
        year=2020,
        body="Thể thức và kỹ thuật trình bày văn bản hành chính.",
    ),
    doc(
        "document:10",
        "13/2023/NĐ-CP",
        "Nghị định về bảo vệ dữ liệu cá nhân",
        days_ago=1050,
        year=2023,
        body="Dữ liệu cá nhân cơ bản và dữ liệu cá nhân nhạy cảm.",
    ),
    doc(
        "document:11",
        "100/2019/NĐ-CP",
        "Nghị định quy định xử phạt vi phạm hành chính trong lĩnh vực giao thông "
        "đường bộ và đường sắt",
        days_ago=2260,
        year=2019,
        body="Mức phạt đối với người điều khiển xe ô tô vi phạm quy tắc giao thông.",
    ),
    doc(
        "document:12",
        "168/2024/NĐ-CP",
        "Nghị định quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông "
        "trong lĩnh vực giao thông đường bộ; trừ điểm, phục hồi điểm giấy phép lái xe",
        days_ago=430,
        year=2024,
        body="Mỗi giấy phép lái xe có 12 điểm.",
    ),
    doc(
        "document:13",
        "06/CT-UBND",
        "Chỉ thị về tăng cường kỷ luật, kỷ cương hành chính trong cơ quan nhà nước",
        days_ago=300,
        year=2025,
        body="Người đứng đầu chịu trách nhiệm về kỷ luật công vụ.",
    ),
    doc(
        "document:14",
        "42/KH-UBND",
        "Kế hoạch tổ chức Tháng hành động vì an toàn thực phẩm năm 2025",
        days_ago=330,
        year=2025,
        body="Kiểm tra cơ sở sản xuất, kinh doanh thực phẩm và bếp ăn tập thể.",
    ),
    doc(
        "document:15",
        "29/2025/QĐ-UBND",
        "Quyết định ban hành Quy định phân cấp quản lý nhà nước về giao thông trên địa bàn",
        days_ago=250,
        year=2025,
        body="Phân cấp cho Ủy ban nhân dân phường, xã quản lý đường nội bộ.",
    ),
    doc(
        "document:16",
        "01/2025/NQ-HĐND",
        "Nghị quyết về giá dịch vụ khám bệnh, chữa bệnh tại cơ sở y tế công lập",
        days_ago=420,
        year=2025,
        body="Giá dịch vụ khám bệnh áp dụng với người không có thẻ bảo hiểm y tế.",
    ),
    doc(
        "document:17",
        "18/2025/TT-BGDĐT",
        "Thông tư quy định về tuyển sinh trung học cơ sở và tuyển sinh trung học phổ thông",
        days_ago=200,
        year=2025,
        body="Phương thức tuyển sinh gồm xét tuyển, thi tuyển hoặc kết hợp.",
    ),
    doc(
        "document:18",
        "2345/QĐ-UBND",
        "Quyết định công bố danh mục thủ tục mới trong lĩnh vực giáo dục",
        days_ago=100,
        year=2025,
        body="Công bố kèm theo quy trình nội bộ giải quyết.",
    ),
    # --- gazette ----------------------------------------------------------------
    entry(
        "gazette:1",
        "Công báo thành phố số 15 ngày 10/02/2026",
        days_ago=20,
        body="Mục lục: Nghị quyết 01/2026/NQ-HĐND; Nghị quyết 02/2026/NQ-HĐND.",
    ),
    entry("gazette:2", "Công báo thành phố số 14 ngày 25/01/2026", days_ago=36),
    entry("gazette:3", "Công báo thành phố số 13 ngày 10/01/2026", days_ago=51),
    # --- articles ---------------------------------------------------------------
    entry(
        "article:1",
        "Thành phố triển khai Nghị định 42/2022/NĐ-CP về dịch vụ công trực tuyến",
        days_ago=5,
        body="Các sở, ngành rà soát thủ tục để cung cấp dịch vụ công trực tuyến toàn trình.",
    ),
    entry(
        "article:2",
        "Phường Hoàn Kiếm ra mắt mô hình chính quyền hai cấp",
        tenant=HOAN_KIEM,
        days_ago=240,
        body="Từ ngày 1/7/2025, phường mới hoạt động theo mô hình chính quyền địa phương.",
    ),
    entry(
        "article:3",
        "Sửa chữa đường Giải Phóng trong tháng 7",
        days_ago=230,
        body="Đơn vị thi công thảm lại mặt đường vào ban đêm để giảm ùn tắc.",
    ),
    entry(
        "article:4",
        "Sữa học đường: mở rộng chương trình cho học sinh tiểu học",
        days_ago=120,
        body="Trẻ em được uống sữa miễn phí tại trường ba buổi mỗi tuần.",
    ),
    entry(
        "article:5",
        "Mưa lớn gây ngập nhiều tuyến phố nội đô",
        days_ago=200,
        body="Công ty thoát nước huy động máy bơm tại các điểm úng ngập.",
    ),
    entry(
        "article:6",
        "Mua sắm dịp cuối năm: người tiêu dùng được khuyến cáo cảnh giác hàng giả",
        days_ago=70,
        body="Quản lý thị trường tăng cường kiểm tra các cửa hàng.",
    ),
    entry(
        "article:7",
        "Hà Nội công bố danh sách 126 xã, phường sau sắp xếp",
        days_ago=260,
        body="Thủ đô có 51 phường và 75 xã sau khi sắp xếp đơn vị hành chính.",
    ),
    entry(
        "article:8",
        "Giải chạy Ha Noi Marathon thu hút 10.000 vận động viên",
        days_ago=40,
        body="Đường chạy đi qua nhiều tuyến phố trung tâm Hà Nội.",
    ),
    entry(
        "article:9",
        "Thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND phường",
        tenant=BA_DINH,
        days_ago=90,
        body="Chủ tịch UBND phường tiếp công dân vào thứ Năm hằng tuần tại trụ sở.",
    ),
    entry(  # the same notice published again: the newer copy wins the tie
        "article:10",
        "Thông báo lịch tiếp công dân định kỳ của Chủ tịch UBND phường",
        tenant=BA_DINH,
        days_ago=30,
        body="Chủ tịch UBND phường tiếp công dân vào thứ Năm hằng tuần tại trụ sở.",
    ),
    entry(
        "article:11",
        "Công bố chỉ tiêu tuyển sinh lớp 10 năm học 2026-2027",
        days_ago=25,
        body="Các trường trung học phổ thông công lập tuyển hơn 70.000 học sinh.",
    ),
    entry(
        "article:12",
        "Tiêm vắc xin sởi miễn phí cho trẻ từ 1 đến 5 tuổi",
        days_ago=60,
        body="Trạm y tế phường tổ chức tiêm vào cuối tuần.",
    ),
    entry(
        "article:13",
        "Số ca sốt xuất huyết tăng mạnh, phun hóa chất diệt muỗi tại các ổ dịch",
        days_ago=180,
        body="Người dân cần loại bỏ dụng cụ chứa nước đọng.",
    ),
    entry(
        "article:14",
        "Phân luồng giao thông phục vụ thi công ga ngầm C9 Hoàn Kiếm",
        tenant=HOAN_KIEM,
        days_ago=140,
        body="Phương tiện đi qua phố Đinh Tiên Hoàng được hướng dẫn đi đường vòng.",
    ),
    entry(
        "article:15",
        "Bộ phận một cửa phường Cửa Nam tiếp nhận 100% hồ sơ trực tuyến",
        days_ago=35,
        body="Người dân nộp hồ sơ qua Cổng dịch vụ công và nhận kết quả tại nhà.",
    ),
    entry(
        "article:16",
        "Phường Ba Đình đẩy mạnh chuyển đổi số trong giải quyết thủ tục",
        tenant=BA_DINH,
        days_ago=50,
        body="Phường trang bị ki-ốt tra cứu hồ sơ cho người dân.",
    ),
    entry(
        "article:17",
        "Hướng dẫn chuyển đổi sổ hộ khẩu giấy sang dữ liệu dân cư",
        days_ago=20,
        body="Công an phường hướng dẫn người dân cập nhật thông tin cư trú.",
    ),
    entry(
        "article:18",
        "Tuyến metro Nhổn – Cầu Giấy vận hành đoạn trên cao",
        days_ago=150,
        body="Đoạn trên cao dài 8,5 km với 8 nhà ga.",
    ),
    entry(
        "article:19",
        "Điều chỉnh tổ chức giao thông tại nút Kim Liên",
        days_ago=140,
        body="Cấm rẽ trái từ Giải Phóng vào Đào Duy Anh.",
    ),
    entry(
        "article:20",
        "Bệnh viện Bạch Mai tiếp nhận bệnh nhân ngộ độc thực phẩm",
        days_ago=15,
        body="Ngành y tế khuyến cáo bảo đảm an toàn thực phẩm tại bếp ăn tập thể.",
    ),
    entry(
        "article:21",
        "Lịch nghỉ Tết Nguyên đán Bính Ngọ 2026 của học sinh",
        days_ago=80,
        body="Học sinh được nghỉ 9 ngày liên tục.",
    ),
    entry(
        "article:22",
        "Chỉ số cải cách hành chính PAR Index của thành phố tăng 3 bậc",
        days_ago=75,
        body="Thành phố xếp thứ 3 cả nước về chỉ số cải cách hành chính.",
    ),
    entry(
        "article:23",
        "Hồ Tây: cấm xe tải trên đường Thanh Niên giờ cao điểm",
        days_ago=95,
        body="Lệnh cấm áp dụng từ 6 giờ đến 9 giờ và từ 16 giờ đến 19 giờ.",
    ),
    entry(
        "article:24",
        "Cầm đồ trái phép: xử lý nhiều cơ sở kinh doanh",
        days_ago=45,
        body="Công an phường kiểm tra các cơ sở kinh doanh dịch vụ.",
    ),
    entry(
        "article:25",
        "Khởi công cầu Tứ Liên bắc qua sông Hồng",
        days_ago=110,
        body="Cầu dài hơn 5 km, nối phường Hồng Hà với xã Đông Anh.",
    ),
    entry(
        "article:26",
        "Học sinh được miễn học phí năm học 2025-2026",
        days_ago=170,
        body="Chính sách áp dụng với học sinh các trường công lập.",
    ),
    entry(
        "article:27",
        "Phường Cầu Giấy tổ chức đối thoại với thanh niên",
        days_ago=130,
        body="Đoàn viên nêu kiến nghị về sân chơi và việc làm.",
    ),
    entry(
        "article:28",
        "Xã Sóc Sơn phát triển du lịch sinh thái",
        days_ago=210,
        body="Nhiều khu nghỉ dưỡng cuối tuần được đầu tư.",
    ),
    entry(
        "article:29",
        "Phường Long Biên khánh thành trường tiểu học mới",
        days_ago=160,
        body="Trường có 30 phòng học và nhà thể chất.",
    ),
    entry(
        "article:30",
        "Tăng cường phòng chống dịch tay chân miệng trong trường học",
        days_ago=65,
        body="Nhà trường khử khuẩn đồ chơi và lớp học hằng ngày.",
    ),
    entry(
        "article:31",
        "Kiểm tra phòng cháy chữa cháy tại chung cư mini",
        days_ago=55,
        body="Lực lượng chức năng yêu cầu lắp lối thoát nạn thứ hai.",
    ),
    entry(
        "article:32",
        "Đổi giấy phép lái xe qua dịch vụ công trực tuyến",
        days_ago=12,
        body="Người dân nộp ảnh chân dung và giấy khám sức khỏe điện tử.",
    ),
    entry(
        "article:33",
        "Thí điểm thu phí điện tử không dừng tại bãi đỗ xe",
        days_ago=85,
        body="Xe được nhận diện biển số tự động.",
    ),
    entry(
        "article:34",
        "Hội nghị tổng kết công tác dân số năm 2025",
        days_ago=66,
        body="Tỷ số giới tính khi sinh giảm dần.",
    ),
    entry(
        "article:35",
        "Trao quyết định bổ nhiệm Giám đốc Sở Y tế",
        days_ago=44,
        body="Tân giám đốc có nhiều năm công tác trong ngành.",
    ),
    entry(
        "article:36",
        "Phố đi bộ Hồ Gươm mở rộng không gian văn hóa",
        days_ago=22,
        body="Thêm nhiều hoạt động nghệ thuật đường phố cuối tuần.",
    ),
    entry(
        "article:37",
        "Hanoi expands online public services",
        days_ago=6,
        language="en",
        body="The city now offers most administrative procedures online.",
    ),
    entry(
        "article:38",
        "Thành phố xử lý nghiêm vi phạm trật tự đô thị",
        days_ago=48,
        body="Lực lượng chức năng lập biên bản các trường hợp lấn chiếm vỉa hè.",
    ),
    entry(
        "article:39",
        "Ngày hội việc làm cho thanh niên năm 2026",
        days_ago=18,
        body="Hơn 100 doanh nghiệp tham gia tuyển dụng.",
    ),
    entry(
        "article:40",
        "Cấp nước sạch cho các xã ven đô",
        days_ago=33,
        body="Tỷ lệ hộ dân dùng nước sạch đạt 98%.",
    ),
    entry(
        "article:41",
        "Tổng kết năm học và trao thưởng học sinh giỏi",
        days_ago=250,
        body="Nhiều học sinh đạt giải quốc gia.",
    ),
    entry(
        "article:42",
        "Hướng dẫn khai báo tạm trú trực tuyến",
        days_ago=28,
        body="Khai báo qua ứng dụng định danh điện tử.",
    ),
    entry(
        "article:43",
        "Bảo hiểm y tế học sinh năm học mới",
        days_ago=190,
        body="Nhà trường thu bảo hiểm theo quy định.",
    ),
    entry(
        "article:44",
        "Người dân phản ánh thủ tục qua Cổng dịch vụ công",
        days_ago=8,
        body="Theo Nghị định số 42/2022/NĐ-CP, cơ quan phải trả lời phản ánh trong hạn.",
    ),
    entry(
        "article:45",
        "Lát lại vỉa hè phố Đinh Tiên Hoàng",
        tenant=HOAN_KIEM,
        days_ago=300,
        body="Đá lát được thay bằng đá tự nhiên.",
    ),
]

# (query, expected first result). Forms of a number, words with and without
# diacritics, mixed case, phrases, decoys and typos.
CASES: list[tuple[str, str]] = [
    # document numbers in every common form
    ("42/2022/NĐ-CP", "document:1"),
    ("42/2022/ND-CP", "document:1"),
    ("42/2022/nđ-cp", "document:1"),
    ("42 / 2022 / NĐ - CP", "document:1"),
    ("Nghị định số 42/2022/NĐ-CP", "document:1"),
    ("nghị định 42/2022", "document:1"),
    ("nghi dinh 42", "document:1"),
    ("NĐ 42/2022", "document:1"),
    ("nd 42", "document:1"),
    ("nghị định 42 dịch vụ công trực tuyến", "document:1"),
    ("43/2022/NĐ-CP", "document:2"),
    ("42/2021/NĐ-CP", "document:3"),
    ("22/2023/TT-BTTTT", "document:4"),
    ("thông tư 22/2023", "document:4"),
    ("1628/QĐ-UBND", "document:5"),
    ("quyết định 1628", "document:5"),
    ("139/KH-UBND", "document:6"),
    ("kế hoạch 139", "document:6"),
    ("01/2026/NQ-HĐND", "document:7"),
    ("1/2026/nq-hdnd", "document:7"),
    ("nghị quyết 01", "document:7"),  # the newer of 01/2026 and 01/2025
    ("01/2025/NQ-HĐND", "document:16"),
    ("kế hoạch 42", "document:14"),
    ("nghị định 168", "document:12"),
    ("nghi dinh 100/2019", "document:11"),
    # words, with and without diacritics, any case
    ("bảo vệ dữ liệu cá nhân", "document:10"),
    ("bao ve du lieu ca nhan", "document:10"),
    ("an toàn thực phẩm", "document:14"),  # in its title, only in another's body
    ("học phí mầm non", "document:7"),
    ("trừ điểm giấy phép lái xe", "document:12"),
    ("công tác văn thư", "document:9"),
    ("kế hoạch cải cách hành chính 2024", "document:6"),
    ("công báo số 15", "gazette:1"),
    ("phường Hoàn Kiếm", "article:2"),
    ("phuong hoan kiem", "article:2"),
    ("PHƯỜNG HOÀN KIẾM", "article:2"),
    ("tuyển sinh lớp 10", "article:11"),
    ("Tuyen Sinh Lop 10", "article:11"),
    ("tiêm vắc xin sởi", "article:12"),
    ("sốt xuất huyết", "article:13"),
    ("phân luồng giao thông ga ngầm", "article:14"),
    ("Đinh Tiên Hoàng", "article:45"),  # title beats the newer body mention
    ("một cửa phường Cửa Nam", "article:15"),
    ("metro Nhổn Cầu Giấy", "article:18"),
    ("nút Kim Liên", "article:19"),
    ("tết nguyên đán", "article:21"),
    ("chỉ số PAR Index", "article:22"),
    ("KHỞI CÔNG CẦU TỨ LIÊN", "article:25"),
    ("online public services", "article:37"),
    ("ha noi marathon", "article:8"),
    # the same letters, other marks: what was typed wins over what is newer
    ("Hà Nội", "article:7"),
    ("sửa chữa đường", "article:3"),
    ("sữa học đường", "article:4"),
    ("mưa", "article:5"),
    ("mua sắm", "article:6"),
    ("cấm", "article:23"),
    ("chuyển đổi số", "article:16"),
    ("chuyển đổi sổ hộ khẩu", "article:17"),
    # ties go to the fresher copy
    ("lịch tiếp công dân", "article:10"),
    # one-letter typos in longer words
    ("phuong hoan kiwm", "article:2"),
    ("thu tuc hanh chinhh", "document:5"),
]


@pytest.fixture(scope="module")
async def corpus(prepared_backend: SearchBackend) -> SearchBackend:
    await prepared_backend.clear()
    await prepared_backend.index(CORPUS)
    assert await prepared_backend.count() == len(CORPUS)
    return prepared_backend


@pytest.fixture(scope="module")
def prepared_backend(backend_name: str, request: pytest.FixtureRequest) -> SearchBackend:
    """The session's backend, at module scope (the corpus is indexed once per backend)."""
    chosen: SearchBackend = request.getfixturevalue(f"{backend_name}_search")
    return chosen


def test_the_set_is_large_enough() -> None:
    assert len(CORPUS) >= 60
    assert len(CASES) >= 40
    assert len({key for key, _ in CASES}) == len(CASES)


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text for text, _ in CASES])
async def test_first_result(corpus: SearchBackend, text: str, expected: str) -> None:
    results = await corpus.search(SearchQuery(text=text, tenant_ids=SCOPE, page_size=5))
    got = [hit.key for hit in results.hits]
    assert got[:1] == [expected], f"{text!r}: {got}"


async def test_folded_query_finds_both_spellings_in_titles(corpus: SearchBackend) -> None:
    results = await corpus.search(SearchQuery(text="ha noi", tenant_ids=SCOPE, page_size=5))
    # Both titles hold the words; bodies that merely mention Hà Nội come after.
    assert {hit.key for hit in results.hits[:2]} == {"article:7", "article:8"}
    assert results.total >= 4


async def test_a_number_query_lists_the_document_then_what_cites_it(corpus: SearchBackend) -> None:
    results = await corpus.search(SearchQuery(text="42/2022/NĐ-CP", tenant_ids=SCOPE))
    got = [hit.key for hit in results.hits]
    assert got[0] == "document:1"
    assert {"article:1", "article:44"} <= set(got)
    assert "document:2" not in got  # 43/2022 is another decree
