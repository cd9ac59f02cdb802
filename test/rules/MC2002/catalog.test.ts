// MC2002's catalog of glibc-only downloads, entry by entry: each entry's glibc artefact is
// flagged in a musl stage with that entry's message, and stays silent in a glibc stage; a
// near miss (the vendor's musl build, another platform's file, a skip variable) is clean.
// Static builds that run anywhere are clean too.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CATALOG_PAGE, withCatalogTable } from '../../../scripts/generate/glibc-catalog';
import { analyze } from '../../../server/src/analyze';
import { GLIBC_CATALOG, GLIBC_DOWNLOADS, glibcDownload, muslUrl } from '../../../server/src/knowledge/glibc-downloads';
import { initRules } from '../helpers';

interface CatalogCase {
  /** Instructions after FROM that fetch the glibc build. */
  bad: string;
  /** A near miss in the same musl stage: it must stay clean. */
  ok: string;
}

const curl = (url: string): string => `RUN curl -fsSLO ${url}`;

const CASES: Readonly<Record<string, CatalogCase>> = {
  'aws-cli-v2': {
    bad: 'RUN curl "https://awscli.amazonaws.com/awscli-exe-linux-x86_64.zip" -o awscliv2.zip && unzip awscliv2.zip && ./aws/install',
    ok: curl('https://awscli.amazonaws.com/awscli-2.17.21.tar.gz'),
  },
  'oracle-instant-client': {
    bad: 'RUN wget https://download.oracle.com/otn_software/linux/instantclient/193000/instantclient-basic-linux.x64-19.3.0.0.0dbru.zip',
    ok: 'RUN wget https://download.oracle.com/otn_software/mac/instantclient/198000/instantclient-basic-macos.x64-19.8.0.0.0dbru.dmg',
  },
  'msodbcsql-deb': {
    bad: curl('https://download.microsoft.com/download/1/f/f/1fffb537/msodbcsql18_18.3.2.1-1_amd64.deb'),
    ok: curl('https://download.microsoft.com/download/1/f/f/1fffb537/msodbcsql18_18.3.2.1-1_amd64.apk'),
  },
  'snyk-cli-linux': {
    bad: 'RUN curl -o /usr/local/bin/snyk https://static.snyk.io/cli/latest/snyk-linux',
    ok: 'RUN curl -o /usr/local/bin/snyk https://static.snyk.io/cli/latest/snyk-alpine',
  },
  'docker-compose-v1': {
    bad: 'RUN curl -L https://github.com/docker/compose/releases/download/1.29.2/docker-compose-Linux-x86_64 -o /usr/local/bin/docker-compose',
    ok: 'RUN curl -L https://github.com/docker/compose/releases/download/v2.29.7/docker-compose-linux-x86_64 -o /usr/local/bin/docker-compose',
  },
  'nodejs-official': {
    bad: 'RUN wget https://nodejs.org/dist/v22.11.0/node-v22.11.0-linux-x64.tar.xz',
    ok: 'RUN wget https://unofficial-builds.nodejs.org/download/release/v22.11.0/node-v22.11.0-linux-x64-musl.tar.xz',
  },
  'bun-glibc': {
    bad: curl('https://github.com/oven-sh/bun/releases/download/bun-v1.1.34/bun-linux-x64-baseline.zip'),
    ok: curl('https://github.com/oven-sh/bun/releases/download/bun-v1.1.34/bun-linux-x64-musl-baseline.zip'),
  },
  'deno-release': {
    bad: curl('https://github.com/denoland/deno/releases/download/v2.1.1/deno-x86_64-unknown-linux-gnu.zip'),
    ok: curl('https://github.com/denoland/deno/releases/download/v2.1.1/deno-aarch64-apple-darwin.zip'),
  },
  'deno-install-script': {
    bad: 'RUN curl -fsSL https://deno.land/install.sh | sh',
    ok: 'RUN curl -fsSL https://example.com/install.sh | sh',
  },
  'electron-zip': {
    bad: curl('https://github.com/electron/electron/releases/download/v33.2.0/electron-v33.2.0-linux-x64.zip'),
    ok: curl('https://github.com/electron/electron/releases/download/v33.2.0/electron-v33.2.0-darwin-arm64.zip'),
  },
  phantomjs: {
    bad: 'RUN curl -SL https://bitbucket.org/ariya/phantomjs/downloads/phantomjs-2.1.1-linux-x86_64.tar.bz2 > phantom.tar.bz2',
    ok: 'RUN curl -SL https://bitbucket.org/ariya/phantomjs/downloads/phantomjs-2.1.1-macosx.zip > phantom.zip',
  },
  'dart-sass': {
    bad: curl('https://github.com/sass/dart-sass/releases/download/1.81.0/dart-sass-1.81.0-linux-x64.tar.gz'),
    ok: curl('https://github.com/sass/dart-sass/releases/download/1.81.0/dart-sass-1.81.0-linux-x64-musl.tar.gz'),
  },
  'google-chrome-package': {
    bad: 'RUN wget -q https://dl.google.com/linux/direct/google-chrome-stable_current_amd64.deb',
    ok: 'RUN wget -q -O /tmp/key.pub https://dl.google.com/linux/linux_signing_key.pub',
  },
  'chrome-for-testing': {
    bad: curl('https://storage.googleapis.com/chrome-for-testing-public/131.0.6778.85/linux64/chrome-linux64.zip'),
    ok: curl('https://storage.googleapis.com/chrome-for-testing-public/131.0.6778.85/mac-arm64/chrome-mac-arm64.zip'),
  },
  chromedriver: {
    bad: 'RUN wget -q https://chromedriver.storage.googleapis.com/114.0.5735.90/chromedriver_linux64.zip',
    ok: 'RUN wget -q https://chromedriver.storage.googleapis.com/114.0.5735.90/chromedriver_mac64.zip',
  },
  geckodriver: {
    bad: curl('https://github.com/mozilla/geckodriver/releases/download/v0.35.0/geckodriver-v0.35.0-linux64.tar.gz'),
    ok: curl('https://github.com/mozilla/geckodriver/releases/download/v0.25.0/geckodriver-v0.25.0-linux64.tar.gz'),
  },
  'microsoft-edge-package': {
    bad: curl(
      'https://packages.microsoft.com/repos/edge/pool/main/m/microsoft-edge-stable/microsoft-edge-stable_131.0.2903.70-1_amd64.deb',
    ),
    ok: curl('https://packages.microsoft.com/keys/microsoft.asc'),
  },
  'firefox-tarball': {
    bad: curl('https://ftp.mozilla.org/pub/firefox/releases/133.0/linux-x86_64/en-US/firefox-133.0.tar.bz2'),
    ok: curl('https://ftp.mozilla.org/pub/firefox/releases/133.0/SHA256SUMS'),
  },
  'firefox-download-link': {
    bad: 'RUN wget -O firefox.tar.bz2 "https://download.mozilla.org/?product=firefox-latest&os=linux64&lang=en-US"',
    ok: 'RUN wget -O firefox.dmg "https://download.mozilla.org/?product=firefox-latest&os=osx&lang=en-US"',
  },
  'temurin-archive': {
    bad: curl(
      'https://github.com/adoptium/temurin21-binaries/releases/download/jdk-21.0.5%2B11/OpenJDK21U-jre_x64_linux_hotspot_21.0.5_11.tar.gz',
    ),
    ok: curl(
      'https://github.com/adoptium/temurin21-binaries/releases/download/jdk-21.0.5%2B11/OpenJDK21U-jre_x64_alpine-linux_hotspot_21.0.5_11.tar.gz',
    ),
  },
  'temurin-api': {
    bad: 'RUN curl -fsSL -o jre.tar.gz https://api.adoptium.net/v3/binary/latest/21/ga/linux/x64/jre/hotspot/normal/eclipse',
    ok: 'RUN curl -fsSL -o jre.tar.gz https://api.adoptium.net/v3/binary/latest/21/ga/alpine-linux/x64/jre/hotspot/normal/eclipse',
  },
  zulu: {
    bad: curl('https://cdn.azul.com/zulu/bin/zulu21.38.21-ca-jdk21.0.5-linux_x64.tar.gz'),
    ok: curl('https://cdn.azul.com/zulu/bin/zulu21.38.21-ca-jdk21.0.5-linux_musl_x64.tar.gz'),
  },
  corretto: {
    bad: curl('https://corretto.aws/downloads/latest/amazon-corretto-21-x64-linux-jdk.tar.gz'),
    ok: curl('https://corretto.aws/downloads/latest/amazon-corretto-21-x64-alpine-jdk.tar.gz'),
  },
  liberica: {
    bad: curl('https://download.bell-sw.com/java/21.0.5+11/bellsoft-jdk21.0.5+11-linux-amd64.tar.gz'),
    ok: curl('https://download.bell-sw.com/java/21.0.5+11/bellsoft-jdk21.0.5+11-linux-x64-musl.tar.gz'),
  },
  'microsoft-openjdk': {
    bad: curl('https://aka.ms/download-jdk/microsoft-jdk-21.0.5-linux-x64.tar.gz'),
    ok: curl('https://aka.ms/download-jdk/microsoft-jdk-21.0.5-alpine-x64.tar.gz'),
  },
  'oracle-jdk': {
    bad: curl('https://download.oracle.com/java/21/latest/jdk-21_linux-x64_bin.tar.gz'),
    ok: curl('https://download.java.net/java/early_access/alpine/5/binaries/openjdk-19-ea+5_linux-x64-musl_bin.tar.gz'),
  },
  graalvm: {
    bad: curl('https://download.oracle.com/graalvm/21/latest/graalvm-jdk-21_linux-x64_bin.tar.gz'),
    ok: curl(
      'https://github.com/graalvm/graalvm-ce-builds/releases/download/jdk-21.0.2/graalvm-community-jdk-21.0.2_macos-aarch64_bin.tar.gz',
    ),
  },
  miniconda: {
    bad: 'RUN wget -q https://repo.anaconda.com/miniconda/Miniconda3-latest-Linux-x86_64.sh -O miniconda.sh && bash miniconda.sh -b -p /opt/conda',
    ok: 'RUN wget -q https://repo.anaconda.com/miniconda/Miniconda3-latest-MacOSX-arm64.sh',
  },
  anaconda: {
    bad: curl('https://repo.anaconda.com/archive/Anaconda3-2024.10-1-Linux-x86_64.sh'),
    ok: curl('https://repo.anaconda.com/archive/Anaconda3-2024.10-1-MacOSX-x86_64.sh'),
  },
  miniforge: {
    bad: curl('https://github.com/conda-forge/miniforge/releases/latest/download/Miniforge3-Linux-x86_64.sh'),
    ok: curl('https://github.com/conda-forge/miniforge/releases/latest/download/Miniforge3-MacOSX-arm64.sh'),
  },
  'python-build-standalone': {
    bad: curl(
      'https://github.com/astral-sh/python-build-standalone/releases/download/20241016/cpython-3.12.7+20241016-x86_64-unknown-linux-gnu-install_only.tar.gz',
    ),
    ok: curl(
      'https://github.com/astral-sh/python-build-standalone/releases/download/20241016/cpython-3.12.7+20241016-x86_64-unknown-linux-musl-install_only.tar.gz',
    ),
  },
  protoc: {
    bad: curl('https://github.com/protocolbuffers/protobuf/releases/download/v28.3/protoc-28.3-linux-x86_64.zip'),
    ok: curl('https://github.com/protocolbuffers/protobuf/releases/download/v28.3/protobuf-28.3.tar.gz'),
  },
  'hugo-extended': {
    bad: curl('https://github.com/gohugoio/hugo/releases/download/v0.139.3/hugo_extended_0.139.3_linux-amd64.tar.gz'),
    ok: curl('https://github.com/gohugoio/hugo/releases/download/v0.139.3/hugo_0.139.3_linux-amd64.tar.gz'),
  },
  'rustup-init': {
    bad: 'RUN curl -o /usr/local/bin/rustup-init https://static.rust-lang.org/rustup/dist/x86_64-unknown-linux-gnu/rustup-init',
    ok: 'RUN curl -o /usr/local/bin/rustup-init https://static.rust-lang.org/rustup/dist/x86_64-unknown-linux-musl/rustup-init',
  },
  'dotnet-archive': {
    bad: curl('https://dotnetcli.azureedge.net/dotnet/Sdk/8.0.404/dotnet-sdk-8.0.404-linux-x64.tar.gz'),
    ok: curl('https://dotnetcli.azureedge.net/dotnet/Sdk/8.0.404/dotnet-sdk-8.0.404-linux-musl-x64.tar.gz'),
  },
  powershell: {
    bad: curl('https://github.com/PowerShell/PowerShell/releases/download/v7.4.6/powershell-7.4.6-linux-x64.tar.gz'),
    ok: curl('https://github.com/PowerShell/PowerShell/releases/download/v7.4.6/powershell-7.4.6-linux-musl-x64.tar.gz'),
  },
  julia: {
    bad: curl('https://julialang-s3.julialang.org/bin/linux/x64/1.11/julia-1.11.1-linux-x86_64.tar.gz'),
    ok: curl('https://julialang-s3.julialang.org/bin/musl/x64/1.11/julia-1.11.1-musl-x86_64.tar.gz'),
  },
  'dart-sdk': {
    bad: curl('https://storage.googleapis.com/dart-archive/channels/stable/release/3.5.4/sdk/dartsdk-linux-x64-release.zip'),
    ok: curl('https://storage.googleapis.com/dart-archive/channels/stable/release/3.5.4/sdk/dartsdk-macos-arm64-release.zip'),
  },
  'flutter-sdk': {
    bad: curl('https://storage.googleapis.com/flutter_infra_release/releases/stable/linux/flutter_linux_3.24.5-stable.tar.xz'),
    ok: curl('https://storage.googleapis.com/flutter_infra_release/releases/stable/macos/flutter_macos_3.24.5-stable.zip'),
  },
  'cuda-runfile': {
    bad: curl('https://developer.download.nvidia.com/compute/cuda/12.6.3/local_installers/cuda_12.6.3_560.35.05_linux.run'),
    ok: curl('https://developer.download.nvidia.com/compute/cuda/12.6.3/local_installers/cuda_12.6.3_561.17_windows.exe'),
  },
  'libreoffice-packages': {
    bad: curl('https://download.documentfoundation.org/libreoffice/stable/24.8.3/deb/x86_64/LibreOffice_24.8.3_Linux_x86-64_deb.tar.gz'),
    ok: curl('https://download.documentfoundation.org/libreoffice/stable/24.8.3/mac/aarch64/LibreOffice_24.8.3_MacOS_aarch64.dmg'),
  },
  'wkhtmltopdf-package': {
    bad: curl('https://github.com/wkhtmltopdf/packaging/releases/download/0.12.6.1-3/wkhtmltox_0.12.6.1-3.bookworm_amd64.deb'),
    ok: curl('https://github.com/wkhtmltopdf/packaging/releases/download/0.12.6-1/wkhtmltox-0.12.6-1.macos-cocoa.pkg'),
  },
  bazel: {
    bad: 'RUN curl -fsSLo /usr/local/bin/bazel https://github.com/bazelbuild/bazel/releases/download/7.4.1/bazel-7.4.1-linux-x86_64',
    ok: curl('https://github.com/bazelbuild/bazel/releases/download/7.4.1/bazel-7.4.1-dist.zip'),
  },
  'minecraft-bedrock-server': {
    bad: curl('https://www.minecraft.net/bedrockdedicatedserver/bin-linux/bedrock-server-1.21.44.01.zip'),
    ok: curl('https://www.minecraft.net/bedrockdedicatedserver/bin-win/bedrock-server-1.21.44.01.zip'),
  },
  'mongodb-server': {
    bad: curl('https://fastdl.mongodb.org/linux/mongodb-linux-x86_64-ubuntu2204-8.0.3.tgz'),
    ok: curl('https://fastdl.mongodb.org/osx/mongodb-macos-arm64-8.0.3.tgz'),
  },
  onnxruntime: {
    bad: curl('https://github.com/microsoft/onnxruntime/releases/download/v1.20.1/onnxruntime-linux-x64-1.20.1.tgz'),
    ok: curl('https://github.com/microsoft/onnxruntime/releases/download/v1.20.1/onnxruntime-osx-arm64-1.20.1.tgz'),
  },
  'factorio-headless': {
    bad: 'RUN curl -sSL https://www.factorio.com/get-download/2.0.20/headless/linux64 -o /tmp/factorio.tar.xz',
    ok: 'RUN curl -sSL https://www.factorio.com/get-download/2.0.20/alpha/win64-manual -o /tmp/factorio.zip',
  },
  steamcmd: {
    bad: 'RUN curl -sqL "https://steamcdn-a.akamaihd.net/client/installer/steamcmd_linux.tar.gz" | tar zxvf -',
    ok: 'RUN curl -sqL "https://steamcdn-a.akamaihd.net/client/installer/steamcmd_osx.tar.gz" | tar zxvf -',
  },
  'linux-gnu-triple': {
    bad: curl('https://github.com/BurntSushi/ripgrep/releases/download/14.1.1/ripgrep-14.1.1-aarch64-unknown-linux-gnu.tar.gz'),
    ok: curl('https://github.com/BurntSushi/ripgrep/releases/download/14.1.1/ripgrep-14.1.1-x86_64-unknown-linux-musl.tar.gz'),
  },
  'manylinux-wheel': {
    bad: 'RUN pip install https://example.com/pkg-1.0-cp312-cp312-manylinux_2_17_x86_64.whl',
    ok: 'RUN pip install https://example.com/pkg-1.0-cp312-cp312-musllinux_1_2_x86_64.whl',
  },
  'playwright-install': {
    bad: 'RUN npx -y playwright@1.49.0 install --with-deps chromium',
    ok: 'RUN npm install -D @playwright/test',
  },
  'sdkman-java': {
    bad: 'SHELL ["/bin/bash", "-c"]\nRUN source "$HOME/.sdkman/bin/sdkman-init.sh" && sdk install java 21.0.5-tem',
    ok: 'SHELL ["/bin/bash", "-c"]\nRUN source "$HOME/.sdkman/bin/sdkman-init.sh" && sdk install maven 3.9.9',
  },
  'puppeteer-npm': {
    bad: 'RUN npm install puppeteer@23.9.0',
    ok: 'RUN PUPPETEER_SKIP_DOWNLOAD=true npm install puppeteer@23.9.0',
  },
  'chromedriver-npm': {
    bad: 'RUN npm install -g chromedriver',
    ok: 'ENV CHROMEDRIVER_SKIP_DOWNLOAD=true\nRUN npm install -g chromedriver',
  },
  'electron-npm': {
    bad: 'RUN yarn add electron@33',
    ok: 'RUN export ELECTRON_SKIP_BINARY_DOWNLOAD=1 && yarn add electron@33',
  },
  'phantomjs-npm': {
    bad: 'RUN npm i phantomjs-prebuilt',
    ok: 'RUN npm i phantomjs-polyfill',
  },
  'pip-platform-manylinux': {
    bad: 'ENV PYTHONPATH=/app/deps\nRUN pip install --platform manylinux2014_x86_64 --only-binary=:all: --target /app/deps -r requirements.txt',
    ok: 'RUN pip install --platform manylinux2014_x86_64 --only-binary=:all: --target /build/package -r requirements.txt && cd /build/package && zip -r /out/layer.zip .',
  },
};

