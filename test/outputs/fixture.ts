// The one results fixture every format's golden test renders: hand-written findings (so a
// change to a rule's wording does not churn these goldens), with a fix, a related location,
// a multi-line range, and a file name and message full of characters formats must escape.
import { LineIndex } from '../../server/src/parse/text';
import type { Fix } from '../../server/src/fixes/types';
import type { FileResult } from '../../server/src/outputs/types';
import type { Finding, Severity } from '../../server/src/rules/types';

const API = `FROM alpine:3.20
RUN wget https://github.com/sgerrand/alpine-pkg-glibc/releases/download/2.35-r1/glibc-2.35-r1.apk && \\
    apk add --allow-untrusted glibc-2.35-r1.apk
FROM frolvlad/alpine-glibc:alpine-3.17
`;

const ODD = `FROM alpine:3.20
# muslcheck ignroe=MC1006
RUN apk add glibc
`;

function finding(
  text: string,
  code: string,
  rule: string,
  severity: Severity,
  match: string,
  message: string,
  extra: Partial<Finding> = {},
): Finding {
  const lines = new LineIndex(text);
  const start = text.indexOf(match);
  if (start < 0) throw new Error(`fixture: '${match}' not found`);
  const span = { start, end: start + match.length };
  return { code, rule, severity, message, span, range: lines.rangeOf(span), related: [], fixes: [], stage: 0, ...extra };
}

function related(text: string, match: string, message: string): Finding['related'][number] {
  const start = text.indexOf(match);
  const span = { start, end: start + match.length };
  return { span, range: new LineIndex(text).rangeOf(span), message };
}

const gcompat: Fix = {
  title: 'Replace the glibc install with gcompat',
  safety: 'safe',
  preferred: true,
  key: 'gcompat',
  edits: [{ span: { start: API.indexOf('RUN wget'), end: API.indexOf('\nFROM frolvlad') }, newText: 'RUN apk add --no-cache gcompat' }],
};

const baseImage: Fix = {
  title: 'Use alpine:3.17 with gcompat',
  safety: 'unsafe',
  preferred: true,
  key: 'base',
  edits: [
    {
      span: { start: API.indexOf('frolvlad/alpine-glibc:alpine-3.17'), end: API.indexOf('frolvlad/alpine-glibc:alpine-3.17') + 33 },
      newText: 'alpine:3.17',
    },
    { span: { start: API.length, end: API.length }, newText: 'RUN apk add --no-cache gcompat\n' },
  ],
};

/** Three files: findings of every severity, a file with odd characters, and a clean file. */
export const RESULTS: FileResult[] = [
  {
    file: 'services/api/Dockerfile',
    text: API,
    stages: [],
    instructions: [
      { span: { start: 0, end: API.indexOf('\n') } },
      { span: { start: API.indexOf('RUN wget'), end: API.indexOf('\nFROM frolvlad') } },
      { span: { start: API.indexOf('FROM frolvlad'), end: API.length - 1 } },
    ],
    findings: [
      finding(
        API,
        'MC1004',
        'glibc-apk-download',
        'warning',
        'https://github.com/sgerrand/alpine-pkg-glibc/releases/download/2.35-r1/glibc-2.35-r1.apk',
        'Fetches glibc apks from an unofficial source.',
      ),
      finding(
        API,
        'MC1002',
        'glibc-apk-install',
        'error',
        'glibc-2.35-r1.apk && \\\n    apk add --allow-untrusted glibc-2.35-r1.apk',
        'Installs glibc on musl across two lines.',
        {
          fixes: [gcompat],
          related: [related(API, 'FROM alpine:3.20', 'the musl stage')],
        },
      ),
      finding(
        API,
        'MC1001',
        'alpine-glibc-base-image',
        'info',
        'frolvlad/alpine-glibc:alpine-3.17',
        'Base image `frolvlad/alpine-glibc` adds glibc to Alpine.',
        {
          fixes: [baseImage],
          stage: 1,
        },
      ),
    ],
  },
  {
    file: 'odd dir/a,b:c%d.Dockerfile',
    text: ODD,
    stages: [],
    findings: [
      finding(
        ODD,
        'MC0001',
        'invalid-pragma',
        'style',
        '# muslcheck ignroe=MC1006',
        `100% wrong: <pragma> & "quotes" 'here'\nsecond line, with: colons`,
      ),
    ],
  },
  { file: 'clean/Dockerfile', text: 'FROM alpine:3.20\n', stages: [], findings: [] },
];
