import { Writable } from 'node:stream';
import { createLogger } from '../../../src/common/logger';

function capture(): { stream: Writable; lines: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, lines: () => chunks.join('') };
}

describe('createLogger', () => {
  it('censors credentials at the top level and nested three levels down', () => {
    const { stream, lines } = capture();
    const log = createLogger('info', stream);
    log.info({ password: 'pw-top', req: { body: { password: 'pw-nested', refreshToken: 'rt-nested' } } }, 'line');
    log.info({ ctx: { req: { body: { newPassword: 'pw-deep' } } } }, 'line');
    expect(lines()).not.toMatch(/pw-top|pw-nested|rt-nested|pw-deep/);
    expect(lines()).toContain('[redacted]');
  });

  it('censors Authorization and Cookie headers wherever a request is logged', () => {
    const { stream, lines } = capture();
    const log = createLogger('info', stream);
    log.info(
      { req: { headers: { authorization: 'Bearer abc.def.ghi', cookie: 'sid=1' } }, headers: { authorization: 'JWT x.y.z' } },
      'line',
    );
    expect(lines()).not.toMatch(/abc\.def\.ghi|sid=1|x\.y\.z/);
  });
});

describe('createLogger: redaction at any depth', () => {
  it('censors credentials however deep they sit, in arrays too', () => {
    const { stream, lines } = capture();
    const log = createLogger('info', stream);
    log.info({ a: { b: { c: { d: { e: { f: { password: 'pw-depth-6', list: [{ refreshToken: 'rt-in-array' }] } } } } } } }, 'line');
    expect(lines()).not.toMatch(/pw-depth-6|rt-in-array/);
    expect(lines()).toContain('[redacted]');
  });

  it('censors headers by any capitalisation, Set-Cookie, secrets and a child logger’s bindings', () => {
    const { stream, lines } = capture();
    const log = createLogger('info', stream).child({ context: { jwtSecret: 'secret-in-binding' } });
    log.info(
      { res: { headers: { 'Set-Cookie': 'sid=abc', Authorization: 'Bearer h.p.s' } }, config: { METRICS_TOKEN: 'mt-value' } },
      'line',
    );
    expect(lines()).not.toMatch(/secret-in-binding|sid=abc|h\.p\.s|mt-value/);
  });

  it('keeps what only looks like a credential readable, and survives a circular object', () => {
    const { stream, lines } = capture();
    const log = createLogger('info', stream);
    const circular: Record<string, unknown> = { tokenVersion: 3, tokenExpiresAt: 123 };
    circular.self = circular;
    log.info(circular, 'line');
    expect(JSON.parse(lines())).toMatchObject({ tokenVersion: 3, tokenExpiresAt: 123, self: '[circular]' });
  });
});
