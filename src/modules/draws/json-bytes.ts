// JSON from bytes, without ever holding the text as one string: a city's kit (the eligible list of
// every task) is larger than the longest string V8 allows (about 512 MB), so `tianping verify` parses
// big kits with this. Kits repeat the same short strings millions of times (inspector ids), so short
// strings are interned: one copy each, however often they appear.

const INTERN_MAX = 40;
const NUMBER_BYTES = new Set([...'-+.eE0123456789'].map((c) => c.charCodeAt(0)));

export class JsonBytesError extends Error {}

export function parseJsonBytes(bytes: Uint8Array): unknown {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const interned = new Map<string, string>();
  let at = 0;

  const fail = (what: string): never => {
    throw new JsonBytesError(`${what} at byte ${at}`);
  };
  const space = () => {
    for (;;) {
      const c = buffer[at];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) at++;
      else return;
    }
  };
  const literal = (text: string, value: unknown) => {
    if (buffer.toString('latin1', at, at + text.length) !== text) fail('unexpected token');
    at += text.length;
    return value;
  };

  function string(): string {
    const start = ++at; // after the opening quote
    let plain = true; // ASCII without escapes: read as latin1, the fastest decoding
    for (;;) {
      const c = buffer[at];
      if (c === undefined) fail('unterminated string');
      if (c === 0x22) break;
      if (c === 0x5c) {
        plain = false;
        at += 2;
        continue;
      }
      if (c < 0x20) fail('control character in string');
      if (c >= 0x80) plain = false;
      at++;
    }
    const end = at++;
    let value: string;
    if (plain) value = buffer.toString('latin1', start, end);
    else {
      const raw = buffer.toString('utf8', start - 1, end + 1);
      value = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    }
    if (value.length > INTERN_MAX) return value;
    const known = interned.get(value);
    if (known !== undefined) return known;
    interned.set(value, value);
    return value;
  }

  function number(): number {
    const start = at;
    while (at < buffer.length && NUMBER_BYTES.has(buffer[at])) at++;
    const value = Number(buffer.toString('latin1', start, at));
    if (start === at || !Number.isFinite(value)) fail('bad number');
    return value;
  }

  function value(): unknown {
    space();
    const c = buffer[at];
    if (c === 0x22) return string();
    if (c === 0x7b) {
      at++;
      const object: Record<string, unknown> = {};
      space();
      if (buffer[at] === 0x7d) {
        at++;
        return object;
      }
      for (;;) {
        space();
        if (buffer[at] !== 0x22) fail('expected a key');
        const key = string();
        space();
        if (buffer[at++] !== 0x3a) fail('expected ":"');
        // An own property even for "__proto__", as JSON.parse makes it (assignment would set the prototype).
        Object.defineProperty(object, key, {
          value: value(),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        space();
        const next = buffer[at++];
        if (next === 0x7d) return object;
        if (next !== 0x2c) fail('expected "," or "}"');
      }
    }
    if (c === 0x5b) {
      at++;
      const array: unknown[] = [];
      space();
      if (buffer[at] === 0x5d) {
        at++;
        return array;
      }
      for (;;) {
        array.push(value());
        space();
        const next = buffer[at++];
        if (next === 0x5d) return array;
        if (next !== 0x2c) fail('expected "," or "]"');
      }
    }
    if (c === 0x74) return literal('true', true);
    if (c === 0x66) return literal('false', false);
    if (c === 0x6e) return literal('null', null);
    return number();
  }

  const result = value();
  space();
  if (at !== buffer.length) fail('trailing content');
  return result;
}
