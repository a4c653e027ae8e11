package com.computemarket.testsupport;

/** A running PostgreSQL server on which each service gets a database of its own. */
public interface PostgresServer extends AutoCloseable {

    String jdbcUrl(String database);

    String username();

    String password();

    /** Creates the database unless it exists; names are lower-case letters, digits and underscores. */
    void createDatabaseIfMissing(String database);

    @Override
    void close();
}
