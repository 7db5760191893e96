import { describe, expect, it } from 'vitest';
import { AppError, call, toAppError } from './bridge';

describe('toAppError', () => {
  it('reads the code, field and params the backend sends as JSON', () => {
    const err = toAppError(new Error(JSON.stringify({ code: 'member.email_invalid', field: 'email', params: { email: 'x@' }, message: 'bad' })));
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('member.email_invalid');
    expect(err.field).toBe('email');
    expect(err.params).toEqual({ email: 'x@' });
  });

  it('turns a transport failure into an internal error that keeps its text', () => {
    const err = toAppError(new Error('Call to api.Team.ListMembers timed out'));
    expect(err.code).toBe('internal');
    expect(err.message).toContain('timed out');
  });
});

describe('call', () => {
  it('passes results through and rethrows failures as AppError', async () => {
    await expect(call(async () => 42)).resolves.toBe(42);
    await expect(call(async () => Promise.reject(new Error('{"code":"member.name_required","field":"name","message":"x"}')))).rejects.toMatchObject({
      code: 'member.name_required',
      field: 'name',
    });
  });
});
