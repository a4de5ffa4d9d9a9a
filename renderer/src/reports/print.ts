/**
 * Printing a report: in Electron through the shell.saveDialog and shell.printToPdf contract methods
 * (Chromium's printToPDF with a footer template for 第 X 页 共 Y 页, written only where the user chose);
 * in the browser shell through window.print(), where CSS page-margin boxes put the same page numbers
 * on every page. The paper (A4/A3, landscape) comes from @page.
 */
import type { ReportTable } from '../../../shared/api/reports-api.ts'
import { call } from '../api/client.ts'
import { saveDialog, shellCapabilities } from '../api/shell.ts'

export interface PrintSetup {
  size: 'A4' | 'A3'
  landscape: boolean
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const FOOTER_FONT = `'FangSong','仿宋','STFangsong','SimSun','Noto Sans CJK SC',sans-serif`

/**
 * Chromium's footer template (page.pdf / printToPDF): compiling unit on the left, 第 X 页 共 Y 页 in
 * the middle. Chromium fills <span class="pageNumber"> and <span class="totalPages">.
 */
export function pdfFooterTemplate(t: ReportTable): string {
  const unit = t.header.compilingUnit ? `编制单位：${esc(t.header.compilingUnit)}` : ''
  return (
    `<div style="width:100%;font-size:9px;font-family:${FOOTER_FONT};color:#222;padding:0 12mm;display:flex;justify-content:space-between;-webkit-print-color-adjust:exact">` +
    `<span style="flex:1">${unit}</span>` +
    `<span style="flex:1;text-align:center">第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页</span>` +
    `<span style="flex:1;text-align:right">${esc(t.header.date)}</span></div>`
  )
}

/** The @page rule for the chosen paper; with margin boxes for window.print() (page.pdf draws the footer template instead). */
export function pageCss(setup: PrintSetup, withMarginBoxes: boolean): string {
  const size = `${setup.size} ${setup.landscape ? 'landscape' : 'portrait'}`
  const boxes = withMarginBoxes
    ? `@bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-size: 9pt; font-family: ${FOOTER_FONT}; }`
    : ''
  return `@page { size: ${size}; margin: 12mm 10mm 14mm 10mm; ${boxes} }`
}

declare global {
  interface Window {
    /** the print setup of the report shown, for tests that render the PDF with page.pdf() */
    __anjuPrint?: { footerTemplate: string; size: 'A4' | 'A3'; landscape: boolean }
  }
}

export function publishPrintSetup(t: ReportTable, setup: PrintSetup): void {
  window.__anjuPrint = { footerTemplate: pdfFooterTemplate(t), size: setup.size, landscape: setup.landscape }
}

/** Save the report shown as a PDF (Electron) or open the browser's print dialog. Returns the PDF path, or null. */
export async function printReport(t: ReportTable, setup: PrintSetup, styleEl: HTMLStyleElement | null): Promise<string | null> {
  if ((await shellCapabilities()).printToPdf) {
    const path = await saveDialog({ title: '保存为 PDF', defaultPath: `${t.header.scopeName}${t.name.zh}.pdf`, filters: [{ name: 'PDF', extensions: ['pdf'] }] })
    if (!path) return null
    return call('shell.printToPdf', { path, landscape: setup.landscape, pageSize: setup.size, footerTemplate: pdfFooterTemplate(t) })
  }
  if (styleEl) styleEl.textContent = pageCss(setup, true)
  try {
    window.print()
  } finally {
    if (styleEl) styleEl.textContent = pageCss(setup, false)
  }
  return null
}

/** Ask where to save a file in Electron; null in the browser shell (it downloads instead). */
export async function savePath(defaultPath: string, filter: { name: string; extensions: string[] }): Promise<string | null | undefined> {
  if (!(await shellCapabilities()).nativeDialogs) return undefined
  return saveDialog({ defaultPath, filters: [filter] })
}
