/**
 * The OpenAPI description of a service's {@code /api/**}: a title, a description and the
 * bearer-token scheme, from {@code ontask.api-docs.*}, for every service that has
 * springdoc on its classpath. The gateway's {@code /api-docs} page browses them all.
 */
package org.ontask.platform.apidocs;
