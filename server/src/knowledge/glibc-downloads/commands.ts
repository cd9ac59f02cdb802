// Commands that download a glibc build as a side effect: npm packages whose install script
// fetches a browser or a driver, and tools with their own download command.
import type { GlibcInstallCommand } from './types';

export const GLIBC_INSTALL_COMMANDS: readonly GlibcInstallCommand[] = [
  {
    id: 'playwright-install',
    vendor: 'Microsoft Playwright',
    what: "Playwright's browsers (`playwright install`)",
    words: [
      ['playwright', 'install'],
      ['playwright-core', 'install'],
      ['@playwright/test', 'install'],
    ],
    ecosystem: 'node',
    alternative: 'none',
    instead: "the Ubuntu-based `mcr.microsoft.com/playwright` image, or Alpine's `chromium` passed to Playwright as its executable path",
    source: 'https://github.com/microsoft/playwright/issues/1986',
  },
  {
    id: 'sdkman-java',
    vendor: 'SDKMAN!',
    what: 'a glibc JDK through SDKMAN! (`sdk install java`)',
    words: [['sdk', 'install', 'java']],
    ecosystem: 'java',
    alternative: 'none',
    instead: "an Alpine JDK base (`eclipse-temurin:<version>-jdk-alpine`) or Alpine's `openjdk<version>` package",
    source: 'https://github.com/sdkman/sdkman-cli/issues/1041',
  },
  {
    id: 'puppeteer-npm',
    vendor: 'Google Puppeteer',
    what: "Chrome for Testing (the `puppeteer` package's install script)",
    npmPackages: ['puppeteer'],
    skipVariables: ['PUPPETEER_SKIP_DOWNLOAD', 'PUPPETEER_SKIP_CHROMIUM_DOWNLOAD', 'PUPPETEER_EXECUTABLE_PATH'],
    ecosystem: 'node',
    alternative: 'alpine-package',
    instead:
      "Alpine's `chromium` package with `PUPPETEER_SKIP_DOWNLOAD=true` and `PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium-browser`, or `puppeteer-core`",
    source: 'https://pptr.dev/troubleshooting',
  },
  {
    id: 'chromedriver-npm',
    vendor: 'chromedriver (npm)',
    what: "Google's chromedriver (the `chromedriver` package's install script)",
    npmPackages: ['chromedriver'],
    skipVariables: ['CHROMEDRIVER_SKIP_DOWNLOAD', 'CHROMEDRIVER_FILEPATH'],
    ecosystem: 'node',
    alternative: 'alpine-package',
    instead: "Alpine's `chromium-chromedriver` package, with `CHROMEDRIVER_SKIP_DOWNLOAD=true`",
    source: 'https://github.com/giggio/node-chromedriver/issues/70',
  },
  {
    id: 'electron-npm',
    vendor: 'Electron',
    what: "an Electron build (the `electron` package's install script)",
    npmPackages: ['electron'],
    skipVariables: ['ELECTRON_SKIP_BINARY_DOWNLOAD'],
    ecosystem: 'node',
    alternative: 'none',
    instead: 'a Debian-based stage (for example `node:<version>-slim`)',
    source: 'https://github.com/electron/electron/issues/9662',
  },
  {
    id: 'phantomjs-npm',
    vendor: 'PhantomJS',
    what: "PhantomJS (the `phantomjs-prebuilt` package's install script)",
    npmPackages: ['phantomjs-prebuilt', 'phantomjs'],
    ecosystem: 'node',
    alternative: 'none',
    instead: "Alpine's `chromium` in headless mode (PhantomJS is discontinued), or a Debian-based stage",
    source: 'https://github.com/mhart/alpine-node/issues/67',
  },
];

/**
 * pip told to fetch manylinux wheels for another platform (`--platform manylinux2014_x86_64`)
 * into a directory that this stage then puts on PYTHONPATH. MC2002 matches it with its pip check.
 */
export const PIP_FORCED_MANYLINUX: Omit<GlibcInstallCommand, 'npmPackages' | 'words' | 'skipVariables'> = {
  id: 'pip-platform-manylinux',
  vendor: 'pip',
  what: 'manylinux wheels (`pip install --platform`, on PYTHONPATH)',
  ecosystem: 'python',
  alternative: 'musl-build',
  instead: 'pip without `--platform`, so that it picks musllinux wheels or builds from source',
  source: 'https://pip.pypa.io/en/stable/cli/pip_install/#cmdoption-platform',
};
