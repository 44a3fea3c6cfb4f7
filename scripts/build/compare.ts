/**
 * Orders strings by UTF-16 code unit, independent of the machine's locale, so that file lists
 * (and therefore the zip) come out identical on every machine.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
