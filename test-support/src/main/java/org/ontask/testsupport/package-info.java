/**
 * Real PostgreSQL, Redis, AMQP and SMTP servers for tests and for {@code ./ontask start}:
 * resolved from the environment, then Testcontainers when a Docker engine answers, then
 * embedded servers, so no test is ever skipped for lack of infrastructure.
 */
package org.ontask.testsupport;
