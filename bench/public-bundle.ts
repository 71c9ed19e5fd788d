// What a first visit downloads: the public portal (public.html → /public/) next to the staff app
// (index.html), in JavaScript bytes raw and gzip, read from web/dist by following each entry's static
// `import` statements. Exits 1 when the portal can reach (statically or lazily) a chunk holding the
// staff app's own code: module ids per chunk come from an in-memory build with the same config.
// Run after `npm run build:web`: node bench/public-bundle.ts
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createBuilder, type Rolldown } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const assets = join(root, 'web/dist/assets');
const source = (file: string) => readFileSync(join(assets, file), 'utf8');

/** A chunk's imports, from its emitted text: `import{…}from"./x.js"`, `import"./x.js"`, `import("./x.js")`. */
function imports(file: string) {
  const text = source(file);
  const found = (re: RegExp) => [...text.matchAll(re)].map((m) => m[1].slice(2));
  return {
    static: found(/(?<![\w$.])(?:import|export)\s*(?:[\w$*{}\s,]+from\s*)?["'`](\.\/[^"'`]+\.js)["'`]/g),
    dynamic: found(/(?<![\w$.])import\(\s*["'`](\.\/[^"'`]+\.js)["'`]\s*\)/g),
  };
}

/** Every chunk `files` lead to, through static imports only or (lazy) through dynamic ones too. */
function closure(files: string[], lazy = false): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const i = imports(file);
    for (const next of lazy ? [...i.static, ...i.dynamic] : i.static) visit(next);
  };
  files.forEach(visit);
  return seen;
}

/** The entry script of an HTML file, and what it preloads. */
function entry(html: string) {
  const text = readFileSync(join(root, 'web/dist', html), 'utf8');
  const script = /<script type="module"[^>]*src="\/assets\/([^"]+)"/.exec(text)![1];
  const preloads = [...text.matchAll(/rel="modulepreload"[^>]*href="\/assets\/([^"]+)"/g)].map((m) => m[1]);
  return { script, preloads };
}

const size = (files: Set<string>) => {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(join(assets, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: files.size, raw, gzip };
};

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const rows: Record<string, { files: number; raw: string; gzip: string }> = {};
const firstPages = { 'public.html': 'HomePage-', 'index.html': 'LoginPage-' };
const loads: Record<string, Set<string>> = {};
for (const [html, page] of Object.entries(firstPages)) {
  const { script, preloads } = entry(html);
  const load = closure([script]);
  const missing = preloads.filter((p) => !load.has(p));
  if (missing.length) console.warn(`${html}: preloaded but not imported: ${missing.join(', ')}`);
  loads[html] = load;
  const first = imports(script).dynamic.find((f) => f.startsWith(page));
  const withPage = first ? closure([...load, first]) : load;
  for (const [label, files] of [
    [`${html} entry`, load],
    [`${html} + ${page.slice(0, -1)}`, withPage],
  ] as const) {
    const s = size(files);
    rows[label] = { files: s.files, raw: kb(s.raw), gzip: kb(s.gzip) };
  }
}
console.table(rows);

// The staff app's own code: every module of web/src outside what README.md names as shared. Module
// ids per chunk come from a second build in memory; its hashes may differ from web/dist's (whether
// the logo is inlined depends on which of HTML and JS reaches it first), so chunks are matched by
// name and by their code with hashes taken out.
const SHARED = /^(i18n|api|components|drawview|public|assets)\/|^(theme\.ts|styles\.css)$/;
const unhashed = (code: string) => code.replace(/-[\w-]{8}\.(js|css|svg)\b/g, '.$1');
const nameOf = (file: string) => file.replace(/-[\w-]{8}\.js$/, '');
const built: { name: string; code: string; own: string[] }[] = [];
const builder = await createBuilder(
  {
    configFile: join(root, 'web/vite.config.ts'),
    logLevel: 'silent',
    build: { write: false },
    plugins: [
      {
        name: 'chunk-modules',
        enforce: 'post',
        generateBundle(_: unknown, bundle: Record<string, Rolldown.OutputAsset | Rolldown.OutputChunk>) {
          for (const chunk of Object.values(bundle)) {
            if (chunk.type !== 'chunk' || !chunk.fileName.startsWith('assets/')) continue;
            const own = chunk.moduleIds
              .filter((id) => id.startsWith(join(root, 'web/src/')))
              .map((id) => relative(join(root, 'web/src'), id.split('?')[0]))
              .filter((path) => !SHARED.test(path));
            built.push({ name: nameOf(chunk.fileName.slice(7)), code: unhashed(chunk.code), own });
          }
        },
      },
    ],
  },
  null,
);
await builder.buildApp();
/** The staff modules in a chunk of web/dist (a chunk with no twin in the fresh build counts as staff). */
function staffModules(file: string): string[] {
  const twins = built.filter((c) => c.name === nameOf(file));
  const code = unhashed(source(file));
  const twin = twins.find((c) => c.code === code) ?? (twins.length === 1 ? twins[0] : undefined);
  return twin ? twin.own : [`(${file} has no twin in a fresh build: is web/dist stale?)`];
}
const reachable = closure([entry('public.html').script], true);
const leaks = [...reachable]
  .map((file) => [file, staffModules(file)] as const)
  .filter(([, own]) => own.length);
for (const [file, own] of leaks) console.error(`public.html reaches ${file}: ${own.join(', ')}`);
const staffChunks = built.filter((c) => c.own.length).length;
console.log(
  leaks.length
    ? `FAIL: ${leaks.length} chunks with staff code reachable from public.html`
    : `ok: none of the ${staffChunks} chunks with staff code is among the ${reachable.size} public.html can load`,
);
process.exit(leaks.length ? 1 : 0);
