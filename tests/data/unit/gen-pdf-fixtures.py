#!/usr/bin/env python3
"""Write the synthetic PDF fixtures of the pdf unit tests (tests/unit/check_pdf.c).

Run from this directory: python3 gen-pdf-fixtures.py. The PDFs are committed; this
script documents exactly what is in them. Text is drawn with a Type0 font
(Identity-H codes = Unicode code points, a ToUnicode CMap saying so), not
embedded: poppler extracts the text as a real report's would be.

  pdf_r21_pagebreak.pdf  an R21 report: 表三 crosses a page break, the column
                         header is repeated on page 2, the vertical label
                         三、本年度办理结果 stands one character per line, pages
                         end with "-1-" / "- 2 -", 表四's header spans three lines.
  pdf_scanned.pdf        two pages holding only an image: no text layer.
  pdf_broken.pdf         a PDF header followed by garbage.
"""


def pdf(pages, out, image_only=False):
    objs = []

    def add(b):
        objs.append(b)
        return len(objs)

    add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H"
        b" /DescendantFonts [ 2 0 R ] /ToUnicode 6 0 R >>")
    add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /STSong-Light /CIDSystemInfo"
        b" << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 3 0 R"
        b" /DW 1000 /W [ 32 127 500 ] >>")
    add(b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [ -25 -254 1000 880 ]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
    add(b"")                                   # 4: unused
    add(b"")                                   # 5: the page tree, written last
    rl = ["<%02X00> <%02XFF> <%02X00>\n" % (h, h, h) for h in range(256) if not 0xD8 <= h <= 0xDF]
    blocks = "".join("%d beginbfrange\n%sendbfrange\n" % (len(rl[i:i + 100]), "".join(rl[i:i + 100]))
                     for i in range(0, len(rl), 100))
    cm = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Id def /CMapType 2 def\n"
          "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
          "%sendcmap CMapName currentdict /CMap defineresource pop end end" % blocks).encode()
    add(b"<< /Length %d >>\nstream\n" % len(cm) + cm + b"\nendstream")   # 6
    objs[3] = b"<< >>"
    kids = []
    for items in pages:
        if image_only:
            content = b"q 500 0 0 700 50 50 cm BI /W 2 /H 2 /BPC 8 /CS /G ID \x00\xff\xff\x00 EI Q"
        else:
            content = "\n".join("BT /F1 %g Tf %g %g Td <%s> Tj ET" % (size, x, y, text.encode("utf-16-be").hex().upper())
                                for (x, y, size, text) in items).encode()
        c = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent 5 0 R /MediaBox [0 0 595 842]"
                        b" /Resources << /Font << /F1 1 0 R >> >> /Contents %d 0 R >>" % c))
    objs[4] = (b"<< /Type /Pages /Kids [ " + b" ".join(b"%d 0 R" % k for k in kids) +
               b" ] /Count %d >>" % len(kids))
    cat = add(b"<< /Type /Catalog /Pages 5 0 R >>")
    data = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(data))
        data += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        data += b"%010d 00000 n \n" % o
    data += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, cat, xref)
    with open(out, "wb") as f:
        f.write(data)


