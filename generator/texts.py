"""Every Vietnamese text the tool reads or writes, but the documents' fixed words (those are in
their Word templates), in one place.

Workbook labels (sheet names, column headers, `Thông tin` labels) are the input contract of
`docs/workbook.md`; messages are the templates of validation problems, of the CLI's output and of
the page's; the results workbook's and `init`'s headers and guide are here too. Imported by the
launcher to say a Ctrl-C in Vietnamese: it imports nothing slow at run time.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # not imported at run time: a Ctrl-C may have cut `decimal`'s import short, and
    # the launcher imports this module to say so (re-importing `decimal` then prints a C warning)
    from decimal import Decimal

# --- Sheets and column headers of the workbook -------------------------------------------

SHEET_INFO = "Thông tin"
SHEET_GROUPS = "Khối"
SHEET_CRITERIA = "Tiêu chí"
SHEET_GRADES = "Xếp loại"
SHEET_REMARKS = "Nhận xét"  # optional: the council's remarks on the units (version 3)
SELF_ASSESSED_SHEET = "Tự đánh giá - {group}"  # optional, a group's self-assessed scores (version 3)
REQUIRED_SHEETS = (SHEET_INFO, SHEET_GROUPS, SHEET_CRITERIA)  # `Xếp loại` is optional: no grades without it

COL_INFO_LABEL = "Mục"
COL_INFO_VALUE = "Nội dung"
COL_GROUP = "Khối"
COL_GROUP_TITLE = "Tiêu đề"
COL_CRITERION = "Tiêu chí"
COL_MAXIMUM = "Điểm tối đa"
COL_OWN_RANKING = "Xếp hạng riêng"
COL_GRADE = "Xếp loại"
COL_THRESHOLD = "Từ (% điểm tối đa)"
COL_POSITION = "TT"
COL_UNIT = "Đơn vị"
COL_TOTAL = "Tổng điểm"
COL_REMARK = "Nhận xét"
COL_TOTALS = (COL_TOTAL, "Tổng điểm đánh giá")  # the second as the notice's own table heads it

# --- `Thông tin` labels -> field names of `model.NoticeInfo` (what each field is: `info.FIELDS`) ---

INFO_LABELS: dict[str, str] = {
    "Cơ quan chủ quản": "parent_body",
    "Cơ quan ban hành": "issuing_body",
    "Số, ký hiệu": "number",
    "Địa danh": "place",
    "Ngày ban hành": "date",
    "Năm đánh giá": "year",
    "Trích yếu": "subject",
    "Căn cứ": "bases",
    "Nội dung": "intro",
    "Tên xếp hạng chung": "overall_title",
    "Khi bằng điểm": "tie_rule",
    "Quyền hạn ký": "authority",
    "Chức vụ người ký": "signer_title",
    "Chức danh khác": "signer_other_title",
    "Người ký": "signer",
    "Nơi nhận": "recipients",
    # version 2 (all optional)
    "Xếp hạng theo": "rank_by",
    "Hiển thị": "display",
    "Số chữ số thập phân": "decimals",
    "Tên cột điểm": "value_heading",
    "Chi tiết đến cấp": "detail_level",
    "Kết quả năm trước": "last_results",
    # a decision, and the headings' wording (all optional but `Điều` in a decision)
    "Loại văn bản": "kind",
    "Đề nghị": "proposal",
    "Điều": "articles",
    "Tiêu đề phần A": "part_a_title",
    "Tiêu đề phần B": "part_b_title",
    # version 3
    "Hình thức": "form",
    "Phiếu kết quả": "result_sheets",
    "Chi tiết tự đánh giá": "self_detail",
    "Bảng tổng hợp": "summary",
}
INFO_FIELD_LABELS = {field: label for label, field in INFO_LABELS.items()}

TIE_KEEP_ORDER = "Giữ thứ tự trong bảng"
TIE_SHARED = "Đồng hạng"
TIE_DENSE = "Xếp hạng liền"
# `Xếp hạng theo` and `Hiển thị`: the words a workbook may give, by the value of `model.RankBy`
# and `model.Display`.
RANK_BY_WORDS = {"points": "Điểm", "ratio": "Tỷ lệ"}
DISPLAY_WORDS = {"points": "Điểm", "percent": "Phần trăm", "index": "Chỉ số", "converted": "Điểm quy đổi"}
FORM_WORDS = {"paper": "Bản giấy", "electronic": "Bản điện tử"}  # `Hình thức`, by `model.Form`'s value
YES_NO = {True: "Có", False: "Không"}  # a yes/no field's words (`Phiếu kết quả`, `Bảng tổng hợp`), by its value


class KindWords(NamedTuple):
    """A kind of document's words (`model.DocumentKind`; the fields it needs: `info.FIELDS`)."""

    word: str  # in `Loại văn bản`
    template: str  # its packaged Word template's name, and the name of a secretariat's own copy
    download: str  # its link on the page


KINDS = {
    "notice": KindWords("Thông báo", "thong-bao.docx", "Thông báo (.docx)"),
    "decision": KindWords("Quyết định", "quyet-dinh.docx", "Quyết định (.docx)"),
}
DECIMALS_MAX = 6
OR = "hoặc"


def either(words: Iterable[str]) -> str:
    """The words a cell may hold, as a message lists them: "'Điểm', 'Tỷ lệ' hoặc 'Chỉ số'"."""
    *first, last = (f"'{w}'" for w in words)
    return f"{', '.join(first)} {OR} {last}" if first else last
DETAIL_LEVELS = (1, 2)

# --- Version 2: criteria in a tree, criteria that do not apply, last year's ranks ---------

COL_CODE = "Mã"
COL_WEIGHT = "Trọng số"
COL_NOT_RANKED = "Không xếp hạng"
MERGED_SEPARATOR = ";"  # between the names of last year's units merged into one (`Tên năm trước`)
# Version 3: `Loại` in `Tiêu chí`, by the value of `model.Extra`.
COL_EXTRA = "Loại"
EXTRA_WORDS = {"bonus": "Điểm thưởng", "penalty": "Điểm trừ"}
COL_PREVIOUS_NAME = "Tên năm trước"
COL_PREVIOUS_RANK = "Xếp hạng năm trước"
# A score sheet's own columns, besides the criteria's (which may not bear these names).
SCORE_SHEET_COLUMNS = (COL_POSITION, COL_UNIT, *COL_TOTALS, COL_NOT_RANKED, COL_PREVIOUS_NAME, COL_PREVIOUS_RANK)
# A score cell saying the criterion does not apply to the unit, and how part B prints it.
NOT_APPLICABLE = "KAD"
NOT_APPLICABLE_WORDS = ("KAD", "Không áp dụng")

# --- Words in the tables' cells ----------------------------------------------------------
# Every fixed word of the documents themselves (headings, column headers, the draft's mark) is in
# their Word templates; these are what a cell says.

CHANGE_UP = "Tăng {places}"
CHANGE_DOWN = "Giảm {places}"
CHANGE_SAME = "Giữ nguyên"
CHANGE_NEW = "Mới"

# --- Validation messages ------------------------------------------------------------------
# One template per problem code (a value of `problems.Code`, which declares the other fields each
# template uses); `{value}` is the cell's content as found, the other fields come from the
# problem's params.

ERROR = "Lỗi"
WARNING = "Cảnh báo"

