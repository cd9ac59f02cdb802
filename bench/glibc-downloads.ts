// How fast MC2002's catalog matches URLs: realistic URLs (most of them clean), and long
// crafted ones that repeat each entry's keyword, to show the cost stays linear in the length.
//   npx tsx bench/glibc-downloads.ts
import { performance } from 'node:perf_hooks';
import { GLIBC_DOWNLOADS, glibcDownload } from '../server/src/knowledge/glibc-downloads';

const REALISTIC = [
  'https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz',
  'https://github.com/BurntSushi/ripgrep/releases/download/14.1.1/ripgrep-14.1.1-x86_64-unknown-linux-musl.tar.gz',
  'https://dl.k8s.io/release/v1.31.3/bin/linux/amd64/kubectl',
  'https://awscli.amazonaws.com/awscli-exe-linux-x86_64.zip',
  'https://github.com/adoptium/temurin21-binaries/releases/download/jdk-21.0.5%2B11/OpenJDK21U-jre_x64_linux_hotspot_21.0.5_11.tar.gz',
  'https://nodejs.org/dist/v22.11.0/node-v22.11.0-linux-x64.tar.xz',
  'https://repo.anaconda.com/miniconda/Miniconda3-latest-Linux-x86_64.sh',
  'https://releases.hashicorp.com/terraform/1.10.0/terraform_1.10.0_linux_amd64.zip',
];

function perCall(urls: readonly string[], rounds: number): number {
  const start = performance.now();
  for (let r = 0; r < rounds; r++) for (const url of urls) glibcDownload(url);
  return ((performance.now() - start) * 1000) / (rounds * urls.length);
}

perCall(REALISTIC, 2000);
console.log(`catalog: ${GLIBC_DOWNLOADS.length} download entries`);
console.log(`realistic URLs: ${perCall(REALISTIC, 20000).toFixed(2)} µs per URL`);
console.log('');
console.log('| crafted URL length | µs per URL | µs per KiB |');
console.log('| ---: | ---: | ---: |');
for (const kib of [1, 4, 16, 64]) {
  // Every keyword repeated, with the separators the patterns look for, and no valid ending.
  const unit = GLIBC_DOWNLOADS.map((e) => `${e.keyword}-linux-x64_`).join('/');
  const body = unit.repeat(Math.ceil((kib * 1024) / unit.length)).slice(0, kib * 1024);
  const urls = [`https://example.com/${body}`, `https://example.com/a/${body.replace(/\//g, '_')}`];
  const us = perCall(urls, Math.max(2, 200 / kib));
  console.log(`| ${kib} KiB | ${us.toFixed(1)} | ${(us / kib).toFixed(1)} |`);
}
