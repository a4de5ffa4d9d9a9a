/**
 * The layout's boundaries, proven by linting snippets as if they were files in shared/, renderer/ or
 * electron/service/: every way of naming a forbidden module is refused (the node: prefix or none, a
 * subpath, any builtin, a package's inner file, a dynamic import() or require()), and the allowed
 * imports still pass.
 */
import { builtinModules } from 'node:module'
import { ESLint } from 'eslint'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const eslint = new ESLint({ cwd: root })

async function errorsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) })
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? '')
}

describe('layout boundaries are enforced by the linter', () => {
  it('shared/ may not import Node, Electron or main-process libraries', async () => {
    expect(await errorsFor('shared/x.ts', "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n")).toContain('no-restricted-imports')
    expect(await errorsFor('shared/x.ts', "import { app } from 'electron'\nexport const x = app\n")).toContain('no-restricted-imports')
    expect(await errorsFor('shared/x.ts', "import Database from 'better-sqlite3'\nexport const x = Database\n")).toContain('no-restricted-imports')
    expect(await errorsFor('shared/x.ts', 'export const x = document.title\n')).toContain('no-restricted-globals')
    expect(await errorsFor('shared/x.ts', "import { z } from 'zod'\nexport const x = z.string()\n")).toEqual([])
  })
  it('renderer/ may not import electron/ code', async () => {
    expect(await errorsFor('renderer/src/x.ts', "import { Plan } from '../../electron/service/plan.ts'\nexport const x = Plan\n")).toContain('no-restricted-imports')
  })
  it('nothing may import ag-grid-enterprise', async () => {
    // assembled so that text searches for the forbidden package find real imports only
    const pkg = ['ag-grid', 'enterprise'].join('-')
    expect(await errorsFor('renderer/src/x.ts', `import '${pkg}'\n`)).toContain('no-restricted-imports')
    expect(await errorsFor('electron/service/x.ts', `import { LicenseManager } from '${pkg}'\nexport const x = LicenseManager\n`)).toContain('no-restricted-imports')
    expect(await errorsFor('renderer/src/x.ts', `import '${['ag-grid-charts', 'enterprise'].join('-')}'\n`)).toContain('no-restricted-imports')
  })

  it('shared/ refuses Node subpaths and every builtin, with or without the node: prefix', async () => {
    for (const src of ['fs/promises', 'node:fs/promises', 'path/posix', 'stream/web', 'assert', 'vm', 'dns', 'perf_hooks', 'node:perf_hooks', 'node:sqlite', 'timers/promises', 'module']) {
      expect(await errorsFor('shared/x.ts', `import * as m from '${src}'\nexport const x = m\n`), src).toContain('no-restricted-imports')
    }
    // every name node:module lists, both spellings
    for (const name of builtinModules) {
      for (const src of [name, `node:${name}`]) expect(await errorsFor('shared/x.ts', `export * from '${src}'\n`), src).toContain('no-restricted-imports')
    }
  })
  it('shared/ and renderer/ refuse the inner files of a forbidden package', async () => {
    for (const file of ['shared/x.ts', 'renderer/src/x.ts']) {
      for (const src of ['better-sqlite3/lib/database', 'better-sqlite3/lib/database.js', 'exceljs/dist/es5', 'electron/main', 'electron/renderer']) {
        expect(await errorsFor(file, `import * as m from '${src}'\nexport const x = m\n`), `${file} ${src}`).toContain('no-restricted-imports')
      }
    }
    expect(await errorsFor('shared/x.ts', "import { jsx } from 'react/jsx-runtime'\nexport const x = jsx\n")).toContain('no-restricted-imports')
  })
  it('dynamic import() and require() of forbidden names are refused too', async () => {
    const pkg = ['ag-grid', 'enterprise'].join('-')
    const cases: [string, string][] = [
      ['renderer/src/x.ts', `export const x = import('${pkg}')\n`],
      ['renderer/src/x.ts', `export const x = import(\`${pkg}/styles\`)\n`],
      ['electron/service/x.ts', `export const x = import('@${pkg}/core')\n`],
      ['shared/x.ts', "export const x = import('node:fs')\n"],
      ['shared/x.ts', "export const x = import('fs/promises')\n"],
      ['shared/x.ts', "export const x = import('better-sqlite3/lib/database')\n"],
      ['shared/x.ts', "declare const require: (s: string) => unknown\nexport const x = require('fs')\n"],
      ['renderer/src/x.ts', "declare const require: (s: string) => unknown\nexport const x = require('electron')\n"],
      ['shared/x.ts', "import fs = require('fs')\nexport const x = fs\n"],
    ]
    for (const [file, code] of cases) expect(await errorsFor(file, code), `${file}: ${code}`).toContain('no-restricted-syntax')
  })
  it('electron/service never imports electron', async () => {
    expect(await errorsFor('electron/service/x.ts', "import { app } from 'electron'\nexport const x = app\n")).toContain('no-restricted-imports')
    expect(await errorsFor('electron/service/x.ts', "export const x = import('electron')\n")).toContain('no-restricted-syntax')
    expect(await errorsFor('electron/main/x.ts', "import { app } from 'electron'\nexport const x = app\n")).toEqual([])
  })
  it('the allowed imports still pass', async () => {
    expect(await errorsFor('shared/x.ts', "import { z } from 'zod'\nimport { FIELDS } from './dictionary/index.ts'\nexport const x = [z, FIELDS, import('./values/coerce.ts')]\n")).toEqual([])
    expect(await errorsFor('renderer/src/x.ts', "import { createRoot } from 'react-dom/client'\nimport { AgGridReact } from 'ag-grid-react'\nexport const x = [createRoot, AgGridReact, import('./pages/index.tsx')]\n")).toEqual([])
    expect(await errorsFor('electron/service/x.ts', "import { readFileSync } from 'node:fs'\nimport Database from 'better-sqlite3'\nexport const x = [readFileSync, Database, import('exceljs')]\n")).toEqual([])
  })
})
