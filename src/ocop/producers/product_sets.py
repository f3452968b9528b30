"""The 26 official OCOP product sets ("bộ sản phẩm"): the ordinal 1–26 is the only official code.

Names, groups ("Sản phẩm") and subgroups ("Nhóm") are the official Vietnamese wording of the criteria decision,
kept as data rather than translated.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ProductSet:
    number: int
    name: str
    group: str
    subgroup: str

    @property
    def label(self) -> str:
        return f"{self.number}. {self.name}"


_FOOD, _DRINK, _HERBAL, _CRAFT, _ORNAMENTAL, _TOURISM = (
    "Thực phẩm",
    "Đồ uống",
    "Dược liệu và sản phẩm từ dược liệu",
    "Thủ công mỹ nghệ",
    "Sinh vật cảnh",
    "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
)

PRODUCT_SETS: tuple[ProductSet, ...] = (
    ProductSet(1, "Rau, củ, quả, hạt tươi", _FOOD, "Thực phẩm tươi sống"),
    ProductSet(2, "Thịt, thủy sản, trứng, sữa tươi", _FOOD, "Thực phẩm tươi sống"),
    ProductSet(3, "Gạo, ngũ cốc, hạt sơ chế khác", _FOOD, "Thực phẩm thô, sơ chế"),
    ProductSet(4, "Mật ong, mật khác và nông sản thực phẩm khác", _FOOD, "Thực phẩm thô, sơ chế"),
    ProductSet(5, "Đồ ăn nhanh", _FOOD, "Thực phẩm chế biến"),
    ProductSet(6, "Chế biến từ gạo, ngũ cốc", _FOOD, "Thực phẩm chế biến"),
    ProductSet(7, "Chế biến từ rau, củ, quả, hạt", _FOOD, "Nông sản chế biến"),
    ProductSet(
        8, "Chế biến từ thịt, thủy sản, trứng, sữa, mật ong và nông sản thực phẩm khác", _FOOD, "Nông sản chế biến"
    ),
    ProductSet(9, "Tương, nước mắm, gia vị dạng lỏng khác", _FOOD, "Gia vị"),
    ProductSet(10, "Gia vị khác (muối, hành, tỏi, tiêu…)", _FOOD, "Gia vị"),
    ProductSet(11, "Chè tươi, chè chế biến", _FOOD, "Chè"),
    ProductSet(12, "Trà từ thực vật khác", _FOOD, "Chè"),
    ProductSet(13, "Cà phê, ca cao", _FOOD, "Cà phê, ca cao"),
    ProductSet(14, "Rượu trắng", _DRINK, "Đồ uống có cồn"),
    ProductSet(15, "Đồ uống có cồn khác", _DRINK, "Đồ uống có cồn"),
    ProductSet(16, "Nước khoáng thiên nhiên, nước uống đóng chai", _DRINK, "Đồ uống không cồn"),
    ProductSet(17, "Đồ uống không cồn khác", _DRINK, "Đồ uống không cồn"),
    ProductSet(
        18,
        "Thực phẩm chức năng, thuốc dược liệu, thuốc cổ truyền",
        _HERBAL,
        "Thực phẩm chức năng, thuốc từ dược liệu, thuốc cổ truyền",
    ),
    ProductSet(19, "Mỹ phẩm có thành phần từ dược liệu", _HERBAL, "Mỹ phẩm"),
    ProductSet(20, "Tinh dầu và dược liệu khác", _HERBAL, "Dược liệu khác"),
    ProductSet(21, "Thủ công mỹ nghệ gia dụng, trang trí", _CRAFT, "Thủ công mỹ nghệ gia dụng, trang trí"),
    ProductSet(22, "Vải, may mặc", _CRAFT, "Vải, may mặc"),
    ProductSet(23, "Hoa", _ORNAMENTAL, "Hoa"),
    ProductSet(24, "Cây cảnh", _ORNAMENTAL, "Cây cảnh"),
    ProductSet(25, "Động vật cảnh", _ORNAMENTAL, "Động vật cảnh"),
    ProductSet(26, "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch", _TOURISM, "Du lịch"),
)

BY_NUMBER = {product_set.number: product_set for product_set in PRODUCT_SETS}
CHOICES = [(product_set.number, product_set.label) for product_set in PRODUCT_SETS]

# Tourism services need no product samples; alcoholic drinks need a production licence.
TOURISM_SETS = frozenset({26})
ALCOHOL_SETS = frozenset({14, 15})
