// `npm run bench:build`: the build cache against setup-go's way of caching, on a generated
// project whose cold build takes tens of seconds (hundreds of packages with real code in
// dependency modules behind the loopback proxy, plus the standard library packages they use).
// Printed in one run:
//   1. a warm job (restore + go build ./... && go vet ./... && go test -count=1 -run NONE ./...)
//      for a setup-go-style single archive of GOMODCACHE+GOCACHE keyed as setup-go keys it, for
//      this action's module cache alone, and for modules + build cache (with both module
//      layouts, to choose the layout with the build cache on); the archive bytes of each;
//   2. the archive size over 10 successive jobs that each change one package: the whole GOCACHE
//      re-saved (untrimmed, as setup-go saves it) against this action's trimmed build cache.
// Every job runs at the same paths (as hosted runners do), on a fresh GOMODCACHE and GOCACHE.
//
//   node --import tsx scripts/bench-build.ts [--modules 12] [--packages 4] [--funcs 40] [--payload-kib 2048] [--rounds 3] [--jobs 10]
import * as cache from '@actions/cache';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startCacheService } from '../__tests__/fixtures/cacheService.js';
import { seededBytes, seededRandom, startModuleProxy, type FixtureModule } from '../__tests__/fixtures/moduleProxy.js';
import { findGo } from '../__tests__/helpers/go.js';
import { runBuildCacheMain, runBuildCachePost } from '../src/build-cache/phase.js';
import { readBuildEnv } from '../src/build-cache/goEnv.js';
import { runModuleCacheMain, runModuleCachePost, type CacheOptions } from '../src/cache/modules/phase.js';
import { removeTree } from '../src/cache/fsTree.js';
import type { CacheLayout } from '../src/cache/modules/key.js';

const execFileP = promisify(execFile);

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
}

