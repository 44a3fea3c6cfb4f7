/** Placeholder until the lumos source lands. */
export async function runPull(_argv: string[]): Promise<number> {
  console.error('The lumos pull is not implemented yet.');
  return 1;
}
