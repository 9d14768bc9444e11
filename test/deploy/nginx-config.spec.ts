import { loadCompose, readEnvFile, ENV_EXAMPLE } from '../support/compose';
import { loopbackUpstreams, nginxConfigTest, preparePrefix, renderNginxTemplate, requireNginx } from '../support/nginx';

/**
 * deploy/nginx/templates/default.conf.template, rendered as the nginx image renders it, must pass
 * `nginx -t` (Debian's nginx). Compose's upstream (`server app:3000 resolve`) only resolves inside
 * Docker's network and needs nginx >= 1.27.3, so the upstream lines are loopback ones here; every
 * other line is the file compose mounts.
 */
describe('nginx configuration', () => {
  beforeAll(() => requireNginx());

  it('passes nginx -t with the upstream list on loopback', () => {
    const prefix = preparePrefix({ NGINX_LISTEN: '127.0.0.1:18080', CHAT_UPSTREAM_SERVERS: loopbackUpstreams([13001, 13002]) });
    try {
      const result = nginxConfigTest(prefix.prefix, prefix.conf);
      expect(result.output).toContain('syntax is ok');
      expect(result.output).toContain('test is successful');
      expect(result.status).toBe(0);
    } finally {
      prefix.remove();
    }
  });

  it('fails nginx -t when the template is broken (the check is not vacuous)', () => {
    const prefix = preparePrefix({ NGINX_LISTEN: '127.0.0.1:18080', CHAT_UPSTREAM_SERVERS: 'server 127.0.0.1:13001 no_such_parameter;' });
    try {
      const result = nginxConfigTest(prefix.prefix, prefix.conf);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('no_such_parameter');
    } finally {
      prefix.remove();
    }
  });

  it('gets from docker-compose.yml every variable the template uses', () => {
    const nginx = loadCompose(readEnvFile(ENV_EXAMPLE)).services.nginx;
    const { NGINX_LISTEN, CHAT_UPSTREAM_SERVERS } = nginx.environment ?? {};
    expect(() => renderNginxTemplate({ NGINX_LISTEN, CHAT_UPSTREAM_SERVERS })).not.toThrow();
    expect(CHAT_UPSTREAM_SERVERS).toBe('server app:3000 resolve;');
    expect(nginx.ports).toEqual([`8080:${NGINX_LISTEN}`]);
  });

  it('upgrades WebSocket connections and balances without stickiness', () => {
    const text = renderNginxTemplate({ NGINX_LISTEN: '8080', CHAT_UPSTREAM_SERVERS: 'server app:3000 resolve;' });
    expect(text).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(text).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
    expect(text).toMatch(/proxy_http_version 1\.1;/);
    // WebSocket-only transport instead of ip_hash: see README, Deployment.
    expect(text).not.toMatch(/^\s*ip_hash;/m);
    expect(text).toMatch(/^\s*least_conn;/m);
  });
});
