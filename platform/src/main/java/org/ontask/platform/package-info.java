/**
 * Spring Boot auto-configuration shared by every servlet service of OnTask: sessions in
 * Redis with one JSON serialisation, security defaults, errors as Problem Details or a
 * friendly page, the shared page layout, metric tags and the transactional outbox to
 * RabbitMQ. It holds no domain types.
 */
package org.ontask.platform;
