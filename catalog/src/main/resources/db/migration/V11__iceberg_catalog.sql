-- Iceberg tables for every dataset (ADR 0039): the two tables of Apache Iceberg's JdbcCatalog (schema V1,
-- as iceberg-core 1.12 creates them), created here so that they live in the catalog's own schema on
-- PostgreSQL (Iceberg's own check finds such a table in ANY schema of the database and then skips creating
-- it) and so that H2 needs no Iceberg upgrade check (it looks the V1 column up in lower case, H2 answers
-- upper case, and the second start fails adding it again). The hub opens Iceberg's catalog with
-- jdbc.init-catalog-tables=false. Lakehub's own tables stay the source of truth; these are a projection.
CREATE TABLE iceberg_tables (
    catalog_name               VARCHAR(255) NOT NULL,
    table_namespace            VARCHAR(255) NOT NULL,
    table_name                 VARCHAR(255) NOT NULL,
    metadata_location          VARCHAR(1000),
    previous_metadata_location VARCHAR(1000),
    iceberg_type               VARCHAR(5),
    PRIMARY KEY (catalog_name, table_namespace, table_name)
);

CREATE TABLE iceberg_namespace_properties (
    catalog_name   VARCHAR(255) NOT NULL,
    namespace      VARCHAR(255) NOT NULL,
    property_key   VARCHAR(255),
    property_value VARCHAR(1000),
    PRIMARY KEY (catalog_name, namespace, property_key)
);
