/**
 * The spreadsheet libraries, loaded on first use. exceljs takes 0.3–0.9 s to load on the project's
 * machines and SheetJS (@e965/xlsx) another ~0.15 s, yet only imports, templates and exports need
 * them; loading them here on demand keeps both shells' start-up (and the first grid rows) free of them.
 */
import type ExcelJSModule from 'exceljs'
import type * as XlsxModule from '@e965/xlsx'

let excel: Promise<typeof ExcelJSModule> | undefined
let xlsx: Promise<typeof XlsxModule> | undefined

/** exceljs (its default export). */
export function loadExcel(): Promise<typeof ExcelJSModule> {
  return (excel ??= import('exceljs').then((m) => m.default))
}

/** SheetJS, the maintained @e965/xlsx build (never npm's `xlsx`). */
export function loadXlsx(): Promise<typeof XlsxModule> {
  return (xlsx ??= import('@e965/xlsx'))
}
