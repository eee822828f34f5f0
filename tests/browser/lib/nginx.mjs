// Serves a dist/ directory through Debian's nginx with the project's own server block,
// deploy/nginx.conf, so the browser tests exercise what a deployer runs: brotli_static and
// gzip_static, the MIME types, the Content-Security-Policy and the other headers, caching.
//
// nginx runs in the foreground as a child of the test process, with a prefix directory of its
// own (config, pid, logs, temp files) under the OS temp dir, on a free port of 127.0.0.1.
// Only the three host-specific lines of the shipped file are rewritten: `listen`,
// `server_name` and `root`. A shipped file without them fails loudly here.

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const nginxPath = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
export const brotliModule = process.env.NGINX_BROTLI_MODULE ?? '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
export const shippedConfig = path.join(repoRoot, 'deploy', 'nginx.conf');

/** A free TCP port on 127.0.0.1 (nginx binds it right after; a clash makes startup fail clearly). */
async function freePort() {
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The shipped server block with this run's port and root. */
export async function serverBlock(root, port) {
  const text = await readFile(shippedConfig, 'utf8');
  let out = text;
  for (const [pattern, replacement] of [
    [/^(\s*)listen\s+[^;]+;/m, `$1listen 127.0.0.1:${port};`],
    [/^(\s*)server_name\s+[^;]+;/m, '$1server_name 127.0.0.1;'],
    [/^(\s*)root\s+[^;]+;/m, `$1root ${root};`],
  ]) {
    if (!pattern.test(out)) throw new Error(`${shippedConfig}: no line matching ${pattern} to point at this run`);
    out = out.replace(pattern, replacement);
  }
  return out;
}

/** Waits until something accepts connections on `port`, or `child` exits. */
async function waitListening(port, child, logFile) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ok = await new Promise((resolve) => {
      const sock = connect(port, '127.0.0.1', () => {
        sock.end();
        resolve(true);
      });
      sock.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  const log = await readFile(logFile, 'utf8').catch(() => '');
  throw new Error(`nginx did not start on 127.0.0.1:${port} (exit ${child.exitCode}): ${log.trim() || 'no error log'}`);
}

/**
 * Serves `root` through nginx with deploy/nginx.conf on http://127.0.0.1:<free port>/.
 * Returns { url, close() }.
 */
export async function serveWithNginx(root) {
  root = path.resolve(root);
  const prefix = await mkdtemp(path.join(os.tmpdir(), 'cidrplan-nginx-'));
  const port = await freePort();
  const logFile = path.join(prefix, 'error.log');
  await writeFile(path.join(prefix, 'cidrplan.conf'), await serverBlock(root, port));
  // As root, nginx would run its workers as `nobody`, who may not read a checkout under
  // /root: keep them as the test's own user.
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  await writeFile(
    path.join(prefix, 'nginx.conf'),
    `${user}load_module ${brotliModule};
worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${logFile} warn;
events { worker_connections 256; }
http {
  access_log off;
  default_type application/octet-stream;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  include ${prefix}/cidrplan.conf;
}
`,
  );
  const child = spawn(nginxPath, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const spawnError = new Promise((_, reject) => child.once('error', (err) => reject(new Error(`cannot run ${nginxPath}: ${err.message} (cargo xtask setup installs it)`))));
  try {
    await Promise.race([waitListening(port, child, logFile), spawnError]);
  } catch (err) {
    child.kill('SIGKILL');
    await rm(prefix, { recursive: true, force: true });
    throw new Error(`${err.message}${stderr ? `; stderr: ${stderr.trim()}` : ''}`);
  }
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(prefix, { recursive: true, force: true });
    },
  };
}
