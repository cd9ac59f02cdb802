// The muslcheck status bar item. It stays hidden while all is well and appears only while
// an analysis is outstanding (a document was sent and its diagnostics have not come back
// yet) or when the server has failed, in which case clicking it restarts the server.
import * as vscode from 'vscode';

/** How long an analysis must be outstanding before the spinner shows, so typing does not flicker it. */
const SHOW_BUSY_AFTER_MS = 250;
/** A document whose diagnostics never come back (the server skipped it) stops counting as busy after this. */
const FORGET_BUSY_AFTER_MS = 15_000;

/** Tracks outstanding analyses and the server's health, and shows them in the status bar. */
export class AnalysisStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private showTimer: NodeJS.Timeout | undefined;
  private failure: string | undefined;

  constructor(restartCommand: string) {
    this.item = vscode.window.createStatusBarItem('muslcheck.status', vscode.StatusBarAlignment.Left, 0);
    this.item.name = 'muslcheck';
    this.item.command = restartCommand;
  }

  /** A document was sent to the server; its diagnostics are now outstanding. */
  analysing(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => this.analysed(uri), FORGET_BUSY_AFTER_MS),
    );
    if (!this.showTimer) this.showTimer = setTimeout(() => this.render(), SHOW_BUSY_AFTER_MS);
  }

  /** Diagnostics for a document arrived, or the document was closed. */
  analysed(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    if (this.pending.delete(key)) this.render();
  }

  /** The server stopped for good or could not start; `message` says why. */
  failed(message: string): void {
    this.failure = message;
    this.clearPending();
    this.render();
  }

  /** The server is running again. */
  running(): void {
    this.failure = undefined;
    this.render();
  }

  dispose(): void {
    this.clearPending();
    this.item.dispose();
  }

  private clearPending(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private render(): void {
    clearTimeout(this.showTimer);
    this.showTimer = undefined;
    if (this.failure) {
      this.item.text = '$(error) muslcheck';
      this.item.tooltip = `muslcheck: ${this.failure}\nClick to restart the server.`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      this.item.show();
    } else if (this.pending.size > 0) {
      this.item.text = '$(sync~spin) muslcheck';
      this.item.tooltip = 'muslcheck is checking for glibc on musl';
      this.item.backgroundColor = undefined;
      this.item.show();
    } else {
      this.item.hide();
    }
  }
}
