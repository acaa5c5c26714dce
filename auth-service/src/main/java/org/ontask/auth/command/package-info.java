/**
 * auth-service started as a one-off command instead of a web server, for
 * {@code ./ontask admin create-superuser} and {@code ./ontask admin import-users}: it
 * does the work through the same services as the admin pages, waits for its events to
 * reach RabbitMQ, and exits with a status.
 */
package org.ontask.auth.command;
