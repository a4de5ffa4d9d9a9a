/**
 * Types of the field dictionary: the one description of every field of every entity.
 * Grid columns, validation, import header matching, templates, exports and report labels all read it.
 */

export type EntityKey = 'site' | 'facility' | 'workshop'

/** A pair of labels, Chinese first. */
export interface Label {
  zh: string
  en: string
}

export type FieldType =
  | 'text'
  | 'int' // whole counts: households, people, jobs
  | 'decimal' // money, areas, coordinates, distances
  | 'date' // 'YYYY-MM-DD' or, where monthPrecision, 'YYYY-MM'
  | 'enum' // one of enumValues (canonical Chinese value stored)
  | 'bool'
  | 'county' // GB/T 2260 county code; the county picker sets county_code and county together
  | 'site' // reference to a site id (facilities, workshops)

export interface EnumValue {
  /** canonical value, stored and exported (Chinese) */
  value: string
  en: string
  /** other spellings seen in returns, mapped to value on import and paste */
  aliases?: string[]
}

export interface FieldDef {
  key: string
  label: Label
  type: FieldType
  /** unit shown after the label, e.g. 户, 人, 万元 */
  unit?: Label
  /** label under its group header, e.g. 户数 under 规划安置 (the full label stays in label) */
  short?: Label
  /** column group (multi-level header), e.g. 规划安置 */
  group?: Label
  /** header texts seen in returns (besides the label and group+label), matched after normalisation */
  aliases?: string[]
  min?: number
  max?: number
  /** decimals kept for 'decimal' fields */
  decimals?: number
  enumValues?: EnumValue[]
  /** dates: a month alone ('2019-12') is a valid value */
  monthPrecision?: boolean
  /** money fields are in 万元; an import header in 元 is divided by 10,000 */
  money?: boolean
  required?: boolean
  /** not editable in grids (computed or owned by another field) */
  readOnly?: boolean
  /** not stored in the entity table; computed by the service when listing */
  derived?: boolean
  /** how a 合计 row combines the column: numbers sum by default */
  total?: 'sum' | 'avg' | 'none'
  /** default grid column width in px */
  width?: number
  /** hidden by default in grids */
  hiddenByDefault?: boolean
}

export interface EntityDef {
  key: EntityKey
  label: Label
  /** SQL table owned by the entity's repository */
  table: string
  /** field whose value names a row for people (e.g. the site name) */
  titleField: string
  fields: readonly FieldDef[]
}

/** Values as they travel between the service and the renderer. */
export type FieldValue = string | number | boolean | null
export type RowValues = Record<string, FieldValue>
/** A stored row: the values plus its integer id. */
export interface EntityRow extends RowValues {
  id: number
}
