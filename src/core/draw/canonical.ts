/**
 * Canonical JSON (DRAW-SPEC §1.4): object keys sorted, no whitespace, non-ASCII characters written as
 * themselves, integers only. Keys are compared as JS strings (UTF-16 code units), which equals byte
 * order for the ASCII keys the spec uses. Properties whose value is `undefined` are omitted, so an
 * optional field that is absent and one set to `undefined` hash alike.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value))
      throw new TypeError(`canonical JSON allows integers only, got ${value}`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${Array.from(value, canonicalJson).join(',')}]`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON cannot encode ${typeof value}`);
}
