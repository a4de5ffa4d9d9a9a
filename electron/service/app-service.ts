/**
 * The service both shells bind: it owns the open plan, parses every input with the contract's zod
 * schema before a handler runs, turns every failure into {code, message}, and pushes events.
 * It imports nothing from Electron and runs under plain Node.
 */
import { existsSync } from 'node:fs'
import { isMethodName, contract, type ApiOutput, type MethodName } from '../../shared/api/contract.ts'
import { AppError, schemaIssueLabel, type ApiErrorBody } from '../../shared/api/errors.ts'
import type { ApiEventName, ApiEvents } from '../../shared/api/events.ts'
import { defaultAppDir, rememberRecent, samplePlanPath } from './app-state.ts'
import { generateSamplePlan } from './domain/sample-plan.ts'
import { handlers } from './handlers/index.ts'
import type { ShellMethod } from './handlers/shell-handlers.ts'
import { Plan } from './plan.ts'
import { startDailyBackups, type DailyBackupTimer } from './safety/plan-backups.ts'
import type { Handlers, ServiceContext } from './service-context.ts'

export type Listener = <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void

export type InvokeResult = { ok: true; value: unknown } | { ok: false; error: ApiErrorBody }

export interface AppServiceOptions {
  /** the plan to open; without it the sample plan (generated on first use) */
  planPath?: string
  appDir?: string
  readOnly?: boolean
}

export class AppService {
  readonly appDir: string
  private current: Plan
  private readonly listeners = new Set<Listener>()
  private readonly dailyBackups: DailyBackupTimer
  /** the shell's own implementations of the shell.* methods (Electron: dialogs, printToPDF) */
  private shellHandlers: Partial<Handlers<ShellMethod>> = {}

  constructor(opts: AppServiceOptions = {}) {
    this.appDir = opts.appDir ?? defaultAppDir()
    this.current = opts.planPath ? Plan.open(opts.planPath, { readOnly: opts.readOnly ?? false, ifLocked: 'readOnly' }) : this.openSample()
    if (opts.planPath) rememberRecent(this.appDir, opts.planPath, this.current.settings.settings().plan_title)
    this.dailyBackups = startDailyBackups(() => this.current)
  }

  private openSample(): Plan {
    const path = samplePlanPath(this.appDir)
    const plan = existsSync(path) ? Plan.open(path, { ifLocked: 'readOnly' }) : generateSamplePlan(path)
    plan.isSample = true
    return plan
  }

  /**
   * A shell answers the shell.* methods itself (the Electron main process: native dialogs,
   * printToPDF). They stay contract methods: the input is parsed by the same zod schema first.
   */
  provideShell(impl: Handlers<ShellMethod>): void {
    this.shellHandlers = { ...impl }
  }

  get plan(): Plan {
    return this.current
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit: Listener = (event, payload) => {
    for (const l of this.listeners) l(event, payload)
  }

  private context(signal?: AbortSignal): ServiceContext {
    return {
      plan: () => this.current,
      replacePlan: (plan) => {
        const old = this.current
        this.current = plan
        if (old !== plan) old.close()
      },
      emit: this.emit,
      appDir: this.appDir,
      ...(signal ? { signal } : {}),
    }
  }

  /** Call a method with typed input (in-process callers: the CLI, tests). Throws AppError. */
  async call<M extends MethodName>(method: M, input: unknown, signal?: AbortSignal): Promise<ApiOutput<M>> {
    const parsed = contract[method].input.safeParse(input)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.join('.') ?? ''
      const what = schemaIssueLabel(issue)
      throw new AppError('INVALID_INPUT', { zh: `参数无效：${where} ${what.zh}`.trim(), en: `Invalid input: ${where} ${what.en}`.trim() })
    }
    const handler = ((this.shellHandlers as Partial<Record<MethodName, unknown>>)[method] ?? handlers[method]) as (input: unknown, ctx: ServiceContext) => unknown
    return (await handler(parsed.data, this.context(signal))) as ApiOutput<M>
  }

  /** Call by name from a shell: never throws; errors come back as {code, message}. */
  async invoke(method: string, input: unknown, signal?: AbortSignal): Promise<InvokeResult> {
    if (!isMethodName(method)) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知方法：${method}`, messageEn: `Unknown method: ${method}` } }
    try {
      return { ok: true, value: await this.call(method, input, signal) }
    } catch (e) {
      return { ok: false, error: toErrorBody(e) }
    }
  }

  close(): void {
    this.dailyBackups.stop()
    this.current.close()
  }
}

export function toErrorBody(e: unknown): ApiErrorBody {
  if (e instanceof AppError) return e.toBody()
  const msg = e instanceof Error ? e.message : String(e)
  return { code: 'INTERNAL', message: `内部错误：${msg}`, messageEn: `Internal error: ${msg}` }
}

/** One bilingual line for a plan that cannot be opened at start-up (the shells print or show it and exit). */
export function startupFailureLine(e: unknown): string {
  const body = toErrorBody(e)
  return `${body.message} / ${body.messageEn}`
}
