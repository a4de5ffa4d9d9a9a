/**
 * Runs HiGHS (WebAssembly) off the calling thread. HiGHS's solve is synchronous and can take seconds,
 * so it runs in a worker_thread: the service keeps answering the UI, progress (incumbent, bound, gap)
 * streams back from HiGHS's MIP callbacks, and cancel is a flag in shared memory that the solver's
 * interrupt callbacks read (with worker.terminate() as the last resort).
 *
 * A worker takes jobs one after another: 'lp' (solve a model as an LP), 'mip' (within a time limit and
 * gap tolerance; reports the proven bound and gap), and 'marginals' (a model whose binaries are all
 * fixed open: solve it, then once more per binary closed — the value each one adds, warm-started).
 *
 * The worker's code is a plain CommonJS string evaluated by Node (eval worker), so it runs the same
 * under tsx, vitest and the bundled Electron main process; it loads highs by its resolved path.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { appError } from '../../../shared/api/errors.ts'

/** A maximisation model in column-wise sparse form; columns 0 … nY−1 are the binary open/close choices. */
export interface LinearModel {
  numCols: number
  numRows: number
  colCost: Float64Array
  colLower: Float64Array
  colUpper: Float64Array
  rowLower: Float64Array
  rowUpper: Float64Array
  starts: Int32Array
  indices: Int32Array
  values: Float64Array
  nY: number
  /** columns from here to the end count people covered (for the marginal figures in people) */
  coverFrom: number
}

export interface SolveProgress {
  phase: 'before' | 'mip' | 'marginal'
  seconds: number
  primal: number | null
  dual: number | null
  gap: number | null
  done?: number
  total?: number
}

export interface LpOutcome {
  objective: number
  x: Float64Array
}

export interface MipOutcome {
  status: 'optimal' | 'time-limit' | 'other'
  objective: number
  bound: number
  gap: number
  seconds: number
  x: Float64Array
}

export interface MarginalOutcome extends LpOutcome {
  /** weighted objective lost when each binary alone is closed */
  marginal: number[]
  /** people covered lost when each binary alone is closed */
  marginalCovered: number[]
}

type Job = { kind: 'lp'; m: LinearModel } | { kind: 'mip'; m: LinearModel; timeLimit: number; gap: number; absGap: number } | { kind: 'marginals'; m: LinearModel }

const WORKER_CODE = String.raw`
const { parentPort, workerData: d } = require('node:worker_threads')
const loadHighs = require(d.highsPath)
const flag = new Int32Array(d.cancel)
const cancelled = () => Atomics.load(flag, 0) === 1
const t0 = Date.now()
const secs = () => (Date.now() - t0) / 1000
loadHighs({}).then((highs) => {
  const T = highs.constants.callbackType
  const S = highs.constants.modelStatus
  const interrupt = (ev) => { if (cancelled()) ev.interrupt() }
  const lpCallbacks = { [T.simplexInterrupt]: interrupt, [T.ipmInterrupt]: interrupt }
  const create = (x) => highs.createModel({
    numCols: x.numCols, numRows: x.numRows, sense: highs.constants.objectiveSense.maximize,
    colCost: x.colCost, colLower: x.colLower, colUpper: x.colUpper, rowLower: x.rowLower, rowUpper: x.rowUpper,
    matrix: { format: 'csc', numRows: x.numRows, numCols: x.numCols, starts: x.starts, indices: x.indices, values: x.values },
  })
  const num = (m, name, dflt) => { try { const v = Number(m.info.get(name)); return Number.isFinite(v) ? v : dflt } catch { return dflt } }
  const jobs = {
    lp(job) {
      const m = create(job.m)
      try {
        m.options.set({ output_flag: false })
        m.run(lpCallbacks)
        return { objective: m.getObjectiveValue(), x: Float64Array.from(m.getSolution().colValue) }
      } finally { m.dispose() }
    },
    mip(job) {
      const nY = job.m.nY
      const m = create(job.m)
      try {
        if (nY > 0) m.changeColsIntegrality({ kind: 'range', from: 0, to: nY - 1 }, new Int32Array(nY).fill(1))
        m.options.set({ output_flag: false, time_limit: job.timeLimit, mip_rel_gap: job.gap, mip_abs_gap: job.absGap })
        let last = 0
        const report = (ev) => {
          const now = Date.now()
          if (now - last < 200) return
          last = now
          const x = ev.data
          parentPort.postMessage({ type: 'progress', p: { phase: 'mip', seconds: m0 ? (now - m0) / 1000 : 0, primal: x.mip_primal_bound ?? null, dual: x.mip_dual_bound ?? null, gap: x.mip_gap ?? null } })
        }
        const m0 = Date.now()
        m.run({ [T.mipLogging]: report, [T.mipImprovingSolution]: report, [T.mipInterrupt]: interrupt, [T.simplexInterrupt]: interrupt })
        const code = m.getModelStatus()
        const status = code === S.optimal ? 'optimal' : code === S.timeLimit ? 'time-limit' : 'other'
        const objective = num(m, 'objective_function_value', 0)
        return { status, objective, bound: num(m, 'mip_dual_bound', Infinity), gap: num(m, 'mip_gap', status === 'optimal' ? 0 : Infinity), seconds: (Date.now() - m0) / 1000, x: Float64Array.from(m.getSolution().colValue) }
      } finally { m.dispose() }
    },
    marginals(job) {
      const nY = job.m.nY
      const m = create(job.m)
      try {
        m.options.set({ output_flag: false })
        m.run(lpCallbacks)
        // re-solves start from this basis
        m.options.set({ presolve: 'off' })
        const objective = m.getObjectiveValue()
        const x = Float64Array.from(m.getSolution().colValue)
        const coveredOf = (v) => { let s = 0; for (let c = job.m.coverFrom; c < job.m.numCols; c++) s += v[c]; return s }
        const covered = coveredOf(x)
        const marginal = []
        const marginalCovered = []
        for (let j = 0; j < nY; j++) {
          if (cancelled()) break
          m.changeColBounds(j, 0, 0)
          m.run(lpCallbacks)
          marginal.push(objective - m.getObjectiveValue())
          marginalCovered.push(covered - coveredOf(m.getSolution().colValue))
          m.changeColBounds(j, 1, 1)
          if (j % 5 === 0) parentPort.postMessage({ type: 'progress', p: { phase: 'marginal', seconds: secs(), primal: null, dual: null, gap: null, done: j, total: nY } })
        }
        return { objective, x, marginal, marginalCovered }
      } finally { m.dispose() }
    },
  }
  parentPort.on('message', (job) => {
    try {
      const r = jobs[job.kind](job)
      parentPort.postMessage(cancelled() ? { type: 'cancelled' } : { type: 'result', r })
    } catch (e) {
      parentPort.postMessage({ type: 'error', message: String((e && e.message) || e) })
    }
  })
  parentPort.postMessage({ type: 'ready' })
}).catch((e) => parentPort.postMessage({ type: 'error', message: String((e && e.message) || e) }))
`

