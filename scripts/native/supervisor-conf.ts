import type { ServiceName } from '@fractafrag/core/topology';

export interface Program {
  name: ServiceName;
  command: string;
  directory: string;
  env: Record<string, string>;
  /** OS user the program runs as (supervisord must run as root to switch). */
  user?: string;
  stopSignal?: 'TERM' | 'INT';
  /** Lower starts first and stops last (supervisord's default is 999). */
  priority?: number;
  /** Seconds a process must stay up to count as started (else it is retried). */
  startSecs?: number;
}

const quote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%')}"`;

/**
 * supervisord supervises the native stack (restarts a crashed service, keeps per-service logs).
 * Programs do not autostart: the stack runner starts them in topology order behind health gates.
 */
export function supervisorConf(runDir: string, programs: Program[]): string {
  const head = `[unix_http_server]
file=${runDir}/supervisor.sock

[supervisord]
logfile=${runDir}/logs/supervisord.log
pidfile=${runDir}/supervisord.pid
childlogdir=${runDir}/logs
nodaemon=false
user=root

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://${runDir}/supervisor.sock
`;
  const sections = programs.map(
    (p) => `
[program:${p.name}]
command=${p.command}
directory=${p.directory}
autostart=false
autorestart=true
startsecs=${p.startSecs ?? 1}
startretries=100
stopsignal=${p.stopSignal ?? 'TERM'}
priority=${p.priority ?? 999}
${p.user ? `user=${p.user}\n` : ''}stopwaitsecs=30
stopasgroup=true
killasgroup=true
redirect_stderr=true
stdout_logfile=${runDir}/logs/${p.name}.log
stdout_logfile_maxbytes=20MB
stdout_logfile_backups=2
environment=${Object.entries(p.env)
      .map(([k, v]) => `${k}=${quote(v)}`)
      .join(',')}
`,
  );
  return head + sections.join('');
}
