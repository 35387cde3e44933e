"""Why a file cannot be read, in Chinese and English. Every reader failure is one of these."""

from __future__ import annotations

from pathlib import Path

from matterkit.errors import InputFileError
from matterkit.i18n import register, t

register({
    "reader.unreadable": {"zh": "无法读取文件：{detail}", "en": "cannot read the file: {detail}"},
    "reader.not_a_file": {"zh": "不是文件（可能是文件夹）", "en": "not a file (perhaps a folder)"},
    "reader.empty": {"zh": "文件是空的（0 字节）", "en": "the file is empty (0 bytes)"},
    "reader.binary": {"zh": "不是表格文件（看起来是{kind}），请提供 xlsx、xls、ods 或 csv 文件",
                      "en": "not a spreadsheet (looks like {kind}); give an xlsx, xls, ods or csv file"},
    "reader.html": {"zh": "文件实际上是网页（HTML）格式，只是扩展名像表格；请用 Excel 打开后另存为 .xlsx",
                    "en": "the file is a web page (HTML) with a spreadsheet extension; "
                          "open it in Excel and save it as .xlsx"},
    "reader.xml2003": {"zh": "文件是 Excel 2003 XML 格式，不受支持；请用 Excel 打开后另存为 .xlsx",
                       "en": "Excel 2003 XML is not supported; open it in Excel and save it as .xlsx"},
    "reader.password": {"zh": "文件受密码保护，无法读取；请取消密码后重新提供",
                        "en": "the file is password-protected; remove the password and give it again"},
    "reader.truncated": {"zh": "文件已损坏或不完整（压缩包无法打开，可能在传输中被截断）；请向报送单位要一份完整的文件，"
                               "或用 Excel 或 WPS 打开后另存为 .xlsx",
                         "en": "the file is damaged or incomplete (the zip cannot be opened; truncated?); ask for a "
                               "complete copy, or open it in Excel or WPS and save it as .xlsx"},
    "reader.zip_bomb": {"zh": "文件解压后约 {size} MB，超过上限 {limit} MB，可能是恶意的压缩炸弹，已拒绝读取",
                        "en": "the file unpacks to about {size} MB, over the {limit} MB limit "
                              "(possibly a zip bomb); refused"},
    "reader.office_other": {"zh": "这是{kind}，不是表格；请提供 Excel 或 WPS 表格文件",
                            "en": "this is {kind}, not a spreadsheet; give an Excel or WPS sheet"},
    "reader.zip_not_workbook": {"zh": "压缩包中没有工作簿（不是 xlsx/xlsm/ods 表格）",
                                "en": "the zip holds no workbook (not an xlsx/xlsm/ods spreadsheet)"},
    "reader.ole_not_workbook": {"zh": "文件不是 Excel 工作簿（可能是 Word 文档等其他 Office 文件，或已损坏）：{detail}；"
                                      "如果是表格，请用 Excel 或 WPS 打开后另存为 .xlsx",
                                "en": "not an Excel workbook (another Office file, or damaged): {detail}; if it is a "
                                      "spreadsheet, open it in Excel or WPS and save it as .xlsx"},
    "reader.damaged": {"zh": "文件已损坏或格式无法识别：{detail}；请用 Excel 或 WPS 打开后另存为 .xlsx",
                       "en": "the file is damaged or its format is not recognised: {detail}; open it in Excel or "
                             "WPS and save it as .xlsx"},
    "reader.part_missing": {"zh": "文件已损坏：缺少其中的 {part}（{what}）；请用 Excel 或 WPS 打开后另存为 .xlsx",
                            "en": "the file is damaged: its part {part} ({what}) is missing; open it in Excel or WPS "
                                  "and save it as .xlsx"},
    "reader.note.replaced": {"zh": "CSV 文件中有 {count} 个字节无法按 {encoding} 解码，已替换为“�”（文件可能已损坏或混用了编码）",
                             "en": "{count} bytes of the CSV file cannot be decoded as {encoding} and were replaced "
                                   "by '�' (damaged, or mixed encodings)"},
    "reader.sheet_too_large": {
        "zh": "工作表“{sheet}”的数据范围过大（{ref}，约 {cells} 个单元格，上限 {limit}）；"
              "通常是远处有多余的空格或公式，请删除多余的行列后另存",
        "en": "sheet '{sheet}' spans too large a range ({ref}, about {cells} cells, limit {limit}); "
              "usually stray spaces or formulas far away: delete the extra rows and columns and save again"},
    "reader.text_undecodable": {"zh": "无法识别文本文件的字符编码（不是 UTF-8、GBK/GB18030 等常见编码）",
                                "en": "cannot tell the text file's character encoding"},
    "reader.csv_malformed": {"zh": "CSV 文件格式有误，无法继续读取：{detail}",
                             "en": "the CSV file is malformed and cannot be read further: {detail}"},
    "reader.ole_chain": {"zh": "文件内部的扇区链已损坏（数据流应占 {needed} 个扇区，链条出现循环、断裂或越界）",
                         "en": "the file's chain of sectors is broken (the stream needs {needed} sectors; the chain "
                               "loops, breaks off or points outside the file)"},
    "reader.suspect.cut_short": {"zh": "工作表的数据记录提前中断，其后约 {lost} 字节的数据未能读取（文件可能已损坏，"
                                       "部分行已丢失）",
                                 "en": "the sheet's records break off early; about {lost} bytes of data after that "
                                       "could not be read (the file may be damaged; rows are lost)"},
    "reader.suspect.zeroed": {"zh": "工作表数据中有一段全为零的字节（工作簿数据流第 {offset} 字节起），可能在磁盘或传输中损坏，"
                                     "其中的行已丢失",
                              "en": "a run of zero bytes in the sheet data (from byte {offset} of the workbook stream): "
                                    "damaged on a disk or in transfer; the rows there are lost"},
    "reader.note.macros": {"zh": "文件含宏（VBA），只读取了数据，宏没有运行",
                           "en": "the file contains macros (VBA): only data was read, no macro was run"},
    "reader.note.encoding": {"zh": "CSV 文件编码：{encoding}；分隔符：{delimiter}",
                             "en": "CSV encoding: {encoding}; delimiter: {delimiter}"},
    "reader.note.formulas": {"zh": "工作表“{sheet}”中有 {count} 个公式单元格，读取的是文件保存时的计算结果（公式没有重新计算）",
                             "en": "sheet '{sheet}' has {count} formula cells: the values saved with the file were read "
                                   "(not recalculated)"},
    "reader.note.hidden_rows": {"zh": "工作表“{sheet}”中有 {count} 个隐藏的行（第 {rows} 行），仍已读取",
                                "en": "sheet '{sheet}' has {count} hidden rows (rows {rows}), read like the others"},
    "reader.note.skipped_sheet": {"zh": "工作表“{sheet}”不是普通工作表（{kind}），未读取",
                                  "en": "sheet '{sheet}' is not a worksheet ({kind}); not read"},
})


def fail(path: Path, key: str, **values: object) -> InputFileError:
    """The InputFileError to raise for `path`, with the message `key` rendered in the current language."""
    return InputFileError(str(path), t(key, **values))
