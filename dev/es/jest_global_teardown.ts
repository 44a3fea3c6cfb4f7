export default async function globalTeardown(): Promise<void> {
  await globalThis.__AUDIT_SOURCES_ES__?.stop();
  globalThis.__AUDIT_SOURCES_ES__ = undefined;
}
