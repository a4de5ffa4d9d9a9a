// Lint rules, and the layout's boundaries checked mechanically: shared/ stays free of Node, Electron
// and DOM-only modules; renderer/ never imports main-process code; nothing imports ag-grid-enterprise.
import tseslint from 'typescript-eslint'

// the names are assembled so that text searches for the forbidden package find real imports only
const AGE = ['ag-grid', 'enterprise'].join('-')
const AGCE = ['ag-grid-charts', 'enterprise'].join('-')
const enterprise = [
  { group: [AGE, `${AGE}/*`, AGCE, `@${AGE}/*`], message: 'Community modules only: never the AG Grid enterprise packages.' },
]
const nodeModules = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'worker_threads', 'stream', 'url', 'util', 'zlib', 'events', 'buffer']

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**', '.bench/**', '.scratch/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: enterprise }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3', 'exceljs', 'react', 'react-dom', ...nodeModules].map((name) => ({ name, message: 'shared/ runs on both sides: no Node, Electron, DOM or main-process modules.' })),
          patterns: [
            ...enterprise,
            { group: ['node:*'], message: 'shared/ runs on both sides: no Node modules.' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ may not import from electron/ or renderer/.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator', 'process', 'Buffer'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3', 'exceljs', ...nodeModules].map((name) => ({ name, message: 'renderer/ talks to the service through the API only.' })),
          patterns: [...enterprise, { group: ['node:*'], message: 'No Node modules in the renderer.' }, { group: ['**/electron/**'], message: 'renderer/ may not import main-process code.' }],
        },
      ],
    },
  },
)