let highsPath: string | null = null
function resolveHighs(): string {
  highsPath ??= createRequire(import.meta.url).resolve('highs')
  return highsPath
}

type WorkerMessage = { type: 'ready' } | { type: 'progress'; p: SolveProgress } | { type: 'result'; r: unknown } | { type: 'cancelled' } | { type: 'error'; message: string }

const cancelledError = () => appError('CANCELLED', '选址计算已取消，规划未作任何更改', 'Placement cancelled: nothing in the plan was changed')

/** One solver thread for a placement run: jobs run in turn; close() ends it. */
export class SolverWorker {
  private readonly worker: Worker
  private readonly flag: Int32Array
  private pending: { resolve: (v: unknown) => void; reject: (e: unknown) => void } | null = null
  private readonly ready: Promise<void>
  private dead: Error | null = null
  private killTimer: ReturnType<typeof setTimeout> | undefined
  onProgress: ((p: SolveProgress) => void) | undefined

  constructor(signal?: AbortSignal) {
    const cancel = new SharedArrayBuffer(4)
    this.flag = new Int32Array(cancel)
    // the worker is plain CommonJS and needs no loader hooks
    this.worker = new Worker(WORKER_CODE, { eval: true, execArgv: [], workerData: { highsPath: resolveHighs(), cancel } })
    let readyResolve: () => void = () => {}
    let readyReject: (e: unknown) => void = () => {}
    this.ready = new Promise<void>((res, rej) => {
      readyResolve = res
      readyReject = rej
    })
    this.ready.catch(() => {})
    const fail = (e: Error): void => {
      this.dead ??= e
      readyReject(e)
      const p = this.pending
      this.pending = null
      p?.reject(e)
    }
    this.worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'ready') readyResolve()
      else if (msg.type === 'progress') this.onProgress?.(msg.p)
      else if (msg.type === 'result') {
        const p = this.pending
        this.pending = null
        p?.resolve(msg.r)
      } else if (msg.type === 'cancelled') fail(cancelledError())
      else fail(appError('INTERNAL', `求解器出错：${msg.message}`, `Solver failed: ${msg.message}`))
    })
    this.worker.on('error', (e) => fail(appError('INTERNAL', `求解器出错：${e.message}`, `Solver failed: ${e.message}`)))
    this.worker.on('exit', (code) => fail(this.cancelled() ? cancelledError() : appError('INTERNAL', `求解线程意外退出（${code}）`, `Solver thread exited unexpectedly (${code})`)))
    const onAbort = (): void => {
      Atomics.store(this.flag, 0, 1)
      // the solver checks the flag at its callbacks; if it does not stop soon, end the thread
      this.killTimer = setTimeout(() => {
        fail(cancelledError())
        void this.worker.terminate()
      }, 3000)
    }
    if (signal?.aborted) onAbort()
    else signal?.addEventListener('abort', onAbort, { once: true })
  }

  cancelled(): boolean {
    return Atomics.load(this.flag, 0) === 1
  }

  private async run<R>(job: Job): Promise<R> {
    await this.ready
    if (this.dead) throw this.dead
    if (this.cancelled()) throw cancelledError()
    return new Promise<R>((resolve, reject) => {
      this.pending = { resolve: resolve as (v: unknown) => void, reject }
      this.worker.postMessage(job)
    })
  }

  lp(m: LinearModel): Promise<LpOutcome> {
    return this.run({ kind: 'lp', m })
  }

  /** absGap: an absolute gap that proves optimality (0.999 when every optimum is a whole number) */
  mip(m: LinearModel, timeLimitS: number, gapTolerance: number, absGap = 1e-6): Promise<MipOutcome> {
    return this.run({ kind: 'mip', m, timeLimit: timeLimitS, gap: gapTolerance, absGap })
  }

  marginals(m: LinearModel): Promise<MarginalOutcome> {
    return this.run({ kind: 'marginals', m })
  }

  close(): void {
    clearTimeout(this.killTimer)
    this.worker.removeAllListeners('exit')
    void this.worker.terminate()
  }
}