MESSAGES: dict[str, str] = {
    # the file itself
    "file_unreadable": "không đọc được tệp này như một bảng tính ({reason}). "
    "Hãy mở bằng Excel và lưu lại dưới dạng Excel Workbook (.xlsx).",
    "sheet_missing": "thiếu sheet '{sheet_name}'.",
    "sheet_ambiguous": "có nhiều sheet cùng mang tên '{sheet_name}' (khi bỏ qua chữ hoa, dấu cách và "
    "cách gõ dấu): {names}. Hãy xóa hoặc đổi tên các sheet thừa, chỉ giữ một.",
    "sheet_unreadable": "không đọc được sheet này: {reason}.",
    "header_missing": "không tìm thấy dòng tiêu đề có các cột {columns}.",
    "column_missing": "thiếu cột '{column}'.",
    # Thông tin
    "info_missing": "chưa có dòng của mục này (cột A là tên mục, cột B là nội dung).",
    "info_empty": "chưa có nội dung.",
    "info_unknown": "mục '{value}' không có trong mẫu, đã bỏ qua.",
    "info_repeated": "xuất hiện nhiều lần; chỉ mục Căn cứ và Nơi nhận được lặp lại.",
    "number_padded": "số '{value}' được ghi là '{number}' trong văn bản: theo Nghị định 30/2020/NĐ-CP, số nhỏ "
    "hơn 10 có số 0 ở trước.",
    "electronic_number_blank": "văn bản là '{form}': số '{value}' không được in mà để trống, hệ thống quản lý "
    "văn bản cấp số khi phát hành; văn bản chỉ in ký hiệu '{symbol}'.",
    "electronic_day_blank": "văn bản là '{form}': ngày '{value}' không được in mà để trống, hệ thống quản lý văn "
    "bản ghi ngày khi phát hành; văn bản chỉ in tháng và năm.",
    "date_invalid": "'{value}' không phải là ngày; hãy nhập ngày dạng dd/mm/yyyy, ví dụ 08/01/2015 "
    "(bản dự thảo: để trống, hoặc chỉ tháng và năm, ví dụ 01/2015).",
    "year_invalid": "'{value}' không phải là năm; hãy nhập năm gồm 4 chữ số, ví dụ 2014.",
    "choice_invalid": "'{value}' không hợp lệ; hãy ghi {choices}.",
    "decimals_invalid": "'{value}' không hợp lệ; số chữ số thập phân là một số nguyên từ 0 đến {most}.",
    "last_results_missing": "không tìm thấy tệp kết quả năm trước {path}. Hãy ghi đường dẫn tới tệp "
    "<tên>.ketqua.xlsx mà xephang đã tạo năm trước, tính từ thư mục chứa bảng tính này, hoặc để trống.",
    "last_results_invalid": "tệp {path} không phải tệp kết quả do xephang tạo (<tên>.ketqua.xlsx): {reason}.",
    "last_units_not_found": "{count} đơn vị có trong kết quả năm trước của khối '{group}' không có trong bảng "
    "điểm năm nay: {units}. Đơn vị nào đã đổi tên hoặc sáp nhập thì ghi tên năm trước của nó vào cột "
    f"'{COL_PREVIOUS_NAME}' để có xếp hạng năm trước.",
    "last_results_repeated": "trong tệp kết quả năm trước {path}, sheet '{table}' ghi đơn vị '{unit}' hai lần, "
    "nên không biết thứ hạng năm trước của đơn vị này; hãy dùng tệp kết quả do xephang tạo, không sửa tay.",
    "previous_name_unknown": "'{value}' không có trong kết quả năm trước của khối '{group}'; hãy ghi đúng tên "
    "đơn vị như trong kết quả năm trước, hoặc để trống nếu là đơn vị mới.",
    "merged_without_results": f"'{{value}}' ghi nhiều đơn vị năm trước (hợp nhất), nhưng khối chưa có kết quả năm "
    f"trước để tính lại thứ hạng; hãy ghi mục '{INFO_FIELD_LABELS['last_results']}' của sheet '{SHEET_INFO}' "
    "(tệp <tên>.ketqua.xlsx năm trước).",
    "last_unit_claimed": "đơn vị '{last}' của năm trước cũng được nhận ở {others}: mỗi đơn vị năm trước chỉ "
    f"ứng với một đơn vị năm nay. Hãy sửa cột '{COL_PREVIOUS_NAME}' cho đúng.",
    # Khối, Tiêu chí
    "group_empty_name": "dòng này có tiêu đề nhưng thiếu tên khối.",
    "group_repeated": "khối '{value}' được khai báo nhiều lần.",
    "group_missing_title": "khối '{group}' thiếu tiêu đề.",
    "groups_none": "chưa khai báo khối nào.",
    "group_no_criteria": f"khối '{{group}}' chưa có tiêu chí nào trong sheet '{SHEET_CRITERIA}'.",
    "criterion_group_unknown": f"khối '{{value}}' chưa được khai báo trong sheet '{SHEET_GROUPS}'.",
    "criterion_empty_name": "dòng này thiếu tên tiêu chí.",
    "criterion_repeated": "tiêu chí '{value}' của khối '{group}' được khai báo nhiều lần.",
    "criterion_name_reserved": "tiêu chí '{value}' trùng tên một cột của bảng điểm ({columns}), nên không phân biệt "
                               "được cột của nó; hãy đặt tên khác, ví dụ thêm mã hoặc vài chữ.",
    "maximum_invalid": "điểm tối đa '{value}' phải là một số lớn hơn 0.",
    "code_invalid": "mã '{value}' không hợp lệ; mã gồm các số cách nhau bởi dấu chấm, ví dụ 1, 1.2, 6.1.",
    "code_missing": "tiêu chí này thiếu mã, trong khi các tiêu chí khác của khối '{group}' có mã.",
    "code_repeated": "mã '{value}' của khối '{group}' trùng với mã '{first}' ở ô {first_cell} (hai mã được xếp "
    "như một: 01 là 1).",
    "code_parent_missing": "chỉ số '{value}' thuộc chỉ số '{parent}', nhưng khối '{group}' chưa có tiêu chí mã "
    "'{parent}'.",
    "parent_maximum_mismatch": "điểm tối đa ghi {value} nhưng cộng điểm tối đa các chỉ số thành phần được "
    "{expected} (không tính điểm thưởng, điểm trừ); hãy sửa cho khớp hoặc để trống.",
    "extra_invalid": "'{value}' không hợp lệ; hãy để trống (tiêu chí thường) hoặc ghi {choices}.",
    "extra_parent": "'{value}' là chỉ số chính có chỉ số thành phần; điểm thưởng, điểm trừ chỉ ghi ở tiêu chí "
    "được chấm điểm (không có thành phần).",
    "extra_own_ranking": "tiêu chí '{value}' là điểm thưởng hoặc điểm trừ, không có điểm tối đa để xếp hạng "
    "riêng; hãy xóa ô này.",
    "weight_invalid": "trọng số '{value}' phải là một số lớn hơn 0 (để trống nếu là 1).",
    # Xếp loại
    "grade_empty_name": "dòng này có ngưỡng nhưng thiếu tên xếp loại.",
    "threshold_invalid": "ngưỡng '{value}' phải là một số từ 0 đến 100.",
    "thresholds_not_descending": "ngưỡng {value} phải nhỏ hơn ngưỡng của mức xếp loại phía trên ({previous}).",
    "lowest_threshold_not_zero": "ngưỡng thấp nhất là {value}, phải là 0 để mọi điểm đều có xếp loại.",
    # score sheets
    "units_none": "không có đơn vị nào dưới dòng tiêu đề.",
    "rows_blank": "{rows} trống giữa các đơn vị, đã bỏ qua.",
    "unit_missing": "dòng này có điểm nhưng thiếu tên đơn vị.",
    "unit_row_hidden": "dòng của đơn vị này đang bị ẩn trong Excel; đơn vị vẫn được đưa vào văn bản.",
    "unit_repeated": "đơn vị '{value}' đã có ở ô {first_cell}.",
    "score_missing": "thiếu điểm.",
    "score_not_number": "'{value}' không phải là số.",
    "score_looks_not_applicable": "'{value}' không phải là số; nếu tiêu chí không áp dụng cho đơn vị, hãy ghi đúng "
    f"{NOT_APPLICABLE_WORDS[0]} (hoặc {NOT_APPLICABLE_WORDS[1]}).",
    "score_thousands": "'{value}' không rõ là số nghìn hay số thập phân (dấu chấm ngăn cách hàng nghìn "
    "hay dấu thập phân?); hãy nhập điểm dạng số, dùng dấu phẩy cho phần thập phân.",
    "score_formula_error": "ô có lỗi công thức {value}; hãy sửa công thức hoặc nhập điểm.",
    "score_boolean": "ô chứa giá trị đúng/sai ({value}), không phải điểm.",
    "score_date": "ô chứa ngày {value} (Excel đã hiểu điểm gõ vào là ngày); hãy định dạng ô là số "
    "(Number) rồi nhập lại điểm.",
    "score_not_finite": "ô chứa '{value}', không phải một số hữu hạn.",
    "score_text_number": "'{value}' là chữ, đã hiểu là số {number}.",
    "score_negative": "{value} là số âm.",
    "score_above_maximum": "{value} vượt điểm tối đa {maximum}.",
    "unit_unknown": "khối '{group}' không có đơn vị '{value}' (tên phải đúng như trong sheet điểm của khối).",
    "self_sheet_unknown": "sheet này có tên như sheet điểm tự đánh giá nhưng không ứng với khối nào, nên không "
    "được đọc; tên phải đúng một trong: {groups}.",
    "remark_group_unknown": "không có khối '{value}' trong sheet 'Khối'.",
    "remark_criterion_unknown": "khối '{group}' không có tiêu chí '{value}' (ghi mã hoặc tên tiêu chí như trong "
    "sheet 'Tiêu chí'; để trống nếu nhận xét chung về đơn vị).",
    "total_mismatch": "tổng điểm ghi {value} nhưng cộng các tiêu chí được {expected}.",
    "column_unknown": "cột '{value}' không phải tiêu chí của khối, đã bỏ qua.",
    "column_code_unknown": "cột '{value}' mang mã {code}, nhưng khối chưa có tiêu chí mã {code} trong sheet "
    f"'{SHEET_CRITERIA}'.",
    "display_needs_ratio": f"'{DISPLAY_WORDS['converted']}' là tỷ lệ điểm đạt được trên điểm tối đa áp dụng cho "
    f"đơn vị, nhân với điểm tối đa của khối, nên phải xếp hạng theo tỷ lệ: hãy ghi '{RANK_BY_WORDS['ratio']}' ở "
    f"mục '{INFO_FIELD_LABELS['rank_by']}'.",
    "not_applicable_needs_ratio": "tiêu chí không áp dụng (KAD) làm điểm tối đa của các đơn vị khác nhau, nên "
    f"phải xếp hạng theo tỷ lệ: hãy ghi '{RANK_BY_WORDS['ratio']}' ở mục '{INFO_FIELD_LABELS['rank_by']}' của "
    f"sheet '{SHEET_INFO}'.",
    "unit_nothing_applies": "mọi tiêu chí của đơn vị đều ghi KAD (không áp dụng), không còn gì để đánh giá.",
    "parent_score_mismatch": "điểm ghi {value} nhưng cộng các chỉ số thành phần được {expected}.",
    "previous_rank_invalid": "xếp hạng năm trước '{value}' phải là một số nguyên dương.",
    "cells_merged": "các ô này đang gộp ô (merge) trên cột {columns}, nên chỉ ô đầu có giá trị, các ô còn lại "
    "coi như trống. Mỗi đơn vị, mỗi điểm phải ở một ô riêng: hãy bỏ gộp ô (Merge & Center → Unmerge Cells) "
    "rồi nhập từng ô.",
    "sum_formula_unseen": "công thức của ô tính được {value}, xephang tính được {expected} vì {causes}; văn bản "
    "dùng {expected}. Hãy sửa cho khớp để bảng tính không hiện số khác văn bản.",
    "ranking_empty": "bảng xếp hạng '{title}' của khối '{group}' không có đơn vị nào ({why}); văn bản ghi "
    "'Không có đơn vị nào được xếp hạng.' dưới tiêu đề của bảng.",
}

