/**
 * Errors as they cross from the service to a shell: a stable code and a message in Chinese and English.
 */
import type { Label } from '../dictionary/types.ts'

export type ErrorCode =
  | 'INVALID_INPUT'
  | 'UNKNOWN_METHOD'
  | 'NOT_FOUND'
  | 'NOT_A_PLAN'
  | 'CORRUPT_PLAN'
  | 'NEWER_VERSION'
  | 'PLAN_LOCKED'
  | 'READ_ONLY'
  | 'RULE_VIOLATION'
  | 'NOTHING_TO_UNDO'
  | 'NOTHING_TO_REDO'
  | 'CONFLICT'
  | 'IMPORT_FAILED'
  | 'CANCELLED'
  | 'FORBIDDEN'
  /** a shell method the running shell does not offer (native dialogs in the browser shell) */
  | 'NOT_AVAILABLE'
  | 'INTERNAL'

/** The wire form of an error. */
export interface ApiErrorBody {
  code: ErrorCode
  message: string
  messageEn: string
  details?: unknown
}

export class AppError extends Error {
  readonly code: ErrorCode
  readonly label: Label
  readonly details?: unknown
  constructor(code: ErrorCode, label: Label, details?: unknown) {
    super(`${label.zh} / ${label.en}`)
    this.code = code
    this.label = label
    this.details = details
  }
  toBody(): ApiErrorBody {
    return { code: this.code, message: this.label.zh, messageEn: this.label.en, ...(this.details === undefined ? {} : { details: this.details }) }
  }
}

export function appError(code: ErrorCode, zh: string, en: string, details?: unknown): AppError {
  return new AppError(code, { zh, en }, details)
}

export function isApiErrorBody(x: unknown): x is ApiErrorBody {
  return typeof x === 'object' && x !== null && 'code' in x && 'message' in x
}

/** The parts of a zod issue a message needs (kept structural: shared/ stays free of zod's internals). */
export interface SchemaIssue {
  path: readonly PropertyKey[]
  message: string
  minimum?: unknown
  maximum?: unknown
}

/**
 * What a schema refused, in both languages: a bound as "不能小于 0.1 / must be at least 0.1", anything
 * else as zod's own message. The service's input check and the settings use the same wording.
 */
export function schemaIssueLabel(issue: SchemaIssue | undefined): Label {
  if (issue && issue.minimum !== undefined) return { zh: `不能小于 ${String(issue.minimum)}`, en: `must be at least ${String(issue.minimum)}` }
  if (issue && issue.maximum !== undefined) return { zh: `不能大于 ${String(issue.maximum)}`, en: `must be at most ${String(issue.maximum)}` }
  return { zh: issue?.message ?? '', en: issue?.message ?? '' }
}
