/**
 * Checks that data read back from a file (a release state file, a shard report) has the shape
 * the code will read, before the code reads it: a file written by hand, truncated or hostile
 * then fails one check naming the first field that is wrong and what is wrong with it
 * (`results[3].outputs[0].file: must be a non-empty string`), never a TypeError deep inside the
 * code that trusted it. One set of shapes serves every file, so a field is checked alike wherever
 * it is read back.
 */
import { quote } from './quote.js';

/** The first field that is wrong: its path (`outputs[2].file`) and what is wrong with it. */
export interface ShapeError {
  readonly path: string;
  readonly problem: string;
}

/** Returns the first wrong field, or undefined when the value fits. */
export type Shape = (value: unknown, path: string) => ShapeError | undefined;

/** `path: problem`, as a message shows it. */
export const describeShapeError = (error: ShapeError): string => `${error.path}: ${error.problem}`;

/** A shape for values that pass `test`; `expected` completes "must be …". */
function primitive(test: (value: unknown) => boolean, expected: string): Shape {
  return (value, path) => (test(value) ? undefined : { path, problem: value === undefined ? 'is missing' : `must be ${expected}` });
}

/** Any string, the empty one included (a change's old or new text). */
export const str = primitive((v) => typeof v === 'string', 'a string');
/** A non-empty string (an id, a title, a file name). */
export const name = primitive((v) => typeof v === 'string' && v !== '', 'a non-empty string');
export const bool = primitive((v) => typeof v === 'boolean', 'true or false');

/** A whole number from `least` (a count). */
export function countFrom(least: number): Shape {
  return primitive((v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= least, `a whole number${least > 0 ? ` from ${least}` : ''}`);
}
export const count = countFrom(0);

export function oneOf(...values: readonly string[]): Shape {
  return primitive((v) => typeof v === 'string' && values.includes(v), `one of ${values.join(', ')}`);
}

/** A field of `path`: `a.b`, or the name quoted and escaped when it is not plain (it comes from the file). */
export function fieldPath(path: string, key: string): string {
  if (!/^[\w.-]{1,64}$/.test(key)) return `${path}[${quote(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

export function arrayOf(item: Shape): Shape {
  return (value, path) => {
    if (!Array.isArray(value)) return { path, problem: value === undefined ? 'is missing' : 'must be a list' };
    for (let i = 0; i < value.length; i++) {
      const wrong = item(value[i], `${path}[${i}]`);
      if (wrong !== undefined) return wrong;
    }
    return undefined;
  };
}

const notAnObject = (value: unknown, path: string): ShapeError => ({ path, problem: value === undefined ? 'is missing' : 'must be an object' });

/** An object used as a map: any keys, every value of one shape. */
export function recordOf(item: Shape): Shape {
  return (value, path) => {
    if (!isObject(value)) return notAnObject(value, path);
    for (const [key, field] of Object.entries(value)) {
      const wrong = item(field, fieldPath(path, key));
      if (wrong !== undefined) return wrong;
    }
    return undefined;
  };
}

/** An object with these fields (others are allowed); a field ending in `?` may be absent. */
export function object(fields: Readonly<Record<string, Shape>>): Shape {
  return (value, path) => {
    if (!isObject(value)) return notAnObject(value, path);
    for (const [spec, shape] of Object.entries(fields)) {
      const optional = spec.endsWith('?');
      const key = optional ? spec.slice(0, -1) : spec;
      const field = value[key];
      if (field === undefined && optional) continue;
      const wrong = shape(field, fieldPath(path, key));
      if (wrong !== undefined) return wrong;
    }
    return undefined;
  };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
