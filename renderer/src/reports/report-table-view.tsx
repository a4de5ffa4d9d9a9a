/**
 * One printed summary in the official statistical-table format: title, report name with the as-of
 * date, 填报单位 and unit line, the two-level header (repeated on every printed page through
 * thead's table-header-group), rows with 小计/合计/总计 in bold, and the 填表人 / 审核人 / date footer.
 * Rows never split across pages (break-inside: avoid). Rows that stand for a region or a site can be
 * clicked through to the filtered grid.
 */
import type { ReportRow, ReportTable } from '../../../shared/api/reports-api.ts'
import { useI18n } from '../i18n.tsx'
import { formatCell, headerLabel } from '../../../shared/reports/report-format.ts'

export interface ReportTableViewProps {
  table: ReportTable
  onRowClick?: (row: ReportRow) => void
}

export function ReportTableView({ table, onRowClick }: ReportTableViewProps) {
  const { locale } = useI18n()
  const cols = table.columns
  // header cells: a group over consecutive columns, or one cell spanning both rows
  const top: { text: string; span: number; rowSpan: number; key: string }[] = []
  for (let i = 0; i < cols.length; ) {
    const c = cols[i]!
    if (!c.group) {
      top.push({ text: headerLabel(c, locale), span: 1, rowSpan: 2, key: c.key })
      i++
      continue
    }
    let j = i
    while (j + 1 < cols.length && cols[j + 1]!.group?.zh === c.group.zh) j++
    top.push({ text: c.group[locale], span: j - i + 1, rowSpan: 1, key: `g-${c.key}` })
    i = j + 1
  }
  const second = cols.filter((c) => c.group)
  const h = table.header
  // column widths as shares of the sheet, so any paper holds every column
  const totalWidth = cols.reduce((a, c) => a + c.width, 0) || 1
  return (
    <article className={`report-sheet paper-${table.paper.size}`} data-report={table.kind}>
      <h1 className="report-title">{h.title}</h1>
      <div className="report-subtitle">
        {table.name[locale]}
        <span className="report-asof">{h.asOf}</span>
      </div>
      <div className="report-unit-line">
        <span>{h.compilingUnit ? `填报单位：${h.compilingUnit}` : ''}</span>
        <span>{h.unitLine}</span>
      </div>
      <table className="report-table" data-testid="report-table">
        <colgroup>
          {cols.map((c) => (
            <col key={c.key} style={{ width: `${((c.width / totalWidth) * 100).toFixed(3)}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {top.map((t) => (
              <th key={t.key} colSpan={t.span} rowSpan={t.rowSpan}>
                {t.text}
              </th>
            ))}
          </tr>
          <tr>
            {second.map((c) => (
              <th key={c.key}>{headerLabel(c, locale)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr
              key={i}
              className={`row-${r.kind}${onRowClick && (r.region || r.siteId !== undefined || r.ref) ? ' clickable' : ''}`}
              data-kind={r.kind}
              onClick={onRowClick ? () => onRowClick(r) : undefined}
            >
              {cols.map((c) => (
                <td key={c.key} className={c.kind === 'text' ? 'text' : 'num'}>
                  {formatCell(c, r.cells[c.key])}
                </td>
              ))}
            </tr>
          ))}
          {table.rows.length === 0 && (
            <tr className="row-empty">
              <td colSpan={cols.length}>{table.notice ? table.notice[locale] : locale === 'zh' ? '无数据' : 'No data'}</td>
            </tr>
          )}
        </tbody>
      </table>
      <footer className="report-footer">
        <span>填表人：{h.preparer}</span>
        <span>审核人：{h.reviewer}</span>
        <span>编制单位：{h.compilingUnit}</span>
        <span>填报日期：{h.date}</span>
      </footer>
    </article>
  )
}