SEVERITY_WORD = {"error": ERROR, "warning": WARNING}
# Why a formula's sum differs from xephang's, for "sum_formula_unseen".
SUM_CAUSE_TEXT = "ô {cells} có điểm gõ dạng chữ mà công thức bỏ qua (hãy gõ lại thành số)"
SUM_CAUSE_WEIGHT = f"trọng số trong sheet '{SHEET_CRITERIA}' đã đổi sau khi viết công thức"
SUM_CAUSE_NO_WEIGHT = f"công thức không nhân trọng số của sheet '{SHEET_CRITERIA}'"
SUM_CAUSE_KAD = "công thức không tính được với ô {cells} ghi KAD"
# Why a ranking has no unit, for "ranking_empty".
RANKING_OVERALL = "xếp hạng chung"
RANKING_NONE_RANKED = f"mọi đơn vị đều ghi ở cột '{COL_NOT_RANKED}'"
RANKING_NONE_APPLIES = "tiêu chí không áp dụng (KAD) cho mọi đơn vị được xếp hạng"
SHEET_HIDDEN_MARK = " (đang ẩn)"
BLANK_ROW = "dòng {first}"
BLANK_ROWS = "các dòng {first}–{last}"

# --- Command line -------------------------------------------------------------------------

CLI_HELP = "xephang: từ bảng điểm Excel đến Thông báo hoặc Quyết định công bố kết quả đánh giá, xếp hạng."
CLI_GENERATE_HELP = "Tạo văn bản (.docx) từ bảng tính, hoặc từ mọi bảng tính trong thư mục."
CLI_HELP_OPTION = "Hiện hướng dẫn này rồi thoát."
CLI_OUT_HELP = "Thư mục ghi kết quả (mặc định: output/)."
CLI_WRITTEN = "Đã tạo {path}"
CLI_WRITTEN_DRAFT = (
    "Đã tạo {path} — bản DỰ THẢO: chưa có số hoặc ngày ban hành, để trống chỗ ghi. Khi văn thư cấp số, "
    f"hãy ghi vào sheet '{SHEET_INFO}' rồi chạy lại."
)
CLI_VALID_DRAFT = "{source}: chưa có số hoặc ngày ban hành, văn bản sẽ là bản DỰ THẢO."
CLI_PDF_HELP = "Tạo thêm bản PDF (cần LibreOffice)."
CLI_SHEETS_HELP = ("Tạo thêm phiếu kết quả của từng đơn vị (.phieu.zip, và .phieu.docx để in), như khi mục "
                   "'Phiếu kết quả' trong sheet 'Thông tin' là 'Có'.")
CLI_SHEET_TEMPLATE_HELP = ("Mẫu Word (.docx) của phiếu kết quả tổ giúp việc đã sửa. Mặc định: "
                           "templates/phieu-ket-qua.docx trong thư mục đang chạy nếu có, nếu không thì mẫu kèm theo "
                           "chương trình.")
# Without LibreOffice, how to install it: by the system (`os.name`).
SOFFICE_MISSING = {
    "nt": "Chưa cài LibreOffice nên chưa tạo được PDF (tệp .docx vẫn được tạo). Hãy tải LibreOffice cho "
          "Windows tại https://vi.libreoffice.org/ và cài như mọi chương trình, rồi chạy lại.",
    "posix": "Chưa cài LibreOffice nên chưa tạo được PDF (tệp .docx vẫn được tạo). Hãy cài LibreOffice; "
             "trên Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui fonts-liberation2",
}
CLI_PDF_FAILED = "LibreOffice không chuyển được {path} sang PDF: {detail}"
CLI_INVALID = "{source}: có {errors} lỗi, chưa tạo văn bản. Hãy sửa các ô nêu trên rồi chạy lại."
CLI_PATH_MISSING = "Không tìm thấy {path}; hãy kiểm tra lại tên tệp hoặc thư mục."
CLI_NO_WORKBOOKS = "Không tìm thấy bảng tính nào (.xlsx, .xlsm, .xls, .ods) trong {path}."

# Why a file could not be read, for "file_unreadable".
UNREADABLE_ENCRYPTED = "tệp có mật khẩu; hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại"
UNREADABLE_NOT_WORKBOOK = "tệp không phải bảng tính Excel (.xlsx, .xlsm, .xls) hay LibreOffice (.ods)"
UNREADABLE_CORRUPT = "tệp bị hỏng: {detail}"
UNREADABLE_BOMB = (
    "phần '{part}' của tệp khi giải nén lên tới {size} MB (gấp {ratio} lần khi nén), quá lớn cho một "
    "{what}; tệp có thể bị hỏng hoặc không an toàn, chưa đọc"
)
UNREADABLE_BOMB_TOTAL = "tệp khi giải nén lên tới {size} MB, quá lớn cho một {what}; chưa đọc"
UNREADABLE_ENTRIES = "tệp gồm {count} phần nén, quá nhiều cho một {what}; tệp có thể bị hỏng hoặc không an toàn, chưa đọc"
# What an archive is, in the messages above.
ARCHIVE_WORKBOOK = "bảng điểm"
ARCHIVE_TEMPLATE = "mẫu Word"
UNREADABLE_SHEET_TOO_BIG = (
    "sheet '{sheet}' có dữ liệu tới tận ô {cell}, quá lớn cho một bảng điểm; hãy xóa các ô thừa ở cuối sheet"
)
UNREADABLE_MISSING = "không tìm thấy tệp"
UNREADABLE_FOLDER = "đây là thư mục, không phải tệp"
UNREADABLE_NOT_FILE = "đây không phải một tệp thông thường (có thể là thiết bị hoặc đường ống của hệ thống)"
UNREADABLE_TOO_LARGE = "tệp lớn hơn {most} MB, quá lớn cho một bảng điểm"
LAST_RESULTS_BAD_RANK = "có thứ hạng '{value}' không phải số nguyên dương (tệp đã bị sửa tay?)"
LAST_RESULTS_NO_RANKING = "không có sheet xếp hạng nào (dòng đầu 'Khối', dòng thứ hai 'Xếp hạng')"
LAST_RESULTS_NOT_FILE = "đây không phải một tệp (là thư mục hoặc thiết bị của hệ thống)"
LAST_RESULTS_TOO_LARGE = "tệp lớn hơn {most} MB, quá lớn cho một tệp kết quả"


# --- Command line: click's own words, start-up and interrupts -----------------------------

CLI_INTERRUPTED = "Đã dừng theo yêu cầu (Ctrl+C)."
CLI_NO_INPUT_FOLDER = (
    "Không có thư mục input/ trong thư mục hiện tại ({cwd}). Hãy đặt bảng tính vào thư mục input/, "
    "hoặc ghi rõ tên tệp: xephang {command} bang-diem.xlsx"
)
CLI_SAME_OUTPUTS = (
    "{paths}: trùng tên nên kết quả sẽ ghi đè lên nhau ({output}…); chưa xử lý các bảng tính này. "
    "Hãy đổi tên một bảng tính rồi chạy lại."
)
SUMMARY_REFUSED = "Trùng tên"
# Placeholders of the usage line: "xephang generate [TÙY_CHỌN] [ĐƯỜNG_DẪN]..."
METAVAR_OPTIONS = "[TÙY_CHỌN]"
METAVAR_COMMAND = "[LỆNH] [THAM_SỐ]..."
METAVAR_PATHS = "[ĐƯỜNG_DẪN]..."
METAVAR_FOLDER = "THƯ_MỤC"
METAVAR_FILE = "TỆP"

# click's own words (usage line, help headings, usage errors): English -> Vietnamese. Keys are
# exactly as click 8.5 writes them; a string missing here stays in click's English.
CLICK_WORDS = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Tham số",
    "Show this message and exit.": CLI_HELP_OPTION,
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: {command} {option}",
    "Aborted!": CLI_INTERRUPTED,
    "Missing command.": "Thiếu lệnh.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "Did you mean {possibility}?": "Có phải là {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải là một trong: {possibilities}?)",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Got unexpected extra argument ({args})": "Thừa tham số ({args})",
    "Got unexpected extra arguments ({args})": "Thừa tham số ({args})",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn {name!r} cần {nargs} giá trị.",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    # click starts these with its own word for file or folder ("Directory 'x' does not exist."):
    # said here in a sentence of our own, with the path as the user typed it.
    "{name} {filename!r} does not exist.": "không tìm thấy {filename}; hãy kiểm tra lại tên tệp hoặc thư mục.",
    "{name} {filename!r} is a file.": "{filename} là một tệp, cần một thư mục.",
    "{name} {filename!r} is a directory.": "{filename} là một thư mục, cần một tệp.",
    "{name} {filename!r} is not readable.": "không có quyền đọc {filename}.",
    "{name} {filename!r} is not writable.": "không có quyền ghi vào {filename}.",
}


