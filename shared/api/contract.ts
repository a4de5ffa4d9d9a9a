/**
 * The one API contract, shared by the Electron and browser shells: method name → zod input schema →
 * result type. Each domain adds its methods in its own file and is listed here.
 */
import type { z } from 'zod'
import type { MethodDef } from './define.ts'
import { checksApi } from './checks-api.ts'
import { importApi } from './import-api.ts'
import { facilitiesApi } from './facilities-api.ts'
import { planApi } from './plan-api.ts'
import { reportsApi } from './reports-api.ts'
import { rowsApi } from './rows-api.ts'
import { backupsApi } from './backups-api.ts'
import { workshopsApi } from './workshops-api.ts'
import { shellApi } from './shell-api.ts'

export const contract = {
  ...planApi,
  ...rowsApi,
  ...checksApi,
  ...importApi,
  ...facilitiesApi,
  ...backupsApi,
  ...workshopsApi,
  ...reportsApi,
  ...shellApi,
} as const

export type Contract = typeof contract
export type MethodName = keyof Contract
export type ApiInput<M extends MethodName> = z.input<Contract[M]['input']>
export type ApiParsedInput<M extends MethodName> = z.output<Contract[M]['input']>
export type ApiOutput<M extends MethodName> = Contract[M] extends MethodDef<z.ZodType, infer O> ? O : never

export function isMethodName(x: string): x is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, x)
}

export type { ApiErrorBody } from './errors.ts'
export type { ApiEvents, ApiEventName } from './events.ts'
