/**
 * One printed summary in the official statistical-table format: title, report name with the as-of
 * date, 填报单位 and unit line, the two-level header (repeated on every printed page through
 * thead's table-header-group), rows with 小计/合计/总计 in bold, and the 填表人 / 审核人 / date footer.
 * Rows never split across pages (break-inside: avoid). Rows that stand for a region or a site can be
 * clicked through to the filtered grid.
 */
import { useMemo } from 'react'
import type { ReportRow, ReportTable } from '../../../shared/api/reports-api.ts'
import { useI18n } from '../i18n.tsx'
import { formatCell, headerLabel } from '../../../shared/reports/report-format.ts'
import { reportLayout } from '../../../shared/reports/report-layout.ts'

export interface ReportTableViewProps {
  table: ReportTable
  /** the paper printed on (the table's own by default) */
  paper?: 'A4' | 'A3'
  onRowClick?: (row: ReportRow) => void
}

export function ReportTableView({ table, paper = table.paper.size, onRowClick }: ReportTableViewProps) {
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
  // column widths as shares of the sheet and a font size so the paper holds every column and every figure
  const layout = useMemo(() => reportLayout(table, paper), [table, paper])
  return (
    <article className={`report-sheet paper-${paper}`} data-report={table.kind} data-font-px={layout.fontPx}>
      <h1 className="report-title">{h.title}</h1>
      <div className="report-subtitle">
        {table.name[locale]}
        <span className="report-asof">{h.asOf}</span>
      </div>
      <div className="report-unit-line">
        <span>{h.compilingUnit ? `填报单位：${h.compilingUnit}` : ''}</span>
        <span>{h.unitLine}</span>
      </div>
      <table className="report-table" data-testid="report-table" style={{ fontSize: `${layout.fontPx}px` }}>
        <colgroup>
          {cols.map((c, i) => (
            <col key={c.key} style={{ width: `${((layout.widths[i] ?? 0) * 100).toFixed(3)}%` }} />
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
