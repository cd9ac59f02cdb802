// `npm run bench`: runs every benchmark of issue 7 and prints the results as Markdown
// tables (also written to .cache/bench/results.md and results.json).
//   --quick            fewer rounds and edits, for a smoke run
//   --only a,b         run only these sections: throughput, scaling, continuation, distinct,
//                      lsp, hover, cold, memory, cli, context, image
//   --svg FILE         also write the scaling chart (docs/performance.svg)
//   --continuation-svg FILE  also write the continuation-lines chart
//                      (docs/performance-continuation.svg)
//   --baseline DIR     also run the language server of another built checkout (DIR/server/bin),
//                      interleaved with this one, for A/B comparisons of a change
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release as osRelease } from 'node:os';
import { join } from 'node:path';
import { scalingChart } from './chart';
import { distinctRealFiles, measureWholeProcess } from './whole-process';
import { CONTINUATION_TOOLS, measureContinuation } from './continuation';
import { cliSupportsJobs, measureCli, type CliResult } from './cli';
import { measureContext, writeContext } from './context';
import { CACHE_DIR, REPO_ROOT, generateLargeDockerfile, loadCorpus, writeTree } from './corpus';
import { imageBenchmark } from './image';
import { coldStart, hoverWhileAnalysing, memory, pullLatency, pushLatency, typingBurst, type HoverResult, type LatencyResult } from './lsp';
import type { ServerSpec } from './lsp-client';
import { mib, ms, ratio, us } from './stats';
import { TOOLS, measureThroughput, prepareAnalyzer, type ThroughputResult } from './throughput';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = option('--only')?.split(',');
const wants = (section: string): boolean => !only || only.includes(section);

