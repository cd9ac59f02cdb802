// An image in a registry: manifest and config through the registry client (platform
// selection, token auth, size limits, cache), then each layer streamed once and checked
// against its digest as it passes; nothing is written to disk.
import { createHash } from 'node:crypto';
import { openRegistryImage, type FetchOptions } from '../registry';
import type { ScannedLayer, StoredImage } from './archive';
import { ImageError, readLayer, type ScanCounters } from './layer-scan';

/** Passes a blob's chunks on, failing at the end when their digest or size is not the one promised. */
async function* verified(body: AsyncIterable<Uint8Array>, digest: string, size: number | null, what: string): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha256');
  let length = 0;
  for await (const chunk of body) {
    length += chunk.length;
    if (size !== null && length > size) throw new ImageError(`${what}: the registry sent more than the ${size} bytes the manifest lists`);
    hash.update(chunk);
    yield chunk;
  }
  if (`sha256:${hash.digest('hex')}` !== digest) throw new ImageError(`${what}: the registry sent content that does not match ${digest}`);
}

/** Reads an image reference through its registry. */
export async function readRegistryImage(ref: string, options: FetchOptions, counters: ScanCounters): Promise<StoredImage> {
  let image;
  try {
    image = await openRegistryImage(ref, options);
  } catch (error) {
    throw new ImageError(`${ref}: not a file or folder, and as an image reference: ${(error as Error).message}`);
  }
  counters.layersTotal = image.layers.length;
  const layers: ScannedLayer[] = [];
  for (const [index, layer] of image.layers.entries()) {
    const what = `layer ${index + 1} (${layer.digest})`;
    // Each pass downloads the layer again; only layers with big programs need a second.
    const open = async function* (): AsyncGenerator<Uint8Array> {
      let body: NodeJS.ReadableStream & AsyncIterable<Uint8Array> & { destroy?: () => void };
      try {
        body = (await image.openLayer(layer.digest)) as typeof body;
      } catch (error) {
        throw new ImageError(`${ref}: ${what}: ${(error as Error).message}`);
      }
      try {
        yield* verified(body, layer.digest, layer.size, what);
      } finally {
        body.destroy?.();
      }
    };
    try {
      layers.push({ digest: layer.digest, changes: await readLayer(open, index, counters, what) });
    } catch (error) {
      throw error instanceof ImageError ? error : new ImageError(`${ref}: ${what}: ${(error as Error).message}`);
    }
  }
  return { config: image.config, layers };
}
