/**
 * Administration, for administrators only (checked on the server, {@link AdminSecurity}):
 * accounts (list, search, create, edit, password, deactivate, reactivate, delete) as
 * pages and as {@code /api/users}, groups and their roles and members, and the bulk
 * import of accounts from a CSV column of emails.
 */
package org.ontask.auth.admin;
