/**
 * The renderer's one way to reach the service: through Electron's preload bridge when present,
 * otherwise over the browser shell's loopback HTTP API with its per-launch token. Both speak the
 * same contract; errors arrive as ApiError with {code, message, messageEn}.
 */
import type { ApiInput, ApiOutput, MethodName } from '../../../shared/api/contract.ts'
import type { ApiErrorBody } from '../../../shared/api/errors.ts'
import type { ApiEventName, ApiEvents } from '../../../shared/api/events.ts'

export class ApiError extends Error {
  readonly body: ApiErrorBody
  constructor(body: ApiErrorBody) {
    super(body.message)
    this.body = body
  }
}

type InvokeResult = { ok: true; value: unknown } | { ok: false; error: ApiErrorBody }

/** What the Electron preload exposes on window.anju */
export interface PreloadBridge {
  invoke(method: string, input: unknown): Promise<InvokeResult>
  on(event: string, listener: (payload: unknown) => void): () => void
}

declare global {
  interface Window {
    anju?: PreloadBridge
  }
}

function takeToken(): string {
  const params = new URLSearchParams(window.location.search)
  const fromUrl = params.get('token')
  if (fromUrl) {
    sessionStorage.setItem('anju-token', fromUrl)
    params.delete('token')
    const rest = params.toString()
    window.history.replaceState(null, '', window.location.pathname + (rest ? `?${rest}` : '') + window.location.hash)
    return fromUrl
  }
  return sessionStorage.getItem('anju-token') ?? ''
}

const token = window.anju ? '' : takeToken()

async function invokeRaw(method: string, input: unknown): Promise<InvokeResult> {
  if (window.anju) return window.anju.invoke(method, input)
  const res = await fetch('/api/invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-anju-token': token },
    body: JSON.stringify({ method, input }),
  })
  return (await res.json()) as InvokeResult
}

export async function call<M extends MethodName>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const r = await invokeRaw(method, input)
  if (!r.ok) throw new ApiError(r.error)
  return r.value as ApiOutput<M>
}

type Listener = (payload: unknown) => void
const listeners = new Map<string, Set<Listener>>()
let source: EventSource | null = null

function ensureEvents(): void {
  if (window.anju || source) return
  source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`)
  for (const name of ['plan.changed', 'plan.opened', 'progress'] satisfies ApiEventName[]) {
    source.addEventListener(name, (e) => {
      const payload = JSON.parse((e as MessageEvent<string>).data) as unknown
      for (const l of listeners.get(name) ?? []) l(payload)
    })
  }
}

/** Run fn once the next frame has been painted (or after 100 ms where frames do not come: a hidden window). */
function afterPaint(fn: () => void): void {
  let done = false
  const run = (): void => {
    if (done) return
    done = true
    fn()
  }
  requestAnimationFrame(() => setTimeout(run, 0))
  setTimeout(run, 100)
}

/**
 * Listen to an event pushed by the service. Listeners run after the next paint unless `urgent`: the grid
 * patching in the rows a change wrote is urgent (that is the edit the user waits to see); check marks,
 * history buttons, the region tree, coverage and other pages follow a frame later, so one edit's
 * follow-ups never hold up its cell.
 */
export function on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void, opts: { urgent?: boolean } = {}): () => void {
  const l: Listener = opts.urgent ? (listener as Listener) : (payload) => afterPaint(() => (listener as Listener)(payload))
  if (window.anju) return window.anju.on(event, l)
  ensureEvents()
  let set = listeners.get(event)
  if (!set) listeners.set(event, (set = new Set()))
  set.add(l)
  return () => set.delete(l)
}

/** The browser shell's token, for URLs the browser fetches itself (downloads). */
export function apiToken(): string {
  return token
}

/** Send a file the user chose to the service for import; returns its uploadId (browser shell: POST /api/upload). */
export async function uploadFile(file: File): Promise<string> {
  if (window.anju) {
    const bytes = new Uint8Array(await file.arrayBuffer())
    let bin = ''
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
    return (await call('import.upload', { fileName: file.name, base64: btoa(bin) })).uploadId
  }
  const res = await fetch('/api/upload', { method: 'POST', headers: { 'x-anju-token': token, 'x-file-name': encodeURIComponent(file.name) }, body: file })
  const r = (await res.json()) as InvokeResult
  if (!r.ok) throw new ApiError(r.error)
  return (r.value as { uploadId: string }).uploadId
}
