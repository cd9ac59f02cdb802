// Small statistics helpers for the benchmark: medians and percentiles of samples, and the
// number formats the result tables use.

/** The q-quantile (0..1) of samples, by the nearest-rank method. */
export function quantile(samples: readonly number[], q: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/** The median of samples. */
export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

/** Milliseconds with a precision that suits their size. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

/** Microseconds for per-file analysis times. */
export function us(valueMs: number): string {
  return `${(valueMs * 1000).toFixed(0)} µs`;
}

/** A ratio such as `1.42x`. */
export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : 'n/a';
}

/** Mebibytes. */
export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
