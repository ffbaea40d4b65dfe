/**
 * Checks that data read back from a file (a release state file, a shard report) has the shape
 * the code will read, before the code reads it: a file written by hand, truncated or hostile
 * then fails one check with the path of the first field that is wrong, never a TypeError deep
 * inside the code that trusted it.
 */

/** Returns the path of the first wrong field (`outputs[2].file`), or undefined when it fits. */
export type Shape = (value: unknown, path: string) => string | undefined;

export const str: Shape = (value, path) => (typeof value === 'string' ? undefined : path);
export const num: Shape = (value, path) => (typeof value === 'number' && Number.isFinite(value) ? undefined : path);
export const bool: Shape = (value, path) => (typeof value === 'boolean' ? undefined : path);

export function oneOf(...values: readonly string[]): Shape {
  return (value, path) => (typeof value === 'string' && values.includes(value) ? undefined : path);
}

export function arrayOf(item: Shape): Shape {
  return (value, path) => {
    if (!Array.isArray(value)) return path;
    for (let i = 0; i < value.length; i++) {
      const wrong = item(value[i], `${path}[${i}]`);
      if (wrong !== undefined) return wrong;
    }
    return undefined;
  };
}

/** An object used as a map: any keys, every value of one shape. */
export function recordOf(item: Shape): Shape {
  return (value, path) => {
    if (!isObject(value)) return path;
    for (const [key, field] of Object.entries(value)) {
      const wrong = item(field, `${path}.${key}`);
      if (wrong !== undefined) return wrong;
    }
    return undefined;
  };
}

/** An object with these fields (others are allowed); a field ending in `?` may be absent. */
export function object(fields: Readonly<Record<string, Shape>>): Shape {
  return (value, path) => {
    if (!isObject(value)) return path;
    for (const [spec, shape] of Object.entries(fields)) {
      const optional = spec.endsWith('?');
      const key = optional ? spec.slice(0, -1) : spec;
      const field = value[key];
      if (field === undefined && optional) continue;
      const wrong = shape(field, `${path}.${key}`);
      if (wrong !== undefined) return wrong;
    }
    return undefined;
  };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
