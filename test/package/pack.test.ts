/**
 * The package works as a package: `npm pack` gives a lean tarball that installs into an empty
 * project, where `import { compare } from 'redline'` compares two DOCX and `verify` passes the
 * redline (under Node 20, and Node 22 from the npm registry's `node-<platform>-<arch>` package),
 * a strict TypeScript consumer type-checks against the shipped declarations, and `npx redline`
 * runs the command line. Installing needs the npm registry (the dependencies' metadata; their
 * tarballs come from npm's cache): without it the test skips with a notice, and with CI=true it
 * is mandatory.
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { requireOrSkip } from '../helpers/shared.js';

const ROOT = resolve(__dirname, '../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function run(command: string, args: readonly string[], cwd: string, timeout = 300_000): SpawnSyncReturns<string> {
  return spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 << 20,
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
  });
}

const work = tempDir('redline-pack-');
const project = join(work, 'project');
let tarball = '';
let installed = false;

/** Packs the project (dist/ is built by `npm test`) and installs the tarball into an empty project. */
function packAndInstall(): boolean {
  const packed = run(NPM, ['pack', '--pack-destination', work, '--json'], ROOT);
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  tarball = join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0]?.filename ?? '');
  spawnSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const install = run(NPM, ['install', '--prefer-offline', tarball], project);
  return install.status === 0;
}

const CONSUMER_JS = `import { readFile } from 'node:fs/promises';
import { compare, verify } from 'redline';
const old = { bytes: await readFile('old.docx'), name: 'old.docx' };
const neu = { bytes: await readFile('new.docx'), name: 'new.docx' };
const { value } = await compare(old, neu, { outputs: { docx: true, json: true } });
const check = await verify({ bytes: value.outputs.docx, name: 'redline.docx' }, old, neu);
const { total, renumbered } = JSON.parse(value.outputs.json).summary;
console.log(JSON.stringify({ changes: value.changes.length, summary: total + renumbered, ok: check.value.ok }));
`;

const CONSUMER_TS = `import { compare, InputError, type Change, type Comparison, type Result } from 'redline';

export async function substantiveChanges(old: Uint8Array, neu: Uint8Array): Promise<readonly Change[]> {
  try {
    const result: Result<Comparison> = await compare({ bytes: old, name: 'old.docx' }, { bytes: neu, name: 'new.docx' }, { ignoreQuotes: true, outputs: { pdf: { pageSize: 'Letter' }, json: true } });
    const pdf: Uint8Array | undefined = result.value.outputs.pdf;
    return pdf === undefined ? [] : result.value.changes.filter((c) => c.kind !== 'renumber');
  } catch (error) {
    if (error instanceof InputError) return [];
    throw error;
  }
}
`;

describe('the package, packed and installed', () => {
  beforeAll(() => {
    installed = packAndInstall();
    if (installed) {
      copyFileSync(join(ROOT, 'samples/compare/section-g-v1.docx'), join(project, 'old.docx'));
      copyFileSync(join(ROOT, 'samples/compare/section-g-v2.docx'), join(project, 'new.docx'));
      writeFileSync(join(project, 'consumer.mjs'), CONSUMER_JS);
    }
  }, 600_000);

  it('packs only what is needed: the compiled program, its declarations, the schema, the README', () => {
    const listing = run('tar', ['tzf', tarball], work)
      .stdout.split('\n')
      .filter((f) => f !== '' && !f.endsWith('/'));
    expect(listing).toContain('package/dist/index.js');
    expect(listing).toContain('package/dist/index.d.ts');
    expect(listing).toContain('package/dist/cli/main.js');
    expect(listing).toContain('package/src/exporters/json/change-set.schema.json');
    const unexpected = listing.filter((f) => !/^package\/(dist\/.+\.(js|d\.ts)|src\/exporters\/json\/change-set\.schema\.json|package\.json|README\.md|LICENSE)$/.test(f));
    expect(unexpected).toEqual([]);
  });

  const canInstall = (): boolean => requireOrSkip('the npm registry (to install the packed tarball)', installed);

  it('imports, compares and verifies under Node 20', () => {
    if (!canInstall()) return;
    const result = run(process.execPath, ['consumer.mjs'], project);
    expect(result.stderr).toBe('');
    const summary = JSON.parse(result.stdout) as { changes: number; summary: number; ok: boolean };
    expect(summary.changes).toBeGreaterThan(50);
    expect(summary.summary).toBe(summary.changes);
    expect(summary.ok).toBe(true);
  }, 120_000);

  it('imports, compares and verifies under Node 22 (from the npm registry)', () => {
    if (!canInstall()) return;
    const node22 = join(work, 'node22');
    spawnSync('mkdir', ['-p', node22]);
    writeFileSync(join(node22, 'package.json'), JSON.stringify({ private: true }));
    const fetched = run(NPM, ['install', '--prefer-offline', `node-${process.platform}-${process.arch}@22`], node22).status === 0;
    if (!requireOrSkip('Node 22 (npm package node-<platform>-<arch>@22)', fetched)) return;
    const binary = join(node22, 'node_modules', `node-${process.platform}-${process.arch}`, 'bin', 'node');
    expect(run(binary, ['--version'], project).stdout).toMatch(/^v22\./);
    const result = run(binary, ['consumer.mjs'], project);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true });
  }, 300_000);

  it('type-checks a strict TypeScript consumer against the shipped declarations', () => {
    if (!canInstall()) return;
    writeFileSync(join(project, 'consumer.ts'), CONSUMER_TS);
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          types: [],
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
        },
        files: ['consumer.ts'],
      }),
    );
    const result = run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], project);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
    // The check can fail: a consumer that gets a type wrong does not compile.
    writeFileSync(join(project, 'wrong.ts'), "import { compare } from 'redline';\nexport const wrong = compare(new Uint8Array(), new Uint8Array(), { outputs: { pdf: { pageSize: 'A3' } } });\n");
    writeFileSync(join(project, 'tsconfig.json'), readFileSync(join(project, 'tsconfig.json'), 'utf8').replace('"consumer.ts"', '"consumer.ts","wrong.ts"'));
    expect(run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], project).stdout).toMatch(/wrong\.ts.*A3/s);
  }, 120_000);

  it('runs the command line with npx', () => {
    if (!canInstall()) return;
    const result = run(NPM, ['exec', '--no', '--', 'redline', '--version'], project);
    expect(result.stdout.trim()).toBe(VERSION);
    expect(readdirSync(join(project, 'node_modules/.bin'))).toContain('redline');
  }, 120_000);
});
