package org.ontask.dataops.sqlsource;

/**
 * A stored SQL connection as pages see it: never the password, only whether one is
 * stored.
 *
 * @param id the id
 * @param name the name, unique per user ignoring case
 * @param jdbcUrl the PostgreSQL JDBC URL
 * @param user the database user
 * @param hasPassword whether an (encrypted) password is stored
 */
record SqlConnection(long id, String name, String jdbcUrl, String user, boolean hasPassword) {

}
