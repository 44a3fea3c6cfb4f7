/*
 * LoggerFactory/Logger (typings: src/platform/packages/shared/kbn-logging/src/logger.ts) writing one
 * JSON object per record, shaped like Kibana's ECS JSON layout (`@timestamp`, `log.level`,
 * `log.logger`, `message`, plus meta). Records go to a sink so tests can capture every line and
 * assert that secrets never appear.
 */
import type {
  LogLevelId,
  LogMessageSource,
  LogMeta,
  Logger,
  LoggerFactory,
} from '@kbn/core/server';

export interface LogRecord {
  '@timestamp': string;
  log: { level: string; logger: string };
  message: string;
  error?: { message: string; stack_trace?: string };
  [key: string]: unknown;
}
export type LogSink = (record: LogRecord) => void;

const LEVELS: LogLevelId[] = ['all', 'trace', 'debug', 'info', 'warn', 'error', 'fatal', 'off'];

export const stdoutSink: LogSink = (record) => process.stdout.write(`${JSON.stringify(record)}\n`);

class HostLogger implements Logger {
  constructor(
    private readonly context: string,
    private readonly level: LogLevelId,
    private readonly sink: LogSink
  ) {}

  isLevelEnabled(level: LogLevelId): boolean {
    return LEVELS.indexOf(level) >= LEVELS.indexOf(this.level) && level !== 'off';
  }

  private log(level: LogLevelId, source: LogMessageSource | Error, meta?: LogMeta) {
    if (!this.isLevelEnabled(level)) return;
    const record: LogRecord = {
      '@timestamp': new Date().toISOString(),
      log: { level: level.toUpperCase(), logger: this.context },
      message: '',
      ...meta,
    };
    if (source instanceof Error) {
      record.message = source.message;
      record.error = { message: source.message, stack_trace: source.stack };
    } else {
      record.message = typeof source === 'function' ? source() : source;
    }
    this.sink(record);
  }

  trace(message: LogMessageSource, meta?: LogMeta) {
    this.log('trace', message, meta);
  }
  debug(message: LogMessageSource, meta?: LogMeta) {
    this.log('debug', message, meta);
  }
  info(message: LogMessageSource, meta?: LogMeta) {
    this.log('info', message, meta);
  }
  warn(message: LogMessageSource | Error, meta?: LogMeta) {
    this.log('warn', message, meta);
  }
  error(message: LogMessageSource | Error, meta?: LogMeta) {
    this.log('error', message, meta);
  }
  fatal(message: LogMessageSource | Error, meta?: LogMeta) {
    this.log('fatal', message, meta);
  }
  get(...childContextPaths: string[]): Logger {
    return new HostLogger([this.context, ...childContextPaths].join('.'), this.level, this.sink);
  }
}

export function createLoggerFactory(sink: LogSink, level: LogLevelId = 'info'): LoggerFactory {
  return {
    get: (...contextParts: string[]) =>
      new HostLogger(contextParts.length ? contextParts.join('.') : 'root', level, sink),
  };
}