/** Downloads of static builds or of builds for any libc: never MC2002. */
const STATIC_DOWNLOADS: readonly string[] = [
  'RUN curl -LO "https://dl.k8s.io/release/v1.31.3/bin/linux/amd64/kubectl"',
  curl('https://releases.hashicorp.com/terraform/1.10.0/terraform_1.10.0_linux_amd64.zip'),
  'RUN wget -qO- https://get.helm.sh/helm-v3.16.3-linux-amd64.tar.gz | tar -xz',
  curl('https://go.dev/dl/go1.23.3.linux-amd64.tar.gz'),
  curl('https://ziglang.org/download/0.13.0/zig-linux-x86_64-0.13.0.tar.xz'),
  curl('https://github.com/jgm/pandoc/releases/download/3.5/pandoc-3.5-linux-amd64.tar.gz'),
  curl('https://bin.equinox.io/c/bNyj1mQVY4c/ngrok-v3-stable-linux-amd64.tgz'),
  curl('https://download.docker.com/linux/static/stable/x86_64/docker-27.3.1.tgz'),
  curl('https://github.com/jqlang/jq/releases/download/jq-1.7.1/jq-linux-amd64'),
  curl('https://johnvansickle.com/ffmpeg/releases/ffmpeg-release-amd64-static.tar.xz'),
  'RUN curl -fsSL https://bun.sh/install | bash',
  "RUN curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y",
  'RUN wget -qO- https://dot.net/v1/dotnet-install.sh | bash -s -- --channel 8.0',
  'RUN npm install sharp esbuild @swc/core',
  'RUN npm install puppeteer-core',
  // No install script runs, so nothing is downloaded.
  'RUN npm install --ignore-scripts puppeteer',
  'RUN pnpm add puppeteer --ignore-scripts',
  'RUN npm_config_ignore_scripts=true npm install electron',
  'ENV NPM_CONFIG_IGNORE_SCRIPTS=true\nRUN npm ci && npm install chromedriver',
];

