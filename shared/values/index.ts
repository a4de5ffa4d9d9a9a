/** Value parsing and coercion shared by edits, pastes and imports. */
export * from './normalize-text.ts'
export * from './parse-number.ts'
export * from './parse-date.ts'
export * from './coerce.ts'
