// Lint rules, and the layout's boundaries checked mechanically: shared/ stays free of Node, Electron
// and DOM-only modules; renderer/ never imports main-process code; electron/service never imports
// electron; nothing imports ag-grid-enterprise. Each boundary is a regular expression over the import
// source, so subpaths (fs/promises, better-sqlite3/lib/database) are caught as well as the names, and
// it is applied to static imports and re-exports (no-restricted-imports) and to dynamic import(),
// require() and `import x = require()` with a literal source (no-restricted-syntax).
import { builtinModules } from 'node:module'
import tseslint from 'typescript-eslint'

// the names are assembled so that text searches for the forbidden package find real imports only
const AGE = ['ag-grid', 'enterprise'].join('-')
const AGCE = ['ag-grid-charts', 'enterprise'].join('-')

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** a source naming one of these packages or any subpath of it */
const packages = (names) => `(?:${names.map(escape).join('|')})(?:/.*)?`
/** every Node builtin (node:module's list, with and without the node: prefix, and node:-only ones such as node:sqlite) */
const NODE = `node:.*|${packages(builtinModules)}`

/** a boundary: which import sources are forbidden, and why */
const rule = (source, message) => ({ regex: `^(?:${source})$`, message })
const enterprise = rule(`@${escape(AGE)}/.*|${packages([AGE, AGCE])}`, 'Community modules only: never the AG Grid enterprise packages.')

// esquery regular expressions may not contain a slash: write it as \x2F
const selectorRegex = (re) => re.replaceAll('/', '\\x2F')
/** the same boundaries for import(), require() and `import x = require()` with a literal source */
function dynamicImports(rules) {
  return rules.flatMap(({ regex, message }) => {
    const re = `/${selectorRegex(regex)}/`
    return [
      { selector: `ImportExpression[source.type='Literal'][source.value=${re}]`, message },
      { selector: `ImportExpression[source.type='TemplateLiteral'][source.expressions.length=0][source.quasis.0.value.cooked=${re}]`, message },
      { selector: `CallExpression[callee.type='Identifier'][callee.name='require'][arguments.0.type='Literal'][arguments.0.value=${re}]`, message },
      { selector: `TSImportEqualsDeclaration > TSExternalModuleReference[expression.value=${re}]`, message },
    ]
  })
}
/** both rules for a set of boundaries (a later block replaces an earlier one's options, so each lists all it needs) */
function boundaries(rules, groups = []) {
  return {
    'no-restricted-imports': ['error', { patterns: [...rules, ...groups] }],
    'no-restricted-syntax': ['error', ...dynamicImports(rules)],
  }
}

const sharedMessage = 'shared/ runs on both sides: no Node, Electron, DOM or main-process modules.'
const rendererMessage = 'renderer/ talks to the service through the API only: no Node, Electron or main-process modules.'

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**', '.bench/**', '.scratch/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      ...boundaries([enterprise]),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      ...boundaries(
        [enterprise, rule(NODE, sharedMessage), rule(packages(['electron', 'better-sqlite3', 'exceljs', 'react', 'react-dom']), sharedMessage)],
        [{ group: ['**/electron/**', '**/renderer/**'], message: 'shared/ may not import from electron/ or renderer/.' }],
      ),
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator', 'process', 'Buffer'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: boundaries(
      [enterprise, rule(NODE, rendererMessage), rule(packages(['electron', 'better-sqlite3', 'exceljs']), rendererMessage)],
      [{ group: ['**/electron/**'], message: 'renderer/ may not import main-process code.' }],
    ),
  },
  {
    files: ['electron/service/**/*.ts', 'electron/cli/**/*.ts', 'electron/web/**/*.ts'],
    rules: boundaries([enterprise, rule(packages(['electron']), 'The service (and the CLI and browser shell on it) runs under plain Node: never import electron.')]),
  },
)
