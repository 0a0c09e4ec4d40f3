import path from 'node:path';
import winston from 'winston';
import DailyRotateFile from 'winston-daily-rotate-file';
import type { LoggingSettings, LogLevel } from '../config/types.js';

/** The guide's four levels, most severe first (winston's order). */
const LEVELS: Record<string, number> = { error: 0, warning: 1, info: 2, debug: 3 };

export interface Logger {
  error(message: string): void;
  warning(message: string): void;
  info(message: string): void;
  debug(message: string): void;
  /** Writes everything buffered to the file before the process exits. */
  close(): Promise<void>;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DD HH:MM:SS`, local time, as in the user guide. */
export function formatTimestamp(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** One log line: `2023-06-15 10:00:00 - INFO - Starting Process Monitor Service`. */
export function formatLine(date: Date, level: string, message: string): string {
  return `${formatTimestamp(date)} - ${level.toUpperCase()} - ${message}`;
}

const lineFormat = winston.format.printf((info) => formatLine(new Date(), info.level, String(info.message)));

/**
 * The file transport. winston-daily-rotate-file always dates the file name,
 * so the file written is `monitor_service-YYYY-MM-DD.log` (then `.1`, `.2`… at
 * max_log_size) and log_file itself is a symlink to the current one: a stable
 * path for `tail -F`. The audit file is what lets it delete old files.
 */
export function createFileTransport(settings: LoggingSettings): DailyRotateFile {
  const dir = path.dirname(settings.log_file);
  const base = path.basename(settings.log_file, '.log');
  return new DailyRotateFile({
    dirname: dir,
    filename: `${base}-%DATE%.log`,
    datePattern: 'YYYY-MM-DD',
    maxSize: `${settings.max_log_size}k`,
    maxFiles: settings.log_files_to_keep,
    auditFile: path.join(dir, `.${base}-audit.json`),
    createSymlink: true,
    symlinkName: path.basename(settings.log_file),
    zippedArchive: false,
    format: lineFormat,
  });
}

export interface LoggerOptions {
  /** Also write to stdout (journald reads it). */
  console: boolean;
  onFileError?: (error: Error) => void;
}

export function createLogger(settings: LoggingSettings, options: LoggerOptions): Logger {
  const transports: winston.transport[] = [];
  if (options.console) transports.push(new winston.transports.Console({ format: lineFormat }));
  let file: DailyRotateFile | undefined;
  if (settings.log_file !== '') {
    file = createFileTransport(settings);
    // A log directory that disappears must not take the agent down: stdout goes on.
    file.on('error', (error: Error) => options.onFileError?.(error));
    transports.push(file);
  }
  const logger = winston.createLogger({
    levels: LEVELS,
    level: settings.level.toLowerCase() as Lowercase<LogLevel>,
    transports,
    exitOnError: false,
  });
  logger.on('error', (error: Error) => options.onFileError?.(error));

  let closing: Promise<void> | undefined;
  return {
    error: (m) => logger.log('error', m),
    warning: (m) => logger.log('warning', m),
    info: (m) => logger.log('info', m),
    debug: (m) => logger.log('debug', m),
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        // winston's 'finish' comes before the rotating file's own stream has
        // written its buffer: end that stream too and wait for it, else the
        // last lines ("…stopped") are lost at exit. Never wait forever.
        const timer = setTimeout(resolve, 2000);
        const done = (): void => {
          clearTimeout(timer);
          resolve();
        };
        logger.on('finish', () => {
          if (!file) return done();
          file.once('finish', done);
          file.close?.();
        });
        logger.end();
      })),
  };
}
