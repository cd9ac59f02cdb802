// `npm run fuzz`: the long fuzz run. Runs every property of properties.ts with a fresh (or
// given) seed for a few minutes, then checks that analysis time grows linearly with the
// input. A failure prints how to replay it and is saved to regressions/ for triage.
//   npm run fuzz                        about 3 minutes, random seed
//   npm run fuzz -- --seed 1234         replay a seed
//   npm run fuzz -- --minutes 10        run longer
//   npm run fuzz -- --no-scaling        properties only
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { analyze } from '../../server/src/analyze';
import { initAnalyzerForFuzzing } from './harness';
import { PROPERTIES } from './properties';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    minutes: { type: 'string', default: '3' },
    'no-scaling': { type: 'boolean', default: false },
  },
});

/** Inputs whose analysis time must grow linearly, built at size n. */
const SCALING: readonly { name: string; make(n: number): string; n: number }[] = [
  { name: 'instructions', n: 2_000, make: (n) => `FROM alpine:3.19\n${'RUN apk add --no-cache curl && echo ok\n'.repeat(n)}` },
  { name: 'glibc installs', n: 1_000, make: (n) => `FROM alpine:3.19\n${'RUN apk add glibc-2.35-r1.apk\n'.repeat(n)}` },
  { name: 'stages', n: 1_000, make: (n) => 'FROM frolvlad/alpine-glibc AS s\nRUN true\n'.repeat(n) },
  { name: 'pragma comments', n: 1_000, make: (n) => `FROM alpine:3.19\n${'# muslcheck ignore=MC1002\nRUN apk add glibc\n'.repeat(n)}` },
  {
    name: '&& chain',
    n: 2_000,
    make: (n) => `FROM alpine:3.19\nRUN ${Array.from({ length: n }, (_, i) => `echo ${i}`).join(' && \\\n  ')}\n`,
  },
  { name: 'continuation lines', n: 2_000, make: (n) => `FROM alpine:3.19\nRUN apk add \\\n${'    curl \\\n'.repeat(n)}    glibc\n` },
  { name: 'one long word', n: 4_000, make: (n) => `FROM alpine:3.19\nRUN echo ${'a'.repeat(n)}\n` },
  { name: 'one long line of words', n: 4_000, make: (n) => `FROM alpine:3.19\nRUN echo ${'ab '.repeat(n / 3)}\n` },
  { name: 'nested $(', n: 100, make: (n) => `FROM alpine:3.19\nRUN echo ${'$('.repeat(n)}x${')'.repeat(n)}\n` },
  { name: 'subshells past the limit', n: 2_000, make: (n) => `FROM alpine:3.19\nRUN ${'( '.repeat(n)}apk add glibc${' )'.repeat(n)}\n` },
  {
    name: 'doubling ARGs',
    n: 500,
    make: (n) =>
      `FROM alpine:3.19\nARG A0=${'x'.repeat(64)}\n${Array.from({ length: n }, (_, i) => `ARG A${i + 1}=\${A${i}}\${A${i}}`).join('\n')}\n`,
  },
  { name: 'uses of a long value', n: 1_000, make: (n) => `FROM alpine:3.19\nARG A=${'x'.repeat(30_000)}\n${'ENV B=$A$A\n'.repeat(n)}` },
  { name: 'here-document lines', n: 2_000, make: (n) => `FROM alpine:3.19\nRUN <<EOF\n${'apk add curl\n'.repeat(n)}EOF\n` },
  {
    name: 'ENV variables',
    n: 1_000,
    make: (n) => `FROM alpine:3.19\n${Array.from({ length: n }, (_, i) => `ENV GLIBC_V${i}=${i}`).join('\n')}\n`,
  },
];

function millisecondsFor(text: string): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    analyze(text);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

/** Time for n, 2n and 4n; a ratio well above 2 per doubling means worse than linear. */
function checkScaling(): boolean {
  let linear = true;
  console.log('\nscaling (best of 3; each doubling should take about twice as long):');
  for (const input of SCALING) {
    const times = [1, 2, 4].map((k) => millisecondsFor(input.make(input.n * k)));
    const ratio = Math.max(times[1] / Math.max(times[0], 1), times[2] / Math.max(times[1], 1));
    const ok = ratio < 3 || times[2] < 50;
    linear &&= ok;
    console.log(
      `  ${ok ? 'ok  ' : 'SLOW'} ${input.name.padEnd(24)} n=${input.n}: ${times.map((t) => `${t.toFixed(0)} ms`).join(' / ')}  (worst ratio ${ratio.toFixed(2)})`,
    );
  }
  return linear;
}

async function main(): Promise<number> {
  await initAnalyzerForFuzzing();
  const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 0x7fffffff);
  const budget = Number(values.minutes) * 60_000;
  console.log(`muslcheck fuzz: seed ${seed}, ${values.minutes} minutes (replay: npm run fuzz -- --seed ${seed})`);
  let failed = false;
  for (const [index, property] of PROPERTIES.entries()) {
    const interruptAfterTimeLimit = budget / PROPERTIES.length;
    const started = Date.now();
    const details = await fc.check(property.make() as fc.IAsyncProperty<[unknown]>, {
      seed: seed + index,
      numRuns: Number.MAX_SAFE_INTEGER,
      interruptAfterTimeLimit,
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (!details.failed || details.interrupted) {
      console.log(`  ok   ${property.name}: ${details.numRuns} runs in ${seconds} s`);
      continue;
    }
    failed = true;
    const example = details.counterexample?.[0];
    const input = example instanceof Uint8Array ? Buffer.from(example) : String(example ?? '');
    const file = join(__dirname, 'regressions', `found-${seed}-${index}.Dockerfile`);
    writeFileSync(file, input);
    console.log(
      `  FAIL ${property.name} after ${details.numRuns} runs (property seed ${seed + index}, path ${details.counterexamplePath})`,
    );
    console.log(`       ${String((details.errorInstance as Error | null)?.message ?? '').split('\n')[0]}`);
    console.log(`       input saved to ${file}: fix the bug and rename it issue-<n>-*.Dockerfile`);
  }
  if (!values['no-scaling'] && !checkScaling()) {
    console.log('analysis time grew faster than the input for the inputs marked SLOW');
    failed = true;
  }
  console.log(failed ? `\nfailed (seed ${seed})` : `\nno failure (seed ${seed})`);
  return failed ? 1 : 0;
}

main().then((status) => (process.exitCode = status));
