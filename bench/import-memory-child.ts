/**
 * Child process of the import benchmark: preview and commit one workbook into a new plan, so the
 * parent can measure the peak RSS of exactly that under GNU time -v.
 */
import { readFileSync } from 'node:fs'
import { commitPreview } from '../electron/service/import/commit.ts'
import { previewBuffer } from '../electron/service/import/import-service.ts'
import { Plan } from '../electron/service/plan.ts'

const [file, planPath] = process.argv.slice(2)
const plan = Plan.create(planPath!, '520000')
const { preview, writes } = await previewBuffer(plan, readFileSync(file!), 'province.xlsx')
const r = commitPreview(plan, preview, writes, {})
plan.close()
process.stdout.write(`${JSON.stringify(r.counts)}\n`)
