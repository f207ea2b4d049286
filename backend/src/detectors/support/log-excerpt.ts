import type { ContainerLog } from '../../kube/snapshot.js';

/** The error a log ends on: its last error-bearing line, and the lines around it worth showing. */
export interface LogExcerpt {
  /**
   * The line that states the error, trimmed and clipped: the final exception line of a traceback
   * (`KeyError: 'DATABASE_URL'`), else the last error-bearing line.
   */
  line: string;
  /** The lines leading up to it without those that declare a low severity, then a few that followed. */
  lines: string[];
}

const MAX_LINES = 20;
const TRAILING_LINES = 5;
const MAX_LINE_LENGTH = 500;
const MAX_EXCERPT_LENGTH = 300;
/** How far before the last error-bearing line an exception statement still names that error. */
const STATEMENT_REACH = 5;

const ERROR_WORDS =
  /\b(?:error|err|fatal|panic|panicked|exception|traceback|critical|crit|failed|failure|refused|denied|unable|cannot|can't|could not|couldn't|not found|no such|invalid|undefined|timed out|i\/o timeout|killed|abort|aborted|segmentation fault)\b/i;
/** Exception class names: `KeyError: 'X'`, `java.lang.IllegalStateException: ...`. */
const EXCEPTION_NAME = /[A-Za-z](?:Error|Exception)\b/;
/** Stack frames name files and classes that often contain "Error"; they are context, not the error. */
const STACK_FRAME = /^\s+(?:at |File "|\.\.\. \d+ more)|^\s+\S+\.(?:go|py|js|mjs|ts|java|kt|rb|rs|cs):\d+/;
/** `KeyError: 'X'`, `sqlalchemy.exc.ProgrammingError: (...)`, `Error: listen EADDRINUSE`: an exception as stated. */
const EXCEPTION_STATEMENT = /^(?:[\w$]+\.)*\w*(?:Error|Exception):/;
/** A line that declares a low severity is not the error, whatever words its message uses. */
const LOW_SEVERITY =
  /\b(?:INFO|DEBUG|TRACE)\b|\blevel=(?:info|debug|trace)\b|"level":\s*"(?:info|debug|trace)"/;

function isErrorLine(line: string): boolean {
  return (
    !STACK_FRAME.test(line) &&
    !LOW_SEVERITY.test(line) &&
    (ERROR_WORDS.test(line) || EXCEPTION_NAME.test(line))
  );
}

/** Cuts a log line to `max` characters, marking the cut; unlike a sentence's clip it keeps the indentation. */
function truncate(line: string, max: number): string {
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/**
 * The last error of a log with the lines that explain it: the twenty lines up to its last
 * error-bearing line, less those that declare a low severity (so a traceback keeps its frames and
 * the info lines before it go), then up to five lines after it (the head of a Go stack that follows
 * its panic line). Libraries print help after the exception (SQLAlchemy's "Background on this
 * error at ..."), so an exception statement just before the last error-bearing line names the error.
 */
export function errorExcerpt(log: ContainerLog): LogExcerpt | undefined {
  const lines = log.lines;
  let last = lines.length - 1;
  while (last >= 0 && !isErrorLine(lines[last] ?? '')) last--;
  if (last < 0) return undefined;

  const window = lines.slice(Math.max(0, last - (MAX_LINES - 1)), last + 1);
  const leading = window.filter((line) => line.trim() !== '' && !LOW_SEVERITY.test(line));
  const trailing = lines.slice(last + 1, last + 1 + TRAILING_LINES).filter((line) => line.trim() !== '');
  const kept = [...leading.slice(-(MAX_LINES - trailing.length)), ...trailing];
  const statement =
    window.slice(-STATEMENT_REACH).findLast((line) => EXCEPTION_STATEMENT.test(line)) ?? lines[last] ?? '';
  return {
    line: truncate(statement.trim(), MAX_EXCERPT_LENGTH),
    lines: kept.map((line) => truncate(line, MAX_LINE_LENGTH)),
  };
}

/** The last lines of a log, for failures that leave no error behind (a process killed for memory). */
export function tailOf(log: ContainerLog, count: number): string[] {
  return log.lines
    .filter((line) => line.trim() !== '')
    .slice(-count)
    .map((line) => truncate(line, MAX_LINE_LENGTH));
}