const findings = (code: string) => analyze(code).findings.filter((f) => f.code === 'MC2002');

describe('MC2002 catalog of glibc-only downloads', function () {
  before(initRules);

  it('has at least 40 entries, each with a vendor, an alternative and a source', function () {
    assert.ok(GLIBC_CATALOG.length >= 40, `${GLIBC_CATALOG.length} entries`);
    for (const entry of GLIBC_CATALOG) {
      assert.ok(entry.vendor && entry.what && entry.instead, entry.id);
      assert.match(entry.source, /^https:\/\/[^\s]+$/, entry.id);
    }
    assert.equal(new Set(GLIBC_CATALOG.map((e) => e.id)).size, GLIBC_CATALOG.length, 'ids are unique');
  });

  it('has a case for every entry and no case without an entry', function () {
    assert.deepEqual(Object.keys(CASES).sort(), GLIBC_CATALOG.map((e) => e.id).sort());
  });

  for (const entry of GLIBC_CATALOG) {
    const cases = CASES[entry.id];
    if (!cases) continue;
    describe(entry.id, function () {
      it('is flagged in a musl stage with its own message', function () {
        const found = findings(`FROM alpine:3.20\n${cases.bad}\n`);
        assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
        assert.ok(found[0].message.includes(entry.what), found[0].message);
        assert.ok(found[0].message.includes(entry.instead), found[0].message);
      });
      it('is not flagged in a glibc stage', function () {
        assert.deepEqual(findings(`FROM debian:bookworm-slim\n${cases.bad}\n`), []);
      });
      it('is not flagged when gcompat is installed', function () {
        assert.deepEqual(findings(`FROM alpine:3.20\nRUN apk add --no-cache gcompat\n${cases.bad}\n`), []);
      });
      it('leaves the near miss alone', function () {
        assert.deepEqual(
          findings(`FROM alpine:3.20\n${cases.ok}\n`).map((f) => f.message),
          [],
        );
      });
    });
  }

  it('matches each download case to its own entry, not an earlier one', function () {
    for (const entry of GLIBC_DOWNLOADS) {
      const url = /https?:\/\/[^\s"]+/.exec(CASES[entry.id].bad)?.[0] ?? '';
      assert.equal(glibcDownload(url)?.id, entry.id, url);
    }
  });

  it("rewrites each entry's glibc URL to a musl build's URL that the catalog leaves alone", function () {
    const rewritten = GLIBC_DOWNLOADS.filter((e) => e.muslUrl).map((entry) => {
      const url = /https?:\/\/[^\s"]+/.exec(CASES[entry.id].bad)?.[0] ?? '';
      const musl = muslUrl(entry, url);
      assert.ok(musl && musl !== url && /musl|alpine/.test(musl), `${entry.id}: ${musl}`);
      assert.equal(glibcDownload(musl), null, musl);
      return entry.id;
    });
    assert.ok(rewritten.length >= 15, rewritten.join(', '));
  });

  it('gives the musl URLs the vendors publish, as in the near misses', function () {
    for (const id of [
      'nodejs-official',
      'temurin-archive',
      'temurin-api',
      'zulu',
      'dotnet-archive',
      'powershell',
      'julia',
      'snyk-cli-linux',
      'rustup-init',
    ]) {
      const entry = GLIBC_DOWNLOADS.find((e) => e.id === id)!;
      const url = (text: string): string => /https?:\/\/[^\s"]+/.exec(text)?.[0] ?? '';
      assert.equal(muslUrl(entry, url(CASES[id].bad)), url(CASES[id].ok), id);
    }
  });

  for (const line of STATIC_DOWNLOADS) {
    it(`leaves a static or libc-aware download alone: ${line.slice(4, 90)}`, function () {
      assert.deepEqual(findings(`FROM alpine:3.20\n${line}\n`), []);
    });
  }

  it('reads an unresolved version variable as part of the file name', function () {
    assert.equal(glibcDownload('https://awscli.amazonaws.com/awscli-exe-linux-x86_64-${AWS_CLI_VERSION}.zip')?.id, 'aws-cli-v2');
    assert.equal(glibcDownload('http://repo.continuum.io/miniconda/Miniconda3-${CONDA_VERSION}-Linux-x86_64.sh')?.id, 'miniconda');
  });

  it("knows Chromium's snapshot builds", function () {
    assert.equal(
      glibcDownload('https://storage.googleapis.com/chromium-browser-snapshots/Linux_x64/1083080/chrome-linux.zip')?.id,
      'chrome-for-testing',
    );
  });

  it('leaves source tarballs and headers alone', function () {
    assert.equal(glibcDownload('https://ftp.mozilla.org/pub/firefox/releases/133.0/source/firefox-133.0.source.tar.xz'), null);
    assert.equal(glibcDownload('https://nodejs.org/dist/v22.11.0/node-v22.11.0-headers.tar.gz'), null);
    assert.equal(glibcDownload('https://nodejs.org/dist/v22.11.0/node-v22.11.0.tar.gz'), null);
  });

  it('reads file names built with uname as a Linux stage would', function () {
    assert.equal(
      glibcDownload('https://github.com/docker/compose/releases/download/1.29.2/docker-compose-$(uname -s)-$(uname -m)')?.id,
      'docker-compose-v1',
    );
    assert.equal(glibcDownload('https://awscli.amazonaws.com/awscli-exe-linux-`uname -m`.zip')?.id, 'aws-cli-v2');
    assert.equal(
      glibcDownload('https://github.com/conda-forge/miniforge/releases/latest/download/Miniforge3-$(uname)-$(uname -m).sh')?.id,
      'miniforge',
    );
    assert.equal(glibcDownload('https://github.com/docker/compose/releases/download/v2.29.7/docker-compose-linux-$(uname -m)'), null);
  });

  it("knows jdk.java.net's OpenJDK builds are Oracle's glibc builds", function () {
    assert.equal(
      glibcDownload(
        'https://download.java.net/java/GA/jdk23.0.1/c28985cbf10d4e648e4004050f8781aa/11/GPL/openjdk-23.0.1_linux-x64_bin.tar.gz',
      )?.id,
      'oracle-jdk',
    );
    assert.equal(
      glibcDownload(
        'https://download.java.net/java/GA/jdk23.0.1/c28985cbf10d4e648e4004050f8781aa/11/GPL/openjdk-23.0.1_macos-aarch64_bin.tar.gz',
      ),
      null,
    );
  });

  it('takes the host into account where the file name alone is ambiguous', function () {
    assert.equal(glibcDownload('https://example.com/jdk-21_linux-x64_bin.tar.gz'), null);
    assert.equal(glibcDownload('https://example.com/install.sh'), null);
    assert.equal(glibcDownload('https://deno.land.example.com/install.sh'), null);
  });
});

describe('MC2002 catalog table in docs/rules/MC2002.md', function () {
  it('is up to date with the catalog (npm run generate)', function () {
    const page = readFileSync(CATALOG_PAGE, 'utf8');
    const next = withCatalogTable(page);
    assert.ok(next !== null, 'the catalog markers are missing');
    assert.equal(page, next);
    for (const entry of GLIBC_CATALOG) assert.ok(page.includes(`| \`${entry.id}\` |`), entry.id);
  });
});