const MODULES = arg('modules', 12);
const PACKAGES = arg('packages', 4);
/** Non-Go files per module (test data, docs, assets), as real modules carry: with the default the zips are about as large as the build cache, as in the projects of issue 11 (gum: 23.7 MiB of zips, 23.8 MiB of build cache). */
const PAYLOAD_BYTES = arg('payload-kib', 2048) * 1024;
const FUNCS = arg('funcs', 40);
const JOBS = arg('jobs', 10);
const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MiB`;
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

const STD = ['encoding/json', 'net/http', 'text/template', 'crypto/sha256', 'sort', 'strings', 'fmt', 'bufio', 'regexp', 'compress/gzip'];

/** One package of real code: generic containers, methods, closures, and a few standard-library uses. */
function packageSource(pkg: string, seed: number, funcs: number, imports: string[], edit = 0): string {
  const std = [STD[seed % STD.length] as string, STD[(seed * 7 + 3) % STD.length] as string].filter((v, i, a) => a.indexOf(v) === i);
  const use: Record<string, string> = {
    'encoding/json': 'func jsonOf(v any) string { b, _ := json.Marshal(v); return string(b) }\nvar _ = jsonOf',
    'net/http': 'func status(code int) string { return http.StatusText(code) }\nvar _ = status',
    'text/template': 'var tmpl = template.Must(template.New("t").Parse("{{.}}"))',
    'crypto/sha256': 'func digest(b []byte) [32]byte { return sha256.Sum256(b) }\nvar _ = digest',
    sort: 'func sorted(xs []int) []int { sort.Ints(xs); return xs }\nvar _ = sorted',
    strings: 'func upper(s string) string { return strings.ToUpper(s) }\nvar _ = upper',
    fmt: 'func show(v any) string { return fmt.Sprintf("%v", v) }\nvar _ = show',
    bufio: 'func lines(s string) int { sc := bufio.NewScanner(strings.NewReader(s)); n := 0; for sc.Scan() { n++ }; return n }\nvar _ = lines',
    regexp: 'var word = regexp.MustCompile(`[a-z]+`)',
    'compress/gzip': 'func gz() *gzip.Writer { return gzip.NewWriter(nil) }\nvar _ = gz',
  };
  const needsStrings = std.includes('bufio') && !std.includes('strings');
  const importLines = [...std, ...(needsStrings ? ['strings'] : []), ...imports].map((p) => `\t${imports.includes(p) ? '_ ' : ''}${JSON.stringify(p)}\n`).join('');
  const body: string[] = [];
  body.push(`type Set${seed}[K comparable] struct{ m map[K]struct{} }\n\nfunc NewSet${seed}[K comparable]() *Set${seed}[K] { return &Set${seed}[K]{m: map[K]struct{}{}} }\n\nfunc (s *Set${seed}[K]) Add(k K) { s.m[k] = struct{}{} }\n\nfunc (s *Set${seed}[K]) Has(k K) bool { _, ok := s.m[k]; return ok }\n`);
  body.push(`type Item${seed} struct {\n\tID   int\n\tName string\n\tTags []string\n\tNext *Item${seed}\n}\n\nfunc (it *Item${seed}) Len() int {\n\tn := 0\n\tfor p := it; p != nil; p = p.Next {\n\t\tn++\n\t}\n\treturn n\n}\n`);
  for (let f = 0; f < funcs; f++) {
    const k = (seed * 31 + f * 17 + edit) % 97;
    body.push(`func Compute${f}(xs []int, m map[string]int) (int, error) {
\ttotal := ${k}
\tset := NewSet${seed}[int]()
\tfor i, x := range xs {
\t\tswitch {
\t\tcase x%${(f % 5) + 2} == 0:
\t\t\ttotal += x * (i + ${k})
\t\tcase set.Has(x):
\t\t\ttotal -= x
\t\tdefault:
\t\t\tset.Add(x)
\t\t\tfor key, v := range m {
\t\t\t\tif len(key) > ${f % 7} {
\t\t\t\t\ttotal ^= v + ${f}
\t\t\t\t}
\t\t\t}
\t\t}
\t}
\tapply := func(g func(int) int) int { return g(total) }
\ttotal = apply(func(v int) int { return v*${(f % 3) + 1} + ${k} })
\tif total < -${k * 1000} {
\t\treturn 0, errTooSmall${seed}
\t}
\titems := make([]*Item${seed}, 0, ${(f % 4) + 1})
\tfor i := 0; i < cap(items); i++ {
\t\titems = append(items, &Item${seed}{ID: i, Name: "n${f}"})
\t}
\tfor i := 1; i < len(items); i++ {
\t\titems[i-1].Next = items[i]
\t}
\treturn total + items[0].Len(), nil
}
`);
  }
  // Revision is exported: a change reaches the package's export data, so its importers recompile too.
  return `package ${pkg}\n\nimport (\n${importLines})\n\nconst Revision = ${edit}\n\ntype tooSmall${seed} struct{}\n\nfunc (tooSmall${seed}) Error() string { return "too small" }\n\nvar errTooSmall${seed} error = tooSmall${seed}{}\n\n${std.map((p) => use[p] ?? '').join('\n')}\n\n${body.join('\n')}`;
}

const WORDS = ['func', 'return', 'if', 'err', 'nil', 'value', 'index', 'buffer', 'request', 'handler', 'config', 'result', 'string', 'int', 'map', 'range', 'for', 'struct', 'type', 'interface', 'context', 'error'];

/** Text that compresses like source code and docs do (a few times, not a hundred). */
function textPayload(rand: () => number, bytes: number): string {
  let out = '';
  while (out.length < bytes) {
    const words = 4 + Math.floor(rand() * 8);
    for (let w = 0; w < words; w++) out += `${WORDS[Math.floor(rand() * WORDS.length)] as string}${Math.floor(rand() * 1000)} `;
    out += '\n';
  }
  return out.slice(0, bytes);
}

interface Project {
  modules: FixtureModule[];
  /** go.mod and sources of the main module, by path; edit(n) changes package n's code. */
  files(edits: ReadonlyMap<number, number>): Record<string, string>;
  localPackages: number;
}

function generateProject(): Project {
  const modules: FixtureModule[] = [];
  for (let m = 0; m < MODULES; m++) {
    const modPath = `example.com/bench/dep${m}`;
    const files: Record<string, string | Uint8Array> = {};
    const rand = seededRandom(m + 1);
    // Half binary test data, half text (docs, golden files): real modules compress about this well.
    for (let k = 0; k < 3; k++) files[`testdata/blob${k}.bin`] = seededBytes(rand, Math.floor(PAYLOAD_BYTES / 6));
    for (let k = 0; k < 3; k++) files[`testdata/golden${k}.txt`] = textPayload(rand, Math.floor(PAYLOAD_BYTES / 6));
    files['README.md'] = `# dep${m}\n\n${'Documentation line for the benchmark module.\n'.repeat(400)}`;
    for (let p = 0; p < PACKAGES; p++) {
      // Each package imports the previous package of its module and one package of an earlier module.
      const imports = [...(p > 0 ? [`${modPath}/pkg${p - 1}`] : []), ...(m > 0 ? [`example.com/bench/dep${m - 1}/pkg${p}`] : [])];
      files[`pkg${p}/code.go`] = packageSource(`pkg${p}`, m * 100 + p, FUNCS, imports);
    }
    const requires = m > 0 ? `\nrequire example.com/bench/dep${m - 1} v1.0.0\n` : '';
    modules.push({ path: modPath, version: 'v1.0.0', goMod: `module ${modPath}\n\ngo 1.21\n${requires}`, files });
  }
  const localPackages = 12;
  return {
    modules,
    localPackages,
    files(edits) {
      const requires = modules.map((m) => `\t${m.path} v1.0.0\n`).join('');
      const out: Record<string, string> = { 'go.mod': `module example.com/bench/app\n\ngo 1.21\n\nrequire (\n${requires})\n` };
      for (let p = 0; p < localPackages; p++) {
        // A chain, as in real code: l<p> imports l<p-1>, so an API change low in it recompiles everything above.
        const deps = [`example.com/bench/dep${(p * 5) % MODULES}/pkg${p % PACKAGES}`, ...(p > 0 ? [`example.com/bench/app/internal/l${p - 1}`] : [])];
        out[`internal/l${p}/code.go`] = packageSource(`l${p}`, 9000 + p, FUNCS, deps, edits.get(p) ?? 0);
        if (p % 4 === 0) out[`internal/l${p}/code_test.go`] = `package l${p}\n\nimport "testing"\n\nfunc TestCompute(t *testing.T) {\n\tif _, err := Compute0([]int{1, 2, 3}, nil); err != nil {\n\t\tt.Fatal(err)\n\t}\n}\n`;
      }
      out['cmd/app/main.go'] = `package main\n\nimport (\n${Array.from({ length: localPackages }, (_, p) => `\t_ "example.com/bench/app/internal/l${p}"\n`).join('')})\n\nfunc main() {}\n`;
      return out;
    },
  };
}

