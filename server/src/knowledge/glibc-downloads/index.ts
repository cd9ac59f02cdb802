// The catalog of glibc-only downloads (MC2002): release files and URLs, and commands that
// fetch glibc builds. See docs/rules/MC2002.md for the table of entries and their sources.
import { GLIBC_INSTALL_COMMANDS, PIP_FORCED_MANYLINUX } from './commands';
import { GLIBC_DOWNLOADS } from './downloads';
import type { GlibcCatalogFacts } from './types';

export { GLIBC_DOWNLOADS } from './downloads';
export { GLIBC_INSTALL_COMMANDS, PIP_FORCED_MANYLINUX } from './commands';
export { glibcDownload, muslUrl } from './match';
export type { Ecosystem, GlibcCatalogFacts, GlibcOnlyDownload, GlibcInstallCommand, MuslAlternative, UrlRewrite } from './types';

/** Every entry of the catalog, downloads first. */
export const GLIBC_CATALOG: readonly GlibcCatalogFacts[] = [...GLIBC_DOWNLOADS, ...GLIBC_INSTALL_COMMANDS, PIP_FORCED_MANYLINUX];
