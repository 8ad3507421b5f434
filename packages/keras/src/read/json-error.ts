/**
 * Locates the first syntax error of invalid JSON text, so messages can name line and column the same
 * way on every JavaScript engine (V8's JSON.parse wording and position reporting vary by version).
 * Only run after JSON.parse has failed.
 */

/** Offset (UTF-16 units) and reason of the first syntax error. */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly reason: string;
}

class Fail extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Find the first syntax error in `text`; undefined when the text is valid JSON. */
export function findJsonError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const n = text.length;
  const ws = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const show = (c: string): string => JSON.stringify(c);
  const unexpected = (): never => {
    if (i >= n) throw new Fail(i, 'unexpected end of input');
    throw new Fail(i, `unexpected character ${show(text[i]!)}`);
  };
  const literal = (word: string): void => {
    for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) unexpected();
  };
  const string = (): void => {
    const start = i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Fail(i, 'invalid \\u escape in string');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw new Fail(i, `invalid escape ${show(`\\${e ?? ''}`)} in string`);
        continue;
      }
      if (c < 0x20) throw new Fail(i, 'control character in string (newlines must be escaped as \\n)');
      i++;
    }
    throw new Fail(start, 'unterminated string');
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-' || m[0] === '') unexpected();
    i += m![0].length;
  };
  const value = (depth: number): void => {
    // Bounded well below the stack depth: this only locates the error of text JSON.parse refused.
    if (depth > 1_000) throw new Fail(i, 'nesting deeper than 1000 levels');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') {
          if (text[i] === '}') throw new Fail(i, 'trailing comma before "}"');
          throw i >= n ? new Fail(i, 'unexpected end of input') : new Fail(i, `expected a property name in double quotes, got ${show(text[i]!)}`);
        }
        string();
        ws();
        if (text[i] !== ':') throw i >= n ? new Fail(i, 'unexpected end of input') : new Fail(i, `expected ":" after a property name, got ${show(text[i]!)}`);
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        throw i >= n ? new Fail(i, 'unexpected end of input') : new Fail(i, `expected "," or "}" in an object, got ${show(text[i]!)}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] === ']') throw new Fail(i, 'trailing comma before "]"');
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        throw i >= n ? new Fail(i, 'unexpected end of input') : new Fail(i, `expected "," or "]" in an array, got ${show(text[i]!)}`);
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    if (c === 'N' || c === 'I') throw new Fail(i, 'NaN and Infinity are not JSON (Python json.dump(allow_nan=True) wrote them)');
    unexpected();
  };
  try {
    value(0);
    ws();
    if (i < n) throw new Fail(i, `unexpected ${show(text[i]!)} after the end of the JSON value`);
    return undefined;
  } catch (e) {
    if (e instanceof Fail) return { offset: e.offset, reason: e.reason };
    throw e;
  }
}
