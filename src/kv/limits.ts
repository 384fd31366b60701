/** Limits on keys and values, checked at the client and again at the server. */

export const KEY_BYTES_MAX = 256;
export const VALUE_BYTES_MAX = 64 * 1024;

/** Bytes of a string in UTF-8, without allocating. */
export function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** A sentence saying what is wrong with a command, or null if it is acceptable. */
export function commandProblem(command: unknown): string | null {
  if (typeof command !== 'object' || command === null) return 'a command must be an object';
  const c = command as Partial<Record<string, unknown>>;
  const op = c.op;
  if (op !== 'get' && op !== 'set' && op !== 'cas' && op !== 'append' && op !== 'del') {
    return `unknown operation ${JSON.stringify(op)}: use get, set, cas, append or del`;
  }
  if (typeof c.key !== 'string' || c.key.length === 0) return 'the key must be a non-empty string';
  if (utf8Length(c.key) > KEY_BYTES_MAX) return `the key is longer than ${KEY_BYTES_MAX} bytes`;
  if (op === 'set' || op === 'cas' || op === 'append') {
    if (typeof c.value !== 'string') return `${op.toUpperCase()} needs a string value`;
    if (utf8Length(c.value) > VALUE_BYTES_MAX)
      return `the value is longer than ${VALUE_BYTES_MAX} bytes (64 KiB)`;
  }
  if (op === 'cas') {
    if (c.expected !== null && typeof c.expected !== 'string') {
      return 'CAS needs an expected value: a string, or null for "only if absent"';
    }
    if (typeof c.expected === 'string' && utf8Length(c.expected) > VALUE_BYTES_MAX) {
      return `the expected value is longer than ${VALUE_BYTES_MAX} bytes (64 KiB)`;
    }
  }
  return null;
}
