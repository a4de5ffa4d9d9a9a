// Build of the three bundles: Electron main, the sandboxed preload (one CommonJS file), the renderer.
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const root = import.meta.dirname

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // the browser shell is bundled beside Electron's main so it starts without compiling TypeScript
      rolldownOptions: { input: { index: resolve(root, 'electron/main/index.ts'), web: resolve(root, 'electron/web/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    build: {
      outDir: 'out/renderer',
      minify: process.env['ANJU_UNMINIFIED'] !== '1',
      chunkSizeWarningLimit: 4000,
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
    plugins: [react()],
  },
})
