/**
 * What a handler gets: the open plan, a way to push events, and the app-level state (recent plans,
 * where the sample lives). Kept apart from the dispatcher so handlers do not import each other.
 */
import type { ApiEventName, ApiEvents } from '../../shared/api/events.ts'
import type { ApiOutput, ApiParsedInput, MethodName } from '../../shared/api/contract.ts'
import type { Plan } from './plan.ts'

export interface ServiceContext {
  /** the plan open now */
  plan(): Plan
  /** replace the open plan (closing the old one) */
  replacePlan(plan: Plan): void
  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void
  /** directory for app state (recent plans, the sample plan) */
  appDir: string
  /** an abort signal for long tasks started by this call */
  signal?: AbortSignal
}

export type Handler<M extends MethodName> = (input: ApiParsedInput<M>, ctx: ServiceContext) => ApiOutput<M> | Promise<ApiOutput<M>>

/** A domain's handlers: exactly the methods it names. */
export type Handlers<M extends MethodName> = { [K in M]: Handler<K> }
