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
})
