// Typed errors for unexpected failures. Expected failures are values (see LineError, Result).

/** Base class: every Yardstick error has a stable `code` a caller can switch on. */
export class YardstickError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'YardstickError';
    this.code = code;
  }
}

/** The user (or a caller) cancelled. Never shown as a failure. */
export class AbortError extends YardstickError {
  constructor(message = 'Cancelled') {
    super('aborted', message);
    this.name = 'AbortError';
  }
}

/** Storage quota exceeded; the operation was rolled back. */
export class QuotaError extends YardstickError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('quota-exceeded', message, options);
    this.name = 'QuotaError';
  }
}

/** Input that cannot be used at all (as opposed to a bad line among good ones). */
export class InputError extends YardstickError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('invalid-input', message, options);
    this.name = 'InputError';
  }
}

export function isAbort(e: unknown): boolean {
  return (
    (e instanceof Error && (e.name === 'AbortError' || (e as { code?: unknown }).code === 'aborted')) ||
    (typeof DOMException !== 'undefined' && e instanceof DOMException && e.name === 'AbortError')
  );
}

/** Throws AbortError when the signal has fired. Call between units of work. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new AbortError();
}

/** Exhaustiveness check for discriminated unions. */
export function assertNever(x: never): never {
  throw new YardstickError('unreachable', `Unexpected value: ${JSON.stringify(x)}`);
}
