/**
 * Vite plugin: embed.js, the host-side module for course pages, built on its own next to
 * the app (dist/embed.js, no shared chunks, so a page can load it alone), and served at
 * /embed.js by the dev server.
 */
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'vite';

const ENTRY = fileURLToPath(new URL('../src/embed/embed.ts', import.meta.url));

export function embedModule(): Plugin {
  let outDir = 'dist';
  let building = false;
  return {
    name: 'raft-playground-embed',
    configResolved(config) {
      outDir = config.build.outDir;
      building = config.command === 'build';
    },
    async closeBundle() {
      if (!building) return;
      await build({
        configFile: false,
        logLevel: 'warn',
        build: {
          outDir,
          emptyOutDir: false,
          target: 'es2022',
          lib: { entry: ENTRY, formats: ['es'], fileName: () => 'embed.js' },
        },
      });
    },
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        if (req.url?.split('?')[0] !== '/embed.js') return next();
        const result = await server.transformRequest('/src/embed/embed.ts');
        if (result === null) return next();
        res.setHeader('Content-Type', 'text/javascript');
        res.end(result.code);
      });
    },
  };
}
