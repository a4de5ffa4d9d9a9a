/**
 * The building block of the API contract: a method is a zod input schema plus a result type.
 */
import type { z } from 'zod'

export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I
  /** phantom: carries the result type, never set */
  readonly output?: O
}

/** method(schema)<Result>() — the result type is given explicitly, the input is checked at run time. */
export function method<I extends z.ZodType>(input: I): <O>() => MethodDef<I, O> {
  return <O>() => ({ input }) as MethodDef<I, O>
}
