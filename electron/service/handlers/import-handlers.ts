/**
 * Import handlers: preview a return (from a path or an upload), commit a preview as one action,
 * cancel, list and roll back batches, write templates. Long work reports `progress` events and can be
 * cancelled through import.cancel (or the call's own AbortSignal) without leaving anything behind.
 */
import { basename } from 'node:path'
import { appError } from '../../../shared/api/errors.ts'
import type { Label } from '../../../shared/dictionary/types.ts'
import { commitPreview, rollbackBatch } from '../import/commit.ts'
import { forgetPreview, previewFile, rememberPreview, storedPreview } from '../import/import-service.ts'
import { writeTemplate } from '../import/template.ts'
import { DEFAULT_LIMITS } from '../import/types.ts'
import { newDownload, saveUpload, uploadPath } from '../import/upload-store.ts'
import { ImportBatchRepository } from '../repositories/import-batch-repository.ts'
import type { Handlers, ServiceContext } from '../service-context.ts'
import { ensureWritable } from './plan-helpers.ts'

type ImportMethods = 'import.upload' | 'import.preview' | 'import.commit' | 'import.cancel' | 'import.batches' | 'import.rollback' | 'import.template'

const running = new Map<string, AbortController>()

/** An abort signal for a task: aborted by import.cancel or by the caller's own signal. */
function taskSignal(ctx: ServiceContext, taskId: string | undefined): { signal: AbortSignal; done: () => void } {
  const ctl = new AbortController()
  if (ctx.signal) ctx.signal.addEventListener('abort', () => ctl.abort(), { once: true })
  if (taskId) running.set(taskId, ctl)
  return { signal: ctl.signal, done: () => taskId && running.get(taskId) === ctl && running.delete(taskId) }
}

function progress(ctx: ServiceContext, taskId: string | undefined): (done: number, total: number, label: Label) => void {
  let last = 0
  return (done, total, label) => {
    const now = Date.now()
    if (now - last < 100 && done < total) return
    last = now
    ctx.emit('progress', { taskId: taskId ?? 'import', label, done, total })
  }
}

const yieldToEvents = (): Promise<void> => new Promise((r) => setImmediate(r))

export const importHandlers: Handlers<ImportMethods> = {
  'import.upload': ({ fileName, base64 }) => {
    const bytes = Buffer.from(base64, 'base64')
    if (bytes.length > DEFAULT_LIMITS.maxFileBytes) {
      const mb = Math.round(DEFAULT_LIMITS.maxFileBytes / 1048576)
      throw appError('IMPORT_FAILED', `文件超过 ${mb} MB 的上限`, `The file is larger than the ${mb} MB limit`)
    }
    return { uploadId: saveUpload(bytes, fileName), fileName, size: bytes.length }
  },
  'import.preview': async (input, ctx) => {
    const plan = ctx.plan()
    let path = input.path
    let fileName = path ? basename(path) : ''
    if (input.uploadId) {
      const up = uploadPath(input.uploadId)
      if (!up) throw appError('NOT_FOUND', '上传的文件已失效，请重新选择文件', 'The uploaded file is gone; choose the file again')
      path = up.path
      fileName = up.fileName
    }
    if (!path) throw appError('INVALID_INPUT', '请给出文件路径或上传的文件', 'Give a file path or an uploaded file')
    const { signal, done } = taskSignal(ctx, input.taskId)
    const report = progress(ctx, input.taskId)
    try {
      await yieldToEvents()
      const { preview, writes } = await previewFile(plan, path, {
        ...(input.county ? { county: input.county } : {}),
        ...(input.sheet !== undefined ? { sheet: input.sheet } : {}),
        ...(input.clearBlanks ? { clearBlanks: true } : {}),
        signal,
        onProgress: report,
      })
      if (input.uploadId) preview.fileName = fileName
      preview.sameFileBatch = new ImportBatchRepository(plan.db).committedWithSha(preview.sha256)?.id ?? null
      rememberPreview(plan, preview, writes)
      ctx.emit('progress', { taskId: input.taskId ?? 'import', label: { zh: '预览完成', en: 'Preview ready' }, done: 1, total: 1, finished: true })
      return preview
    } finally {
      done()
    }
  },
  'import.commit': async (input, ctx) => {
    const plan = ensureWritable(ctx.plan())
    const stored = storedPreview(input.previewId)
    if (!stored) throw appError('NOT_FOUND', '预览已失效，请重新预览后再导入', 'The preview has expired; preview the file again')
    if (stored.planPath !== plan.path) throw appError('CONFLICT', '预览针对的是另一个规划，请重新预览', 'The preview was made for another plan; preview again')
    const { signal, done } = taskSignal(ctx, input.taskId)
    try {
      await yieldToEvents()
      const result = commitPreview(plan, stored.preview, stored.writes, {
        ...(input.excludedRows ? { excludedRows: input.excludedRows } : {}),
        ...(input.excludedCells ? { excludedCells: input.excludedCells } : {}),
        signal,
        onProgress: (d, t) => progress(ctx, input.taskId)(d, t, { zh: '写入规划', en: 'Writing the plan' }),
      })
      forgetPreview(input.previewId)
      if (result.setId !== null) ctx.emit('plan.changed', result)
      return result
    } finally {
      done()
    }
  },
  'import.cancel': ({ taskId }) => {
    const ctl = running.get(taskId)
    if (ctl) ctl.abort()
    return { cancelled: ctl !== undefined }
  },
  'import.batches': (_i, ctx) => new ImportBatchRepository(ctx.plan().db).list(),
  'import.rollback': ({ batchId }, ctx) => {
    const result = rollbackBatch(ensureWritable(ctx.plan()), batchId)
    if (result.setId !== null) ctx.emit('plan.changed', result)
    return result
  },
  'import.template': async (input, ctx) => {
    const region = input.county ?? input.prefecture
    if (!region) throw appError('INVALID_INPUT', '请给出县或市（州）代码', 'Give a county or prefecture code')
    const plan = ctx.plan()
    const fileName = `${plan.regions.get(region)?.name ?? region}填报模板.xlsx`
    if (input.path) return { ...(await writeTemplate(plan, region, input.path)), downloadId: null, fileName }
    const slot = newDownload(fileName)
    const r = await writeTemplate(plan, region, slot.path)
    return { ...r, downloadId: slot.id, fileName }
  },
}
