/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // A desktop app loads its assets from disk: one bundle is fine.
  build: { chunkSizeWarningLimit: 2000 },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    // Rendering Mantine forms in jsdom takes seconds on a busy 2-core
    // machine; the default 5 s limit fails tests there that pass alone.
    testTimeout: 30_000,
  },
});
