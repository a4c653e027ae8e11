-- One PostgreSQL server, one database per service (each service owns its schema through Flyway).
-- Runs once, when the data volume is first initialised. Keep in sync with
-- deploy/compose/init-databases.sql (deploy/validate.sh checks that they are identical).
CREATE DATABASE gateway;
CREATE DATABASE matching;
CREATE DATABASE escrow;
CREATE DATABASE verification;
CREATE DATABASE reputation;
CREATE DATABASE chain;
