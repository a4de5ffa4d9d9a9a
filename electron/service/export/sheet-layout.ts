/**
 * Layout pieces every exported sheet shares: the official header style, the two-row grouped header
 * (a group merged across its columns, a one-level header merged down both rows) and the print setup
 * (landscape, fit to width, header rows repeated on every page).
 */
import type ExcelJS from 'exceljs'

export type WorksheetWriter = ReturnType<ExcelJS.stream.xlsx.WorkbookWriter['addWorksheet']>

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
}
export const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { name: '宋体', bold: true, size: 10 },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  border: THIN,
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
}
export const TITLE_STYLE: Partial<ExcelJS.Style> = { font: { name: '宋体', bold: true, size: 16 }, alignment: { horizontal: 'center', vertical: 'middle' } }

/**
 * Write the two header rows of a sheet from a list of (group, text) pairs: a group spanning
 * consecutive two-level columns is merged across them, a one-level header is merged down both rows.
 */
export function writeTwoRowHeader(ws: WorksheetWriter, firstRow: number, heads: readonly { group: string | null; text: string }[]): void {
  const top = ws.getRow(firstRow)
  const bottom = ws.getRow(firstRow + 1)
  top.height = 22
  bottom.height = 30
  for (let i = 0; i < heads.length; i++) {
    const h = heads[i]!
    const c = i + 1
    top.getCell(c).value = h.group ?? h.text
    bottom.getCell(c).value = h.group ? h.text : null
    top.getCell(c).style = HEADER_STYLE
    bottom.getCell(c).style = HEADER_STYLE
  }
  let i = 0
  while (i < heads.length) {
    const h = heads[i]!
    if (h.group === null) {
      ws.mergeCells(firstRow, i + 1, firstRow + 1, i + 1)
      i++
      continue
    }
    let j = i
    while (j + 1 < heads.length && heads[j + 1]!.group === h.group) j++
    if (j > i) ws.mergeCells(firstRow, i + 1, firstRow, j + 1)
    i = j + 1
  }
  top.commit()
  bottom.commit()
}

/** Print setup every sheet shares: landscape, fit to width, header rows repeated, page numbers. */
export function pageSetup(paper: 'A4' | 'A3', titleRows: string): Partial<ExcelJS.PageSetup> {
  return {
    // Excel's paper codes: 8 is A3 (missing from exceljs's PaperSize enum), 9 is A4
    paperSize: (paper === 'A3' ? 8 : 9) as ExcelJS.PaperSize,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: titleRows,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  }
}

