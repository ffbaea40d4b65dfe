/**
 * Array helpers that hold for arrays of any length. A spread into a call (`push(...items)`,
 * `Math.max(...values)`) puts every element on the stack as an argument and throws "Maximum call
 * stack size exceeded" past about a hundred thousand elements, which a large document reaches.
 */

/** Appends every item to `target` (what `target.push(...items)` does, for any length). */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of `values` and `floor` (what `Math.max(floor, ...values)` does, for any length). */
export function maxOf(values: Iterable<number>, floor = -Infinity): number {
  let max = floor;
  for (const value of values) if (value > max) max = value;
  return max;
}