# --- The correction loop: outputs besides the notice, and what changed since the last run ---

ANNOTATED_SUFFIX = ".loi.xlsx"
RESULTS_SUFFIX = ".ketqua.xlsx"
SHEETS_SUFFIX = ".phieu.zip"  # each unit's result sheet (`Phiếu kết quả`), one .docx each
SHEETS_DOCX_SUFFIX = ".phieu.docx"  # all of them in one document, for printing
SHEET_TEMPLATE_NAME = "phieu-ket-qua.docx"  # their Word template, packaged and in `templates/`
SHEET_WORD = "Phiếu kết quả"  # what messages call a result sheet's template
ANNOTATED_SHEET = "Lỗi"
ANNOTATED_HEADER = ("Mức độ", "Sheet", "Ô", "Đơn vị", "Tiêu chí", "Giá trị", "Nội dung")
ANNOTATED_AUTHOR = "xephang"

RESULTS_GROUP = "Khối"
RESULTS_RANKING = "Xếp hạng"
RESULTS_DETAILS = "Chi tiết"
RESULTS_SCORE = "Điểm"
RESULTS_GRADE = "Xếp loại"
RESULTS_RANK = "Xếp hạng"
RESULTS_MAXIMUM = "Điểm tối đa"
RESULTS_PERCENT = "Tỷ lệ (%)"
RESULTS_INDEX = "Chỉ số"
RESULTS_CONVERTED = "Điểm quy đổi"
RESULTS_PREVIOUS = "Xếp hạng năm trước"
RESULTS_CHANGE = "Tăng/giảm"
RESULTS_NOTE = "Ghi chú"
# Before a criterion's name in the results workbook where the name alone would read as one of the
# tables' own columns (a criterion called "Ghi chú").
RESULTS_CRITERION = "Tiêu chí: "

RESULTS_ISSUED_SHEET = "Văn bản"  # the document the results are of: its number, date and state
RESULTS_STATE = "Bản"
VERSION_FAILED = ("Đã tạo văn bản, nhưng không lưu được một bản vào {folder} để giữ các phiên bản ({reason}).")
RESULTS_STATES = {"draft": "Dự thảo", "final": "Chính thức", "electronic": "Điện tử"}
# Version 3's statistics, a sheet of its own before `Văn bản`: each criterion's spread over the units
# it applies to, then the units by grade.
RESULTS_STATISTICS_SHEET = "Thống kê"
RESULTS_SPREADS = "Điểm theo tiêu chí (các đơn vị được áp dụng, kể cả đơn vị không xếp hạng)"
RESULTS_SPREAD_HEADER = (RESULTS_GROUP, COL_CRITERION, RESULTS_MAXIMUM, "Số đơn vị áp dụng", "Điểm trung bình",
                         "Điểm cao nhất", "Điểm thấp nhất")
RESULTS_GRADE_COUNTS = "Số đơn vị theo xếp loại (các đơn vị được xếp hạng)"
RESULTS_UNITS = "Số đơn vị"

CHANGES_TITLE = "Thay đổi so với lần chạy trước ({path}):"
CHANGES_NONE = "Không có thay đổi so với lần chạy trước."
CHANGES_LAST_RUN_UNREADABLE = (
    "Không đọc được kết quả lần chạy trước ({path}): tệp đã bị sửa hoặc bị hỏng, nên lần này không so sánh "
    "được; tệp đã được ghi lại từ kết quả lần này."
)
CHANGES_GROUP = "Khối {group}:"
CHANGES_ISSUED = "Văn bản:"
CHANGE_ISSUED = "{label}: {old} → {new}"
CHANGE_LINE = "{unit} — {parts}"
CHANGE_SCORE = "{criterion}: {old} → {new}"
CHANGE_TOTAL = "Tổng: {old} → {new}"
CHANGE_GRADE = "Xếp loại {title}: {old} → {new}"
CHANGE_POSITION = "Xếp hạng {title}: {old} → {new}"
CHANGE_UNIT_ADDED = "đơn vị mới"
CHANGE_UNIT_REMOVED = "không còn trong bảng tính"
CHANGE_NOT_RANKED = "không xếp hạng"  # a unit's place in a ranking it has entered or left

CLI_VALIDATE_HELP = "Kiểm tra bảng tính, chỉ báo lỗi, không tạo tệp nào."
CLI_WATCH_HELP = "Theo dõi thư mục: mỗi lần một bảng tính được lưu, tạo lại văn bản của nó."
CLI_VALID = "{source}: hợp lệ."
CLI_VALID_WARNED = "{source}: hợp lệ, {warnings} cảnh báo."
CLI_COUNTED = "{source}: {errors} lỗi, {warnings} cảnh báo."
CLI_MORE_PROBLEMS = "{source}: … và {count} vấn đề khác, xem đủ trong {path}"
CLI_ANNOTATED = "Đã đánh dấu các ô lỗi trong {path}"
CLI_LOCKED = "Không ghi được {path}: tệp đang mở trong Word, Excel hoặc chương trình khác. Hãy đóng tệp rồi chạy lại."
CLI_UNEXPECTED = "{source}: gặp lỗi không mong muốn ({kind}). Chi tiết đã ghi vào {log}; hãy gửi tệp này cho bộ phận kỹ thuật."
CLI_TEMPLATE_BROKEN = (
    "Mẫu Word {path} bị hỏng nên chưa tạo được văn bản ({detail}). Các dòng {{{{ … }}}} và "
    "{{%p … %}} phải giữ nguyên, mỗi dòng một đoạn; hãy sửa lại hoặc lấy lại mẫu từ bản gốc."
)
ANNOTATED_FAILED = (
    "Chưa tạo được bản đánh dấu lỗi ({kind}); danh sách lỗi ở trên là đầy đủ, hãy sửa theo danh sách này."
)
WRITE_FAILED = "Không ghi được {path}: {reason}."
# Why a file could not be written, by the error's errno name.
WRITE_FAILURES = {
    "EACCES": "Không ghi được {path}: không có quyền ghi vào thư mục {folder}. Hãy chọn thư mục khác (-o).",
    "EPERM": "Không ghi được {path}: không có quyền ghi vào thư mục {folder}. Hãy chọn thư mục khác (-o).",
    "EROFS": "Không ghi được {path}: thư mục {folder} chỉ cho đọc. Hãy chọn thư mục khác (-o).",
    "ENOSPC": "Không ghi được {path}: ổ đĩa chứa {folder} đã đầy. Hãy giải phóng dung lượng rồi chạy lại.",
    "EDQUOT": "Không ghi được {path}: đã hết hạn mức dung lượng ở {folder}.",
    "ENOENT": "Không ghi được {path}: không tạo được thư mục {folder}.",
    "ENOTDIR": "Không ghi được {path}: {folder} không phải là thư mục.",
}
CLI_WATCHING = "Đang theo dõi {path} (Ctrl+C để dừng)…"
SUMMARY_TITLE = "Tổng hợp"
SUMMARY_COLUMNS = ("Bảng tính", "Kết quả", "Lỗi", "Cảnh báo", "Tệp tạo ra")
SUMMARY_OK = "Đã tạo"
SUMMARY_VALID = "Hợp lệ"
SUMMARY_FAILED = "Có lỗi"

# --- `xephang init`: a new workbook ------------------------------------------------------

