// Two database roles: the owner runs the migrations and owns every table, trigger and function; the
// runtime role serves requests and owns nothing, so it cannot disable or drop the triggers that keep
// signed records and the audit trail unchangeable, and it may only add to and read the audit trail.
import pg from 'pg';
import { migrateDeploy } from './migrate';

/** The role's name in a connection URL. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/**
 * Creates a login role unless one of that name exists (its password is then left as it is). Roles
 * are cluster-wide, so runs that share a server may create the same role at once: losing that race
 * is fine.
 */
export async function ensureLoginRole(client: pg.Client, name: string, password: string): Promise<void> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
  if (rowCount) return;
  try {
    // Spelled out, though they are the defaults: what neither role needs.
    await client.query(
      `CREATE ROLE ${client.escapeIdentifier(name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`,
    );
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== '42710' && code !== '23505') throw error; // created meanwhile by another run
  }
}

/**
 * Gives `runtimeRole` what request traffic needs on everything the migrations made, and no more:
 * read and write on the tables, INSERT and SELECT only on the audit trail, SELECT only on the course
 * outcomes the triggers keep, nothing on the migration
 * history, no TRUNCATE, no CREATE. Default privileges cover tables later migrations add; applied
 * again after every `migrate deploy`, from scratch, so it is idempotent. Run as the owner.
 */
export async function grantRuntimeRole(ownerUrl: string, runtimeRole: string): Promise<void> {
  const owner = roleOf(ownerUrl);
  if (owner === runtimeRole) {
    throw new Error(`the runtime role must differ from the owner role (both are "${owner}")`);
  }
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const app = client.escapeIdentifier(runtimeRole);
    const { rows } = await client.query<{ rolsuper: boolean; owns: string }>(
      `SELECT r.rolsuper, (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid)::text AS owns
       FROM pg_roles r WHERE r.rolname = $1`,
      [runtimeRole],
    );
    const role = rows[0];
    if (!role) throw new Error(`the runtime database role "${runtimeRole}" does not exist`);
    if (role.rolsuper) throw new Error(`the runtime database role "${runtimeRole}" is a superuser; it must not be`);
    if (role.owns !== '0') {
      throw new Error(
        `the runtime database role "${runtimeRole}" owns tables in this database; give them to the owner role (REASSIGN OWNED BY ${runtimeRole} TO ${owner})`,
      );
    }
    await client.query(`BEGIN`);
    // Instances starting together would otherwise update the same catalog rows at once.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('cadence:grant-runtime-role'))`);
    await client.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
    await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${app}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
    await client.query(`REVOKE UPDATE, DELETE ON "AuditEvent" FROM ${app}`);
    // Written only by their triggers' functions, as the owner, from the records they summarise.
    await client.query(`REVOKE INSERT, UPDATE, DELETE ON "CourseOutcome" FROM ${app}`);
    await client.query(`REVOKE INSERT, UPDATE, DELETE ON "PatientSearchGram" FROM ${app}`);
    await client.query(`REVOKE ALL ON "_prisma_migrations" FROM ${app}`);
    await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${app}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
    await client.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
    );
    await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`);
    await client.query(`COMMIT`);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Start-up: applies the migrations as the owner role, then grants the runtime role its privileges.
 * Returns the owner's URL, for the other start-up writes (catalogue, demo seed).
 */
export async function migrateAsOwner(config: { databaseUrl: string; databaseOwnerUrl?: string }): Promise<string> {
  if (!config.databaseOwnerUrl) {
    console.warn(
      'DATABASE_OWNER_URL is not set: migrations and requests share the DATABASE_URL role, which can then switch off the triggers that protect the audit trail (see "Database roles" in the README)',
    );
    await migrateDeploy(config.databaseUrl);
    return config.databaseUrl;
  }
  await migrateDeploy(config.databaseOwnerUrl);
  await grantRuntimeRole(config.databaseOwnerUrl, roleOf(config.databaseUrl));
  return config.databaseOwnerUrl;
}
