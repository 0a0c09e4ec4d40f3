import winston from 'winston';
import { LOG_DIRECTORY_TRUST } from './logDirectoryTrust.js';
import type { LoggingSettings } from '../config/types.js';
import { formatTimestamp } from '../clock/formatTimestamp.js';
import { findUntrustedPath, runningAsRoot } from '../fs/findUntrustedPath.js';
import { LogFile } from './LogFile.js';
import { LogFileTransport } from './LogFileTransport.js';
import { journalLine, stdoutIsJournal } from './journalStream.js';

/** The guide's four levels, most severe first (winston's order). */
const LEVELS: Record<string, number> = { error: 0, warning: 1, info: 2, debug: 3 };

export interface Logger {
  error(message: string): void;
  warning(message: string): void;
  info(message: string): void;
  debug(message: string): void;
  /** Resolves once every line logged before it is in the file; closes the file. */
  close(): Promise<void>;
}

/** One log line: `2023-06-15 10:00:00 - INFO - Starting Process Monitor Service`. */
export function formatLine(date: Date, level: string, message: string): string {
  return `${formatTimestamp(date)} - ${level.toUpperCase()} - ${message}`;
}

const lineFormat = winston.format.printf((info) => formatLine(new Date(), info.level, String(info.message)));
const journalFormat = winston.format.printf((info) => journalLine(info.level, String(info.message)));

export interface LoggerOptions {
  /** Also write to stdout: the guide's format, or priority-prefixed lines when stdout is the journal. */
  console: boolean;
}

/** As root, a log directory others can change is not written (they could plant links in it). */
function distrustLogDirectory(dir: string): string | undefined {
  return runningAsRoot() ? findUntrustedPath(dir, undefined, LOG_DIRECTORY_TRUST) : undefined;
}

export function createLogger(settings: LoggingSettings, options: LoggerOptions): Logger {
  const transports: winston.transport[] = [];
  if (options.console) transports.push(new winston.transports.Console({ format: stdoutIsJournal() ? journalFormat : lineFormat }));
  let file: LogFileTransport | undefined;
  if (settings.log_file !== '') {
    const logFile = new LogFile({
      file: settings.log_file,
      maxBytes: settings.max_log_size * 1024,
      filesToKeep: settings.log_files_to_keep,
      distrustDirectory: distrustLogDirectory,
      // What the file has to say about itself (lost, back, migrated) is logged like
      // any line, once the write that noticed it has finished (logger exists by then).
      notice: (level, message) =>
        setImmediate(() => {
          if (!closing) logger.log(level, message);
        }),
    });
    file = new LogFileTransport(logFile, { format: lineFormat });
    transports.push(file);
  }
  const logger = winston.createLogger({
    levels: LEVELS,
    level: settings.level.toLowerCase(),
    transports,
    exitOnError: false,
  });

  let closing: Promise<void> | undefined;
  // A line below the level is dropped here: winston would carry it through its streams to every transport first.
  const write = (level: string, message: string): void => {
    if (logger.isLevelEnabled(level)) logger.log(level, message);
  };
  return {
    error: (m) => write('error', m),
    warning: (m) => write('warning', m),
    info: (m) => write('info', m),
    debug: (m) => write('debug', m),
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        // Lines reach the transports through a stream: wait until the file
        // transport has taken the last one (its writes are synchronous), then
        // close the file. Never wait forever.
        const timer = setTimeout(resolve, 2000);
        const done = (): void => {
          clearTimeout(timer);
          file?.close();
          resolve();
        };
        if (file) file.once('finish', done);
        else logger.once('finish', done);
        logger.end();
      })),
  };
}
