#!/usr/bin/env node
// `pnpm docs:gen`: regenerates the two references that come from the code. Never edit their files by hand:
// edit the JSDoc and run `pnpm docs:gen`.
// - Elements: the custom-elements manifest (packages/elements/custom-elements.json) from the element classes'
//   JSDoc with the custom-elements analyzer, then docs/elements/<tag>.md for every element and
//   docs/elements/README.md as an index.
// - Core: docs/api/**, the Markdown API reference of @lora-viz/core, built by TypeDoc with
//   typedoc-plugin-markdown from packages/core/src/index.ts (options in typedoc.json). Build it through this
//   script, not with a bare `typedoc`: the script pins the locale, documents the re-exported `tf` and checks
//   that every export has a page.
//   node scripts/docs.mjs          regenerate the manifest and both references
//   node scripts/docs.mjs --check  change nothing; exit 1 if the manifest or a page is stale, or if an
//                                  export of core has no doc comment
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const elementsDir = join(root, 'packages/elements');
const manifestPath = join(elementsDir, 'custom-elements.json');
const outDir = join(root, 'docs/elements');
const apiDir = join(root, 'docs/api');
const apiScratch = join(root, '.tmp/docs-api');
const check = process.argv.includes('--check');
const TYPEDOC_WORKER = '--typedoc-worker';
// TypeDoc sorts members with `localeCompare`, whose order follows the machine's locale (a Lithuanian one
// sorts `y` as `i` and moves `ToyOptions` up the index): the worker runs under this fixed one.
const TYPEDOC_LOCALE = 'en_US.UTF-8';
// Exit code of the worker when the pages were written but TypeDoc's validation warned (an undocumented export).
const WARNED = 3;

/** Lists every file under `dir` as a path relative to it with `/` separators, sorted. */
function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/**
 * Writes `files` (relative path to text) into `dir`, or in check mode compares them with it; reports each
 * stale file as `<label>/<path>` and returns how many there were. Files of `dir` that `owns` accepts but
 * `files` lacks are stale too (a page whose subject is gone), and are deleted when writing.
 */
function syncFiles(dir, label, files, owns, orphanMessage) {
  let stale = 0;
  for (const [name, text] of files) {
    const path = join(dir, name);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : null;
    if (current === text) continue;
    if (check) {
      stale += 1;
      console.error(`${label}/${name} is ${current === null ? 'missing' : 'out of date'}`);
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
  }
  for (const name of listFiles(dir)) {
    if (!owns(name) || files.has(name)) continue;
    if (check) {
      stale += 1;
      console.error(`${label}/${name} ${orphanMessage}`);
    } else {
      rmSync(join(dir, name));
    }
  }
  if (!check && existsSync(dir)) {
    // Deepest first, so that a folder whose last page went is removed before its parent is looked at.
    const folders = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isDirectory());
    for (const folder of folders
      .map((entry) => join(entry.parentPath, entry.name))
      .sort()
      .reverse()) {
      if (readdirSync(folder).length === 0) rmSync(folder, { recursive: true });
    }
  }
  return stale;
}

