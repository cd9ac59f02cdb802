// Opt-in registry lookups of base images the knowledge base does not know. They run in the
// background: the text's own findings are published first, and documents are analysed again
// when the answers arrive.
import type { ImageFact } from '../../model/libc';
import { imageFactsFor } from '../../node/image-resolution';
import type { FetchOptions } from '../../node/registry';

/** Registry verdicts by image reference, for one settings generation. */
export class ImageLookups {
  private readonly facts = new Map<string, ImageFact>();
  private readonly looking = new Set<string>();
  private generation = 0;

  /**
   * @param answered called when new verdicts arrived, so documents are analysed again
   * @param failed called when a lookup failed, which is a bug (lookups report errors as facts)
   */
  constructor(
    private readonly answered: () => void,
    private readonly failed: (refs: string, error: unknown) => void,
  ) {}

  /** The verdicts so far. */
  known(): ImageFact[] {
    return [...this.facts.values()];
  }

  /** Settings changed: earlier verdicts and lookups in flight no longer count. */
  clear(): void {
    this.generation++;
    this.facts.clear();
  }

  /** Looks up the references not known or being looked up yet. */
  lookUp(refs: readonly string[], fetchOptions: FetchOptions): void {
    const wanted = refs.filter((ref) => !this.facts.has(ref) && !this.looking.has(ref));
    if (!wanted.length) return;
    for (const ref of wanted) this.looking.add(ref);
    const generation = this.generation;
    void imageFactsFor(wanted, fetchOptions)
      .then((facts) => {
        if (generation !== this.generation) return;
        for (const fact of facts) this.facts.set(fact.image, fact);
        this.answered();
      })
      .catch((error: unknown) => this.failed(wanted.join(', '), error))
      .finally(() => {
        for (const ref of wanted) this.looking.delete(ref);
      });
  }
}
