// Entry point of the language server bundled inside the extension: esbuild turns this file
// and everything it imports into dist/server/server.js, which the extension starts over IPC.
import { startServer } from '../../server/src/lsp/server';

startServer();
