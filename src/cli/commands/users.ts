// `waspada users add|list|disable`: console accounts. The password is read from stdin, never from
// the command line (where it would land in shell history and `ps`).
import os from 'node:os';
import { Option } from 'commander';
import { Role } from '../../review/roles.js';
import { openCommandStore } from '../open-store.js';
import { CliError, cliContext, type RegisterCommand } from '../program.js';

export function cliActor(): string {
  return `cli:${os.userInfo().username}`;
}

/** The first line of stdin (a pipe, or typed at a terminal). */
export async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('password (input is visible; pipe it in to avoid that): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (process.stdin.isTTY && String(chunk).includes('\n')) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

export const registerUsers: RegisterCommand = (program) => {
  const users = program.command('users').description('Console users and roles.\nPengguna konsol dan perannya.');
  users
    .command('add')
    .description('Add a user; the password is read from stdin.\nTambah pengguna; kata sandi dibaca dari stdin.')
    .requiredOption('--username <name>', 'login name')
    .addOption(new Option('--role <role>', 'role').choices(Role.options).makeOptionMandatory())
    .action(async (opts: { username: string; role: Role }) => {
      const password = await readPasswordFromStdin();
      const { config } = cliContext();
      const { addUser, UserError } = await import('../../review/auth-service.js');
      const opened = await openCommandStore(config, 'users');
      try {
        await addUser(opened.store, opts.username, opts.role, password, cliActor());
        process.stdout.write(`user ${opts.username} added with role ${opts.role}\n`);
      } catch (error) {
        if (error instanceof UserError) throw new CliError(error.message);
        throw error;
      } finally {
        await opened.close();
      }
    });
  users
    .command('list')
    .description('List users.\nDaftar pengguna.')
    .option('--json', 'one JSON object per line')
    .action(async (opts: { json?: boolean }) => {
      const { config } = cliContext();
      const opened = await openCommandStore(config, 'users');
      try {
        for (const u of await opened.store.users.list()) {
          process.stdout.write(opts.json ? `${JSON.stringify(u)}\n` : `${u.username}\t${u.role}${u.disabled ? '\tdisabled' : ''}\n`);
        }
      } finally {
        await opened.close();
      }
    });
  users
    .command('disable')
    .description('Disable a user: ends their sessions and refuses their tokens.\nNonaktifkan pengguna.')
    .requiredOption('--username <name>', 'login name')
    .action(async (opts: { username: string }) => {
      const { config } = cliContext();
      const opened = await openCommandStore(config, 'users');
      try {
        if (!(await opened.store.users.setDisabled(opts.username, true))) throw new CliError(`no user ${opts.username}`);
        await opened.store.audit.append({ actor: cliActor(), action: 'user.disable', subject: `user:${opts.username}` });
        process.stdout.write(`user ${opts.username} disabled\n`);
      } finally {
        await opened.close();
      }
    });
};
