// Codes of rules that were removed. A code is never reused, so configurations and pragmas
// that name one keep working (they suppress nothing) and no new rule takes it.
export const RETIRED_CODES: readonly string[] = [];
