// Schemas built on their first use. The SDK evaluates the workflow bundle's modules afresh for every
// workflow run, and building the domain's zod schemas was the largest part of that (issue 14:
// docs/decisions/lazy-schemas.md). Most runs touch few of them or none: an accountmanager's digest, a
// members' meeting, a holder continued as new with its validated definition in its state.

/**
 * Stands for what `build` returns, building it when it is first touched: read a property, call one of
 * its methods, spread it, `in`, `instanceof`. A zod schema's methods are bound to the schema itself, so
 * composing (`z.object({ a: lazySchema })`, `.optional()`, `.extend()`) and parsing behave as with the
 * schema, and its type is the schema's own.
 */
export function lazy<T extends object>(build: () => T): T {
  let built: T | undefined;
  const real = (): T => (built ??= build());
  return new Proxy(Object.create(null) as T, {
    get: (_target, key) => Reflect.get(real(), key),
    set: (_target, key, value) => Reflect.set(real(), key, value),
    has: (_target, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    // Reported as configurable: a proxy may not claim a fixed property its (empty) stand-in lacks.
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(real(), key, descriptor),
    deleteProperty: (_target, key) => Reflect.deleteProperty(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}