/** Regenerates (or checks) the manifest and docs/elements; returns the number of stale files. */
function elementReference() {
  // The analyzer writes into --outdir; in check mode that is a scratch folder compared with the file.
  const analyzeDir = check ? join(root, '.tmp/docs-check') : elementsDir;
  const analyzeOut = check ? '../../.tmp/docs-check' : '.'; // the analyzer resolves --outdir against its cwd
  rmSync(join(root, '.tmp/docs-check'), { recursive: true, force: true });
  const analyze = spawnSync(
    join(elementsDir, 'node_modules/.bin/cem'),
    ['analyze', '--litelement', '--globs', 'src/**/*.ts', '--exclude', 'src/**/*.styles.ts', '--outdir', analyzeOut],
    { cwd: elementsDir, encoding: 'utf8' },
  );
  if (analyze.status !== 0) {
    process.stderr.write(`${analyze.stdout}${analyze.stderr}docs: the custom-elements analyzer failed\n`);
    process.exit(1);
  }
  const elementsPackage = JSON.parse(readFileSync(join(elementsDir, 'package.json'), 'utf8'));
  if (elementsPackage.customElements !== 'custom-elements.json') {
    process.stderr.write('docs: packages/elements/package.json must say "customElements": "custom-elements.json"\n');
    process.exit(1);
  }

  // The analyzer lists modules in directory-read order, which differs between checkouts: sort them.
  const analyzed = JSON.parse(readFileSync(join(analyzeDir, 'custom-elements.json'), 'utf8'));
  analyzed.modules.sort((a, b) => a.path.localeCompare(b.path));
  const generated = `${JSON.stringify(analyzed, null, 2)}\n`;
  if (!check) writeFileSync(manifestPath, generated);
  let stale = 0;
  if (check && (!existsSync(manifestPath) || readFileSync(manifestPath, 'utf8') !== generated)) {
    stale += 1;
    console.error('packages/elements/custom-elements.json is out of date');
  }

  const manifest = JSON.parse(generated);
  const elements = manifest.modules
    .flatMap((module) => (module.declarations ?? []).map((declaration) => ({ module, declaration })))
    .filter(({ declaration }) => declaration.customElement && declaration.tagName)
    .sort((a, b) => a.declaration.tagName.localeCompare(b.declaration.tagName));

  const files = new Map();
  for (const element of elements) files.set(`${element.declaration.tagName}.md`, page(element));
  files.set(
    'README.md',
    [
      '<!-- Generated by scripts/docs.mjs from packages/elements/custom-elements.json. Do not edit. -->',
      '',
      '# Element reference',
      '',
      'Every element of `@lora-viz/elements`, generated from the classes’ JSDoc through the custom-elements manifest.',
      '',
      ...elements.map(({ declaration: d }) => `- [\`<${d.tagName}>\`](${d.tagName}.md): ${cell(d.summary)}`),
      '',
    ].join('\n'),
  );
  return (
    stale +
    syncFiles(
      outDir,
      'docs/elements',
      files,
      (name) => !name.includes('/') && name.endsWith('.md'),
      'documents no element any more',
    )
  );
}

const cell = (text) =>
  String(text ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim() || '—';
const code = (text) => (text ? `\`${String(text).replace(/`/g, "'")}\`` : '—');