GUIDE_SHEET = "Hướng dẫn"
_LABEL = INFO_FIELD_LABELS  # the guide names `Thông tin`'s labels by their fields
GUIDE_LINES = (
    "HƯỚNG DẪN ĐIỀN BẢNG TÍNH ĐÁNH GIÁ, XẾP HẠNG",
    "",
    "Bảng tính này là toàn bộ dữ liệu của một Thông báo. Điền lần lượt các sheet sau, rồi chạy "
    "'xephang generate' để tạo Thông báo (.docx).",
    "",
    f"1. Sheet '{SHEET_INFO}': cột A là tên mục (giữ nguyên), cột B là nội dung. Số, ký hiệu và ngày ban hành "
    "ghi khi văn thư cấp số; trước đó để trống (hoặc chỉ ghi ký hiệu '/TB-HĐTĐ', chỉ ghi tháng và năm "
    f"'01/2015') thì Thông báo là bản DỰ THẢO. Văn bản phát hành trên hệ thống quản lý văn bản để ký số: ghi "
    f"'{_LABEL['form']}' là '{FORM_WORDS['electronic']}', để trống số và ngày (hệ thống cấp khi phát hành), "
    f"văn bản không ghi DỰ THẢO. Ngày ghi dạng dd/mm/yyyy. Mục '{_LABEL['bases']}' và "
    f"'{_LABEL['recipients']}' được lặp lại: mỗi "
    "đoạn căn cứ, mỗi nơi nhận một dòng. Hãy đọc lại các căn cứ: văn bản, ngày họp thay đổi theo từng năm.",
    f"2. Sheet '{SHEET_GROUPS}': mỗi khối đơn vị một dòng, theo thứ tự trong Thông báo. Tên khối cũng là tên sheet "
    "bảng điểm của khối đó.",
    f"3. Sheet '{SHEET_CRITERIA}': tiêu chí của từng khối theo thứ tự cột, với điểm tối đa. Tiêu chí nào được "
    f"xếp hạng riêng ở phần A thì ghi tên bảng xếp hạng vào cột '{COL_OWN_RANKING}'.",
    f"4. Sheet '{SHEET_GRADES}': các mức xếp loại từ cao xuống thấp; '{COL_THRESHOLD}' là ngưỡng tính theo "
    "phần trăm điểm tối đa; mức thấp nhất phải có ngưỡng 0. Không xếp loại thì xóa các mức, chỉ giữ dòng "
    f"tiêu đề: các bảng sẽ không có cột '{COL_GRADE}'.",
    "5. Mỗi khối một sheet bảng điểm: mỗi đơn vị một dòng, từ dòng dưới tiêu đề; dòng trống giữa các "
    "đơn vị được bỏ qua (có cảnh báo), dòng có điểm mà thiếu tên đơn vị là lỗi. Điểm là số, được có phần thập phân (92,5). Excel sẽ báo nếu điểm nằm ngoài khoảng "
    f"từ 0 đến điểm tối đa. Cột '{COL_TOTAL}' tự cộng, không cần nhập.",
    "",
    f"{_LABEL['tie_rule']}: '{TIE_KEEP_ORDER}' thì các đơn vị bằng điểm giữ thứ tự các dòng trong bảng điểm; "
    f"'{TIE_SHARED}' thì thêm cột '{RESULTS_RANK}' (ví dụ 1, 1, 3); '{TIE_DENSE}' cũng vậy nhưng hạng sau "
    "liền ngay hạng trước (ví dụ 1, 1, 2).",
    f"Khi thêm hoặc đổi tiêu chí, khối: sửa các sheet '{SHEET_GROUPS}', '{SHEET_CRITERIA}' và tiêu đề cột của sheet bảng điểm "
    f"cho khớp nhau (tên tiêu chí trong tiêu đề cột phải giống tên trong sheet '{SHEET_CRITERIA}').",
    "",
    "CHỈ SỐ CHÍNH, CHỈ SỐ THÀNH PHẦN VÀ CÁC MỤC KHÔNG BẮT BUỘC (bảng tính không dùng thì bỏ qua phần này)",
    f"Mã và trọng số: trong sheet '{SHEET_CRITERIA}', cột '{COL_CODE}' xếp các tiêu chí thành cây: mã '1' là chỉ số chính, "
    "'1.1', '1.2' là các chỉ số thành phần của nó. Chỉ chấm điểm chỉ số thành phần, mỗi chỉ số một cột của "
    "sheet bảng điểm, tiêu đề cột là mã và tên ('1.1 Lãnh đạo quan tâm, chỉ đạo chuyển đổi số'); điểm của "
    f"chỉ số chính là tổng điểm các chỉ số thành phần, nên '{COL_MAXIMUM}' của nó để trống. '{COL_WEIGHT}' (để "
    "trống là 1) là số lần điểm của tiêu chí được tính vào chỉ số chính và vào tổng điểm, ví dụ 0,4; cột "
    f"'{COL_TOTAL}' của sheet bảng điểm đã nhân trọng số.",
    f"Điểm thưởng, điểm trừ: thêm cột '{COL_EXTRA}' vào sheet '{SHEET_CRITERIA}' và ghi '{EXTRA_WORDS['bonus']}' "
    f"hoặc '{EXTRA_WORDS['penalty']}' ở dòng của tiêu chí đó (tiêu chí được chấm điểm, không có thành phần). "
    "Điểm của nó (từ 0 đến điểm tối đa, điểm trừ cũng gõ số dương) được cộng vào, hoặc trừ khỏi, điểm chỉ số "
    "chính và tổng điểm, nhưng điểm tối đa của nó không cộng vào điểm tối đa nào: đơn vị có thể vượt 100 %.",
    f"{NOT_APPLICABLE}: tiêu chí không áp dụng cho một đơn vị thì ghi {NOT_APPLICABLE} (hoặc '{NOT_APPLICABLE_WORDS[1]}') "
    "vào ô điểm. Điểm tối đa "
    "của đơn vị đó không tính tiêu chí này, và đơn vị không có trong bảng xếp hạng riêng của tiêu chí. Khi "
    f"có ô {NOT_APPLICABLE}, mục '{_LABEL['rank_by']}' phải là '{RANK_BY_WORDS['ratio']}'.",
    f"Các cột sau '{COL_TOTAL}' của sheet bảng điểm, để trống nếu không cần: '{COL_NOT_RANKED}': lý do đơn vị "
    f"được đánh giá nhưng không xếp hạng (đơn vị vẫn có ở phần B, lý do ở cột '{RESULTS_NOTE}'). "
    f"'{COL_PREVIOUS_NAME}': "
    f"tên của đơn vị trong kết quả năm trước, nếu năm nay đơn vị đổi tên hoặc sáp nhập. '{COL_PREVIOUS_RANK}': "
    "thứ hạng chung năm trước, chỉ gõ khi không có tệp kết quả năm trước.",
    f"Các mục sau trong sheet '{SHEET_INFO}' để trống là theo mặc định. '{_LABEL['rank_by']}': "
    f"'{RANK_BY_WORDS['points']}' (mặc định) hoặc "
    f"'{RANK_BY_WORDS['ratio']}' (điểm đạt chia cho điểm tối đa của đơn vị). '{_LABEL['display']}': phần A ghi "
    f"'{DISPLAY_WORDS['points']}' (mặc định), '{DISPLAY_WORDS['percent']}', '{DISPLAY_WORDS['index']}' hoặc "
    f"'{DISPLAY_WORDS['converted']}' (tỷ lệ nhân với điểm tối đa của khối: 42,63 trên 48 điểm áp dụng, khối 50 "
    f"điểm, ghi 44,41; cần '{_LABEL['rank_by']}' là '{RANK_BY_WORDS['ratio']}'). "
    f"'{_LABEL['decimals']}': từ 0 đến {DECIMALS_MAX}. '{_LABEL['value_heading']}': tiêu đề cột điểm ở phần A. "
    f"'{_LABEL['detail_level']}': 1 (phần B có các chỉ số chính, mặc định) hoặc 2 (có cả chỉ số thành phần).",
    f"'{_LABEL['last_results']}': tệp <tên>.ketqua.xlsx mà 'xephang generate' đã tạo từ bảng tính năm trước (trong "
    "thư mục output/), ghi đường dẫn tính từ thư mục chứa bảng tính này, ví dụ '../output/2024.ketqua.xlsx'. "
    f"Khi có, phần A thêm cột '{RESULTS_PREVIOUS}' và '{RESULTS_CHANGE}'. Lệnh 'xephang init --from' tự ghi mục này "
    "nếu đã có tệp đó.",
)
INFO_HEADER = (COL_INFO_LABEL, COL_INFO_VALUE)
INFO_CHOICE_ERROR_TITLE = "Giá trị không hợp lệ"
INFO_CHOICE_ERROR = "Mục '{label}' chỉ nhận một trong các giá trị: {choices}; để trống là theo mặc định."
SCORE_ERROR_TITLE = "Điểm không hợp lệ"
SCORE_ERROR = "Điểm '{criterion}' phải là số từ 0 đến {maximum}."
SCORE_PROMPT = "Từ 0 đến {maximum}"
# Where a criterion may not apply to a unit (version 2).
SCORE_ERROR_KAD = "Điểm '{criterion}' phải là số từ 0 đến {maximum}, hoặc KAD nếu tiêu chí không áp dụng cho đơn vị."
SCORE_PROMPT_KAD = "Từ 0 đến {maximum}, hoặc KAD (không áp dụng)"
SCORES_TITLE = "BẢNG ĐIỂM KHỐI {group} NĂM {year}"
# `xephang init --dti`: a digital-transformation index (DTI). Each group's name, heading and main
# indices, each as (code, name, own ranking title or "", its components as (code, name, maximum)).
# Names and maxima are placeholders, in the spirit of the Ministry's DTI framework: the
# secretariat replaces them with its province's indicators.
DTI_OVERALL_TITLE = "Chỉ số chuyển đổi số"
DTI_OWN_RANKING = "Chỉ số Hoạt động chính quyền số"
DTI_GROUPS = (
    ("Sở, ban, ngành", "CÁC SỞ, BAN, NGÀNH", (
        ("1", "Nhận thức số", "", (
            ("1.1", "Lãnh đạo quan tâm, chỉ đạo chuyển đổi số", 40),
            ("1.2", "Tuyên truyền, phổ biến về chuyển đổi số", 40))),
        ("2", "Thể chế số", "", (
            ("2.1", "Kế hoạch chuyển đổi số hằng năm", 60),
            ("2.2", "Quy chế, chính sách thúc đẩy chuyển đổi số", 60))),
        ("3", "Hạ tầng số", "", (
            ("3.1", "Hạ tầng kỹ thuật: máy tính, mạng, kết nối", 80),
            ("3.2", "Sử dụng các nền tảng số dùng chung", 80))),
        ("4", "Nhân lực số", "", (
            ("4.1", "Cán bộ phụ trách chuyển đổi số", 60),
            ("4.2", "Đào tạo, bồi dưỡng kỹ năng số", 60))),
        ("5", "An toàn thông tin mạng", "", (
            ("5.1", "Phê duyệt cấp độ an toàn hệ thống thông tin", 60),
            ("5.2", "Giám sát, ứng cứu sự cố an toàn thông tin", 60))),
        ("6", "Hoạt động chính quyền số", DTI_OWN_RANKING, (
            ("6.1", "Dịch vụ công trực tuyến", 200),
            ("6.2", "Điều hành, xử lý văn bản trên môi trường số", 100),
            ("6.3", "Chia sẻ, khai thác dữ liệu số", 100))),
    )),
    ("UBND xã, phường", "ỦY BAN NHÂN DÂN CÁC XÃ, PHƯỜNG", (
        ("1", "Nhận thức số", "", (
            ("1.1", "Lãnh đạo quan tâm, chỉ đạo chuyển đổi số", 40),
            ("1.2", "Tuyên truyền, phổ biến về chuyển đổi số", 40))),
        ("2", "Thể chế số", "", (
            ("2.1", "Kế hoạch chuyển đổi số hằng năm", 50),
            ("2.2", "Quy chế, chính sách thúc đẩy chuyển đổi số", 50))),
        ("3", "Hạ tầng số", "", (
            ("3.1", "Hạ tầng kỹ thuật: máy tính, mạng, kết nối", 60),
            ("3.2", "Sử dụng các nền tảng số dùng chung", 60))),
        ("4", "Nhân lực số", "", (
            ("4.1", "Cán bộ phụ trách chuyển đổi số", 50),
            ("4.2", "Tổ công nghệ số cộng đồng", 50))),
        ("5", "An toàn thông tin mạng", "", (
            ("5.1", "Bảo đảm an toàn hệ thống thông tin", 50),
            ("5.2", "Giám sát, ứng cứu sự cố an toàn thông tin", 50))),
        ("6", "Hoạt động chính quyền số", DTI_OWN_RANKING, (
            ("6.1", "Dịch vụ công trực tuyến", 150),
            ("6.2", "Điều hành, xử lý văn bản trên môi trường số", 100))),
        ("7", "Kinh tế số", "", (
            ("7.1", "Hộ kinh doanh, doanh nghiệp bán hàng trên sàn thương mại điện tử", 60),
            ("7.2", "Thanh toán không dùng tiền mặt", 60))),
        ("8", "Xã hội số", "", (
            ("8.1", "Người dân có tài khoản định danh điện tử", 65),
            ("8.2", "Người dân sử dụng dịch vụ công trực tuyến", 65))),
    )),
)
CLI_INIT_HELP = (
    "Tạo bảng tính mới theo mẫu; với --dti, theo mẫu Chỉ số chuyển đổi số; với --from, từ bảng tính năm "
    "trước (giữ khối, tiêu chí, trọng số, thiết lập, đơn vị; xóa điểm)."
)
CLI_INIT_FROM_HELP = "Bảng tính năm trước."
CLI_INIT_DTI_HELP = (
    "Mẫu Chỉ số chuyển đổi số (DTI): khối sở, ban, ngành và khối UBND xã, phường, mỗi chỉ số chính có các "
    "chỉ số thành phần để sửa cho đúng bộ chỉ số của tỉnh."
)
CLI_INIT_DTI_AND_FROM = "chỉ dùng một trong hai tùy chọn --dti và --from."
CLI_INIT_EXISTS = "Đã có tệp {path}; hãy chọn tên khác để không ghi đè."
CLI_INIT_BASES_CARRIED = (
    f"Các mục '{INFO_FIELD_LABELS['bases']}' được chép từ bảng tính năm trước: hãy đọc lại và sửa cho năm nay."
)
CLI_INIT_WRITTEN = "Đã tạo bảng tính {path}"
CLI_INIT_FROM_INVALID = "{source}: bảng tính năm trước có lỗi, hãy sửa trước khi dùng làm mẫu."


