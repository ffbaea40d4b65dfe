/**
 * The default branch of an exhaustive `switch` over a union: it compiles only while every member
 * is handled, so a new kind (of block, inline, output…) fails to compile until it is.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