function table(headers, rows) {
  if (rows.length === 0) return [];
  return [
    `| ${headers.join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
    '',
  ];
}

function page({ module, declaration: d }) {
  const members = (d.members ?? []).filter(
    (m) =>
      m.kind === 'field' &&
      !m.static &&
      m.privacy !== 'private' &&
      m.privacy !== 'protected' &&
      !m.name.startsWith('_'),
  );
  const methods = (d.members ?? []).filter(
    (m) =>
      m.kind === 'method' &&
      !m.static &&
      m.privacy !== 'private' &&
      m.privacy !== 'protected' &&
      !m.name.startsWith('_'),
  );
  const attributes = d.attributes ?? [];
  const entry = `@lora-viz/elements/${d.tagName}.js`;
  return [
    `<!-- Generated by scripts/docs.mjs from packages/elements/custom-elements.json. Do not edit. -->`,
    '',
    `# \`<${d.tagName}>\``,
    '',
    d.summary ? `${d.summary}\n` : '',
    d.description ? `${d.description}\n` : '',
    '## Load it',
    '',
    '```html',
    `<script type="module">import '${entry}';</script>`,
    `<${d.tagName}></${d.tagName}>`,
    '```',
    '',
    `Class \`${d.name}\` (exported from \`@lora-viz/elements\`; source \`packages/elements/${module.path}\`).`,
    '',
    ...(attributes.length ? ['## Attributes', ''] : []),
    ...table(
      ['attribute', 'property', 'type', 'default', 'description'],
      attributes.map((a) => [code(a.name), code(a.fieldName), code(a.type?.text), code(a.default), a.description]),
    ),
    ...(members.length ? ['## Properties', ''] : []),
    ...table(
      ['property', 'type', 'default', 'description'],
      members.map((m) => [
        code(m.name) + (m.readonly ? ' (read-only)' : ''),
        code(m.type?.text),
        code(m.default),
        m.description,
      ]),
    ),
    ...(methods.length ? ['## Methods', ''] : []),
    ...table(
      ['method', 'returns', 'description'],
      methods.map((m) => [
        code(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`),
        code(m.return?.type?.text),
        m.description,
      ]),
    ),
    ...((d.events ?? []).length ? ['## Events', ''] : []),
    ...table(
      ['event', 'detail', 'description'],
      (d.events ?? []).map((e) => [code(e.name), code(e.type?.text), e.description]),
    ),
    ...((d.cssParts ?? []).length ? ['## CSS parts', ''] : []),
    ...table(
      ['part', 'description'],
      (d.cssParts ?? []).map((p) => [code(p.name), p.description]),
    ),
    ...((d.cssProperties ?? []).length ? ['## CSS custom properties', ''] : []),
    ...table(
      ['property', 'default', 'description'],
      (d.cssProperties ?? []).map((p) => [code(p.name), code(p.default), p.description]),
    ),
    ...((d.slots ?? []).length ? ['## Slots', ''] : []),
    ...table(
      ['slot', 'description'],
      (d.slots ?? []).map((s) => [code(s.name || '(default)'), s.description]),
    ),
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()
    .concat('\n');
}

/**
 * Starts TypeDoc on core in a child process that runs under a fixed locale (see `typedocWorker`) and
 * writes into a scratch folder; resolves to its exit code. It runs while the analyzer works on the elements.
 */
function startTypedoc() {
  rmSync(apiScratch, { recursive: true, force: true });
  const worker = spawn(process.execPath, [fileURLToPath(import.meta.url), TYPEDOC_WORKER, apiScratch], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, LC_ALL: TYPEDOC_LOCALE, LANG: TYPEDOC_LOCALE },
  });
  process.on('exit', () => worker.exitCode === null && worker.kill()); // when the analyzer fails first
  return new Promise((done) => {
    worker.on('error', (error) => {
      console.error(String(error));
      done(1);
    });
    worker.on('close', (code) => done(code ?? 1));
  });
}

/**
 * Syncs TypeDoc's pages into docs/api, or compares them with it; returns the number of stale files, plus
 * one if TypeDoc's validation warned.
 */
function apiReference(status) {
  if (status !== 0 && status !== WARNED) {
    console.error('docs: TypeDoc failed to build the core API reference (see above)');
    process.exit(1);
  }
  const files = new Map(listFiles(apiScratch).map((name) => [name, readFileSync(join(apiScratch, name), 'utf8')]));
  rmSync(apiScratch, { recursive: true, force: true });
  const stale = syncFiles(apiDir, 'docs/api', files, () => true, 'documents no export of core any more');
  if (status === WARNED) {
    console.error(
      'docs: TypeDoc warned (above): give every export of @lora-viz/core, and each of its members, a doc comment',
    );
    return stale + 1;
  }
  return stale;
}

/**
 * Runs in the child process: converts core with TypeDoc and writes the Markdown pages into `out`. It
 * also makes sure that every export of packages/core/src/index.ts has a page.
 */
async function typedocWorker(out) {
  const {
    Application,
    Comment,
    Converter,
    ReflectionFlag,
    ReflectionKind,
    TSConfigReader,
    TypeDocReader,
    UnknownType,
  } = await import('typedoc');
  const { default: ts } = await import('typescript');
  const app = await Application.bootstrapWithPlugins({ options: join(root, 'typedoc.json'), out, logLevel: 'Warn' }, [
    new TypeDocReader(),
    { name: 'lora-viz-entry-files-only', order: 150, supportsPackages: false, read: narrowProgram },
    new TSConfigReader(),
  ]);
  // `excludeExternals` keeps tfjs's thousand declarations out of the reference, but it also drops the
  // re-exported `tf` namespace itself. Such a re-export of a whole package gets a page of its own as a
  // constant of type `typeof import('<package>')` with the export's doc comment. (Not as a namespace: the
  // Markdown plugin would file that under docs/api/@lora-viz/, the scope of the project's name.)
  app.converter.on(
    Converter.EVENT_RESOLVE_BEGIN,
    (context) => {
      for (const { entry, exported, program } of entryExports(ts, context)) {
        if (context.project.getChildByName(exported.name)) continue;
        const target = program.getTypeChecker().getAliasedSymbol(exported);
        const file = target.declarations?.find((d) => ts.isSourceFile(d))?.fileName;
        const pkg = file && /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1];
        if (!pkg) continue;
        context.setActiveProgram(program); // TypeDoc reads the doc comment through the active program
        const reflection = context.createDeclarationReflection(ReflectionKind.Variable, undefined, exported);
        reflection.setFlag(ReflectionFlag.Const);
        reflection.type = new UnknownType(`typeof import('${pkg}')`);
        reflection.comment ??= new Comment([
          { kind: 'text', text: `The \`${pkg}\` package, re-exported by ${entry}.` },
        ]);
        context.finalizeDeclarationReflection(reflection);
        context.setActiveProgram(undefined);
      }
    },
    1000, // first, so that the comment, group and category plugins treat it like any other export
  );
  app.converter.on(Converter.EVENT_END, (context) => {
    for (const { entry, exported } of entryExports(ts, context)) {
      if (!context.project.getChildByName(exported.name)) {
        app.logger.error(`the export ${exported.name} of ${entry} is missing from the API reference`);
      }
    }
  });
  const project = await app.convert();
  if (!project || app.logger.hasErrors()) process.exit(1);
  app.validate(project);
  const warned = app.logger.hasWarnings();
  await app.generateOutputs(project);
  if (app.logger.hasErrors()) process.exit(1);
  process.exit(warned ? WARNED : 0);
}