const SERVERS: ServerSpec[] = [
  { name: 'muslcheck', command: process.execPath, args: [join(REPO_ROOT, 'server', 'bin', 'muslcheck.js'), '--stdio'] },
  {
    name: 'docker-langserver',
    command: process.execPath,
    // As published: on the unpatched dockerfile-ast, not muslcheck's patched copy.
    args: [
      '-r',
      join(REPO_ROOT, 'bench', 'unpatched-peers.cjs'),
      join(REPO_ROOT, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver'),
      '--stdio',
    ],
  },
];

const baseline = option('--baseline');
if (baseline) {
  SERVERS.splice(1, 0, {
    name: 'muslcheck (baseline)',
    command: process.execPath,
    args: [join(baseline, 'server', 'bin', 'muslcheck.js'), '--stdio'],
  });
}
/** docker-langserver, the peer every ratio is taken to. */
const PEER = SERVERS[SERVERS.length - 1];

const out: string[] = [];
const results: Record<string, unknown> = {};
function print(line = ''): void {
  out.push(line);
  console.log(line);
}
function table(header: string[], rows: string[][]): void {
  print(`| ${header.join(' | ')} |`);
  print(`|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`);
  for (const row of rows) print(`| ${row.join(' | ')} |`);
  print();
}

function version(pkg: string): string {
  const path = pkg === 'muslcheck' ? join(REPO_ROOT, 'server', 'package.json') : join(REPO_ROOT, 'node_modules', pkg, 'package.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

async function main(): Promise<void> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const corpus = loadCorpus();
  const packages = ['muslcheck', 'dockerfile-ast', 'dockerfile-utils', 'dockerfile-language-server-nodejs', 'web-tree-sitter'];
  print(`## Machine`);
  print();
  print(`- ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${mib(totalmem())} RAM, ${osType()} ${osRelease()}`);
  print(`- Node ${process.version}; ${packages.map((p) => `${p} ${version(p)}`).join(', ')}`);
  print(
    `- Corpus: ${corpus.kind === 'real' ? `${corpus.files.length} real-world Dockerfiles from ${corpus.source}` : corpus.source} (${corpus.kind})`,
  );
  print(`- Mode: ${quick ? 'quick (smoke run: fewer rounds and edits)' : 'full'}`);
  print();
  results.machine = {
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    node: process.version,
    corpus: { kind: corpus.kind, files: corpus.files.length },
  };

  if (wants('throughput') || wants('scaling') || wants('continuation')) await prepareAnalyzer();
  if (wants('throughput')) {
    print(`## 1. Analysis time per file (in process, interleaved, median of rounds)`);
    print();
    const rows: ThroughputResult[] = [
      measureThroughput(
        `corpus (${corpus.kind}, ${corpus.files.length} files)`,
        corpus.files.map((f) => f.text),
        quick ? 5 : 25,
        3,
        2,
      ),
      measureThroughput('1,000-line file', [generateLargeDockerfile(1000)], quick ? 5 : 25, 3, 2),
      measureThroughput('10,000-line file', [generateLargeDockerfile(10000)], quick ? 3 : 11, 2),
    ];
    results.throughput = rows;
    table(
      ['input', ...TOOLS.map((t) => t.name.trim()), 'analyze / parse', 'analyze / validate', 're-analyze / parse'],
      rows.map((r) => [
        r.label,
        ...TOOLS.map((t) => us(r.perFile[t.name])),
        ratio(r.ratioToParse['muslcheck analyze']),
        ratio(r.ratioToParse['muslcheck analyze'] / r.ratioToParse['dockerfile-utils validate']),
        ratio(r.ratioToParse['muslcheck re-analyze']),
      ]),
    );
  }

  if (wants('scaling')) {
    print(`## Scaling: time per file as the file doubles`);
    print();
    const sizes = quick ? [250, 500, 1000, 2000, 4000] : [125, 250, 500, 1000, 2000, 4000, 8000, 16000];
    const rows = sizes.map((lines) => measureThroughput(`${lines}`, [generateLargeDockerfile(lines)], quick ? 3 : 15, 3));
    results.scaling = rows;
    const names = TOOLS.slice(0, 3).map((t) => t.name);
    table(
      ['lines', ...names, 'analyze: x previous size'],
      rows.map((r, i) => [
        r.label,
        ...names.map((n) => us(r.perFile[n])),
        i ? ratio(r.perFile['muslcheck analyze'] / rows[i - 1].perFile['muslcheck analyze']) : '',
      ]),
    );
    const svg = option('--svg');
    if (svg) {
      const colors = ['#888888', '#d95f02', '#1b9e77'];
      writeFileSync(
        svg,
        scalingChart(
          'Analysis time per file vs. file size',
          names.map((name, i) => ({ name, color: colors[i], points: rows.map((r) => ({ lines: Number(r.label), ms: r.perFile[name] })) })),
        ),
      );
      print(`(chart written to ${svg})`);
      print();
    }
  }

  if (wants('continuation')) {
    print(`## Continuation lines: one RUN over many lines (issue #22; one run per size)`);
    print();
    const sizes = quick ? [5000, 10000, 20000, 40000] : [10000, 20000, 40000, 80000, 160000];
    const rows = measureContinuation(sizes);
    results.continuation = rows;
    const names = CONTINUATION_TOOLS.map((t) => t.name);
    const svg = option('--continuation-svg');
    if (svg) {
      const colors = ['#888888', '#7570b3', '#1b9e77'];
      writeFileSync(
        svg,
        scalingChart(
          'One RUN continued over N lines: time per file',
          names.map((name, i) => ({ name, color: colors[i], points: rows.map((r) => ({ lines: r.lines, ms: r.ms[name] })) })),
        ),
      );
    }
    table(
      ['lines', 'bytes', ...names.flatMap((n) => [n, 'x previous'])],
      rows.map((r, i) => [
        String(r.lines),
        mib(r.bytes),
        ...names.flatMap((n) => [ms(r.ms[n]), i ? ratio(r.ms[n] / rows[i - 1].ms[n]) : '']),
      ]),
    );
  }

  if (wants('distinct')) {
    const files = distinctRealFiles();
    const rounds = quick ? 3 : 11;
    print(
      `## 4a. Whole process over distinct real Dockerfiles (${files.length} files, each once; median of ${rounds} rounds, interleaved)`,
    );
    print();
    if (!files.length) print('(no real corpus: set MUSLCHECK_BENCH_CORPUS)');
    else {
      const rows = await measureWholeProcess(files, rounds);
      results.distinct = rows;
      table(
        ['process', 'median', 'range', 'vs bare parse (target ≤ 1.5x)', 'vs validate (target ≤ 0.75x)'],
        rows.map((r) => [r.tool, ms(r.medianMs), `${ms(r.minMs)}–${ms(r.maxMs)}`, ratio(r.ratioToParse), ratio(r.ratioToValidate)]),
      );
    }
  }

  if (wants('lsp')) {
    const edits = quick ? 20 : 200;
    print(`## 2. LSP latency over stdio: didChange → diagnostics of that version (${edits} edits, one at a time)`);
    print();
    print(
      `muslcheck analyses in a worker thread, one job at a time; an edit that arrives before its document's pending analysis has started replaces it. Pull requests wait for the current version.`,
    );
    print();
    const rows: LatencyResult[] = [];
    for (const lines of [50, 1000, 10000]) {
      const text = generateLargeDockerfile(lines);
      for (const spec of SERVERS) rows.push(await pushLatency(spec, text, edits));
      for (const spec of SERVERS.filter((s) => s !== PEER)) {
        const pulled = await pullLatency(spec, text, edits);
        if (pulled) rows.push(pulled);
      }
    }
    results.latency = rows;
    table(
      ['server', 'lines', 'mode', 'median', 'p99'],
      rows.map((r) => [r.server, String(r.lines), r.mode, ms(r.medianMs), ms(r.p99Ms)]),
    );
    print(`### Typing burst into the 10,000-line file (20 keystrokes, 30 ms apart)`);
    print();
    const big = generateLargeDockerfile(10000);
    const bursts = [];
    for (const spec of SERVERS) bursts.push(await typingBurst(spec, big, 20, 30));
    results.bursts = bursts;
    table(
      ['server', 'last keystroke → diagnostics', 'diagnostics published'],
      bursts.map((b) => [b.server, ms(b.settleMs), String(b.publishes)]),
    );
  }

  if (wants('hover')) {
    const rounds = quick ? 5 : 30;
    print(`## 2b. Hover while a 10,000-line document is analysed (${rounds} rounds: an edit, then at once a hover)`);
    print();
    print(
      `typing: one character typed into the document; replace: the whole text replaced by another 10,000-line file, analysed from scratch. Clock: hover request → its answer.`,
    );
    print();
    const rows: HoverResult[] = [];
    const bigs = new Map<number, string>();
    const big = (round: number): string => {
      if (!bigs.has(round)) bigs.set(round, generateLargeDockerfile(10000, 11 + round));
      return bigs.get(round)!;
    };
    for (const mode of ['typing', 'replace'] as const)
      for (const spec of SERVERS) rows.push(await hoverWhileAnalysing(spec, big, mode, rounds));
    results.hover = rows;
    table(
      ['server', 'edit', 'median', 'worst', "answered before the edit's diagnostics"],
      rows.map((r) => [r.server, r.mode, ms(r.medianMs), ms(r.maxMs), `${r.answeredFirst} of ${r.rounds}`]),
    );
  }

  if (wants('cold')) {
    const runs = quick ? 3 : 15;
    print(`## 3. Cold start (median of ${runs} runs, servers interleaved)`);
    print();
    const rows = await coldStart(SERVERS, generateLargeDockerfile(50), runs);
    results.coldStart = rows;
    table(
      ['server', 'spawn → initialize result', 'spawn → first diagnostics', 'vs docker-langserver'],
      rows.map((r) => [
        r.server,
        ms(r.initializeMs),
        ms(r.firstDiagnosticsMs),
        ratio(r.firstDiagnosticsMs / rows.find((p) => p.server === PEER.name)!.firstDiagnosticsMs),
      ]),
    );
  }

  if (wants('memory')) {
    const documents = 201;
    const checkpoints = quick ? [200, 1000] : [2000, 10000];
    print(`## 5. Server memory (RSS): ${documents} open documents, then ${checkpoints.at(-1)} edits (each analysed)`);
    print();
    const texts = Array.from({ length: documents }, (_, i) => generateLargeDockerfile(30 + (i % 10) * 20, 100 + i));
    const rows = [];
    for (const spec of SERVERS) rows.push(await memory(spec, texts, checkpoints));
    results.memory = rows;
    table(
      [
        'server',
        'documents (text size)',
        'after initialize',
        `after opening ${documents}`,
        ...checkpoints.map((n) => `after ${n} edits`),
        'last / first checkpoint',
      ],
      rows.map((r) => [
        r.server,
        `${r.documents} (${mib(r.documentChars * 2)})`,
        mib(r.idleRss),
        mib(r.openRss),
        ...r.editedRss.map((e) => mib(e.rss)),
        ratio(r.editedRss.at(-1)!.rss / r.editedRss[0].rss),
      ]),
    );
  }

  if (wants('cli')) {
    const count = quick ? 2000 : 10000;
    const tree = writeTree(count, corpus);
    const runs = quick ? 1 : 3;
    print(
      `## 4. CLI over a tree of ${count} Dockerfiles (${corpus.kind === 'real' ? 'corpus files, cycled' : 'generated'}; median of ${runs} runs)`,
    );
    print();
    // With --config the per-folder configuration search is skipped: the difference is its cost.
    const config = join(CACHE_DIR, 'bench-config.yaml');
    writeFileSync(config, 'format: text\n');
    const rows: CliResult[] = [
      await measureCli('single process', tree, count, [], runs),
      await measureCli('single process, --config FILE (no configuration search)', tree, count, ['--config', config], runs),
    ];
    // A cycled corpus repeats every instruction, which the run's parse cache reads once; a tree
    // of distinct generated files shares only common lines, as a monorepo does.
    if (corpus.kind === 'real') {
      const generated = writeTree(count, { kind: 'generated', source: 'generated', files: [] });
      rows.push(await measureCli('single process, generated tree (distinct files)', generated, count, [], runs));
    }
    if (cliSupportsJobs()) rows.push(await measureCli('--jobs 2 (worker threads)', tree, count, ['--jobs', '2'], runs));
    else print(`(the CLI has no --jobs option: single process only)`);
    results.cli = rows;
    table(
      ['mode', 'files', 'wall time', 'files/s'],
      rows.map((r) => [r.label, String(r.files), ms(r.wallMs), r.filesPerSecond.toFixed(0)]),
    );
  }

  if (wants('context')) {
    const [programs, big, plain] = quick ? [200, 2, 1000] : [2000, 8, 10000];
    print(`## 5. Build-context binaries (MC2003): ${programs} programs, ${big} sparse 256 MiB ELF files, ${plain} text files`);
    print();
    const context = writeContext(programs, big, plain);
    if (!context) print('(gcc is missing: apt-get install gcc, or scripts/ci/setup-compilers.sh)');
    else {
      const rows = await measureContext(context.root, context.bytes);
      results.context = rows;
      table(
        ['read', 'files', 'ELF files', 'bytes in the context', 'bytes read', 'wall time', 'files/s'],
        rows.map((r) => [
          r.label,
          String(r.files),
          String(r.elfFiles),
          mib(r.contextBytes),
          `${(r.bytesRead / 1024).toFixed(0)} KiB`,
          ms(r.wallMs),
          ((r.files / r.wallMs) * 1000).toFixed(0),
        ]),
      );
    }
  }

  if (wants('image')) {
    const runs = quick ? 1 : 3;
    print(`## 6. muslcheck image: scans of generated images (5 layers, each scan in its own process, median of ${runs})`);
    print();
    print('Layers hold 512 KiB data files with a real ELF program of this machine every eighth file; MB/s counts uncompressed layer data.');
    print();
    const rows = await imageBenchmark(runs, [50, 500]);
    results.image = rows;
    table(
      ['image', 'uncompressed', 'stored', 'scan time', 'MB/s', 'peak RSS'],
      rows.map((r) => [
        r.label,
        `${(r.uncompressedBytes / 1e6).toFixed(0)} MB`,
        `${(r.storedBytes / 1e6).toFixed(0)} MB`,
        ms(r.medianMs),
        r.mbPerSecond.toFixed(0),
        mib(r.peakRss),
      ]),
    );
  }

  writeFileSync(join(CACHE_DIR, 'results.md'), out.join('\n') + '\n');
  writeFileSync(join(CACHE_DIR, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`(results written to ${join(CACHE_DIR, 'results.md')} and results.json)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
