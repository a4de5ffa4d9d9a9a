/**
 * Import speed (issue 5): a 2,000-row county return previews within 1 s; a 35,000-row province
 * workbook previews within 1.3× the time exceljs's streaming reader alone takes to read it (the floor,
 * measured in the same run) and commits within 2 s; peak memory of preview + commit under 500 MB
 * (GNU time -v on a child process).
 */
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import { execFile } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { commitPreview } from '../../electron/service/import/commit.ts'
import { previewBuffer } from '../../electron/service/import/import-service.ts'
import { Plan } from '../../electron/service/plan.ts'
import { figure, median, medianMs, type BenchCase, reps } from '../harness.ts'
import { writeReturn } from '../import-return-gen.ts'

async function exceljsStreamRead(path: string): Promise<number> {
  let cells = 0
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' })
  for await (const ws of reader) for await (const row of ws) cells += (row.values as unknown[]).length
  return cells
}

/** The bare-library floor of a commit: the same number of 30-column rows and change-log rows, one transaction. */
function bareInserts(path: string, rows: number): void {
  rmSync(path, { force: true })
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  const cols = Array.from({ length: 30 }, (_, i) => `c${i}`)
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, ${cols.join(', ')}); CREATE TABLE log (id INTEGER PRIMARY KEY, row_id INTEGER, v TEXT)`)
  const ins = db.prepare(`INSERT INTO t (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
  const log = db.prepare('INSERT INTO log (row_id, v) VALUES (?, ?)')
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const values = cols.map((_, k) => (k % 3 === 0 ? `安置点${i}-${k}` : i * k))
      const id = Number(ins.run(...values).lastInsertRowid)
      log.run(id, JSON.stringify(values))
    }
  })()
  db.close()
  rmSync(path, { force: true })
}

export const cases: BenchCase[] = [
  {
    name: 'import',
    async run(ctx) {
      const plan = Plan.create(':memory:', '520000')
      const counties = plan.regions.counties('520000').map((c) => ({ code: c.code, name: c.name }))
      const county = join(ctx.workDir, 'import-county-2000.xlsx')
      if (!existsSync(county)) await writeReturn(county, 2000, counties.slice(0, 1))
      const bigRows = ctx.quick ? 10000 : 35000
      const province = join(ctx.workDir, `import-province-${bigRows}.xlsx`)
      if (!existsSync(province)) await writeReturn(province, bigRows, counties)
      const countyBuf = readFileSync(county)
      const provinceBuf = readFileSync(province)
      await previewBuffer(plan, countyBuf, 'warm.xlsx')
      const countyFloorMs = await medianMs(5, () => exceljsStreamRead(county))
      const countyMs = await medianMs(5, () => previewBuffer(plan, countyBuf, 'county.xlsx'))
      const floorMs = await medianMs(3, () => exceljsStreamRead(province))
      const bigMs = await medianMs(3, () => previewBuffer(plan, provinceBuf, 'province.xlsx'))
      plan.close()
      // commit into a new plan file, timed alone
      const commits: number[] = []
      for (let i = 0; i < reps(3); i++) {
        const path = join(ctx.workDir, `import-commit-${i}.anju`)
        rmSync(path, { force: true })
        const target = Plan.create(path, '520000')
        const { preview, writes } = await previewBuffer(target, provinceBuf, 'province.xlsx')
        const t0 = performance.now()
        const r = commitPreview(target, preview, writes, {})
        commits.push(performance.now() - t0)
        if (r.counts.insert !== bigRows) throw new Error(`expected ${bigRows} inserts, got ${r.counts.insert}`)
        target.close()
        rmSync(path, { force: true })
      }
      const commitMs = median(commits)
      const commitFloorMs = await medianMs(3, () => bareInserts(join(ctx.workDir, 'import-floor.sqlite'), bigRows))
      // peak memory of preview + commit in a child process
      const memPlan = join(ctx.workDir, 'import-memory.anju')
      rmSync(memPlan, { force: true })
      const child = join(import.meta.dirname, '..', 'import-memory-child.ts')
      const { stderr } = await promisify(execFile)('/usr/bin/time', ['-v', process.execPath, '--import', 'tsx', child, province, memPlan], { maxBuffer: 16 * 1024 * 1024 })
      rmSync(memPlan, { force: true })
      const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? NaN)
      const rssMb = rssKb / 1024
      return [
        figure('import: preview a 2,000-row county return (floor: exceljs streaming read)', countyMs, 'ms', '≤ 1000 ms', countyMs <= 1000, countyFloorMs),
        figure(`import: preview a ${bigRows.toLocaleString('en-US')}-row province workbook (floor: exceljs streaming read)`, bigMs, 'ms', '≤ 1.3× floor', bigMs <= floorMs * 1.3, floorMs),
        figure(`import: commit ${bigRows.toLocaleString('en-US')} rows (floor: bare better-sqlite3 row + log inserts)`, commitMs, 'ms', '≤ 2000 ms', commitMs <= 2000, commitFloorMs),
        figure(`import: peak RSS, preview + commit of ${bigRows.toLocaleString('en-US')} rows`, rssMb, 'MB', '< 500 MB', rssMb < 500),
      ]
    },
  },
]
