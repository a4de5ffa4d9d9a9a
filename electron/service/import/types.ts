/**
 * Shapes shared by the import readers and the analysis: a workbook as the readers hand it over
 * (sheets of raw cells, merges, hidden rows), whatever the file format was.
 */

/** A cell as read: formulas already replaced by their cached result, rich text flattened. */
export type RawCell = string | number | boolean | Date | null

export interface MergeRange {
  /** 1-based, inclusive */
  top: number
  left: number
  bottom: number
  right: number
}

export interface RawSheet {
  name: string
  /** hidden or veryHidden sheets are never picked */
  hidden: boolean
  /** rows by 1-based row number; a missing row is empty. rows[r][c - 1] is column c */
  rows: (RawCell[] | undefined)[]
  merges: MergeRange[]
  /** 1-based row numbers hidden in the file */
  hiddenRows: Set<number>
}

export type SourceFormat = 'xlsx' | 'xls' | 'csv'

export interface RawWorkbook {
  format: SourceFormat
  sheets: RawSheet[]
  /** CSV: the encoding detected */
  encoding?: string
}

/** Limits a reader enforces so a hostile or broken file cannot exhaust the machine. */
export interface ReadLimits {
  /** total uncompressed size of an .xlsx archive */
  maxUnpackedBytes: number
  /** rows in one sheet */
  maxRows: number
  /** the file itself */
  maxFileBytes: number
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxUnpackedBytes: 400 * 1024 * 1024,
  maxRows: 200_000,
  maxFileBytes: 100 * 1024 * 1024,
}

export interface ReadOptions {
  limits?: Partial<ReadLimits>
  signal?: AbortSignal
  /** rows read so far (for a progress bar) */
  onProgress?: (rows: number) => void
}
