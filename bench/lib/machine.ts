// The machine the figures were measured on.
import os from 'node:os';
import { readFile } from 'node:fs/promises';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  kernel: string;
  os: string;
  node: string;
  mariadb: string;
  /** 1-minute load average when the run started and ended: other work on the machine skews figures. */
  loadAverageStart: number;
  loadAverageEnd?: number;
}

export async function machineInfo(mariadbVersion: string): Promise<MachineInfo> {
  const release = await readFile('/etc/os-release', 'utf8').catch(() => '');
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1] ?? os.type();
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    kernel: os.release(),
    os: pretty,
    node: process.version,
    mariadb: mariadbVersion,
    loadAverageStart: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}
