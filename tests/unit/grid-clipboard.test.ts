import { describe, expect, it } from 'vitest'
import { blockToHtml, blockToTsv, parseClipboard, parseHtmlTable, parseTsv } from '../../shared/grid/clipboard-text.ts'
import { continueSeries, defaultFillMode } from '../../shared/grid/fill-series.ts'

/** What Excel 2016 (zh-CN) puts on the clipboard for a 2×3 block, trimmed of its long <style> part. */
const EXCEL_HTML = `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><style><!--table {mso-displayed-decimal-separator:"\\.";} .xl65 {mso-number-format:"\\#\\,\\#\\#0";}--></style></head>
<body link="#0563C1" vlink="#954F72">
<table border=0 cellpadding=0 cellspacing=0 width=216 style='border-collapse:collapse;width:162pt'>
<!--StartFragment-->
 <col width=72 span=3 style='width:54pt'>
 <tr height=18 style='height:13.5pt'>
  <td height=18 class=xl65 align=right width=72 style='height:13.5pt;width:54pt' x:num="1200">1,200</td>
  <td class=xl66 width=72 style='width:54pt'>城镇&nbsp;安置</td>
  <td align=right width=72 x:num="43830">2019/12/31</td>
 </tr>
 <tr height=18 style='height:13.5pt'>
  <td height=18 align=right style='height:13.5pt' x:num>35</td>
  <td>第一行<br style='mso-data-placement:same-cell'>第二行</td>
  <td></td>
 </tr>
<!--EndFragment-->
</table>
</body>
</html>`

describe('clipboard parsing', () => {
  it('reads Excel HTML: raw x:num behind formatted numbers, dates as shown, entities and in-cell line breaks', () => {
    expect(parseHtmlTable(EXCEL_HTML)).toEqual([
      ['1200', '城镇\u00a0安置', '2019/12/31'],
      ['35', '第一行\n第二行', ''],
    ])
  })

  it('keeps the block rectangular across colspan and rowspan (WPS writes merged cells that way)', () => {
    const html = '<table><tr><td colspan="2">合并</td><td>c</td></tr><tr><td rowspan=2>r</td><td>x</td><td>y</td></tr><tr><td>z</td><td>w</td></tr></table>'
    expect(parseHtmlTable(html)).toEqual([
      ['合并', '', 'c'],
      ['r', 'x', 'y'],
      ['', 'z', 'w'],
    ])
  })

  it('reads TSV with quoted cells, CRLF and a trailing newline', () => {
    expect(parseTsv('a\tb\r\n"x\ty"\t"say ""hi"""\r\n"two\nlines"\t\r\n')).toEqual([
      ['a', 'b'],
      ['x\ty', 'say "hi"'],
      ['two\nlines', ''],
    ])
    expect(parseTsv('１,２００')).toEqual([['１,２００']])
    expect(parseTsv('a\tb\nc')).toEqual([
      ['a', 'b'],
      ['c', ''],
    ])
  })

  it('prefers the HTML table, falls back to TSV', () => {
    expect(parseClipboard('<html><body>no table</body></html>', '1\t2')).toEqual([['1', '2']])
    expect(parseClipboard(EXCEL_HTML, 'ignored')[0]![0]).toBe('1200')
    expect(parseClipboard(null, '')).toEqual([])
  })

  it('round-trips a block through TSV and HTML', () => {
    const block = [
      ['安置点A', '1200', 'a\tb'],
      ['x "y"', '', '<b>&'],
    ]
    expect(parseTsv(blockToTsv(block))).toEqual(block)
    const html = blockToHtml(block, (_r, c) => c === 1)
    expect(html).toContain('x:num="1200"')
    // HTML collapses a tab inside a cell to a space, as a browser would
    expect(parseHtmlTable(html)).toEqual([
      ['安置点A', '1200', 'a b'],
      ['x "y"', '', '<b>&'],
    ])
  })
})

describe('fill series', () => {
  it('copies one number and continues two or more along their trend', () => {
    expect(defaultFillMode([5])).toBe('copy')
    expect(continueSeries([5], [1, 2], 'copy')).toEqual([5, 5])
    expect(continueSeries([5], [1, 2], 'series')).toEqual([6, 7])
    expect(defaultFillMode([1, 3])).toBe('series')
    expect(continueSeries([1, 3], [2, 3, 4], 'series')).toEqual([5, 7, 9])
    expect(continueSeries([0.1, 0.2], [2, 3], 'series')).toEqual([0.3, 0.4])
    // Excel's linear trend through uneven seeds (least squares)
    expect(continueSeries([1, 2, 4], [3], 'series')).toEqual([5.333333])
    // backwards (fill up)
    expect(continueSeries([10, 20], [-1, -2], 'series')).toEqual([0, -10])
  })

  it('continues dates by month or by day', () => {
    expect(continueSeries(['2019-11'], [1, 2, 3], 'series')).toEqual(['2019-12', '2020-01', '2020-02'])
    expect(continueSeries(['2019-01-31', '2019-02-28'], [2], 'series')).toEqual(['2019-03-28'])
    expect(continueSeries(['2019-01-15', '2019-03-15'], [2, 3], 'series')).toEqual(['2019-05-15', '2019-07-15'])
    expect(continueSeries(['2020-02-28'], [1, 2], 'series')).toEqual(['2020-02-29', '2020-03-01'])
    expect(continueSeries(['2019-12-31'], [-1], 'series')).toEqual(['2019-12-30'])
  })

  it('numbers text by its trailing number, keeping zero padding; copies anything else cyclically', () => {
    expect(continueSeries(['520281-009'], [1, 2], 'series')).toEqual(['520281-010', '520281-011'])
    expect(continueSeries(['安置点1', '安置点3'], [2], 'series')).toEqual(['安置点5'])
    expect(defaultFillMode(['在建', '已竣工'])).toBe('copy')
    expect(continueSeries(['在建', '已竣工'], [2, 3, 4], 'series')).toEqual(['在建', '已竣工', '在建'])
    expect(continueSeries([true, null], [2, 3], 'copy')).toEqual([true, null])
  })
})
