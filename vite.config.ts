import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { embedModule } from './scripts/vite-embed.ts';

// Relative base so `dist/` can be hosted under any path (or embedded in an iframe).
export default defineConfig({
  base: './',
  plugins: [react(), embedModule()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
  },
});
