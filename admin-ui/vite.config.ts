import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Writes `<file>.br` (quality 11) and `<file>.gz` (level 9) beside each text asset of the build, once, so that
 * the API sends them as they are (@fastify/static `preCompressed`, api/src/plugins/external/static-ui.ts)
 * instead of compressing on every response or not at all. index.html is left out: the API fills in a
 * fresh nonce on each response. Fonts (woff2) are compressed already; tiny files and files that do not
 * shrink get no copy and are sent as they are.
 */
function precompress(): Plugin {
  const COMPRESSIBLE = /\.(js|mjs|css|svg|json|txt|map)$/;
  return {
    name: 'diploma-desk:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      const files = Object.keys(bundle).filter((file) => COMPRESSIBLE.test(file));
      await Promise.all(
        files.map(async (file) => {
          const full = path.join(dir, file);
          const data = await readFile(full);
          if (data.length < 1024) return;
          const [gz, br] = await Promise.all([
            gzipAsync(data, { level: 9 }),
            brotliAsync(data, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: 11,
                [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              },
            }),
          ]);
          if (gz.length < data.length * 0.9) await writeFile(`${full}.gz`, gz);
          if (br.length < data.length * 0.9) await writeFile(`${full}.br`, br);
        }),
      );
    },
  };
}

/** Modules of these packages (and of no package whose name merely starts the same). */
const packages = (names: string[]) => new RegExp(`[\\\\/]node_modules[\\\\/](${names.join('|')})[\\\\/]`);
const NODE_MODULES = /[\\/]node_modules[\\/]/;

/** What only list screens use: react-admin's list views and controllers, MUI's tables, the CSV exporter. */
const LIST_SCREENS = new RegExp(
  [
    String.raw`[\\/]node_modules[\\/]ra-ui-materialui[\\/]dist[\\/]list[\\/]`,
    String.raw`[\\/]node_modules[\\/]ra-core[\\/]dist[\\/](controller[\\/]list|dataTable|export)[\\/]`,
    String.raw`[\\/]node_modules[\\/]@mui[\\/]material[\\/](Table|Pagination)`,
    String.raw`[\\/]node_modules[\\/]jsonexport[\\/]`,
  ].join('|'),
);

/**
 * How the production build is cut (issue 6, part 3). Every screen is its own chunk, fetched when first
 * visited (React.lazy: each resource's index.ts, the dashboard in App.tsx, the request page's documents and
 * audit tabs, the document preview, the graduate's own request). The library code the login page and the
 * layout need goes into vendor chunks of their own, apart from the app's code, so that a release that
 * changes only the app leaves them in the browser's cache: React; MUI with emotion; react-admin with its
 * router, forms and queries; the rest. Library code that only screens use is grouped so that a screen
 * fetches a few chunks rather than dozens of tiny ones: what three screens or more share, then what the
 * lists share (not fetched by the dashboard or a graduate's pages); the rest goes with its screens.
 *
 * Groups take their modules' dependencies along and are formed in priority order, so a group imports only
 * the groups before it and no two chunks import each other (rolldown's `entriesAware` subgroups did form
 * such a cycle, and a screen failed with "E is not a function"). `pnpm bench:ui` (bench/src/ui.ts) measures
 * what a first visit fetches.
 */
const CHUNK_GROUPS = [
  { name: 'react', test: packages(['react', 'react-dom', 'scheduler']), priority: 40 },
  {
    name: 'mui',
    test: packages([
      '@mui',
      '@emotion',
      '@popperjs',
      'stylis',
      'stylis-plugin-rtl',
      'cssjanus',
      'react-transition-group',
    ]),
    tags: ['$initial' as const],
    priority: 30,
  },
  {
    name: 'react-admin',
    test: packages(['react-admin', 'ra-[a-z-]+', 'react-router', 'react-router-dom', 'react-hook-form', '@tanstack']),
    tags: ['$initial' as const],
    priority: 20,
  },
  { name: 'vendor', test: NODE_MODULES, tags: ['$initial' as const], priority: 10 },
  {
    name: 'screens-vendor',
    test: (id: string) => NODE_MODULES.test(id) && !LIST_SCREENS.test(id),
    minShareCount: 3,
    priority: 6,
  },
  { name: 'lists-vendor', test: LIST_SCREENS, minShareCount: 2, priority: 5 },
];

export default defineConfig({
  plugins: [react(), precompress()],
  base: '/',
  // The API replaces this in index.html with a fresh nonce for each response and names the same nonce in its
  // Content-Security-Policy (api/src/plugins/external/static-ui.ts); emotion reads it from the meta tag
  // Vite adds (src/theme/cspNonce.ts).
  html: { cspNonce: '__CSP_NONCE__' },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: { output: { codeSplitting: { groups: CHUNK_GROUPS } } },
  },
});
