/** Placeholder until the closer source lands. */
export async function runPull(_argv: string[]): Promise<number> {
  console.error('The closer pull is not implemented yet.');
  return 1;
}
