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