# 表三 rows of the 2021 form: (x of the label, label lines)
T3 = [
    (60, ["一、本年新收政府信息公开申请数量"]),
    (60, ["二、上年结转政府信息公开申请数量"]),
    (100, ["（一）予以公开"]),
    (100, ["（二）部分公开（区分处理的，只计这一情", "形，不计其他情形）"]),
    (165, ["1.属于国家秘密"]), (165, ["2.其他法律行政法规禁止公开"]), (165, ["3.危及“三安全一稳定”"]),
    (165, ["4.保护第三方合法权益"]), (165, ["5.属于三类内部事务信息"]), (165, ["6.属于四类过程性信息"]),
    (165, ["7.属于行政执法案卷"]), (165, ["8.属于行政查询事项"]),
    (165, ["1.本机关不掌握相关政府信息"]), (165, ["2.没有现成信息需要另行制作"]), (165, ["3.补正后申请内容仍不明确"]),
    (165, ["1.信访举报投诉类申请"]), (165, ["2.重复申请"]), (165, ["3.要求提供公开出版物"]),
    (165, ["4.无正当理由大量反复申请"]), (165, ["5.要求行政机关确认或重新出", "具已获取信息"]),
    (165, ["1.申请人无正当理由逾期不补正、", "行政机关不再处理其政府信息公", "开申请"]),
    (165, ["2.申请人逾期未按收费通知要", "求缴纳费用、行政机关不再处理", "其政府信息公开申请"]),
    (165, ["3.其他"]),
    (100, ["（七）总计"]),
    (60, ["四、结转下年度继续办理"]),
]
# values per row for the six applicant columns; total = their sum. Known answers of check_pdf.c.
V = [
    [20, 1, 0, 0, 2, 0], [3, 0, 0, 0, 0, 0], [9, 1, 0, 0, 1, 0], [2, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0],
    [4, 0, 0, 0, 1, 0], [1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0],
    [22, 1, 0, 0, 2, 0], [1, 0, 0, 0, 0, 0],
]
COLX = [330, 370, 405, 440, 475, 510, 545]
HEAD = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
# group labels printed beside the first row of their group (row index -> label)
GROUPS = {4: "（三）不予公开", 12: "（四）无法提供", 15: "（五）不予处理", 20: "（六）其他处理"}


def r21_report():
    p1 = [(150, 800, 14, "测试县人民政府2023年政府信息公开工作年度报告"),
          (60, 770, 10, "本报告统计期限自2023年1月1日至2023年12月31日。"),
          (60, 750, 10, "一、总体情况"),
          (60, 735, 10, "2023年，我县共收到政府信息公开申请23件。"),
          (60, 715, 10, "三、收到和处理政府信息公开申请情况"),
          (400, 700, 9, "申请人情况")]
    hdr = [(COLX[i] - 5, 685 - 8 * (i % 2), 5, h) for i, h in enumerate(HEAD)]
    p1 += hdr
    vertical = "三、本年度办理结果"
    y, page, pages = 665, p1, [p1]
    vi = 0
    for k, (x, label) in enumerate(T3):
        if k == 13:                       # the page break falls inside 表三
            page.append((290, 40, 10, "-1-"))
            page = [(COLX[i] - 5, 800 - 8 * (i % 2), 5, h) for i, h in enumerate(HEAD)]   # repeated header
            pages.append(page)
            y = 780
        for j, line in enumerate(label):
            page.append((x, y - 12 * j, 8, line))
        if k in GROUPS:
            page.append((100, y, 8, GROUPS[k]))
        vals = V[k] + [sum(V[k])]
        ly = y - 6 * (len(label) - 1)
        for i, v in enumerate(vals):
            page.append((COLX[i], ly, 8, str(v)))
        if 2 <= k <= 22 and vi < len(vertical):   # the vertical label, one character a row
            page.append((70, y, 8, vertical[vi]))
            vi += 1
        y -= 12 * len(label) + 6
    y -= 14
    page.append((60, y, 10, "四、政府信息公开行政复议、行政诉讼情况"))
    y -= 16
    page += [(60, y, 8, "行政复议"), (300, y, 8, "行政诉讼")]
    page += [(250, y - 12, 8, "未经复议直接起诉"), (420, y - 12, 8, "复议后起诉")]
    t4h = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    for i, h in enumerate(t4h * 3):
        page.append((60 + 33 * i, y - 24 - (6 if i % 2 else 0), 7, h))
    t4 = [2, 1, 0, 0, 3, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]
    for i, v in enumerate(t4):
        page.append((64 + 33 * i, y - 44, 8, str(v)))
    page.append((60, y - 70, 10, "五、存在的主要问题及改进情况"))
    page.append((288, 40, 10, "- 2 -"))
    return pages


pdf(r21_report(), "pdf_r21_pagebreak.pdf")
pdf([[], []], "pdf_scanned.pdf", image_only=True)
with open("pdf_broken.pdf", "wb") as f:
    f.write(b"%PDF-1.4\nthis is not a PDF body at all\n" * 20)
