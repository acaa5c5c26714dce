/**
 * Administration of accounts, for administrators only: list and search, create (page and
 * {@code /api/users}).
 */
package org.ontask.auth.admin;
