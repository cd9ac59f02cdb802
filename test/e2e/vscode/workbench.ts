// Drives the VS Code workbench that code-server serves, in headless Debian chromium through
// playwright-core: open a file, read squiggles, the Problems panel and hovers, run quick
// fixes. Selectors are VS Code's own DOM classes (as of VS Code 1.100).
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's chromium (scripts/ci/setup-vscode.sh installs it). */
export const CHROMIUM = '/usr/bin/chromium';

/** A browser showing one VS Code workbench. */
export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly profile: string,
  ) {}

  /** Launches chromium and opens `folder` in the code-server at `url`. */
  static async open(url: string, folder: string): Promise<Workbench> {
    const profile = mkdtempSync(join(tmpdir(), 'muslcheck-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${url}?folder=${encodeURIComponent(folder)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    return new Workbench(page, context, profile);
  }

  /** The active editor. */
  get editor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Opens a workspace file by clicking it in the Explorer. */
  async openFile(name: string): Promise<void> {
    await this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
    await this.page.locator('.tab.active', { hasText: name }).waitFor();
  }

  /** Squiggles of a severity in the active editor. */
  squiggles(severity: 'warning' | 'error'): Locator {
    return this.editor.locator(`.squiggly-${severity}`);
  }

  /** The Problems panel rows that mention `text`, opening the panel if needed. */
  async problems(text: string): Promise<Locator> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor();
    return panel.locator('.monaco-list-row', { hasText: text });
  }

  /**
   * The screen point of a 1-based line and column of the active editor, computed from the
   * rendered line: Monaco draws a monospace font, so a column is a fixed width.
   */
  async pointAt(line: number, column: number): Promise<{ x: number; y: number }> {
    const number = this.editor.locator('.margin-view-overlays .line-numbers', { hasText: new RegExp(`^${line}$`) });
    const numberBox = await number.boundingBox();
    if (!numberBox) throw new Error(`line ${line} is not on screen`);
    for (const view of await this.editor.locator('.view-lines .view-line').all()) {
      const box = await view.boundingBox();
      if (!box || Math.abs(box.y - numberBox.y) > 2) continue;
      const text = (await view.textContent()) ?? '';
      const inner = await view.locator(':scope > span').boundingBox();
      if (!inner || text.length === 0) break;
      const charWidth = inner.width / text.length;
      return { x: inner.x + (column - 0.5) * charWidth, y: inner.y + inner.height / 2 };
    }
    throw new Error(`line ${line} is not rendered`);
  }

  /** Moves the mouse over a position and returns the hover that shows `text`. */
  async hover(line: number, column: number, text: string): Promise<Locator> {
    const point = await this.pointAt(line, column);
    await this.page.mouse.move(point.x, point.y);
    const hover = this.page.locator('.monaco-hover-content', { hasText: text });
    await hover.waitFor();
    return hover;
  }

  /** Puts the cursor at a position by clicking it, closing any hover first. */
  async clickAt(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Escape');
    const point = await this.pointAt(line, column);
    await this.page.mouse.click(point.x, point.y);
    // Park the mouse off the text so its hover does not cover what comes next.
    await this.page.mouse.move(1, 1);
  }

  /** Opens the quick fix menu with Ctrl+. and waits for its entry titled `title`. */
  async openQuickFixMenu(title: string): Promise<Locator> {
    await this.page.keyboard.press('Control+.');
    const entry = this.page.locator('.action-widget .monaco-list-row.action', { hasText: title });
    await entry.waitFor();
    return entry;
  }

  /**
   * Chooses a menu entry with the keyboard, as the menu expects: it puts a pointer block
   * over the page while open, so a synthetic click lands on the block, not on the entry.
   */
  async chooseWithKeyboard(entry: Locator): Promise<void> {
    for (let step = 0; step < 20; step++) {
      if (await entry.evaluate((element) => element.classList.contains('focused'))) {
        await this.page.keyboard.press('Enter');
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error('the menu entry never took the focus');
  }

  /** Runs a command from the command palette by its title. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().click();
  }

  /** Saves the active editor. */
  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.tab.active.dirty').waitFor({ state: 'detached' });
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.profile, { recursive: true, force: true });
  }
}
