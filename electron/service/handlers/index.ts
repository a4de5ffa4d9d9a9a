/**
 * Every handler, by method name. A domain's handlers live in their own file and are listed here;
 * the type makes a method of the contract without a handler a compile error.
 */
import type { MethodName } from '../../../shared/api/contract.ts'
import type { Handlers } from '../service-context.ts'
import { checksHandlers } from './checks-handlers.ts'
import { importHandlers } from './import-handlers.ts'
import { facilitiesHandlers } from './facilities-handlers.ts'
import { planHandlers } from './plan-handlers.ts'
import { reportsHandlers } from './reports-handlers.ts'
import { rowsHandlers } from './rows-handlers.ts'
import { pasteHandlers } from './paste-handlers.ts'
import { backupsHandlers } from './backups-handlers.ts'
import { workshopsHandlers } from './workshops-handlers.ts'
import { shellHandlers } from './shell-handlers.ts'

export const handlers: Handlers<MethodName> = {
  ...planHandlers,
  ...rowsHandlers,
  ...checksHandlers,
  ...pasteHandlers,
  ...importHandlers,
  ...facilitiesHandlers,
  ...backupsHandlers,
  ...workshopsHandlers,
  ...reportsHandlers,
  ...shellHandlers,
}
