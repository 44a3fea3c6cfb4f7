import { cpus, freemem, loadavg, totalmem } from 'node:os';

export interface Machine {
  cores: number;
  cpuModel: string;
  ramGb: number;
  freeRamGbAtStart: number;
  node: string;
  elasticsearch?: string;
  /** 1-minute load average when the run started: other engineers share the machine. */
  loadAtStart: number;
}

export function describeMachine(): Machine {
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    ramGb: Math.round(totalmem() / 2 ** 30),
    freeRamGbAtStart: Math.round((freemem() / 2 ** 30) * 10) / 10,
    node: process.version,
    loadAtStart: Math.round(loadavg()[0] * 100) / 100,
  };
}

export function load(): number {
  return Math.round(loadavg()[0] * 100) / 100;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