async function main(): Promise<void> {
  const go = findGo();
  if (go === null) throw new Error('no go binary (set GO_BINARY)');
  const root = await mkdtemp(path.join(tmpdir(), 'bench-build-'));
  const project = generateProject();
  const proxy = await startModuleProxy(project.modules);
  const svc = await startCacheService();
  const realWrite = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => (typeof chunk === 'string' && chunk.startsWith('BENCH ') ? realWrite(chunk.slice(6), ...(rest as [])) : true)) as typeof process.stdout.write;
  const say = (line: string): void => void process.stdout.write(`BENCH ${line}\n`);
  try {
    const workspace = path.join(root, 'repo');
    const runnerTemp = path.join(root, 'runner-temp');
    await mkdir(runnerTemp, { recursive: true });
    const writeProject = async (edits: ReadonlyMap<number, number>): Promise<void> => {
      for (const [rel, text] of Object.entries(project.files(edits))) {
        await mkdir(path.dirname(path.join(workspace, rel)), { recursive: true });
        await writeFile(path.join(workspace, rel), text);
      }
      await writeFile(path.join(workspace, 'go.sum'), proxy.sumLines().join('\n') + '\n');
    };
    await writeProject(new Map());
    Object.assign(process.env, svc.env('v2'), { RUNNER_TEMP: runnerTemp, GITHUB_WORKSPACE: workspace, GITHUB_JOB: 'build', GITHUB_REF: 'refs/heads/main' });
    delete process.env['GITHUB_SERVER_URL'];
    const gopath = path.join(root, 'gopath');
    const gomodcache = path.join(gopath, 'pkg', 'mod');
    const gocache = path.join(root, 'gocache');
    const env: NodeJS.ProcessEnv = {
      PATH: `${path.dirname(go)}:/usr/bin:/bin`, HOME: path.join(root, 'home'), GOPATH: gopath, GOMODCACHE: gomodcache, GOCACHE: gocache,
      GOTOOLCHAIN: 'local', GOPROXY: proxy.url, GOSUMDB: 'off', GOFLAGS: '-mod=mod', GO_TELEMETRY_CHILD: '2', RUNNER_TEMP: runnerTemp, GITHUB_WORKSPACE: workspace,
      GITHUB_JOB: 'build', GITHUB_REF: 'refs/heads/main',
    };
    const freshMachine = async (): Promise<void> => {
      await removeTree(gomodcache);
      await removeTree(gocache);
    };
    const workload = async (): Promise<number> => (await timed(async () => {
      const run = { cwd: workspace, env: { ...env, GOPROXY: 'off' }, maxBuffer: 1 << 28 };
      await execFileP(go, ['build', './...'], run);
      await execFileP(go, ['vet', './...'], run);
      await execFileP(go, ['test', '-count=1', '-run', 'NONE', './...'], run);
    })).ms;
    const moduleOptions = (layout: CacheLayout, run: number): CacheOptions => ({
      enabled: true, dependencyPath: '', keyPrefix: `bench-mod-${layout}`, download: true, save: 'auto', crossOs: false, retries: 3, verify: false,
      workingDirectory: workspace, workspace, goBinary: go, env: { ...env, GITHUB_RUN_ID: String(run) }, healthyProxies: [], layout, gomodcache,
    });
    const buildOptions = (run: number, prefix: string) => ({
      inputs: { enabled: true, save: 'auto' as const, keyWords: '' }, keyPrefix: prefix, goBinary: go, env: { ...env, GITHUB_RUN_ID: String(run) },
      workingDirectory: workspace, gomodcachePreexisting: false,
    });
    const entryBytes = (key: string | null): number => svc.entries().find((e) => e.key === key)?.size ?? 0;

    await execFileP(go, ['mod', 'download'], { cwd: workspace, env: { ...env, GOFLAGS: '' } });
    const packages = (await execFileP(go, ['list', '-deps', './...'], { cwd: workspace, env, maxBuffer: 1 << 26 })).stdout.trim().split('\n').length;
    say(`setup-goproxy build-cache bench: ${MODULES} dependency modules x ${PACKAGES} packages + ${project.localPackages} local packages (${packages} packages with the standard library ones), ${(await execFileP(go, ['version'])).stdout.trim()}`);

    // ---- cold job: the reference, and the sources of every cache ----
    await freshMachine();
    const cold = await timed(async () => {
      await execFileP(go, ['mod', 'download'], { cwd: workspace, env: { ...env, GOFLAGS: '' } });
      return workload();
    });
    say(`cold job (download + build/vet/test-compile, nothing cached): ${s(cold.ms)}`);

    // setup-go style: GOMODCACHE and GOCACHE in one archive, absolute paths, key = OS + Go + hash(go.sum).
    const sumHash = createHash('sha256').update(proxy.sumLines().join('\n')).digest('hex');
    const sgKey = `setup-go-Linux-x64-go-1.23-${sumHash}`;
    await cache.saveCache([gomodcache, gocache], sgKey);
    const sgBytes = entryBytes(sgKey);

    // Ours: a cold job with each layout (main, the workload, post) saves the caches the warm jobs restore.
    const saved: Record<string, { modKey: string | null; modBytes: number; buildKey: string | null; buildBytes: number }> = {};
    for (const layout of ['download', 'full'] as const) {
      await freshMachine();
      // As main.ts does: the build cache's go env runs while the module cache restores.
      const early = readBuildEnv(go, { ...env, GITHUB_RUN_ID: '10' }, workspace);
      const m = await runModuleCacheMain(moduleOptions(layout, 10));
      const b = await runBuildCacheMain({ ...buildOptions(10, `bench-${layout}`), buildEnv: early });
      await workload();
      const mp = await runModuleCachePost(m.state, env);
      const bp = await runBuildCachePost(b.state, env);
      if (!mp.saved || bp?.saved !== true) throw new Error(`cold ${layout}: ${mp.message} / ${bp?.message}`);
      saved[layout] = { modKey: m.key, modBytes: entryBytes(m.key), buildKey: b.key, buildBytes: entryBytes(b.key) };
    }

    // ---- 1. warm jobs: three rounds, each strategy once per round (interleaved against drift), medians ----
    const ROUNDS = arg('rounds', 3);
    const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
    type Row = { name: string; total: number[]; restore: number[]; parts: string[]; bytes: number };
    const rows: Row[] = [
      { name: 'setup-go style (GOMODCACHE+GOCACHE, one archive)', total: [], restore: [], parts: [], bytes: sgBytes },
      { name: 'this action, modules only', total: [], restore: [], parts: [], bytes: saved['download']?.modBytes ?? 0 },
      { name: 'this action, modules (zips only) + build cache', total: [], restore: [], parts: [], bytes: (saved['download']?.modBytes ?? 0) + (saved['download']?.buildBytes ?? 0) },
      { name: 'this action, modules (zips + extracted) + build cache', total: [], restore: [], parts: [], bytes: (saved['full']?.modBytes ?? 0) + (saved['full']?.buildBytes ?? 0) },
    ];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, row] of rows.entries()) {
        await freshMachine();
        let part = '';
        const restore = await timed(async () => {
          if (i === 0) {
            if ((await cache.restoreCache([gomodcache, gocache], sgKey, [])) !== sgKey) throw new Error('setup-go-style restore missed');
            return;
          }
          const layout = i === 3 ? 'full' : 'download';
          const early = i === 1 ? undefined : readBuildEnv(go, { ...env, GITHUB_RUN_ID: '12' }, workspace);
          const m = await timed(() => runModuleCacheMain(moduleOptions(layout, 11)));
          if (m.value.hit !== 'true') throw new Error(`warm ${layout}: module cache ${m.value.hit}`);
          part = `modules ${s(m.ms)}`;
          if (i === 1) return;
          const b = await timed(() => runBuildCacheMain({ ...buildOptions(12, `bench-${layout}`), ...(early === undefined ? {} : { buildEnv: early }) }));
          if (b.value.hit !== 'true') throw new Error(`warm ${layout}: build cache ${b.value.hit}`);
          part += ` + build ${s(b.ms)}`;
        });
        const work = await workload();
        row.total.push(restore.ms + work);
        row.restore.push(restore.ms);
        row.parts.push(part);
      }
    }
    const reference = median((rows[0] as Row).total);
    say('');
    say(`1. Warm job on a fresh machine (restore + build/vet/test-compile), same paths, median of ${ROUNDS}; cold job ${s(cold.ms)}`);
    for (const r of rows) {
      const total = median(r.total);
      say(`  ${r.name.padEnd(55)} ${s(total).padStart(7)} (restore ${s(median(r.restore))}${r.parts[0] ? `: ${r.parts[Math.floor(r.parts.length / 2)]}` : ''})  ${(total / reference).toFixed(2)}x   archives ${mb(r.bytes).padStart(9)}  ${(r.bytes / (rows[0] as Row).bytes).toFixed(2)}x`);
    }

    // ---- 2. ten successive jobs, each changing one local package ----
    const edits = new Map<number, number>();
    const ours: number[] = [];
    const whole: number[] = [];
    let wholeKey = sgKey;
    for (let job = 1; job <= JOBS; job++) {
      // Each job changes the API of another package, from the top of the chain downwards.
      edits.set(project.localPackages - 1 - ((job - 1) % project.localPackages), job);
      await writeProject(edits);
      // setup-go's archive re-saved whole (as it is whenever its key changes): restore, work, save all.
      await freshMachine();
      await cache.restoreCache([gomodcache, gocache], wholeKey, []);
      await workload();
      wholeKey = `setup-go-Linux-x64-go-1.23-${sumHash}-job${job}`;
      await cache.saveCache([gomodcache, gocache], wholeKey);
      whole.push(entryBytes(wholeKey));
      // Ours: the module cache hits; the build cache is restored, aged, used and trimmed.
      await freshMachine();
      const early = readBuildEnv(go, { ...env, GITHUB_RUN_ID: String(100 + job) }, workspace);
      const m = await runModuleCacheMain(moduleOptions('download', 100 + job));
      const b = await runBuildCacheMain({ ...buildOptions(100 + job, 'bench-download'), buildEnv: early });
      await workload();
      await runModuleCachePost(m.state, env);
      const bp = await runBuildCachePost(b.state, env);
      ours.push(bp?.saved === true ? entryBytes(b.key) : (ours[ours.length - 1] ?? 0));
    }
    if (JOBS === 0) return;
    say('');
    say(`2. Archive size over ${JOBS} successive jobs, each changing the API of one package (its importers recompile)`);
    say(`  setup-go style, whole GOMODCACHE+GOCACHE re-saved: ${whole.map(mb).join(' → ')}   (${((whole[whole.length - 1] ?? 0) / (whole[0] ?? 1)).toFixed(2)}x)`);
    say(`  this action, trimmed build cache:                 ${ours.map(mb).join(' → ')}   (${((ours[ours.length - 1] ?? 0) / (ours[0] ?? 1)).toFixed(2)}x)`);
  } finally {
    process.stdout.write = realWrite;
    await proxy.close();
    await svc.close();
    await removeTree(root);
    await rm(root, { recursive: true, force: true }).catch(() => undefined);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
