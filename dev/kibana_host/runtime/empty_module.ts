/*
 * Runtime for `@kbn/encrypted-saved-objects-plugin/server`, `@kbn/features-plugin/server` and
 * `@kbn/security-plugin/server`: their declarations export types only, so nothing exists at run
 * time. A plugin that imports them without `import type` still loads.
 */
export {};
