// The package version, kept in one place for --version, SARIF and the language server.
export const VERSION = '0.1.0';
