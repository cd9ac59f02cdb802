// The output formats, by name.
import { formatter as json } from './json';
import { formatter as text } from './text';
import type { Formatter } from './types';

/** Every format the CLI offers. */
export const FORMATTERS: readonly Formatter[] = [text, json];

/** Looks a format up by name. */
export function formatterNamed(name: string): Formatter | undefined {
  return FORMATTERS.find((f) => f.name === name);
}
