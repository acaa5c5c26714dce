/**
 * SQL sources: a user's connections to remote PostgreSQL databases (passwords encrypted
 * with AES-GCM) and read-only queries whose result enters the upload wizard.
 */
package org.ontask.dataops.sqlsource;
