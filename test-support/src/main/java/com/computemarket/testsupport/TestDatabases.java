package com.computemarket.testsupport;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/** Databases on the JVM's shared PostgreSQL server, handed to Boot as connection details. */
public final class TestDatabases {

    /** Creates the database if needed; Boot's DataSource and Flyway then connect to it without any properties. */
    public static JdbcConnectionDetails connectionDetails(String database) {
        PostgresServer postgres = TestInfrastructure.shared().postgres();
        postgres.createDatabaseIfMissing(database);
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return postgres.username();
            }

            @Override
            public String getPassword() {
                return postgres.password();
            }

            @Override
            public String getJdbcUrl() {
                return postgres.jdbcUrl(database);
            }
        };
    }

    private TestDatabases() {
    }
}