/**
 * An options reader that runs between typedoc.json and the tsconfig: it swaps the configured tsconfig for a
 * scratch one with the same compiler options whose program holds only the entry points and what they import.
 * Otherwise TypeDoc would also parse core's tests and their libraries, which takes seconds and adds nothing.
 */
function narrowProgram(options) {
  const tsconfig = options.getValue('tsconfig');
  const narrowed = join(root, '.tmp/docs-api-tsconfig.json');
  const typeRoots = join(dirname(tsconfig), 'node_modules/@types'); // where the original would find `types`
  const config = {
    extends: tsconfig,
    compilerOptions: existsSync(typeRoots) ? { typeRoots: [typeRoots] } : {},
    files: options.getValue('entryPoints').map((entry) => resolve(root, entry)),
    include: [],
  };
  mkdirSync(dirname(narrowed), { recursive: true });
  writeFileSync(narrowed, `${JSON.stringify(config, null, 2)}\n`);
  options.setValue('tsconfig', narrowed);
}

/** Lists every export of TypeDoc's entry points, sorted by name, with the program that declares it. */
function entryExports(ts, context) {
  const found = [];
  for (const option of context.converter.application.options.getValue('entryPoints')) {
    const path = resolve(root, option);
    const entry = relative(root, path).split(sep).join('/');
    const program = context.programs.find((p) => p.getSourceFile(path));
    const module = program?.getTypeChecker().getSymbolAtLocation(program.getSourceFile(path));
    if (!module) throw new Error(`docs: TypeDoc's program has no entry point ${entry}`);
    for (const exported of program.getTypeChecker().getExportsOfModule(module))
      found.push({ entry, exported, program });
  }
  return found.sort((a, b) => (a.exported.name < b.exported.name ? -1 : a.exported.name > b.exported.name ? 1 : 0));
}

if (process.argv[2] === TYPEDOC_WORKER) {
  await typedocWorker(process.argv[3]);
} else {
  const started = Date.now();
  const typedoc = startTypedoc();
  const stale = elementReference() + apiReference(await typedoc);
  if (check && stale > 0) {
    console.error('Run `pnpm docs:gen` to regenerate the manifest, the element reference and the API reference.');
    process.exit(1);
  }
  console.log(`docs: ${check ? 'checked' : 'generated'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