# --- Results workbook, annotated copy and `init` workbook ---------------------------------

ANNOTATED_COMMENTS_LIMITED = (
    "Chỉ {limit} ô lỗi đầu tiên có ghi chú (comment); mọi ô lỗi đều được tô màu và đều được liệt kê "
    "trong sheet này."
)


# --- The notice: drafts, line breaks, wide part B ------------------------------------------

# A draft's room for what the văn thư writes by hand: the number, the day, the month. Non-breaking
# spaces: Word and LibreOffice keep each one as typed and never break the line inside them.
DRAFT_BLANK = "\u00a0" * 5


# Why the system refused a file or a port, by the error's errno name: never the system's own
# English ("Is a directory").
OS_REASONS = {
    "ENOENT": "không tìm thấy tệp hoặc thư mục",
    "EACCES": "không có quyền",
    "EPERM": "không có quyền",
    "EISDIR": "đây là một thư mục",
    "ENOTDIR": "một phần của đường dẫn không phải thư mục",
    "EROFS": "ổ đĩa chỉ cho đọc",
    "ENOSPC": "ổ đĩa đã đầy",
    "EDQUOT": "đã hết hạn mức dung lượng",
    "ENAMETOOLONG": "tên hoặc đường dẫn quá dài",
    "EBUSY": "tệp đang được chương trình khác dùng",
    "ETXTBSY": "tệp đang được chương trình khác dùng",
    "EEXIST": "đã có tệp hoặc thư mục cùng tên",
    "EINVAL": "tên tệp không hợp lệ",
    "EMFILE": "đang mở quá nhiều tệp cùng lúc",
    "ENFILE": "đang mở quá nhiều tệp cùng lúc",
    "EIO": "lỗi đọc ghi của ổ đĩa",
    "ELOOP": "đường dẫn có liên kết vòng",
    "EXDEV": "không chuyển được tệp sang ổ đĩa khác",
    "EADDRINUSE": "cổng đang được chương trình khác dùng",
    "EADDRNOTAVAIL": "địa chỉ không dùng được trên máy này",
}
OS_REASON_OTHER = "lỗi hệ thống {name}"


# --- Word templates: why one cannot be read or is refused, and what its fields print ------

CLI_TEMPLATE_HELP = (
    "Mẫu Word (.docx) tổ giúp việc đã sửa. Mặc định: templates/thong-bao.docx trong thư mục đang chạy "
    "nếu có, nếu không thì mẫu kèm theo chương trình."
)
TEMPLATE_UNREADABLE = "Không đọc được mẫu Word {path}: {reason}."
TEMPLATE_MISSING = "không tìm thấy tệp"
TEMPLATE_IS_FOLDER = "đây là thư mục, không phải tệp"
TEMPLATE_NOT_READABLE = "không có quyền đọc tệp"
TEMPLATE_NOT_FILE = UNREADABLE_NOT_FILE
TEMPLATE_TOO_LARGE = "tệp lớn hơn {most} MB, quá lớn cho một mẫu Word"
TEMPLATE_OF_KIND = "của {kind}"  # a template given as bytes, named by its kind: "Mẫu Word của Quyết định"
TEMPLATE_NOT_DOCX = "tệp không phải văn bản Word (.docx)"
CLI_TEMPLATE_REFUSED = (
    "Mẫu Word {path} chưa dùng được nên chưa tạo văn bản: {detail}. Hãy sửa cho đúng tên trường, hoặc "
    "lấy lại mẫu từ bản gốc."
)
# A template may use only what its document provides (`fill.check`); what it used otherwise.
TEMPLATE_UNKNOWN = (
    "mẫu dùng {used}, mà văn bản không có. Mẫu chỉ được dùng các trường của văn bản (và các bộ lọc chữ như "
    "|upper); các trường dùng được: {fields} (xem templates/README.md)"
)
TEMPLATE_NAME = "'{name}'"
TEMPLATE_NO_EMPTY_RANKING = (
    "bảng xếp hạng '{title}' không có đơn vị nào, mà mẫu không có câu để ghi điều đó; hãy lấy lại mẫu gốc, "
    "có đoạn {{%p if r.units %}} … {{%p else %}} Không có đơn vị nào được xếp hạng. {{%p endif %}}"
)
TEMPLATE_TAG = "thẻ '{tag}'"
TEMPLATE_FILTER = "bộ lọc '{name}'"
TEMPLATE_TEST = "phép thử '{name}'"
# What each field of the templates prints, by its dotted name (templates/README.md lists them).
TEMPLATE_SHEET_FIELDS = ("Mẫu phiếu kết quả của từng đơn vị (`phieu-ket-qua.docx`) dùng các trường của mục "
                         "`Thông tin` như trên (không có các bảng của văn bản), và thêm:")
