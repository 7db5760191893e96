// The typed call wrapper: every call into the Go backend goes through
// `call`, which turns a rejected promise into an AppError carrying the
// backend's stable error code (the i18n key under "errors.").

export interface AppErrorShape {
  code: string;
  field?: string;
  params?: Record<string, unknown>;
  message: string;
}

/** AppError is a backend error with a stable, translatable code. */
export class AppError extends Error {
  readonly code: string;
  readonly field?: string;
  readonly params: Record<string, unknown>;

  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.name = 'AppError';
    this.code = shape.code;
    this.field = shape.field;
    this.params = shape.params ?? {};
  }
}

/** toAppError reads the backend's JSON error out of whatever was thrown. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const text = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  try {
    const parsed = JSON.parse(text) as Partial<AppErrorShape>;
    if (parsed && typeof parsed.code === 'string') {
      return new AppError({
        code: parsed.code,
        field: parsed.field,
        params: parsed.params,
        message: parsed.message ?? parsed.code,
      });
    }
  } catch {
    // not JSON: a transport error, shown as an internal error below
  }
  return new AppError({ code: 'internal', message: text || 'unknown error' });
}

/** call runs a backend call and rethrows failures as AppError. */
export async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toAppError(err);
  }
}
