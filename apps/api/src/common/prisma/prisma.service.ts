import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from '@prisma/client';
import pg from 'pg';
import { APP_CONFIG, AppConfig } from '../config/app.config';

/**
 * The one database client; repositories are its only users. Prisma runs over a pg pool that is
 * also open to repositories for the hottest statements (patient read and search), which skip the
 * ORM's row mapping: measured, it costs about 40% of their throughput.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  readonly pool: pg.Pool;
  private readonly logger = new Logger('PrismaService');

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
    super({ adapter: new PrismaPg(pool) });
    this.pool = pool;
    // An idle connection that the server ends (restart, failover) is dropped from the pool and
    // replaced on next use; unhandled, its error would crash the process.
    pool.on('error', (error) => this.logger.warn({ err: error.message }, 'Idle database connection lost'));
  }

  /** Runs a `Prisma.sql` statement straight on the pool. */
  async rows<T>(statement: Prisma.Sql): Promise<T[]> {
    return (await this.pool.query(statement.text, statement.values)).rows as T[];
  }

  async onModuleDestroy() {
    await this.$disconnect();
    await this.pool.end();
  }
}
