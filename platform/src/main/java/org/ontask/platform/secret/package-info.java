/**
 * Credentials kept at rest (SQL-source passwords, delivery tokens): sealed with AES-GCM
 * under a key derived from the installation's {@code ONTASK_SECRET_KEY}.
 */
package org.ontask.platform.secret;
