/*
 * The Lumos simulator in a process of its own, so the benchmarks measure only our code: its CPU
 * and memory are not the pull's. Prints `{"url","token"}` on one line once listening; stops on
 * SIGTERM. Options (JSON, argv[2]): LumosSimulatorOptions.
 */
import {
  startLumosSimulator,
  type LumosSimulatorOptions,
} from '../../dev/lumos_simulator/lumos_simulator';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as LumosSimulatorOptions;
  const sim = await startLumosSimulator(options);
  process.stdout.write(`${JSON.stringify({ url: sim.url, token: sim.token })}\n`);
  const stop = () => {
    sim.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
