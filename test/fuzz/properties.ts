// The fuzz properties, shared by the short pass in `npm test` and the long `npm run fuzz`.
import fc from 'fast-check';
import { decodeText, MAX_FILE_BYTES } from '../../server/src/cli/files';
import { fragmentSoup, hostileBytes, mutatedSeed } from './arbitraries';
import { checkEveryFix, checkFixAll } from './fix-safety';
import { analyzeChecked } from './harness';
import { analyze } from '../../server/src/analyze';

/** A named property and how many runs the short pass gives it. */
export interface FuzzProperty {
  name: string;
  make(): fc.IProperty<[unknown]>;
  shortRuns: number;
}

const DECODER_ERRORS = new Set([
  'not a text file (it contains NUL bytes)',
  'not a text file (it is not valid UTF-8)',
  `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`,
]);

/** Seeds whose findings offer fixes: the glibc installs that mutations keep positive. */
const hasFixes = (text: string): boolean => analyze(text).findings.some((f) => f.fixes.length > 0);

export const PROPERTIES: readonly FuzzProperty[] = [
  {
    name: 'mutated seeds: analyze returns well-formed findings',
    make: () => fc.property(mutatedSeed(), (text) => void analyzeChecked(text)),
    shortRuns: 300,
  },
  {
    name: 'fragment soup: analyze returns well-formed findings',
    make: () => fc.property(fragmentSoup, (text) => void analyzeChecked(text)),
    shortRuns: 200,
  },
  {
    name: 'raw bytes through the CLI decoder: text is analyzed, the rest is a clean error',
    make: () =>
      fc.property(hostileBytes, (bytes) => {
        const decoded = decodeText(bytes);
        if ('error' in decoded) {
          if (!DECODER_ERRORS.has(decoded.error)) throw new Error(`unexpected decoder error: ${decoded.error}`);
        } else analyzeChecked(decoded.text);
      }),
    shortRuns: 150,
  },
  {
    name: 'fuzzed positives: every offered fix is safe',
    make: () => fc.property(mutatedSeed(3, hasFixes).filter(hasFixes), (text) => void checkEveryFix(text)),
    shortRuns: 40,
  },
  {
    name: 'fuzzed positives: fix-all twice equals once',
    make: () => fc.property(mutatedSeed(3, hasFixes).filter(hasFixes), (text) => checkFixAll(text)),
    shortRuns: 25,
  },
];
