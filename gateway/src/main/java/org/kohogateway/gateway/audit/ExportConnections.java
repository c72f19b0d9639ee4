package org.kohogateway.gateway.audit;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.kohogateway.gateway.support.BusyException;
import org.kohogateway.gateway.support.DatabaseProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The connections CSV exports and the audit chain check read on: a small pool of their own, so that downloads whose
 * readers are slow (a CSV streams row by row while the client takes it) hold these, never the connections claims and
 * pauses wait for. One more than the pool holds waits {@code gateway.export.wait-for}, then is refused as busy (503).
 *
 * <p>Not a {@code DataSource} bean: one would take the place of the main pool in Spring Boot's configuration.
 */
@Component
class ExportConnections implements DisposableBean {

    private final HikariDataSource pool;
    private final ExportProperties properties;
    /** Fails fast where the pool would queue for its connection timeout, with a refusal the caller understands. */
    private final Semaphore permits;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    ExportConnections(DataSourceProperties dataSource, ExportProperties properties, DatabaseProperties database) {
        this.properties = properties;
        this.pool = dataSource.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        pool.setPoolName("export");
        // long reads are what this pool is for, so no statement timeout; but never a wait on a lock without end
        pool.setConnectionInitSql("set lock_timeout = '" + database.lockTimeout().toMillis() + "ms'");
        pool.setMaximumPoolSize(properties.maxConnections());
        pool.setMinimumIdle(0);
        this.permits = new Semaphore(properties.maxConnections(), true);
        JdbcTemplate streaming = new JdbcTemplate(pool);
        // PostgreSQL streams with a fetch size only inside a transaction, hence the read-only one below
        streaming.setFetchSize(1000);
        this.jdbc = new NamedParameterJdbcTemplate(streaming);
        this.readOnly = new TransactionTemplate(new DataSourceTransactionManager(pool));
        readOnly.setReadOnly(true);
    }

    /** Runs {@code work} in a read-only transaction on an export connection, once one is free. */
    <T> T read(Function<NamedParameterJdbcTemplate, T> work) {
        if (!acquire()) {
            throw new BusyException("audit.exportsBusy", properties.maxConnections()
                    + " exports or chain checks are running already; try again in a moment", properties.maxConnections());
        }
        try {
            return readOnly.execute(status -> work.apply(jdbc));
        } finally {
            permits.release();
        }
    }

    private boolean acquire() {
        try {
            return permits.tryAcquire(properties.waitFor().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void destroy() {
        pool.close();
    }
}