TEMPLATE_FIELDS = {
    "draft": "đúng khi văn bản là bản giấy DỰ THẢO (chưa có số hoặc ngày ban hành); bản điện tử không bao giờ "
    "là dự thảo: {%p if draft %}",
    "parent_body": "Cơ quan chủ quản",
    "issuing_body": "Cơ quan ban hành",
    "number": "Số, ký hiệu; bản dự thảo và bản điện tử: để trống chỗ ghi số",
    "place": "Địa danh",
    "date": "Ngày ban hành, gồm:",
    "date.day": "ngày, hai chữ số (08); bản dự thảo và bản điện tử: để trống",
    "date.month": "tháng (01, 02, 3…12); bản dự thảo chưa có tháng: để trống",
    "date.year": "năm",
    "date.numeric": "ngày ban hành bằng số, dd/mm/yyyy (20/02/2026)",
    "year": "Năm đánh giá",
    "subject": "Trích yếu",
    "bases": "Căn cứ: danh sách, mỗi mục một đoạn ({%p for basis in bases %})",
    "intro": "Nội dung: câu dẫn của Thông báo",
    "proposal": "Đề nghị: dòng cuối phần căn cứ của Quyết định",
    "articles": "Điều: danh sách, mỗi điều một đoạn",
    "part_a_title": "Tiêu đề phần A; để trống thì mẫu ghi câu của mình",
    "part_b_title": "Tiêu đề phần B; để trống thì mẫu ghi câu của mình",
    "overall_title": "Tên xếp hạng chung",
    "authority": "Quyền hạn ký (TM., KT.)",
    "signer_title": "Chức vụ người ký",
    "signer_other_title": "Chức danh khác",
    "signer": "Người ký",
    "recipients": "Nơi nhận: danh sách, mỗi nơi một dòng",
    "archived": "đúng khi Nơi nhận đã có dòng 'Lưu…': mẫu không thêm dòng '- Lưu: VT.'",
    "groups": "các khối theo thứ tự của sheet 'Khối' ({%p for g in groups %}), mỗi khối gồm:",
    "groups.number": "số La Mã của khối: I, II…",
    "groups.title": "Tiêu đề của khối",
    "groups.rankings": "các bảng xếp hạng của khối: xếp hạng chung trước, rồi các xếp hạng riêng; mỗi bảng gồm:",
    "groups.rankings.title": "tên bảng xếp hạng, sau chữ 'Xếp hạng'",
    "groups.rankings.units": "số đơn vị được xếp hạng trong bảng; 0 khi không có đơn vị nào",
    "groups.rankings.rebased": "đúng khi Xếp hạng năm trước của bảng được tính lại trên các đơn vị năm nay (có đơn "
    "vị hợp nhất)",
    "groups.rankings.unranked_last_year": "số đơn vị để trống cột Xếp hạng năm trước: có trong kết quả năm trước "
    "nhưng năm trước không được xếp hạng ở bảng này",
    "groups.rankings.table": "bảng xếp hạng: đoạn {{ r.table(cot) }}, với các chữ ở tiêu đề cột (cot)",
    "groups.details": "bảng kết quả chi tiết của khối: đoạn {{ g.details(cot) }}",
    "groups.self_assessed": "đúng khi bảng chi tiết in điểm tự đánh giá trong ngoặc (mục Chi tiết tự đánh giá là "
    "Có, và khối có điểm tự đánh giá)",
    "groups.summary": "bảng tổng hợp số đơn vị theo xếp loại của khối (mục Bảng tổng hợp là Có, có thang xếp "
    "loại, có đơn vị được xếp hạng), cuối phần A của khối: {%p if g.summary %} … đoạn {{ g.summary(cot) }} … "
    "{%p endif %}; cot có thêm so_don_vi và tong_cong (dòng tổng)",
    "part_b_begins": "chỗ phần B bắt đầu: ngắt phần (section) khi phần B rộng phải xoay ngang, hoặc khi phần cuối đánh số trang lại từ 1 (Phụ lục II của Quyết định)",
    "part_b_ends": "không in gì (giữ cho mẫu cũ): phần B xoay ngang kéo dài đến hết văn bản, khối Nơi nhận và chữ ký theo sau bảng cuối",
    # a unit's result sheet (phieu-ket-qua.docx): the fields above but the tables, and these
    "decision": "đúng khi văn bản kèm theo là Quyết định (sai: Thông báo)",
    "display": "cách văn bản in giá trị xếp hạng: points, percent, index hoặc converted (mục Hiển thị)",
    "value_heading": "Tên cột điểm, nếu bảng tính ghi",
    "u": "đơn vị của phiếu",
    "u.unit": "tên đơn vị",
    "u.group": "khối của đơn vị (tên ngắn, như sheet 'Khối')",
    "u.group_title": "tiêu đề của khối",
    "u.total": "tổng điểm của đơn vị",
    "u.maximum": "điểm tối đa áp dụng cho đơn vị",
    "u.value": "giá trị xếp hạng như văn bản in (tỷ lệ, chỉ số, điểm quy đổi); trống khi xếp theo điểm",
    "u.grade": "xếp loại (trống nếu không có thang hoặc đơn vị không xếp hạng)",
    "u.not_ranked": "lý do không xếp hạng, nếu có",
    "u.self_assessed": "đúng khi đơn vị có điểm tự đánh giá: bảng có cột Tự đánh giá và Chênh lệch",
    "u.rankings": "các bảng xếp hạng có đơn vị: {%p for r in u.rankings %}",
    "u.rankings.title": "tên bảng xếp hạng",
    "u.rankings.rank": "thứ hạng trên số đơn vị của bảng, như 3/16",
    "u.rankings.previous": "xếp hạng năm trước, nếu biết",
    "u.rankings.change": "Tăng N, Giảm N, Giữ nguyên hoặc Mới, nếu biết",
    "u.remarks": "nhận xét của Hội đồng: chung trước, rồi theo tiêu chí: {%p for n in u.remarks %}",
    "u.remarks.criterion": "tiêu chí của nhận xét (mã và tên); trống với nhận xét chung",
    "u.remarks.text": "nội dung nhận xét",
    "u.table": "bảng điểm theo tiêu chí, một đoạn riêng: {{ u.table(cot) }}",
    "u.chart": "biểu đồ so với trung bình khối (biểu đồ Word, sửa được trong Word), một đoạn riêng: {{ u.chart(cot) }}",
}


# --- The page (`xephang serve`) ------------------------------------------------------------
# Every word of the page is here; its Jinja templates (generator/web/templates) hold only its
# structure and read these as `t.<NAME>`.

CLI_SERVE_HELP = (
    "Mở trang web trên máy này (chỉ 127.0.0.1, không cần Internet): kéo thả bảng tính để kiểm tra, xem "
    "trước các bảng và biểu đồ, tải văn bản; tạo bảng tính mới."
)
CLI_PORT_HELP = "Cổng của trang (mặc định: 8000)."
CLI_PORT_INVALID = "'{value}' không phải số cổng; cổng là một số từ 0 đến 65535"
METAVAR_PORT = "CỔNG"
CLI_NO_BROWSER_HELP = "Không tự mở trình duyệt."
CLI_SERVING = "Trang xephang đang chạy tại {url} (Ctrl+C để dừng); kết quả ghi vào {out}."
CLI_PORT_BUSY = (
    "Không mở được cổng {port} ({detail}); có thể một chương trình khác đang dùng cổng này. "
    "Hãy chọn cổng khác, ví dụ: xephang serve --port 8001"
)
CLI_STOPPED = "Đã dừng trang xephang."

WEB_LANG = "vi"
WEB_TITLE = "xephang — kiểm tra bảng điểm, tạo văn bản"
WEB_HEADING = "Kiểm tra bảng điểm và tạo văn bản"
WEB_OUT_FOLDER = "Kết quả ghi vào thư mục"
WEB_OUT_FOLDER_NOTE = "(dùng chung với lệnh xephang generate: cùng lịch sử thay đổi)"
WEB_UPLOAD_TITLE = "Kiểm tra bảng tính và tạo văn bản"
WEB_UPLOAD_HINT = (
    "Kéo thả một hoặc nhiều bảng tính (.xlsx, .xlsm, .xls, .ods) vào ô dưới đây, hoặc bấm vào ô để "
    "chọn, rồi bấm nút. Bảng tính ghi Kết quả năm trước thì chọn kèm tệp <tên>.ketqua.xlsx đó."
)
WEB_UPLOAD_LABEL = "Bảng tính"
WEB_CHOOSE_FILES = "Chọn tệp…"
WEB_NO_FILE_CHOSEN = "Chưa chọn tệp nào"
WEB_PDF_RESTART = "Cài xong thì tắt và chạy lại xephang serve để có nút Tạo PDF."
WEB_UPLOAD_BUTTON = "Kiểm tra và tạo văn bản"
# The working folder the page follows, and each workbook's kept versions.
WEB_FOLDER_TITLE = "Bảng tính trong thư mục {folder}"
WEB_FOLDER_NOTE = ("Trang tự cập nhật mỗi khi bảng tính trong thư mục này được lưu (Ctrl+S trong Excel), không "
                   "cần tải lên lại.")
WEB_FOLDER_EMPTY = "Thư mục {folder} chưa có bảng tính nào; lưu bảng tính vào đó, trang sẽ hiện ngay."
WEB_VERSIONS_TITLE = "Các phiên bản đã tạo ({count})"
WEB_VERSIONS_NOTE = ("Mỗi lần văn bản khác đi, một bản được lưu lại. Giữ {keep} bản gần nhất; bản đánh dấu "
                     "\u201cđã ban hành\u201d được giữ mãi.")
