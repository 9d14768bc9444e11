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
