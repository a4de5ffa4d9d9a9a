/**
 * Generates county/province returns for the import benchmark with exceljs's streaming writer: the
 * layout counties send (title, as-of, unit line, 2-row merged header, column-number row, 合计 first),
 * numbers partly stored as text with thousands separators, month dates as text, county names.
 */
import ExcelJS from 'exceljs'

export async function writeReturn(path: string, rows: number, counties: { code: string; name: string }[], seed = 1): Promise<void> {
  let s = seed
  const rnd = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648
    return s / 2147483648
  }
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false })
  const ws = wb.addWorksheet('Sheet1')
  const head1 = ['序号', '县（市、区）', '乡（镇、街道）', '安置点名称', '安置方式', '规划安置', '规划安置', '其中：建档立卡', '其中：建档立卡', '已搬迁入住', '已搬迁入住', '劳动力人数', '已就业人数', '安置住房套数', '建筑面积（平方米）', '总投资（万元）', '开工时间', '竣工时间', '建设状态', '备注']
  const head2 = ['序号', '县（市、区）', '乡（镇、街道）', '安置点名称', '安置方式', '户数', '人数', '户数', '人数', '户数', '人数', '劳动力人数', '已就业人数', '安置住房套数', '建筑面积（平方米）', '总投资（万元）', '开工时间', '竣工时间', '建设状态', '备注']
  ws.addRow(['附件2']).commit()
  ws.addRow(['易地扶贫搬迁安置点基本情况统计表']).commit()
  ws.addRow(['（截至2020年6月30日）']).commit()
  ws.addRow(['填报单位（盖章）：省发展改革委', null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, '单位：户、人、万元']).commit()
  ws.addRow(head1).commit()
  ws.addRow(head2).commit()
  ws.addRow(head2.map((_, i) => i + 1)).commit()
  ws.addRow(['合计']).commit()
  const statuses = ['已入住', '已竣工', '在建', '主体完工', '未开工']
  for (let i = 0; i < rows; i++) {
    const c = counties[i % counties.length]!
    const hh = 10 + Math.floor(rnd() * 400)
    const pp = Math.round(hh * (3 + rnd() * 1.5))
    const y = 2016 + Math.floor(rnd() * 4)
    ws.addRow([
      i + 1,
      c.name,
      `第${(i % 17) + 1}镇`,
      `安置点${i + 1}号`,
      rnd() < 0.4 ? '城镇集中安置' : '农村集中安置',
      hh,
      pp > 999 ? pp.toLocaleString('en-US') : pp,
      Math.floor(hh * 0.9),
      Math.floor(pp * 0.9),
      rnd() < 0.1 ? '—' : hh,
      rnd() < 0.1 ? '—' : pp,
      Math.floor(pp * 0.5),
      Math.floor(pp * 0.46),
      hh,
      Math.round(pp * 20 * 10) / 10,
      Math.round(pp * 6 * 100) / 100,
      `${y}年${1 + Math.floor(rnd() * 12)}月`,
      `${y + 1}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}`,
      statuses[Math.floor(rnd() * statuses.length)],
      rnd() < 0.05 ? '含同步搬迁人口' : null,
    ]).commit()
  }
  ws.addRow([]).commit()
  ws.addRow(['填表人：王某', null, null, null, '审核人：李某']).commit()
  await ws.commit()
  await wb.commit()
}