WEB_VERSIONS_ISSUED = "Đã ban hành"
WEB_VERSIONS_MARK = "Đánh dấu đã ban hành"
WEB_VERSIONS_OLDER = "Bản trước"
WEB_VERSIONS_NEWER = "Bản sau"
WEB_VERSIONS_COMPARE = "So sánh"
WEB_VERSIONS_COMPARED = "Thay đổi từ bản {older} đến bản {newer}:"
WEB_VERSIONS_UNREADABLE = "Không đọc được bảng kết quả của một trong hai bản nên không so sánh được."
WEB_SHEETS_CHOICE = "Tạo thêm phiếu kết quả của từng đơn vị"
WEB_SHEETS_CHOICE_NOTE = "(như mục 'Phiếu kết quả' là 'Có' trong sheet 'Thông tin')"
WEB_WORKING = "Đang kiểm tra và tạo văn bản…"
WEB_INIT_TITLE = "Tạo bảng tính mới"
WEB_INIT_BLANK = "Bảng tính theo mẫu: các khối, tiêu chí, thang xếp loại của Quy định năm 2014"
WEB_INIT_DTI = "Theo mẫu Chỉ số chuyển đổi số (DTI): chỉ số chính và chỉ số thành phần"
WEB_INIT_NEXT = "Bảng tính năm sau từ bảng tính năm trước (giữ khối, tiêu chí, đơn vị; xóa điểm):"
WEB_INIT_NAME = "Tên tệp mới (để trống: tự đặt)"
WEB_INIT_BUTTON = "Tạo và tải bảng tính (.xlsx)"
WEB_INIT_NEED_FILE = "Hãy chọn bảng tính năm trước để tạo bảng tính năm sau."
WEB_INIT_NAMES = {"blank": "bang-tinh-moi.xlsx", "dti": "bang-tinh-dti.xlsx"}  # when no name is given
WEB_STATUS_VALID = "Hợp lệ — đã tạo văn bản"
WEB_STATUS_WARNINGS = "Hợp lệ, có {warnings} cảnh báo — đã tạo văn bản"
WEB_STATUS_DRAFT = " (bản DỰ THẢO: chưa có số hoặc ngày ban hành)"
WEB_STATUS_ERRORS = "{errors} lỗi, {warnings} cảnh báo — chưa tạo văn bản"
WEB_STATUS_UNREADABLE = "Không đọc được tệp — chưa tạo văn bản"
WEB_STATUS_FAILED = "Hợp lệ nhưng chưa ghi được văn bản"
WEB_STATUS_UNEXPECTED = "Gặp lỗi không mong muốn"
WEB_ERRORS_HINT = "Sửa các ô nêu dưới đây trong bảng tính rồi tải lên lại; bản đánh dấu lỗi tô đỏ từng ô cần sửa."
WEB_LAST_YEAR_UPLOADED = "Kết quả năm trước: đọc từ tệp {name} tải lên cùng."
WEB_LAST_YEAR_FOLDER = "Kết quả năm trước: đọc từ {path}."
WEB_DOWNLOADS = "Tải về"
# Each output's link on the page (`api.WRITTEN`), by its key; the document's is its kind's (`KINDS`).
WEB_DOWNLOAD = {
    "results": "Kết quả (.ketqua.xlsx)",
    "annotated": "Bảng tính đánh dấu lỗi (.loi.xlsx)",
    "sheets": "Phiếu kết quả từng đơn vị (.phieu.zip)",
    "sheets_docx": "Phiếu kết quả, cả bộ để in (.phieu.docx)",
}
WEB_DOWNLOAD_MARK = {"docx": "docx", "results": "ketqua", "annotated": "loi", "sheets": "phieu",
                     "sheets_docx": "phieu-in"}  # each link's `data-loai`
WEB_DOWNLOAD_PDF = "Tạo PDF"
WEB_PDF_READY = "Tải PDF"
WEB_PDF_PAGES = "Xem các trang của văn bản"
WEB_PDF_WORKING = "Đang chuyển sang PDF bằng LibreOffice…"
WEB_PROBLEMS_TITLE = "Lỗi và cảnh báo"
WEB_SORT_BY_SHEET = "Sắp xếp theo sheet"
WEB_MORE_PROBLEMS = "… và {count} vấn đề khác: xem đủ trong bản đánh dấu lỗi (.loi.xlsx)."
# Under a ranking on the page, as the document's template notes say it.
WEB_NOTE_SELF_ASSESSED = "Số trong ngoặc đơn là điểm đơn vị tự đánh giá."
WEB_NOTE_UNRANKED_LAST_YEAR = ("Ô để trống ở cột Xếp hạng năm trước: năm trước đơn vị có trong kết quả nhưng không "
                               "được xếp hạng ở bảng này.")
WEB_NOTE_REBASED = ("Xếp hạng năm trước của bảng này được tính lại trên các đơn vị năm nay: giá trị năm trước của "
                    "đơn vị hợp nhất là trung bình của các đơn vị trước hợp nhất.")
WEB_CHANGES_FIRST = "Lần đầu tạo văn bản từ bảng tính này: chưa có kết quả lần trước để so sánh."
WEB_PREVIEW_TITLE = "Xem trước các bảng của văn bản"
WEB_PART_A = "A. Xếp hạng"
WEB_PART_B = "B. Kết quả chi tiết"
WEB_GROUP_HEADING = "{number}. {title}"
WEB_RANKING_HEADING = "{group}.{index}. Xếp hạng {title}"
WEB_SUMMARY_HEADING = "{group}.{index}. Tổng hợp số đơn vị theo xếp loại"  # `Bảng tổng hợp`, as the templates word it
WEB_CHART_CAPTION = "Biểu đồ xếp hạng {title}"
# One unit's result sheet on the page, as an example of the sheets made.
WEB_SHEET_TITLE = "Xem trước phiếu kết quả: {unit} (1 trong {count} phiếu)"
WEB_SHEET_UNIT = "Đơn vị"
WEB_SHEET_GROUP = "Khối"
WEB_SHEET_TOTAL = "Tổng điểm"
WEB_SHEET_VALUE = "Giá trị xếp hạng"
WEB_SHEET_GRADE = "Xếp loại"
WEB_SHEET_NOT_RANKED = "Không xếp hạng"
WEB_SHEET_RANK = "Xếp hạng {title}"
WEB_SHEET_LAST_YEAR = "năm trước:"
WEB_SHEET_REMARKS = "Nhận xét của Hội đồng"
WEB_SHEET_CHART = "Tỷ lệ điểm đạt trên điểm tối đa (%) so với trung bình khối"
WEB_SHEETS_PDF = "Tạo PDF phiếu kết quả"
WEB_CHART_TOO_MANY = "{count} đơn vị: quá nhiều để vẽ biểu đồ (chỉ vẽ khi có tới {most} đơn vị)."
WEB_NO_FILES = "Chưa chọn bảng tính nào: hãy chọn hoặc kéo thả ít nhất một tệp."
WEB_TOO_MANY = "Mỗi lần chỉ tải lên được tối đa {most} tệp (đã chọn {count}); hãy chia thành nhiều lần."
WEB_TOO_LARGE = (
    "Tệp tải lên quá lớn: mỗi lần tối đa {most} MB. Một bảng điểm thường chỉ vài trăm KB; hãy kiểm tra "
    "lại tệp."
)
WEB_BAD_NAME = "{name}: tên tệp không dùng được ({reason}); hãy đổi tên tệp rồi tải lên lại."
WEB_NAME_EMPTY = "tên trống"
WEB_NAME_CHARACTERS = "có ký tự không dùng được trong tên tệp: {characters}"
WEB_NAME_HIDDEN = "tên bắt đầu bằng dấu chấm hoặc ~$, là tệp ẩn hoặc tệp tạm của Excel"
WEB_NAME_RESERVED = "là tên dành riêng của Windows"
WEB_NAME_LONG = "tên dài quá {most} ký tự"
WEB_NAME_DOTS = "tên kết thúc bằng dấu chấm hoặc dấu cách"
WEB_NOT_WORKBOOK = "{name}: không phải bảng tính (.xlsx, .xlsm, .xls, .ods); chưa kiểm tra tệp này."
WEB_ANNOTATED_UPLOAD = (
    "{name}: đây là bản đánh dấu lỗi do xephang tạo, không phải bảng tính để kiểm tra; hãy sửa bảng tính "
    "gốc rồi tải lên."
)
WEB_ONLY_RESULTS = (
    "Chỉ có tệp kết quả năm trước ({names}), chưa có bảng tính nào để kiểm tra: hãy chọn kèm bảng tính."
)
WEB_NOT_FOUND = "Không tìm thấy trang này."
WEB_FILE_MISSING = "Không tìm thấy tệp {name} trong thư mục kết quả; hãy kiểm tra và tạo lại văn bản."
WEB_FORBIDDEN = "Trang xephang chỉ mở được từ chính máy này (http://127.0.0.1)."
WEB_BAD_REQUEST = "Yêu cầu không hợp lệ; hãy tải lại trang rồi làm lại."
WEB_SERVER_ERROR = "Gặp lỗi không mong muốn. Chi tiết đã ghi vào {log}; hãy gửi tệp này cho bộ phận kỹ thuật."
WEB_FOOTER = "xephang chạy ngay trên máy này: các tệp không được gửi đi đâu khác."


# --- helpers for the texts above ---------------------------------------------------------


def os_reason(exc: OSError) -> str:
    """Why the system refused, in Vietnamese: the reason of its errno, else the errno's name."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    return OS_REASONS.get(name) or OS_REASON_OTHER.format(name=name or type(exc).__name__)


def soffice_missing(system: str) -> str:
    """What to do without LibreOffice, on the system `system` (`os.name`)."""
    return SOFFICE_MISSING.get(system, SOFFICE_MISSING["posix"])


def label_key(text: object) -> str:
    """How labels are matched: ignoring case, extra spaces and Unicode normalization form."""
    return " ".join(nfc(str(text)).split()).casefold()


def nfc(text: str) -> str:
    """Vietnamese typed on some systems arrives decomposed (NFD); everything is kept as NFC."""
    return unicodedata.normalize("NFC", text)


MINUS = "\u2212"  # a negative number's sign as the documents print it ("−5"), not the hyphen


@functools.lru_cache(maxsize=1 << 16)  # scores repeat: a national notice prints 300,000 of them
def format_number(number: Decimal) -> str:
    """As the notice prints numbers: no trailing zeros, a decimal comma (92,5)."""
    return format(number.normalize(), "f").replace(".", ",")


def roman(number: int) -> str:
    """Section numbers of parts A and B: 1 -> "I", 14 -> "XIV"."""
    numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    text = ""
    for value, numeral in numerals:
        count, number = divmod(number, value)
        text += numeral * count
    return text
