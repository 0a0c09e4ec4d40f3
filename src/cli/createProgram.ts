import { Command } from 'commander';
import { findConfigPath } from '../config/findConfigPath.js';
import { VERSION } from '../version.js';

/** What the three programs share: name, description, --version and --config, in this order (their --help shows it). */
export function createProgram(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .version(`${name} ${VERSION}`, '-V, --version', 'print the name and version')
    .option('-c, --config <file>', 'configuration file (default: $MONITOR_SERVICE_CONFIG, then /opt/monitor_service/config.ini)');
}

/** The configuration file the program should read: --config, then $MONITOR_SERVICE_CONFIG, then the installed one. */
export function configFileOf(program: Command): string {
  return findConfigPath(program.opts<{ config?: string }>().config, process.env);
}
