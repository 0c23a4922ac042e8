// `waspada tokens create --username U`: an API bearer token, printed once as the last line; only its
// SHA-256 digest is stored.
import { openCommandStore } from '../open-store.js';
import { CliError, cliContext, type RegisterCommand } from '../program.js';
import { cliActor } from './users.js';

export const registerTokens: RegisterCommand = (program) => {
  const tokens = program.command('tokens').description('API tokens.\nToken API.');
  tokens
    .command('create')
    .description('Create an API token for a user (printed once).\nBuat token API untuk pengguna (ditampilkan sekali).')
    .requiredOption('--username <name>', 'the user the token acts as')
    .option('--label <label>', 'what the token is for', '')
    .action(async (opts: { username: string; label: string }) => {
      const { config } = cliContext();
      const { createToken, UserError } = await import('../../review/auth-service.js');
      const opened = await openCommandStore(config, 'tokens');
      try {
        const token = await createToken(opened.store, opts.username, opts.label, cliActor(), config.apiTokenTtlDays);
        process.stderr.write(`token for ${opts.username} (store it now; it cannot be shown again):\n`);
        process.stdout.write(`${token}\n`);
      } catch (error) {
        if (error instanceof UserError) throw new CliError(error.message);
        throw error;
      } finally {
        await opened.close();
      }
    });
  tokens
    .command('revoke')
    .description("Revoke all of a user's tokens.\nCabut semua token pengguna.")
    .requiredOption('--username <name>', 'user')
    .action(async (opts: { username: string }) => {
      const { config } = cliContext();
      const opened = await openCommandStore(config, 'tokens');
      try {
        const user = await opened.store.users.byUsername(opts.username);
        if (!user) throw new CliError(`no user ${opts.username}`);
        const n = await opened.store.tokens.revokeAll(user.id);
        await opened.store.audit.append({ actor: cliActor(), action: 'token.revoke', subject: `user:${opts.username}`, data: { count: n } });
        process.stdout.write(`${n} token(s) revoked\n`);
      } finally {
        await opened.close();
      }
    });
};
